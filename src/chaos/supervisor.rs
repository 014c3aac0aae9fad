//! The stage processes of a chaos run: one `frontdesk run --stages <stage>` child per
//! stage, killed with SIGKILL and restarted on demand, their resident memory sampled.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::Context;

use crate::stages::StageKind;

/// One stage's process.
struct StageProcess {
    kind: StageKind,
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

/// Resident memory of one stage over a run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StageMemory {
    /// Peak resident set, MiB.
    pub peak_rss_mib: f64,
    /// Resident set when the run was a quarter done (after warm-up), MiB.
    pub rss_at_quarter_mib: f64,
    /// Resident set at the end of the run, MiB.
    pub rss_at_end_mib: f64,
    /// Times the process was killed and restarted.
    pub restarts: usize,
}

impl Supervisor {
    /// Starts one process per stage of `kinds`, configured by the TOML file `config`;
    /// their logs go to `log_dir/<stage>.log`.
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
            let child = s.spawn(kind)?;
            s.procs.push(StageProcess {
                kind,
                child,
                peak_rss_kib: 0,
                samples: Vec::new(),
                restarts: 0,
            });
        }
        Ok(s)
    }

    fn spawn(&self, kind: StageKind) -> anyhow::Result<Child> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_dir.join(format!("{}.log", kind.as_str())))?;
        let mut cmd = Command::new(&self.exe);
        no_inherited_descriptors(&mut cmd);
        cmd.arg("--config")
            .arg(&self.config)
            .args(["run", "--stages", kind.as_str()])
            .env("RUST_LOG", "warn")
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
        let child = self.spawn(kind)?;
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
                    p.kind.as_str().to_owned(),
                    StageMemory {
                        peak_rss_mib: mib(p.peak_rss_kib),
                        rss_at_quarter_mib: at(0.25),
                        rss_at_end_mib: at(1.0),
                        restarts: p.restarts,
                    },
                )
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

/// Resident set of a process in KiB (`VmRSS` of `/proc/<pid>/status`).
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}
