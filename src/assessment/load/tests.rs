//! Tests of loading assessment rounds and score files.

use super::*;

mod load_tests {
    use super::super::super::testutil::site;
    use crate::diagnostics::Diagnostic;

    const ROUND: &str = r#"title = "Uji"
level = "provinsi"
assessment_period = 2024
award_date = "2025-08-05"
participants = ["64.01", "64.02"]
assessors = ["Penilai A", "Penilai B"]

[[criteria]]
id = "upaya"
label = "Upaya"
weight = 20
description = ""
panel = true

[[criteria]]
id = "regulasi"
label = "Regulasi"
weight = 15
description = ""
panel = true
"#;

    const SCORES: &str = "region,criterion,assessor,score,note
64.01,upaya,Penilai A,80,
64.01,regulasi,Penilai A,70,
64.02,upaya,Penilai B,75,
64.02,regulasi,Penilai B,72,
";

    const TOML: &str = "data/assessments/r.toml";
    const CSV: &str = "data/assessments/r-scores.csv";

    /// Loads the round and returns its errors.
    fn errors(round: &str, scores: &str) -> Vec<Diagnostic> {
        let f = site("");
        f.load(round, Some(scores)).1
    }

    /// The only error is at `file:line:column` and its message contains `text`.
    fn only(diags: &[Diagnostic], file: &str, line: usize, column: usize, text: &str) {
        assert_eq!(diags.len(), 1, "{diags:#?}");
        let d = &diags[0];
        assert_eq!(
            (
                d.location.file.to_str().unwrap(),
                d.location.line,
                d.location.column
            ),
            (file, line, column),
            "{d}"
        );
        assert!(d.message.contains(text), "{d}");
        assert!(d.hint.is_some(), "{d}");
    }

    #[test]
    fn valid_round_loads() {
        let f = site("");
        let (rounds, diags) = f.load(ROUND, Some(SCORES));
        assert!(diags.is_empty(), "{diags:#?}");
        let r = &rounds[0];
        assert_eq!(r.id, "r");
        assert_eq!(r.assessment_period, 2024);
        assert_eq!(r.award_date.to_string(), "2025-08-05");
        assert_eq!(r.participants, vec!["64.01", "64.02"]);
        assert_eq!(r.criteria.len(), 2);
        assert_eq!(r.scores.len(), 4);
        assert_eq!(r.criteria[1].location.line, 16);
    }

    #[test]
    fn no_folder_means_no_rounds() {
        let f = site("");
        let mut diags = crate::diagnostics::Diagnostics::new();
        assert!(super::load(f.dir.path(), &f.site, &mut diags).is_empty());
        assert!(diags.is_empty());
    }

