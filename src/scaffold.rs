//! `cakupan new DIR --province 63`: a working starter site for any province, from the national
//! list of kabupaten/kota vendored in bench/data (idn-area-data 4.0.1, ODbL 1.0). The two
//! CSV files are embedded so the binary works outside the repository.

use std::path::Path;

const PROVINCES: &str = include_str!("../bench/data/idn-area-data-4.0.1/provinces.csv");
const REGENCIES: &str = include_str!("../bench/data/idn-area-data-4.0.1/regencies.csv");

/// Attribution the ODbL asks for, kept in the generated README and home page.
const ATTRIBUTION: &str = "Daftar kabupaten/kota (kode dan nama Kemendagri) dari paket idn-area-data 4.0.1 (https://github.com/fityannugroho/idn-area-data), data di bawah Open Database License (ODbL) 1.0.";

/// `(code, name)` rows of an embedded CSV whose first two columns are `code,name` (provinces)
/// or `code,province_code,name` (regencies).
fn provinces() -> Vec<(&'static str, &'static str)> {
    PROVINCES
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .map(|(c, n)| (c.trim(), n.trim()))
        .collect()
}

fn regencies(province: &str) -> Vec<(&'static str, &'static str)> {
    REGENCIES
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.splitn(3, ',');
            Some((f.next()?.trim(), f.next()?.trim(), f.next()?.trim()))
        })
        .filter(|(_, p, _)| *p == province)
        .map(|(c, _, n)| (c, n))
        .collect()
}

/// A CSV cell: quoted when it holds a comma or a quote.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes the starter site into `dir` and returns a one-line summary, or the reason it
/// refused (unknown province with the list of valid codes, a non-empty folder, an I/O error).
pub fn new_site(dir: &Path, province: &str) -> Result<String, String> {
    let all = provinces();
    let province = province.trim();
    let Some(&(code, name)) = all.iter().find(|(c, _)| *c == province) else {
        let list: Vec<String> = all.iter().map(|(c, n)| format!("{c} {n}")).collect();
        return Err(format!(
            "unknown province code `{province}`; the valid codes are:\n  {}",
            list.join("\n  ")
        ));
    };
    if dir.exists() {
        let non_empty = match std::fs::read_dir(dir) {
            Ok(mut entries) => entries.next().is_some(),
            Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
        };
        if non_empty {
            return Err(format!(
                "{} exists and is not empty; choose a new folder so no file is overwritten",
                dir.display()
            ));
        }
    }
    let regions = regencies(code);
    let mut regions_csv = String::from("code,name,short_name,capital,bps_code\n");
    for (c, n) in &regions {
        regions_csv.push_str(&format!("{c},{},,,\n", csv_cell(n)));
    }
    let toml_str = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let site_toml = format!(
        "title = {}\nbase_url = \"/\"\nlanguage = \"id\"\nprovince_code = \"{code}\"\nprovince_name = {}\nheadline_metric = \"cakupan\"\nnumber_format = \"plain\"\ndescription = {}\n",
        toml_str(&format!("Cakupan {name}")),
        toml_str(name),
        toml_str(&format!(
            "Laporan cakupan kepesertaan BPJS Ketenagakerjaan per kabupaten/kota di {name}."
        )),
    );
    let metrics = r#"# Metrik situs. Angka dengan penyebut berbeda diberi basis (penyebut) yang berbeda.

[cakupan]
label = "Cakupan kepesertaan"
unit = "persen"
higher_is_better = true
description = "Persentase pekerja yang terdaftar sebagai peserta aktif BPJS Ketenagakerjaan. Setiap angka menyebut penyebutnya (basis)."
bases = { potensi = "Peserta aktif dibagi potensi pekerja versi BPJSTK", tidak_disebut = "tidak disebut sumber" }
default_basis = "potensi"
unranked_bases = ["tidak_disebut"]

[peserta_aktif]
label = "Peserta aktif BPJS Ketenagakerjaan"
unit = "orang"
description = "Jumlah peserta aktif BPJS Ketenagakerjaan."
"#;
    let sources = r#"# Sumber data. Ganti contoh ini dengan sumber nyata (berita, rilis, tabel resmi).

[contoh]
title = "Contoh angka (bukan data nyata)"
publisher = "Cakupan"
kind = "illustrative"
"#;
    let observations = format!(
        "region,metric,period,value,source,basis,note\n{code},cakupan,2024,50,contoh,potensi,angka contoh: ganti dengan angka bersumber\n"
    );
    let home = format!(
        "+++\ntitle = {}\n+++\n\nSitus ini mengumpulkan angka kepesertaan BPJS Ketenagakerjaan untuk Provinsi {name} dan {} kabupaten/kotanya. Setiap angka membawa sumber dan penyebutnya.\n\nAngka yang tampil saat ini hanyalah contoh, bukan data nyata: ganti isi `data/observations/` dan `data/sources.toml` dengan angka bersumber.\n\n{ATTRIBUTION}\n",
        toml_str(&format!("Cakupan Jaminan Sosial Ketenagakerjaan di {name}")),
        regions.len(),
    );
    let readme = format!(
        "# Cakupan {name}\n\nSitus dibuat dengan `cakupan new`. Bangun dengan `cakupan build --site .`.\n\n- `data/regions.csv`: {} kabupaten/kota {name}\n- `data/metrics.toml`, `data/sources.toml`, `data/observations/`: metrik, sumber, angka\n- `content/`: halaman dalam bahasa Indonesia\n\n{ATTRIBUTION}\n",
        regions.len()
    );
    let files: [(&str, &str); 7] = [
        ("site.toml", &site_toml),
        ("data/regions.csv", &regions_csv),
        ("data/metrics.toml", metrics),
        ("data/sources.toml", sources),
        ("data/observations/contoh.csv", &observations),
        ("content/_index.md", &home),
        ("README.md", &readme),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(format!(
        "created {} for {name} ({code}) with {} kabupaten/kota; build it with: cakupan build --site {}",
        dir.display(),
        regions.len(),
        dir.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kalimantan_counts() {
        assert_eq!(regencies("63").len(), 13);
        assert_eq!(regencies("64").len(), 10);
        assert_eq!(provinces().len(), PROVINCES.lines().count() - 1);
    }
}
