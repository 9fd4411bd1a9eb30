//! Timings of the steps inside a stage on stderr when `CAKUPAN_TIMINGS=2`, for finding where a
//! large build spends its time without a profiler (`CAKUPAN_TIMINGS=1` prints the stages only).

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
                "    {step:>24}: {:>7.1} ms",
                last.elapsed().as_secs_f64() * 1000.0
            );
            self.last = Some(Instant::now());
        }
    }
}
