//! The example CI workflows in examples/ci/: both parse as YAML, have no duplicate keys (GitHub
//! and GitLab reject those), and contain the steps the README promises (check on pull requests
//! that touch data/ or content/, post the diff, build and deploy public/ from main). `actionlint`
//! also lints the GitHub workflow when it is installed.

use serde_norway::Value;
use std::path::Path;
use std::process::Command;

fn load(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    parse(&text).unwrap_or_else(|e| panic!("{rel} is not valid YAML: {e}"))
}

/// Parses YAML, refusing duplicate keys (a later `steps:` silently replacing an earlier one is
/// exactly the mistake a hand-edited workflow makes).
fn parse(text: &str) -> Result<Value, String> {
    serde_norway::from_str::<Value>(text).map_err(|e| e.to_string())
}

fn get<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    let mut cur = v;
    for key in path {
        cur = cur
            .get(*key)
            .unwrap_or_else(|| panic!("missing key {key} in path {path:?}"));
    }
    cur
}

fn strings(v: &Value) -> Vec<String> {
    v.as_sequence()
        .unwrap_or_else(|| panic!("not a list: {v:?}"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

/// All `run:` commands and `uses:` actions of a GitHub job, in order.
fn steps(job: &Value) -> (Vec<String>, Vec<String>) {
    let mut runs = Vec::new();
    let mut uses = Vec::new();
    for step in get(job, &["steps"]).as_sequence().expect("steps is a list") {
        if let Some(r) = step.get("run").and_then(Value::as_str) {
            runs.push(r.to_string());
        }
        if let Some(u) = step.get("uses").and_then(Value::as_str) {
            uses.push(u.to_string());
        }
    }
    (runs, uses)
}

fn position(list: &[String], needle: &str) -> usize {
    list.iter()
        .position(|s| s.contains(needle))
        .unwrap_or_else(|| panic!("no step containing {needle:?} in {list:#?}"))
}

#[test]
fn yaml_parser_refuses_duplicate_keys_and_bad_indentation() {
    assert!(parse("jobs:\n  a: 1\njobs:\n  b: 2\n").is_err());
    assert!(
        parse("jobs:\n\ta: 1\n").is_err(),
        "tabs are not YAML indentation"
    );
    assert!(parse("jobs:\n  a: [1, 2\n").is_err());
}

#[test]
fn github_workflow_checks_pull_requests_and_deploys_main() {
    let wf = load("examples/ci/github-pages.yml");
    // `on` must stay a string key (YAML 1.1 would read it as the boolean true).
    let on = get(&wf, &["on"]);
    let paths = strings(get(on, &["pull_request", "paths"]));
    assert!(paths.contains(&"data/**".to_string()), "{paths:?}");
    assert!(paths.contains(&"content/**".to_string()), "{paths:?}");
    assert_eq!(strings(get(on, &["push", "branches"])), ["main"]);
    assert!(
        on.get("pull_request_target").is_none(),
        "pull_request_target would run a fork's code with a write token"
    );

    let jobs = get(&wf, &["jobs"]);
    let check = get(jobs, &["check"]);
    assert_eq!(
        get(check, &["if"]).as_str(),
        Some("github.event_name == 'pull_request'")
    );
    let (runs, uses) = steps(check);
    assert!(uses
        .iter()
        .any(|u| u.starts_with("dtolnay/rust-toolchain@")));
    let checkout = get(check, &["steps"])[0].clone();
    assert_eq!(
        get(&checkout, &["with", "fetch-depth"]).as_i64(),
        Some(0),
        "the diff needs origin/main"
    );
    let c = position(&runs, "cakupan check --format github");
    let b = position(&runs, "cakupan build");
    let d = position(&runs, "cakupan diff --git origin/main --format md");
    let p = position(&runs, "gh pr comment");
    assert!(
        c < b && b < d && d < p,
        "check, build, diff, comment in that order"
    );
    assert_eq!(
        get(check, &["permissions", "pull-requests"]).as_str(),
        Some("write")
    );

    let (runs, uses) = steps(get(jobs, &["build"]));
    position(&runs, "cargo run --locked --release -- build");
    let upload = get(jobs, &["build", "steps"])
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| {
            s.get("uses")
                .and_then(Value::as_str)
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .unwrap_or_else(|| panic!("no upload-pages-artifact in {uses:?}"));
    assert_eq!(get(upload, &["with", "path"]).as_str(), Some("public"));

    let deploy = get(jobs, &["deploy"]);
    assert_eq!(get(deploy, &["needs"]).as_str(), Some("build"));
    assert_eq!(
        get(deploy, &["permissions", "pages"]).as_str(),
        Some("write")
    );
    assert_eq!(
        get(deploy, &["permissions", "id-token"]).as_str(),
        Some("write")
    );
    let (_, uses) = steps(deploy);
    assert!(uses.iter().any(|u| u.starts_with("actions/deploy-pages@")));

    // Every action is pinned to a major version at least, never a moving branch.
    for job in jobs.as_mapping().unwrap().values() {
        for u in steps(job).1 {
            let (_, version) = u
                .split_once('@')
                .unwrap_or_else(|| panic!("{u} is not pinned"));
            assert!(
                !["main", "master", "HEAD"].contains(&version),
                "{u} follows a branch"
            );
        }
    }
}

#[test]
fn gitlab_pipeline_checks_merge_requests_and_publishes_pages() {
    let ci = load("examples/ci/gitlab-ci.yml");
    assert_eq!(strings(get(&ci, &["stages"])), ["check", "deploy"]);

    let check = get(&ci, &["check"]);
    assert_eq!(get(check, &["stage"]).as_str(), Some("check"));
    let rule = &get(check, &["rules"])[0];
    assert_eq!(
        get(rule, &["if"]).as_str(),
        Some("$CI_PIPELINE_SOURCE == \"merge_request_event\"")
    );
    let changes = strings(get(rule, &["changes"]));
    assert!(changes.contains(&"data/**/*".to_string()), "{changes:?}");
    assert!(changes.contains(&"content/**/*".to_string()), "{changes:?}");
    let script = strings(get(check, &["script"]));
    let c = position(&script, "cakupan check");
    let b = position(&script, "cakupan build");
    let f = position(&script, "git fetch");
    let d = position(&script, "cakupan diff --git origin/main --format md");
    let n = position(&script, "/merge_requests/$CI_MERGE_REQUEST_IID/notes");
    assert!(c < b && f < d && d < n, "{script:#?}");
    assert_eq!(
        strings(get(check, &["artifacts", "paths"])),
        ["cakupan-diff.md"]
    );

    // GitLab Pages deploys the artifact public/ of the job named exactly "pages".
    let pages = get(&ci, &["pages"]);
    assert_eq!(get(pages, &["stage"]).as_str(), Some("deploy"));
    assert_eq!(
        get(&get(pages, &["rules"])[0], &["if"]).as_str(),
        Some("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    );
    position(
        &strings(get(pages, &["script"])),
        "cargo run --locked --release -- build",
    );
    assert_eq!(strings(get(pages, &["artifacts", "paths"])), ["public"]);
}

/// actionlint (GitHub's workflow linter: expressions, contexts, shellcheck of `run:`) when this
/// machine has it; Debian ships no package for it, so CI here skips this part and says so.
#[test]
fn actionlint_accepts_the_github_workflow_when_installed() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci/github-pages.yml");
    match Command::new("actionlint").arg(&file).output() {
        Ok(out) => assert!(
            out.status.success(),
            "actionlint:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("actionlint not installed: skipped the lint (YAML and steps still tested)");
        }
        Err(e) => panic!("running actionlint: {e}"),
    }
}
