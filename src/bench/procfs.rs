//! What `/proc` says about a process: its resident set, its peak resident set and the CPU
//! time it has used. Linux only, as the benches are; `None` when the process is gone.

/// A `kB` field of `/proc/<pid>/status` (`VmRSS`, `VmHWM`), in KiB.
fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}

/// Resident set of a process in KiB (`VmRSS`).
pub fn rss_kib(pid: u32) -> Option<u64> {
    status_kib(pid, "VmRSS")
}

/// Highest resident set of a process over its life so far in KiB (`VmHWM`), read by the
/// kernel at every change rather than sampled.
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    status_kib(pid, "VmHWM")
}

/// CPU time a process has used, user plus system, in seconds (`utime + stime` of
/// `/proc/<pid>/stat`).
pub fn cpu_secs(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the parenthesised command name (which may hold spaces); utime and
    // stime are the 12th and 13th of them.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // SAFETY: sysconf only reads a constant of the running system.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    Some(ticks / if hz > 0 { hz as f64 } else { 100.0 })
}

/// The whole machine's CPU time so far, summed over its cores: (busy, total) in clock
/// ticks, from the first line of `/proc/stat` (busy: all but idle and iowait).
pub fn machine_cpu_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let f: Vec<u64> = line
        .split_whitespace()
        .map(|v| v.parse().ok())
        .collect::<Option<_>>()?;
    // user nice system idle iowait irq softirq steal (guest time is inside user already).
    let total: u64 = f.iter().take(8).sum();
    let idle = f.get(3)? + f.get(4).copied().unwrap_or(0);
    Some((total - idle, total))
}

/// The share of the machine's CPU (all cores) that was busy between two readings of
/// [`machine_cpu_ticks`].
pub fn busy_share(before: (u64, u64), after: (u64, u64)) -> Option<f64> {
    let total = after.1.checked_sub(before.1).filter(|t| *t > 0)?;
    Some(after.0.saturating_sub(before.0) as f64 / total as f64)
}

/// CPU time this process has used, seconds.
pub fn process_cpu_secs() -> Option<f64> {
    cpu_secs(std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process() {
        let me = std::process::id();
        let (rss, peak) = (rss_kib(me).unwrap(), peak_rss_kib(me).unwrap());
        assert!(rss > 0 && peak >= rss, "rss {rss} KiB, peak {peak} KiB");
        // Burn a little CPU so the reading cannot be a constant.
        let before = cpu_secs(me).unwrap();
        let mut x = 0u64;
        let t = std::time::Instant::now();
        while t.elapsed() < std::time::Duration::from_millis(60) {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        }
        std::hint::black_box(x);
        assert!(cpu_secs(me).unwrap() > before);
        assert_eq!(cpu_secs(u32::MAX), None);
        let (busy, total) = machine_cpu_ticks().unwrap();
        assert!(busy > 0 && total > busy);
        let later = machine_cpu_ticks().unwrap();
        assert!(busy_share((busy, total), later).is_none_or(|s| (0.0..=1.0).contains(&s)));
    }
}
