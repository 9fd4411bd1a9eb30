//! What changed between two versions of a site: figures, ranks, target crossings, regions
//! with or without data, and sources.
//!
//! Both sides are reduced to a [`Snapshot`] first: the latest realised figure of every region
//! and metric (derived ratios included), each ranking with the year and basis it compares,
//! and the source list. A snapshot comes from a site folder (loaded and computed, nothing
//! written), from a published `data/summary.json`, or from a git revision of the site, so
//! `cakupan diff`, `cakupan diff --git` and `build --previous` share one comparison.

mod compare;
mod git;
mod present;
mod snapshot;

pub use compare::Report;
pub(crate) use compare::*;
pub(crate) use git::checkout_site;
pub(crate) use present::*;
pub(crate) use snapshot::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::Path;

/// What a failed comparison reports: which side failed and its diagnostics.
pub struct SideError {
    /// Which release could not be read (`old` or `new`).
    pub side: String,
    /// Why.
    pub diags: Diagnostics,
}

/// `cakupan diff OLD NEW`: both sides loaded, computed and compared.
pub fn diff_paths(old: &Path, new: &Path) -> Result<Report, SideError> {
    let a = load_side(old).map_err(|d| SideError {
        side: old.display().to_string(),
        diags: d,
    })?;
    let b = load_side(new).map_err(|d| SideError {
        side: new.display().to_string(),
        diags: d,
    })?;
    Ok(compare(&a, &b))
}

/// `cakupan diff --git REV`: the site at REV against the working copy.
pub fn diff_git(site: &Path, rev: &str) -> Result<Report, SideError> {
    let tmp = checkout_site(site, rev).map_err(|d| SideError {
        side: rev.to_string(),
        diags: d,
    })?;
    let a = snapshot_of_site(tmp.path()).map_err(|d| SideError {
        side: rev.to_string(),
        diags: relabel(d, &format!("{rev}:")),
    })?;
    let b = snapshot_of_site(site).map_err(|d| SideError {
        side: site.display().to_string(),
        diags: d,
    })?;
    Ok(compare(&a, &b))
}

/// Every diagnostic of a failed side, for callers that only want the list.
pub fn into_diagnostics(e: SideError) -> Vec<Diagnostic> {
    e.diags.into_sorted()
}
