//! A small site in a temporary folder for the assessment tests.

use super::{evaluate, load, Outcome, Round};
use crate::compute::{compute, Computed};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use std::path::Path;

/// Regions 64.01-64.05 (Alfa ... Eko) take part in test rounds; 64.06 (Luar) does not.
const REGIONS: &str = "code,name,short_name
64.01,Kabupaten Alfa,Alfa
64.02,Kabupaten Beta,Beta
64.03,Kabupaten Gama,Gama
64.04,Kabupaten Delta,Delta
64.05,Kabupaten Eko,Eko
64.06,Kabupaten Luar,Luar
";

const METRICS: &str = r#"[cakupan]
label = "Cakupan"
unit = "persen"

[tpt]
label = "Pengangguran"
unit = "persen"
higher_is_better = false

[peserta]
label = "Peserta"
unit = "orang"

[potensi]
label = "Potensi"
unit = "orang"

[rasio]
label = "Rasio"
ratio = { numerator = "peserta", denominator = "potensi" }
"#;

const SOURCES: &str = r#"[src-a]
title = "Tabel A"
publisher = "BPJSTK"
kind = "official-table"

[src-b]
title = "Tabel B"
publisher = "Pemda"
kind = "illustrative"
"#;

/// The site, loaded and computed, and the folder it lives in.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub site: Site,
    pub computed: Computed,
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A site whose `data/observations/obs.csv` body (after the header) is `observations`.
pub fn site(observations: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"Uji\"\nprovince_code = \"64\"\nprovince_name = \"Uji\"\nheadline_metric = \"cakupan\"\n",
    );
    write(root, "data/regions.csv", REGIONS);
    write(root, "data/metrics.toml", METRICS);
    write(root, "data/sources.toml", SOURCES);
    write(
        root,
        "data/observations/obs.csv",
        &format!(
            "region,metric,period,value,source,note\n64.06,cakupan,2020,1,src-a,\n{observations}"
        ),
    );
    let site = match crate::load::load(root) {
        Ok(s) => s,
        Err(d) => panic!("fixture site does not load: {:?}", d.into_sorted()),
    };
    let computed = compute(&site);
    Fixture {
        dir,
        site,
        computed,
    }
}

impl Fixture {
    /// Writes `data/assessments/r.toml` (and `r-scores.csv` when given) and loads the rounds.
    pub fn load(&self, round: &str, scores: Option<&str>) -> (Vec<Round>, Vec<Diagnostic>) {
        let root = self.dir.path();
        let _ = std::fs::remove_dir_all(root.join("data/assessments"));
        write(root, "data/assessments/r.toml", round);
        if let Some(s) = scores {
            write(root, "data/assessments/r-scores.csv", s);
        }
        let mut diags = Diagnostics::new();
        let rounds = load(root, &self.site, &mut diags);
        (rounds, diags.into_sorted())
    }

    /// Loads a round that must be valid and evaluates it.
    pub fn outcome(&self, round: &str, scores: &str) -> Outcome {
        let (rounds, diags) = self.load(round, Some(scores));
        assert!(diags.is_empty(), "unexpected errors: {diags:#?}");
        assert_eq!(rounds.len(), 1);
        evaluate(&rounds[0], &self.site, &self.computed)
    }
}

/// Asserts `a` and `b` agree to 1e-9.
pub fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}
