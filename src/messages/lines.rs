//! The fixed lines of a run (summary, failure, "... and N more") and a problem as text output
//! prints it, in both languages.

use super::{translate, Lang};
use crate::diagnostics::{Diagnostic, Severity};

/// "error" / "kesalahan", "warning" / "peringatan".
pub fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Error, Lang::Id) => "kesalahan",
        (Severity::Warning, Lang::Id) => "peringatan",
    }
}

/// A problem as text output prints it: `kesalahan: file:line:col: pesan` and a `saran:` line.
/// A file's place is never translated, so editors still jump to it; a workbook's sheet and cell
/// are (`lembar Kaltim, sel C14`).
pub fn render(d: &Diagnostic, lang: Lang) -> String {
    let (message, hint) = translate(&d.message, d.hint.as_deref(), lang);
    let mut s = format!(
        "{}: {}: {message}",
        severity_word(d.severity, lang),
        d.location.display_in(lang)
    );
    if let Some(h) = hint {
        let word = match lang {
            Lang::En => "hint",
            Lang::Id => "saran",
        };
        s.push_str(&format!("\n  {word}: {h}"));
    }
    s
}

/// The line after a capped list.
pub fn more_line(hidden: usize, per_file: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("... and {hidden} more (at most {per_file} per file and {total} in all are shown; fix these and run again)"),
        Lang::Id => format!("... dan {hidden} lagi (paling banyak {per_file} per berkas dan {total} seluruhnya yang ditampilkan; perbaiki yang ini lalu jalankan lagi)"),
    }
}

/// The last line of a failed run.
pub fn failed_line(errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let also = match warnings {
                0 => String::new(),
                n => format!(" and {n} warning(s)"),
            };
            format!("{errors} error(s){also}; nothing was written")
        }
        Lang::Id => {
            let also = match warnings {
                0 => String::new(),
                n => format!(" dan {n} peringatan"),
            };
            format!("{errors} kesalahan{also}; tidak ada yang ditulis")
        }
    }
}

/// The last line of a run stopped by `--strict`.
pub fn strict_line(warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("{warnings} warning(s) treated as errors (--strict); nothing was written")
        }
        Lang::Id => {
            format!("{warnings} peringatan dianggap kesalahan (--strict); tidak ada yang ditulis")
        }
    }
}

/// ", N warning(s)" for a summary line.
pub fn warnings_note(warnings: usize, lang: Lang) -> String {
    match (warnings, lang) {
        (0, _) => String::new(),
        (n, Lang::En) => format!(", {n} warning(s)"),
        (n, Lang::Id) => format!(", {n} peringatan"),
    }
}

/// The summary of a successful build.
pub fn built_line(
    pages: usize,
    charts: usize,
    files: usize,
    out: &str,
    ms: f64,
    note: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::En => format!("built {pages} pages, {charts} charts, {files} files into {out} in {ms:.0} ms{note}"),
        Lang::Id => format!("selesai: {pages} halaman, {charts} grafik, {files} berkas di {out} dalam {ms:.0} ms{note}"),
    }
}

/// The summary of a successful check.
#[allow(clippy::too_many_arguments)]
pub fn ok_line(
    regions: usize,
    metrics: usize,
    sources: usize,
    figures: usize,
    pages: usize,
    charts: usize,
    note: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::En => format!("ok: {regions} regions, {metrics} metrics, {sources} sources, {figures} figures, {pages} pages, {charts} charts{note}"),
        Lang::Id => format!("lolos pemeriksaan: {regions} wilayah, {metrics} metrik, {sources} sumber, {figures} angka, {pages} halaman, {charts} grafik{note}"),
    }
}