    #[test]
    fn unknown_criterion_in_scores() {
        let d = errors(ROUND, &format!("{SCORES}64.01,upya,Penilai B,80,\n"));
        only(&d, CSV, 6, 7, "unknown criterion `upya`");
        assert!(d[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `upaya`?"));
    }

    #[test]
    fn assessor_not_in_list() {
        let d = errors(ROUND, &format!("{SCORES}64.01,upaya,Penilai Z,80,\n"));
        only(
            &d,
            CSV,
            6,
            13,
            "assessor `Penilai Z` is not in the round's assessors",
        );
    }

    #[test]
    fn score_out_of_range_or_not_a_number() {
        let d = errors(ROUND, &format!("{SCORES}64.01,upaya,Penilai B,120,\n"));
        only(&d, CSV, 6, 23, "score 120 is outside 0-100");
        let d = errors(ROUND, &format!("{SCORES}64.01,upaya,Penilai B,baik,\n"));
        only(&d, CSV, 6, 23, "score `baik` is not a number");
    }

    #[test]
    fn weight_zero() {
        let d = errors(&ROUND.replace("weight = 15", "weight = 0"), SCORES);
        only(
            &d,
            TOML,
            18,
            10,
            "criterion `regulasi`: weight 0 is not positive",
        );
    }

    #[test]
    fn score_for_a_non_participant() {
        let d = errors(ROUND, &format!("{SCORES}64.06,upaya,Penilai A,80,\n"));
        only(
            &d,
            CSV,
            6,
            1,
            "64.06 (Kabupaten Luar), which is not a participant",
        );
    }

    #[test]
    fn panel_criterion_without_any_score() {
        let scores: String = SCORES
            .lines()
            .filter(|l| !l.contains("regulasi"))
            .map(|l| format!("{l}\n"))
            .collect();
        let d = errors(ROUND, &scores);
        only(
            &d,
            TOML,
            16,
            6,
            "panel criterion `regulasi` has no score for any participant",
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let round = r#"title = "Uji"
level = "provinsi"
assessment_period = 2024
award_date = "2025-08-05"
participants = ["64.01", "64.02", "64.99"]
assessors = ["Penilai A", "Penilai B"]
scores_source = "src-x"
tie_break = ["cakupan", "nope"]

[published_result]
source = "src-a"
ranks = [{ region = "64.05", rank = 1 }]

[[criteria]]
id = "upaya"
label = "Upaya"
weight = 20
description = ""
panel = true

[[criteria]]
id = "upaya"
label = "Upaya lagi"
weight = 10
description = ""
panel = true

[[criteria]]
id = "cakupan"
label = "Cakupan"
weight = 30
description = ""
metric = "cakupann"
scale = [40, 100]

[[criteria]]
id = "dua"
label = "Dua"
weight = 5
description = ""
metric = "cakupan"
scale = [40, 100]
panel = true

[[criteria]]
id = "nol"
label = "Nol"
weight = 5
description = ""

[[criteria]]
id = "datar"
label = "Datar"
weight = 5
description = ""
metric = "cakupan"
scale = [50, 50]
"#;
        let scores = "region,criterion,assessor,score,note
64.01,upaya,Penilai A,80,
64.01,upaya,Penilai A,81,
64.02,datar,Penilai A,80,
";
        let d = errors(round, scores);
        let got: Vec<(&str, usize, &str)> = d
            .iter()
            .map(|d| {
                (
                    d.location.file.to_str().unwrap(),
                    d.location.line,
                    d.message.as_str(),
                )
            })
            .collect();
        let expected: Vec<(&str, usize, &str)> = vec![
            (CSV, 3, "duplicate score: region 64.01, criterion `upaya`, assessor `Penilai A` is also given at line 2"),
            (CSV, 4, "criterion `datar` is scored from the metric `cakupan`, not by assessors"),
            (TOML, 5, "unknown participant region `64.99`"),
            (TOML, 7, "scores_source: unknown source `src-x`"),
            (TOML, 8, "tie_break names unknown criterion `nope`"),
            (TOML, 12, "published_result names `64.05`, which is not a participant"),
            (TOML, 22, "duplicate criterion id `upaya` (first at line 15)"),
            (TOML, 33, "criterion `cakupan`: unknown metric `cakupann`"),
            (TOML, 37, "criterion `dua` has both a metric and panel = true"),
            (TOML, 46, "criterion `nol` has neither a metric nor panel = true"),
            (TOML, 57, "criterion `datar`: scale [50, 50] has lo equal to hi"),
        ];
        assert_eq!(got, expected, "{d:#?}");
        assert!(d.iter().all(|d| d.location.column > 0 && d.hint.is_some()));
        assert_eq!(d[6].location.column, 6);
    }

    #[test]
    fn score_file_without_round() {
        let f = site("");
        let root = f.dir.path();
        let (_, _) = f.load(ROUND, Some(SCORES));
        std::fs::write(root.join("data/assessments/lain-scores.csv"), SCORES).unwrap();
        let mut diags = crate::diagnostics::Diagnostics::new();
        let rounds = super::load(root, &f.site, &mut diags);
        assert_eq!(rounds.len(), 1);
        let d = diags.into_sorted();
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("no data/assessments/lain.toml"),
            "{}",
            d[0]
        );
    }
}

mod robustness_tests {
    use super::super::super::testutil::site;

    const BASE: &str = r#"title = "Uji"
level = "provinsi"
assessment_period = 2024
award_date = 2025-08-05
participants = ["64.01", "64.02"]

[[criteria]]
id = "upaya"
label = "Upaya"
weight = 20
description = ""
panel = true

[[criteria]]
id = "cakupan"
label = "Cakupan"
weight = WEIGHT
description = ""
metric = "cakupan"
scale = SCALE
"#;

    const SCORES: &str = "region,criterion,assessor,score,note
64.01,upaya,Penilai A,80,
64.02,upaya,Penilai B,75,
";

    fn errors(weight: &str, scale: &str) -> Vec<crate::diagnostics::Diagnostic> {
        let round = BASE.replace("WEIGHT", weight).replace("SCALE", scale);
        site("").load(&round, Some(SCORES)).1
    }

    #[test]
    fn toml_award_date_is_accepted() {
        let d = errors("30", "[40, 100]");
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn non_finite_scales_and_weights_are_errors_at_their_line() {
        for scale in ["[40, inf]", "[nan, 100]", "[-inf, 100]"] {
            let d = errors("30", scale);
            assert_eq!(d.len(), 1, "{scale}: {d:#?}");
            assert_eq!(d[0].location.line, 20, "{}", d[0]);
            assert!(
                d[0].message.contains("not two ordinary numbers"),
                "{}",
                d[0]
            );
        }
        for weight in ["nan", "inf"] {
            let d = errors(weight, "[40, 100]");
            assert_eq!(d.len(), 1, "{weight}: {d:#?}");
            assert_eq!(d[0].location.line, 17, "{}", d[0]);
            assert!(d[0].message.contains("not an ordinary number"), "{}", d[0]);
        }
    }
}
