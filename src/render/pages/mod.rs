//! One module per page type, each a function of the shared render context that fills the
//! struct its template receives (so each template's contract is visible in one place).

pub(super) mod assessment;
pub(super) mod content;
pub(super) mod definitions;
pub(super) mod home;
pub(super) mod region;
pub(super) mod regions;
pub(super) mod simple;
