//! The hand-written chart CSVs against the `csv` crate's writer, which wrote them before.

use super::*;
use crate::render::exports::plain;
use proptest::prelude::*;

/// The former `csv_bytes`, through the `csv` crate.
fn crate_csv(headers: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).map_err(|e| e.to_string())?;
    for r in rows {
        w.write_record(r).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// The former `csv_excel_bytes`, through the `csv` crate.
fn crate_excel(
    headers: &[String],
    rows: &[Vec<String>],
    numbers: &[usize],
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let comma = lang == Lang::Id;
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = csv::WriterBuilder::new()
        .delimiter(if comma { b';' } else { b',' })
        .from_writer(&mut out);
    w.write_record(headers).map_err(|e| e.to_string())?;
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            let field = if comma && numbers.contains(&i) {
                w.write_field(c.replace('.', ","))
            } else {
                w.write_field(c)
            };
            field.map_err(|e| e.to_string())?;
        }
        w.write_record(std::iter::empty::<&[u8]>())
            .map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())?;
    drop(w);
    Ok(out)
}

fn cell() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "a",
        "12.5",
        "a,b",
        "a;b",
        "\"",
        "say \"hi\"",
        "x\ny",
        "\r",
        "'=1",
        "Kota Ø",
        " ",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #[test]
    fn rows_are_encoded_as_the_csv_crate_encodes_them(
        width in 0usize..4,
        headers in prop::collection::vec(cell(), 0..4),
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..4), 0..5),
        same in any::<bool>(),
    ) {
        // Mostly rows as wide as the header; sometimes not, which both must refuse alike.
        let headers: Vec<String> = if same { headers.into_iter().take(width).collect() } else { headers };
        let rows: Vec<Vec<String>> = if same {
            rows.into_iter()
                .map(|mut r| { r.resize(headers.len(), "9.5".into()); r })
                .collect()
        } else {
            rows
        };
        prop_assert_eq!(csv_bytes(&headers, &rows), crate_csv(&headers, &rows));
        for lang in [Lang::Id, Lang::En] {
            prop_assert_eq!(
                csv_excel_bytes(&headers, &rows, &[0, 2], lang),
                crate_excel(&headers, &rows, &[0, 2], lang)
            );
        }
    }
}

/// The former per-figure row of text.
fn figure_row(site: &Site, o: &Observation) -> Vec<String> {
    let label = site
        .metric(&o.metric)
        .map(|m| m.label.as_str())
        .unwrap_or("");
    let titles = site.source_titles(o.sources());
    vec![
        o.region.to_string(),
        text_cell(site.area_name(&o.region)).into_owned(),
        o.metric.to_string(),
        text_cell(label).into_owned(),
        o.period().to_string(),
        plain(o.value),
        o.sources().join(" | "),
        text_cell(&titles.join(" | ")).into_owned(),
    ]
}

#[test]
fn figures_are_encoded_as_their_rows_were() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut site = crate::load::load(root).expect("example site loads");
    // Names and titles the encoding must quote or defuse.
    site.regions[0].name = "=Kota \"Satu\"; dua, tiga".into();
    for s in site.sources.values_mut().take(2) {
        s.title = format!("-{}; \"judul\", lagi", s.title);
    }
    let figures: Vec<&Observation> = site.observations.iter().collect();
    assert!(figures.len() > 100);
    let headers: Vec<String> = FIGURE_COLUMNS.iter().map(|s| s.to_string()).collect();
    let rows: Vec<Vec<String>> = figures.iter().map(|o| figure_row(&site, o)).collect();
    for lang in [Lang::Id, Lang::En] {
        let Csv::Encoded { plain, excel } = figures_csv(&site, &figures, lang) else {
            panic!("figures are encoded");
        };
        assert_eq!(
            String::from_utf8(plain).unwrap(),
            String::from_utf8(crate_csv(&headers, &rows).unwrap()).unwrap()
        );
        assert_eq!(
            String::from_utf8(excel).unwrap(),
            String::from_utf8(crate_excel(&headers, &rows, &[5], lang).unwrap()).unwrap()
        );
    }
    // No figures: the header alone.
    let Csv::Encoded { plain, .. } = figures_csv(&site, &[], Lang::Id) else {
        panic!("figures are encoded");
    };
    assert_eq!(plain, crate_csv(&headers, &[]).unwrap());
}
