//! The stage processes of a chaos run or a backlog bench: `frontdesk run --stages <stage>`
//! children (one per stage, or several), killed with SIGKILL and restarted on demand, their
//! resident memory sampled and their CPU time read. None outlives the run: they are killed
//! when the supervisor is dropped (an error half-way), and with SIGKILL by the kernel when
//! this process dies without dropping it (see [`die_with_parent`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::Context;

use crate::bench::procfs::{cpu_secs, peak_rss_kib, rss_kib};
use crate::bench::quarters::by_quarter;
use crate::stages::StageKind;

/// One stage's process.
struct StageProcess {
    kind: StageKind,
    /// `router`, or `router#2` for the second process of the stage.
    label: String,
    child: Child,
    /// Highest resident set seen, in KiB, over all its incarnations.
    peak_rss_kib: u64,
    /// Resident set samples (KiB) of the current incarnation, one per sampling call.
    samples: Vec<u64>,
    restarts: usize,
}

/// The stage processes.
pub struct Supervisor {
    exe: PathBuf,
    config: PathBuf,
    log_dir: PathBuf,
    procs: Vec<StageProcess>,
    /// The PII vault's keys, the same for every stage process and restart.
    vault_env: Vec<(String, String)>,
}

/// What one stage process has used so far.
#[derive(Debug, Clone)]
pub struct ProcessUsage {
    /// `router`, `router#2`, ...
    pub label: String,
    /// Its stage.
    pub kind: StageKind,
    /// CPU time, user + system, seconds (`None`: the process is gone).
    pub cpu_secs: Option<f64>,
    /// Peak resident set of this incarnation, KiB.
    pub peak_rss_kib: Option<u64>,
}

/// Resident memory of one stage over a run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StageMemory {
    /// Peak resident set, MiB.
    pub peak_rss_mib: f64,
    /// Resident set when the run was a quarter done (after warm-up), MiB.
    pub rss_at_quarter_mib: f64,
    /// Resident set at the end of the run, MiB.
    pub rss_at_end_mib: f64,
    /// The median resident set of each quarter of the run's samples, MiB: one sample is
    /// noise (the allocator returns and takes back memory by the megabyte), a median that
    /// rises from quarter to quarter is growth.
    pub rss_median_by_quarter_mib: Vec<f64>,
    /// Times the process was killed and restarted.
    pub restarts: usize,
}

impl Supervisor {
    /// Starts one process per entry of `kinds` (a stage named twice runs in two processes
    /// of its consumer group), configured by the TOML file `config`; their logs go to
    /// `log_dir/<label>.log`.
    pub fn start(
        exe: &Path,
        config: &Path,
        log_dir: &Path,
        kinds: &[StageKind],
    ) -> anyhow::Result<Self> {
        let mut s = Supervisor {
            exe: exe.to_owned(),
            config: config.to_owned(),
            log_dir: log_dir.to_owned(),
            procs: Vec::new(),
            vault_env: crate::privacy::keys::child_env(&crate::privacy::PrivacyConfig::default()),
        };
        for &kind in kinds {
            let n = 1 + s.procs.iter().filter(|p| p.kind == kind).count();
            let label = match n {
                1 => kind.as_str().to_owned(),
                n => format!("{}#{n}", kind.as_str()),
            };
            let child = s.spawn(kind, &label)?;
            s.procs.push(StageProcess {
                kind,
                label,
                child,
                peak_rss_kib: 0,
                samples: Vec::new(),
                restarts: 0,
            });
        }
        Ok(s)
    }

