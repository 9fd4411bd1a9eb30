//! Command line: `cakupan build`, `cakupan check`, `cakupan serve`, `cakupan diff` and `cakupan new`.

use cakupan::diagnostics::{Diagnostic, Format};
use cakupan::messages::{self, Lang};
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
    /// Language of the messages: id (Indonesian) or en; default: the site's `language`
    #[arg(long, global = true, value_parser = messages::parse_lang)]
    lang: Option<Lang>,
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
fn print_capped(list: &[Diagnostic], lang: Lang) {
    let (shown, hidden) = cakupan::diagnostics::capped(list);
    for d in shown {
        eprintln!("{}", messages::render(d, lang));
    }
    if hidden > 0 {
        eprintln!(
            "{}",
            messages::more_line(
                hidden,
                cakupan::diagnostics::MAX_PER_FILE,
                cakupan::diagnostics::MAX_TOTAL,
                lang
            )
        );
    }
}

/// Prints every problem of a run as `--format json` or `github` asked. JSON is one object
/// even on success, so a script never has to tell "no problems" from "no output"; it keeps the
/// English `message` and adds the Indonesian `message_id` (see the README's codes section).
fn print_machine(
    format: Format,
    site: &Path,
    errors: &[Diagnostic],
    warnings: &[Diagnostic],
    lang: Lang,
) {
    match format {
        Format::Text => {}
        Format::Json => print!("{}", cakupan::diagnostics::to_json(errors, warnings)),
        Format::Github => {
            for d in errors.iter().chain(warnings) {
                println!("{}", cakupan::diagnostics::github_line_in(d, site, lang));
            }
        }
    }
}

fn report(
    diags: cakupan::diagnostics::Diagnostics,
    format: Format,
    site: &Path,
    lang: Lang,
) -> ExitCode {
    let (errors, warnings) = diags.into_all();
    if format != Format::Text {
        print_machine(format, site, &errors, &warnings, lang);
        return ExitCode::from(1);
    }
    // A strict run stopped only by its warnings: print them as warnings and say why it failed.
    if errors.len() == 1 && cakupan::is_strict_stop(&errors[0]) {
        print_capped(&warnings, lang);
        eprintln!("{}", messages::strict_line(warnings.len(), lang));
        return ExitCode::from(1);
    }
    print_capped(&errors, lang);
    print_capped(&warnings, lang);
    eprintln!(
        "{}",
        messages::failed_line(errors.len(), warnings.len(), lang)
    );
    ExitCode::from(1)
}

/// " (N warnings)" for a summary line, after printing them.
fn warnings_note(warnings: &[Diagnostic], format: Format, site: &Path, lang: Lang) -> String {
    if format == Format::Text {
        print_capped(warnings, lang);
    } else {
        print_machine(format, site, &[], warnings, lang);
    }
    messages::warnings_note(warnings.len(), lang)
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
    let flag = cli.lang;
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
            let lang = messages::site_lang(flag, &site);
            let out = out.unwrap_or_else(|| site.join("public"));
            if let Err(msg) = cakupan::check_output(&site, &out) {
                let (msg, _) = messages::translate(&msg, None, lang);
                eprintln!(
                    "{}: {msg}",
                    messages::severity_word(Default::default(), lang)
                );
                return ExitCode::from(2);
            }
            let result = match &previous {
                Some(p) => cakupan::build_compared(&site, &out, &cakupan::Options { strict }, p),
                None => cakupan::build_with(&site, &out, &cakupan::Options { strict }),
            };
            match result {
                Ok(s) => {
                    let note = warnings_note(&s.warnings, format, &site, lang);
                    // stdout belongs to the JSON object in json mode.
                    summary_line(
                        format,
                        messages::built_line(
                            s.pages,
                            s.charts,
                            s.files,
                            &out.display().to_string(),
                            start.elapsed().as_secs_f64() * 1000.0,
                            &note,
                            lang,
                        ),
                    );
                    // The process ends here: its memory goes back whole, without freeing the
                    // 10.000 warnings of a monthly national site one by one (~5 ms).
                    std::mem::forget(s);
                    ExitCode::SUCCESS
                }
                Err(d) => report(d, format, &site, lang),
            }
        }
        Command::Check {
            site,
            strict,
            format,
        } => {
            let lang = messages::site_lang(flag, &site);
            match cakupan::check_with(&site, &cakupan::Options { strict }) {
                Ok(s) => {
                    let note = warnings_note(&s.warnings, format, &site, lang);
                    summary_line(
                        format,
                        messages::ok_line(
                            s.regions, s.metrics, s.sources, s.figures, s.pages, s.charts, &note,
                            lang,
                        ),
                    );
                    // As after a build: the process exit hands the warnings' memory back.
                    std::mem::forget(s);
                    ExitCode::SUCCESS
                }
                Err(d) => report(d, format, &site, lang),
            }
        }
        Command::Serve {
            site,
            port,
            bind,
            open,
        } => {
            let lang = messages::site_lang(flag, &site);
            let options = cakupan::serve::ServeOptions {
                site,
                port,
                bind,
                open,
                lang: flag,
            };
            match cakupan::serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(msg) => {
                    let (msg, _) = messages::translate(&msg, None, lang);
                    eprintln!(
                        "{}: {msg}",
                        messages::severity_word(Default::default(), lang)
                    );
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
            // The messages follow the new side's site (a folder), else the --site folder.
            let lang_site = match &new {
                Some(p) if git.is_none() && p.is_dir() => p.clone(),
                _ => site.clone(),
            };
            let result = match (&git, old, new) {
                (Some(rev), _, _) => cakupan::diff::diff_git(&site, rev),
                (None, Some(old), Some(new)) => cakupan::diff::diff_paths(&old, &new),
                // clap requires both paths without --git.
                _ => return ExitCode::from(2),
            };
            let report = match result {
                Ok(r) => r,
                Err(e) => {
                    let lang = messages::site_lang(flag, &lang_site);
                    match lang {
                        Lang::En => eprintln!("cannot compare: {} has errors", e.side),
                        Lang::Id => {
                            eprintln!("tidak dapat dibandingkan: {} memiliki kesalahan", e.side)
                        }
                    }
                    return report(e.diags, Format::Text, &site, lang);
                }
            };
            match format {
                DiffFormat::Md => print!("{}", report.to_markdown()),
                DiffFormat::Json => print!("{}", report.to_json()),
            }
            let fail = match fail_on {
                Some(FailOn::Any) => report.any(),
                Some(FailOn::RankChange) => report.has_rank_changes(),
                None => false,
            };
            ExitCode::from(u8::from(fail))
        }
    }
}
