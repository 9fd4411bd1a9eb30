//! Command line: `cakupan build` and `cakupan check`.

use clap::{Parser, Subcommand};
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
    /// Build the site into the output folder (default: <site>/public)
    Build {
        /// Site folder (holds site.toml)
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Output folder
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check data, content and templates without writing anything
    Check {
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
}

fn report(diags: cakupan::diagnostics::Diagnostics) -> ExitCode {
    let list = diags.into_sorted();
    for d in &list {
        eprintln!("{d}");
    }
    eprintln!("{} error(s); nothing was written", list.len());
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let start = Instant::now();
    match cli.command {
        Command::Build { site, out } => {
            let out = out.unwrap_or_else(|| site.join("public"));
            if let Err(msg) = cakupan::write::check_output(&site, &out) {
                eprintln!("error: {msg}");
                return ExitCode::from(2);
            }
            match cakupan::build(&site, &out) {
                Ok(s) => {
                    println!(
                        "built {} pages, {} charts, {} files into {} in {:.0} ms",
                        s.pages,
                        s.charts,
                        s.files,
                        out.display(),
                        start.elapsed().as_secs_f64() * 1000.0
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => report(d),
            }
        }
        Command::Check { site } => match cakupan::check(&site) {
            Ok(s) => {
                println!(
                    "ok: {} regions, {} metrics, {} sources, {} figures, {} pages",
                    s.regions.len(),
                    s.metrics.len(),
                    s.sources.len(),
                    s.observations.len(),
                    s.pages.len()
                );
                ExitCode::SUCCESS
            }
            Err(d) => report(d),
        },
    }
}
