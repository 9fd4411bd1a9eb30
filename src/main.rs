//! Command line: `cakupan build`, `cakupan check`, `cakupan serve`, `cakupan diff` and `cakupan new`.

use cakupan::diagnostics::{Diagnostic, Format};
use clap::{Parser, Subcommand};
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "cakupan",
    version,
    about = "Builds a coverage report site from data and markdown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a starter site for a province (Kemendagri code, e.g. 63) in a new folder
    New {
        /// Folder to create (must not exist or be empty)
        dir: PathBuf,
        /// Province code: 64 for Kalimantan Timur, 63 for Kalimantan Selatan
        #[arg(long)]
        province: String,
    },
    /// Build the site into the output folder (default: <site>/public)
    Build {
        /// Site folder (holds site.toml)
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Output folder
        #[arg(long)]
        out: Option<PathBuf>,
        /// Fail on any warning, writing nothing (for CI)
        #[arg(long)]
        strict: bool,
        /// Previous release (site folder, built site or its data/summary.json): publishes
        /// /perubahan/ and lists each region's changes on its page
        #[arg(long, value_name = "DIR_OR_SUMMARY_JSON")]
        previous: Option<PathBuf>,
        /// How problems are printed: text (for people, on stderr), json (one object on stdout)
        /// or github (workflow commands on stdout, shown as annotations)
        #[arg(long, default_value = "text", value_parser = Format::parse)]
        format: Format,
    },
    /// Check data, content and templates without writing anything
    Check {
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Fail on any warning (as `build --strict` would)
        #[arg(long)]
        strict: bool,
        /// How problems are printed: text (for people, on stderr), json (one object on stdout)
        /// or github (workflow commands on stdout, shown as annotations)
        #[arg(long, default_value = "text", value_parser = Format::parse)]
        format: Format,
    },
    /// Serve the site from memory, rebuilding and reloading open pages on every change
    Serve {
        /// Site folder (holds site.toml)
        #[arg(long, default_value = ".")]
        site: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but a loopback address shares the site with the network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in a browser
        #[arg(long)]
        open: bool,
    },
    /// Compare two versions of a site: figures, ranks, targets, regions and sources
    Diff {
        /// Old version: site folder, built site or data/summary.json
        #[arg(required_unless_present = "git", conflicts_with = "git")]
        old: Option<PathBuf>,
        /// New version: site folder, built site or data/summary.json
        #[arg(required_unless_present = "git", conflicts_with = "git")]
        new: Option<PathBuf>,
        /// Compare the working site with this git revision of it (HEAD, main, a tag)
        #[arg(long, value_name = "REV")]
        git: Option<String>,
        /// Site folder for --git
        #[arg(long, default_value = ".", requires = "git")]
        site: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
        format: DiffFormat,
        /// Exit with 1 when something changed (any) or when a rank moved (rank-change)
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
}

/// How `cakupan diff` prints its report.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DiffFormat {
    Md,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    RankChange,
    Any,
}

/// Prints problems, capped so one broken file cannot flood a terminal or a CI log.
fn print_capped(list: &[cakupan::diagnostics::Diagnostic]) {
    let (shown, hidden) = cakupan::diagnostics::capped(list);
    for d in shown {
        eprintln!("{d}");
    }
    if hidden > 0 {
        eprintln!(
            "... and {hidden} more (at most {} per file and {} in all are shown; fix these and run again)",
            cakupan::diagnostics::MAX_PER_FILE,
            cakupan::diagnostics::MAX_TOTAL
        );
    }
}

/// Prints every problem of a run as `--format json` or `github` asked. JSON is one object
/// even on success, so a script never has to tell "no problems" from "no output".
fn print_machine(format: Format, site: &Path, errors: &[Diagnostic], warnings: &[Diagnostic]) {
    match format {
        Format::Text => {}
        Format::Json => print!("{}", cakupan::diagnostics::to_json(errors, warnings)),
        Format::Github => {
            for d in errors.iter().chain(warnings) {
                println!("{}", cakupan::diagnostics::github_line(d, site));
            }
        }
    }
}

