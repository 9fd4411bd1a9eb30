//! Timings of the steps inside a stage on stderr when `CAKUPAN_TIMINGS=2`, for finding where a
//! large build spends its time without a profiler (`CAKUPAN_TIMINGS=1` prints the stages only).
//! Each step also shows the resident memory at its end and the peak so far (Linux), to find
//! which step sets a build's peak without a heap profiler.

use std::sync::OnceLock;
use std::time::Instant;

fn detailed() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("CAKUPAN_TIMINGS").is_ok_and(|v| v == "2"))
}

/// A clock for the steps of one stage.
pub(crate) struct Steps {
    last: Option<Instant>,
}

impl Steps {
    pub(crate) fn new() -> Steps {
        Steps {
            last: detailed().then(Instant::now),
        }
    }

    /// Prints the time since the last step as `step`.
    pub(crate) fn lap(&mut self, step: &str) {
        if let Some(last) = self.last {
            eprintln!(
                "    {step:>24}: {:>7.1} ms{}",
                last.elapsed().as_secs_f64() * 1000.0,
                memory()
            );
            self.last = Some(Instant::now());
        }
    }
}

/// `  (RSS now / peak MB)` from /proc/self/status; empty where that file does not exist.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    match (kb("VmRSS:"), kb("VmHWM:")) {
        (Some(now), Some(peak)) => format!(
            "  (RSS {:.1} / peak {:.1} MB{})",
            now as f64 / 1024.0,
            peak as f64 / 1024.0,
            heap()
        ),
        _ => String::new(),
    }
}

/// `; heap in use / free in the allocator MB` (glibc), to tell live memory from what the
/// allocator keeps after it was freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn heap() -> String {
    // `mallinfo`, not `mallinfo2`: the latter needs glibc 2.33 and would stop the whole binary
    // linking on older systems (Ubuntu 20.04) for the sake of a profiling line. Its counters
    // are C ints, read as unsigned here, so they are right up to 4 GiB.
    // SAFETY: mallinfo only reads the allocator's counters.
    let info = unsafe { libc::mallinfo() };
    let mb = |b: libc::c_int| b as u32 as f64 / 1048576.0;
    format!(
        "; heap {:.1} in use + {:.1} mapped / {:.1} free",
        mb(info.uordblks),
        mb(info.hblkhd),
        mb(info.fordblks)
    )
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn heap() -> String {
    String::new()
}

/// One line of `CAKUPAN_TIMINGS=2` output that is no step of its own.
pub(crate) fn note(text: &str) {
    if detailed() {
        eprintln!("    {text}");
    }
}