    fn spawn(&self, kind: StageKind, label: &str) -> anyhow::Result<Child> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_dir.join(format!("{label}.log")))?;
        let mut cmd = Command::new(&self.exe);
        no_inherited_descriptors(&mut cmd);
        die_with_parent(&mut cmd);
        cmd.arg("--config")
            .arg(&self.config)
            // The mock cluster (or a one-broker tansu) has topics with one replica.
            .args(["run", "--demo", "--stages", kind.as_str()])
            // Warnings by default; `FRONTDESK_STAGE_LOG` (a `RUST_LOG` filter) to trace a run.
            .env(
                "RUST_LOG",
                std::env::var("FRONTDESK_STAGE_LOG").unwrap_or_else(|_| "warn".to_owned()),
            )
            .envs(self.vault_env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .with_context(|| format!("Failed to start the {} stage process", kind.as_str()))
    }

    /// SIGKILLs the process of stage number `i` (of [`Supervisor::len`]) and starts it again.
    pub fn kill_and_restart(&mut self, i: usize) -> anyhow::Result<StageKind> {
        let kind = self.procs[i].kind;
        let _ = self.procs[i].child.kill();
        let _ = self.procs[i].child.wait();
        let child = self.spawn(kind, &self.procs[i].label)?;
        let p = &mut self.procs[i];
        p.child = child;
        p.samples.clear();
        p.restarts += 1;
        Ok(kind)
    }

    /// Number of stage processes.
    pub fn len(&self) -> usize {
        self.procs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.procs.is_empty()
    }

    /// A process that exited by itself (not killed here), if any: a stage that failed.
    pub fn exited(&mut self) -> Option<(StageKind, std::process::ExitStatus)> {
        self.procs
            .iter_mut()
            .find_map(|p| match p.child.try_wait() {
                Ok(Some(status)) => Some((p.kind, status)),
                _ => None,
            })
    }

    /// Samples every process's resident set.
    pub fn sample(&mut self) {
        for p in &mut self.procs {
            if let Some(kib) = rss_kib(p.child.id()) {
                p.samples.push(kib);
                p.peak_rss_kib = p.peak_rss_kib.max(kib);
            }
        }
    }

    /// The resident memory of each stage so far.
    pub fn memory(&self) -> BTreeMap<String, StageMemory> {
        let mib = |kib: u64| kib as f64 / 1024.0;
        self.procs
            .iter()
            .map(|p| {
                let at = |share: f64| {
                    let i = ((p.samples.len() as f64 - 1.0) * share).round().max(0.0) as usize;
                    p.samples.get(i).copied().map_or(0.0, mib)
                };
                (
                    p.label.clone(),
                    StageMemory {
                        peak_rss_mib: mib(p.peak_rss_kib),
                        rss_at_quarter_mib: at(0.25),
                        rss_at_end_mib: at(1.0),
                        rss_median_by_quarter_mib: by_quarter(
                            &p.samples.iter().map(|k| mib(*k)).collect::<Vec<_>>(),
                            0.5,
                        ),
                        restarts: p.restarts,
                    },
                )
            })
            .collect()
    }

    /// Each running process's CPU time so far (user + system, seconds) and peak resident
    /// set (`VmHWM`, KiB), by label; read before [`Supervisor::stop`], while they run.
    pub fn usage(&self) -> Vec<ProcessUsage> {
        self.procs
            .iter()
            .map(|p| ProcessUsage {
                label: p.label.clone(),
                kind: p.kind,
                cpu_secs: cpu_secs(p.child.id()),
                peak_rss_kib: peak_rss_kib(p.child.id()),
            })
            .collect()
    }

    /// Stops every process with SIGTERM (a graceful drain), waiting for each.
    pub fn stop(mut self) {
        for p in &self.procs {
            let _ = Command::new("kill")
                .args(["-TERM", &p.child.id().to_string()])
                .status();
        }
        for p in &mut self.procs {
            let _ = p.child.wait();
        }
    }
}

impl Drop for Supervisor {
    /// A run that fails half-way leaves no stage process behind.
    fn drop(&mut self) {
        for p in &mut self.procs {
            let _ = p.child.kill();
            let _ = p.child.wait();
        }
    }
}

/// Makes `cmd`'s process receive SIGKILL when this one dies, so a run ended by a signal
/// (or killed itself) leaves no stage process behind; the normal paths stop them through
/// [`Supervisor::stop`] or its `Drop`.
///
/// The kernel sends it when the *thread* that started the child exits: the supervisors
/// start their children from the runtime's threads (the main thread or a worker), which
/// live as long as the process. A parent that died before the child armed it is caught by comparing the
/// parent's pid.
pub fn die_with_parent(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    let parent = std::process::id() as libc::pid_t;
    // SAFETY: the closure runs in the child between fork and exec; prctl, getppid and
    // _exit are async-signal-safe, and nothing is allocated or locked.
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if libc::getppid() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
}

/// Makes `cmd`'s process start with no descriptor of this one but its standard streams.
///
/// librdkafka's mock cluster (the embedded broker, in this process) accepts connections
/// without close-on-exec, so every stage process started after a connection was accepted
/// held a copy of that connection's broker-side socket. A connection the mock closed (a
/// broker taken down, a killed client) then stayed open to its client, which sent requests
/// nobody read until they timed out (`REQTMOUT`, sessions lost), and the sockets of a
/// broker's port still open in other processes can keep a broker set up again from
/// listening on it. This is what stalled the 10,000-ticket runs: the longer the run, the
/// more restarted stage processes held more of the broker's sockets.
pub fn no_inherited_descriptors(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the child between fork and exec; it only makes system
    // calls that are async-signal-safe (close_range, sysconf, fcntl), allocates nothing and
    // takes no lock.
    unsafe {
        cmd.pre_exec(|| {
            // Close-on-exec rather than close: the standard library's own pipe that reports
            // a failed exec must stay open until the exec.
            if libc::close_range(
                3,
                libc::c_uint::MAX,
                libc::CLOSE_RANGE_CLOEXEC as libc::c_int,
            ) != 0
            {
                // Kernels before 5.11: one descriptor at a time.
                let max = libc::sysconf(libc::_SC_OPEN_MAX).clamp(1024, 1 << 20) as libc::c_int;
                for fd in 3..max {
                    libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
                }
            }
            Ok(())
        });
    }
}