fn report(diags: cakupan::diagnostics::Diagnostics, format: Format, site: &Path) -> ExitCode {
    let (errors, warnings) = diags.into_all();
    if format != Format::Text {
        print_machine(format, site, &errors, &warnings);
        return ExitCode::from(1);
    }
    // A strict run stopped only by its warnings: print them as warnings and say why it failed.
    if errors.len() == 1 && cakupan::is_strict_stop(&errors[0]) {
        print_capped(&warnings);
        eprintln!(
            "{} warning(s) treated as errors (--strict); nothing was written",
            warnings.len()
        );
        return ExitCode::from(1);
    }
    print_capped(&errors);
    print_capped(&warnings);
    let also = match warnings.len() {
        0 => String::new(),
        n => format!(" and {n} warning(s)"),
    };
    eprintln!("{} error(s){also}; nothing was written", errors.len());
    ExitCode::from(1)
}

/// " (N warnings)" for a summary line, after printing them.
fn warnings_note(warnings: &[Diagnostic], format: Format, site: &Path) -> String {
    if format == Format::Text {
        print_capped(warnings);
    } else {
        print_machine(format, site, &[], warnings);
    }
    match warnings.len() {
        0 => String::new(),
        n => format!(", {n} warning(s)"),
    }
}

/// The one-line summary of a successful run: on stdout, except in json mode where stdout holds
/// only the JSON object.
fn summary_line(format: Format, line: String) {
    if format == Format::Json {
        eprintln!("{line}");
    } else {
        println!("{line}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let start = Instant::now();
    match cli.command {
        Command::New { dir, province } => match cakupan::scaffold::new_site(&dir, &province) {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(1)
            }
        },
        Command::Build {
            site,
            out,
            strict,
            previous,
            format,
        } => {
            let out = out.unwrap_or_else(|| site.join("public"));
            if let Err(msg) = cakupan::write::check_output(&site, &out) {
                eprintln!("error: {msg}");
                return ExitCode::from(2);
            }
            let result = match &previous {
                Some(p) => cakupan::build_compared(&site, &out, &cakupan::Options { strict }, p),
                None => cakupan::build_with(&site, &out, &cakupan::Options { strict }),
            };
            match result {
                Ok(s) => {
                    let note = warnings_note(&s.warnings, format, &site);
                    // stdout belongs to the JSON object in json mode.
                    summary_line(
                        format,
                        format!(
                            "built {} pages, {} charts, {} files into {} in {:.0} ms{note}",
                            s.pages,
                            s.charts,
                            s.files,
                            out.display(),
                            start.elapsed().as_secs_f64() * 1000.0
                        ),
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => report(d, format, &site),
            }
        }
        Command::Check {
            site,
            strict,
            format,
        } => match cakupan::check_with(&site, &cakupan::Options { strict }) {
            Ok(s) => {
                let note = warnings_note(&s.warnings, format, &site);
                summary_line(
                    format,
                    format!(
                    "ok: {} regions, {} metrics, {} sources, {} figures, {} pages, {} charts{note}",
                    s.regions, s.metrics, s.sources, s.figures, s.pages, s.charts
                ),
                );
                ExitCode::SUCCESS
            }
            Err(d) => report(d, format, &site),
        },
        Command::Serve {
            site,
            port,
            bind,
            open,
        } => {
            let options = cakupan::serve::ServeOptions {
                site,
                port,
                bind,
                open,
            };
            match cakupan::serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(msg) => {
                    eprintln!("error: {msg}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Diff {
            old,
            new,
            git,
            site,
            format,
            fail_on,
        } => {
            let result = match (&git, old, new) {
                (Some(rev), _, _) => cakupan::diff::diff_git(&site, rev),
                (None, Some(old), Some(new)) => cakupan::diff::diff_paths(&old, &new),
                // clap requires both paths without --git.
                _ => return ExitCode::from(2),
            };
            let report = match result {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("cannot compare: {} has errors", e.side);
                    return report(e.diags, Format::Text, &site);
                }
            };
            match format {
                DiffFormat::Md => print!("{}", report.to_markdown()),
                DiffFormat::Json => print!("{}", report.to_json()),
            }
            let fail = match fail_on {
                Some(FailOn::Any) => report.any(),
                Some(FailOn::RankChange) => !report.rank_moves.is_empty(),
                None => false,
            };
            ExitCode::from(u8::from(fail))
        }
    }
}
