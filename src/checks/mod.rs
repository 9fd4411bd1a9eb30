//! Checks that do not stop a build: figures that are possible but unlikely, and narratives that
//! still quote a figure a newer one has replaced.
//!
//! They run after `compute` (they need the derived figures and the series) and return warnings
//! only; `--strict` turns them into errors in `lib.rs`.

mod plausibility;
mod prose;

pub use plausibility::plausibility;
pub use prose::prose;
pub(crate) use prose::prose_page;
