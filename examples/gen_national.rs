//! Generate a synthetic, national-scale Cakupan site for benchmarking.
//!
//! ```text
//! cargo run --release --example gen_national -- [options] <out_dir>
//!
//!   --monthly              the monthly edition: 4 metrics also monthly, 2016-01 to 2025-12
//!                          (41.120 yearly + 246.720 monthly rows = 287.840 figures)
//!   --monthly-metrics K    the first K of the 8 metrics monthly (0-8; --monthly is K = 4)
//!   --months-from YEAR     first year of the monthly figures (default 2016; they end 2025-12)
//!   --single-file          every figure in one data/observations/nasional.csv
//! ```
//!
//! The scale curve in BENCHMARKS.md uses: no option (41.120 figures), `--monthly-metrics 1`
//! (102.800), `--monthly` (287.840) and `--monthly-metrics 8 --months-from 2006` (1.027.960).
//!
//! The region list is the real one (514 kabupaten/kota from the vendored
//! `bench/data/idn-area-data-4.0.1/regencies.csv`, ODbL 1.0); every metric
//! value and every narrative is **synthetic**, produced by a hand-written
//! seeded PRNG (splitmix64). The output is byte-for-byte deterministic: no
//! clock, no environment, no hash-map iteration order and no transcendental
//! float functions (whose last bits may differ between platforms) go into it.
//!
//! Written tree (the engine's input contract):
//!
//! ```text
//! <out_dir>/site.toml
//! <out_dir>/data/regions.csv
//! <out_dir>/data/metrics.toml
//! <out_dir>/data/sources.toml
//! <out_dir>/data/observations/<province_code>.csv   (38 files)
//! <out_dir>/data/observations/<province_code>-bulanan.csv (38 files, monthly options only)
//! <out_dir>/content/_index.md
//! <out_dir>/content/wilayah/<code with '.' -> '-'>.md (514 files)
//! ```
//!
//! Existing files with the same names are overwritten; nothing is deleted.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Global seed; change it to get a different (but still deterministic) site.
const SEED: u64 = 0x00C4_4B09_A11D_2025;
/// First and last observation year (inclusive).
const FIRST_YEAR: u32 = 2015;
const LAST_YEAR: u32 = 2024;
const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;
/// Monthly JKK + JKM contribution for a Bukan Penerima Upah worker, in rupiah.
const IURAN_BULANAN: u64 = 16_800;
const SOURCE_ID: &str = "bench-bpjstk";
/// Last year of the monthly figures (they end in its December).
const LAST_MONTH_YEAR: u32 = 2025;

/// Options for the larger editions of the scale curve.
struct Options {
    /// How many of [`METRICS`] (in their order) also get monthly figures.
    monthly_metrics: usize,
    /// First year of the monthly figures.
    months_from: u32,
    /// All figures in one file instead of one (or two) per province.
    single_file: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            monthly_metrics: 0,
            months_from: 2016,
            single_file: false,
        }
    }
}
const DATE: &str = "2025-01-31";

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// splitmix64 (Steele, Lea & Flood 2014): tiny, fast, good enough here.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// Independent stream for a given key (e.g. a region code) and purpose.
    fn for_key(key: &str, salt: u64) -> Self {
        Rng::new(SEED ^ fnv1a(key).rotate_left(17) ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Roughly bell-shaped noise in [-1, 1] (mean of three uniforms).
    fn noise(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit()) / 1.5 - 1.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// FNV-1a, used only to derive per-region seeds from region codes.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

#[derive(serde::Deserialize)]
struct Regency {
    code: String,
    province_code: String,
    name: String,
}

#[derive(serde::Deserialize)]
struct Province {
    code: String,
    name: String,
}

fn read_csv<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let rows = rdr
        .deserialize()
        .collect::<std::result::Result<Vec<T>, _>>()?;
    Ok(rows)
}

// ---------------------------------------------------------------------------
// Synthetic series
// ---------------------------------------------------------------------------

/// One region's synthetic yearly series, index 0 = FIRST_YEAR.
struct Series {
    penduduk: [u64; YEARS],
    potensi_pekerja: [u64; YEARS],
    cakupan: [f64; YEARS],
    peserta_aktif: [u64; YEARS],
    pekerja_rentan: [u64; YEARS],
    anggaran_rentan: [u64; YEARS],
    tpt: [f64; YEARS],
    klaim: [u64; YEARS],
    /// First year with an APBD-funded vulnerable-worker programme, if any.
    rentan_start: Option<u32>,
}

/// Non-derived metrics, in output order: (key, label, unit, higher_is_better, description).
const METRICS: &[(&str, &str, &str, bool, &str)] = &[
    ("cakupan_kepesertaan", "Cakupan kepesertaan", "persen", true,
     "Persentase pekerja yang terdaftar aktif sebagai peserta BPJS Ketenagakerjaan terhadap potensi pekerja."),
    ("peserta_aktif", "Peserta aktif", "orang", true,
     "Jumlah tenaga kerja yang tercatat sebagai peserta aktif BPJS Ketenagakerjaan pada akhir tahun."),
    ("potensi_pekerja", "Potensi pekerja", "orang", true,
     "Perkiraan jumlah penduduk bekerja yang dapat menjadi peserta BPJS Ketenagakerjaan."),
    ("pekerja_rentan_apbd_kab", "Pekerja rentan dibiayai APBD kabupaten/kota", "orang", true,
     "Jumlah pekerja rentan bukan penerima upah yang iurannya dibayar dari APBD kabupaten/kota."),
    ("anggaran_pekerja_rentan", "Anggaran iuran pekerja rentan", "rupiah", true,
     "Anggaran APBD kabupaten/kota untuk iuran JKK dan JKM pekerja rentan selama satu tahun."),
    ("tingkat_pengangguran_terbuka", "Tingkat pengangguran terbuka", "persen", false,
     "Persentase angkatan kerja yang tidak bekerja dan sedang mencari pekerjaan (TPT)."),
    ("penduduk", "Jumlah penduduk", "orang", true,
     "Jumlah penduduk pertengahan tahun."),
    ("klaim_dibayar", "Klaim dibayar", "rupiah", true,
     "Nilai manfaat (klaim) yang dibayarkan kepada peserta di wilayah ini selama satu tahun."),
];

fn is_kota(name: &str) -> bool {
    name.starts_with("Kota ")
}

fn short_name(name: &str) -> &str {
    name.strip_prefix("Kabupaten ")
        .or_else(|| name.strip_prefix("Kota "))
        .unwrap_or(name)
}

fn series_for(reg: &Regency) -> Series {
    let mut r = Rng::for_key(&reg.code, 1);
    let kota = is_kota(&reg.name);

    // Population: heavy-tailed via u^3 (no ln/exp, keeps output portable).
    let u = r.unit();
    let mut pop = if kota {
        80_000.0 + 2_400_000.0 * u * u * u
    } else {
        30_000.0 + 3_200_000.0 * u * u * u
    };
    let growth = r.range(0.004, 0.022);
    let work_share = if kota {
        r.range(0.46, 0.56)
    } else {
        r.range(0.40, 0.52)
    };

    let mut cov = if kota {
        r.range(25.0, 60.0)
    } else {
        r.range(8.0, 35.0)
    };
    let slope = r.range(0.8, 5.0);

    let rentan_start = if r.chance(0.82) {
        Some(2018 + r.below(6) as u32)
    } else {
        None
    };
    let rentan_base = r.range(0.004, 0.04);
    let rentan_growth = r.range(0.08, 0.40);

    let mut tpt = if kota {
        r.range(4.0, 10.0)
    } else {
        r.range(1.5, 7.0)
    };
    let tpt_drift = r.range(-0.25, 0.10);
    let mut claim_per_member = r.range(150_000.0, 450_000.0);

    let mut s = Series {
        penduduk: [0; YEARS],
        potensi_pekerja: [0; YEARS],
        cakupan: [0.0; YEARS],
        peserta_aktif: [0; YEARS],
        pekerja_rentan: [0; YEARS],
        anggaran_rentan: [0; YEARS],
        tpt: [0.0; YEARS],
        klaim: [0; YEARS],
        rentan_start,
    };
    let mut rentan = 0.0_f64;

    for t in 0..YEARS {
        let year = FIRST_YEAR + t as u32;
        if t > 0 {
            pop *= 1.0 + growth + 0.002 * r.noise();
            cov += slope + 1.5 * r.noise();
            if year == 2020 {
                cov -= r.range(2.0, 5.0);
            }
            tpt += tpt_drift + 0.35 * r.noise();
            match year {
                2020 => tpt += r.range(1.0, 2.5),
                2021 | 2022 => tpt -= r.range(0.3, 0.9),
                _ => {}
            }
            claim_per_member *= 1.0 + r.range(0.02, 0.08);
        }
        cov = cov.clamp(10.0, 100.0);
        tpt = tpt.clamp(0.5, 15.0);

        let penduduk = pop.round() as u64;
        let potensi = (pop * (work_share + 0.005 * r.noise())).round() as u64;
        let cakupan = (cov * 100.0).round() / 100.0;
        let peserta =
            ((potensi as f64) * cakupan / 100.0 * (1.0 + 0.015 * r.noise())).round() as u64;
        let peserta = peserta.min(potensi);

        let rentan_n = match rentan_start {
            Some(start) if year == start => {
                rentan = potensi as f64 * rentan_base;
                rentan.round() as u64
            }
            Some(start) if year > start => {
                rentan *= 1.0 + rentan_growth + 0.05 * r.noise();
                rentan = rentan.min(potensi as f64 * 0.25);
                rentan.round() as u64
            }
            _ => 0,
        };

        s.penduduk[t] = penduduk;
        s.potensi_pekerja[t] = potensi;
        s.cakupan[t] = cakupan;
        s.peserta_aktif[t] = peserta;
        s.pekerja_rentan[t] = rentan_n;
        s.anggaran_rentan[t] = rentan_n * IURAN_BULANAN * 12;
        s.tpt[t] = (tpt * 100.0).round() / 100.0;
        s.klaim[t] = (peserta as f64 * claim_per_member).round() as u64;
    }
    s
}

impl Series {
    /// Unrounded value of a non-derived metric for year index `t`.
    fn raw(&self, metric: &str, t: usize) -> f64 {
        match metric {
            "cakupan_kepesertaan" => self.cakupan[t],
            "peserta_aktif" => self.peserta_aktif[t] as f64,
            "potensi_pekerja" => self.potensi_pekerja[t] as f64,
            "pekerja_rentan_apbd_kab" => self.pekerja_rentan[t] as f64,
            "anggaran_pekerja_rentan" => self.anggaran_rentan[t] as f64,
            "tingkat_pengangguran_terbuka" => self.tpt[t],
            "penduduk" => self.penduduk[t] as f64,
            "klaim_dibayar" => self.klaim[t] as f64,
            other => unreachable!("unknown metric {other}"),
        }
    }

    /// Monthly figure of `metric` for `year`-`month`, as written in the data file: the yearly
    /// (year-end) values joined by straight lines, so December matches the yearly figure,
    /// continued before the first and after the last year, with a little noise. Only
    /// arithmetic, so the text is the same on every platform.
    fn monthly(&self, metric: &str, year: u32, month: u32, r: &mut Rng) -> String {
        // Position in years after the end of FIRST_YEAR (index 0 = December FIRST_YEAR).
        let pos = (year as f64 - FIRST_YEAR as f64) + (month as f64 - 12.0) / 12.0;
        let last = YEARS - 1;
        let v = if pos <= 0.0 {
            self.raw(metric, 0) * (1.0 + 0.04 * pos).max(0.5)
        } else if pos >= last as f64 {
            let slope = self.raw(metric, last) - self.raw(metric, last - 1);
            self.raw(metric, last) + slope * (pos - last as f64)
        } else {
            let i = pos.floor() as usize;
            let f = pos - i as f64;
            self.raw(metric, i) * (1.0 - f) + self.raw(metric, i + 1) * f
        };
        let v = (v * (1.0 + 0.002 * r.noise())).max(0.0);
        match metric {
            "cakupan_kepesertaan" => format!("{:.2}", v.min(100.0)),
            "tingkat_pengangguran_terbuka" => format!("{v:.2}"),
            _ => format!("{}", v.round() as u64),
        }
    }

    /// Plain-number value of a non-derived metric for year index `t`.
    fn value(&self, metric: &str, t: usize) -> String {
        match metric {
            "cakupan_kepesertaan" => format!("{:.2}", self.cakupan[t]),
            "peserta_aktif" => self.peserta_aktif[t].to_string(),
            "potensi_pekerja" => self.potensi_pekerja[t].to_string(),
            "pekerja_rentan_apbd_kab" => self.pekerja_rentan[t].to_string(),
            "anggaran_pekerja_rentan" => self.anggaran_rentan[t].to_string(),
            "tingkat_pengangguran_terbuka" => format!("{:.2}", self.tpt[t]),
            "penduduk" => self.penduduk[t].to_string(),
            "klaim_dibayar" => self.klaim[t].to_string(),
            other => unreachable!("unknown metric {other}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Formatting helpers (narrative only; data files use plain numbers)
// ---------------------------------------------------------------------------

/// 1234567 -> "1.234.567" (Indonesian thousands separator).
fn id_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// 12.345 -> "12,35" (Indonesian decimal comma), `dp` decimals.
fn id_dec(x: f64, dp: usize) -> String {
    format!("{x:.dp$}").replace('.', ",")
}

/// Rupiah in words-ish: "Rp 1,23 miliar", "Rp 456,7 juta".
fn id_rupiah(n: u64) -> String {
    let x = n as f64;
    if x >= 1e12 {
        format!("Rp {} triliun", id_dec(x / 1e12, 2))
    } else if x >= 1e9 {
        format!("Rp {} miliar", id_dec(x / 1e9, 2))
    } else if x >= 1e6 {
        format!("Rp {} juta", id_dec(x / 1e6, 1))
    } else {
        format!("Rp {}", id_int(n))
    }
}

fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => write!(out, "\\u{:04X}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn slug(code: &str) -> String {
    code.replace('.', "-")
}

// ---------------------------------------------------------------------------
// Narrative
// ---------------------------------------------------------------------------

const TARGET_WORDS: usize = 600;

const FILLER: &[&str] = &[
    "Data pada halaman ini bersifat sintetis dan disusun hanya untuk menguji kinerja pembangun situs, sehingga tidak boleh dikutip sebagai statistik resmi.",
    "Perbandingan antarwilayah sebaiknya memperhatikan perbedaan struktur ekonomi, terutama porsi pekerja informal di sektor pertanian dan perdagangan.",
    "Pemerintah daerah dapat memperluas perlindungan melalui kerja sama dengan desa, koperasi, dan asosiasi pekerja bukan penerima upah.",
    "Sosialisasi manfaat Jaminan Kecelakaan Kerja dan Jaminan Kematian masih menjadi kunci untuk menjangkau pekerja yang belum terdaftar.",
    "Angka potensi pekerja dihitung dari perkiraan penduduk bekerja dan dapat berbeda dari angka Survei Angkatan Kerja Nasional.",
    "Kenaikan kepesertaan yang berkelanjutan biasanya ditopang oleh pendataan yang rapi dan pembayaran iuran yang tepat waktu.",
    "Kepesertaan pekerja rentan yang dibiayai anggaran daerah sangat bergantung pada kemampuan fiskal dan prioritas belanja setiap tahun.",
    "Nilai klaim yang dibayarkan mencerminkan manfaat nyata yang diterima peserta dan ahli warisnya ketika risiko kerja terjadi.",
    "Pemutakhiran data kepesertaan dilakukan secara berkala sehingga angka tahun terakhir dapat direvisi pada terbitan berikutnya.",
    "Tingkat pengangguran terbuka memberi gambaran tentang tekanan pasar kerja, tetapi tidak menangkap setengah pengangguran.",
    "Program perlindungan bagi nelayan, petani, dan pedagang kecil menjadi contoh intervensi yang sering dipilih pemerintah daerah.",
    "Koordinasi antara dinas tenaga kerja, dinas sosial, dan kantor cabang BPJS Ketenagakerjaan membantu menyelaraskan data sasaran.",
    "Pekerja penerima upah umumnya lebih mudah dijangkau karena pendaftaran dilakukan oleh pemberi kerja.",
    "Sebaliknya, pekerja bukan penerima upah perlu didorong melalui pendekatan komunitas dan kanal pembayaran yang mudah.",
    "Penyaluran manfaat yang cepat ikut membangun kepercayaan masyarakat terhadap program jaminan sosial.",
    "Kesenjangan cakupan antara wilayah perkotaan dan perdesaan masih terlihat di banyak provinsi.",
    "Peraturan kepala daerah tentang perlindungan pekerja rentan memberi dasar hukum bagi alokasi anggaran tahunan.",
    "Indikator pada halaman ini dapat dibandingkan dengan wilayah lain melalui tabel peringkat dan grafik tren.",
    "Perubahan metode pendataan antartahun dapat menimbulkan lonjakan yang tidak mencerminkan perubahan kepesertaan sebenarnya.",
    "Pekerja migran, pekerja jasa konstruksi, dan pekerja sektor perikanan memiliki skema pendaftaran tersendiri.",
    "Pemanfaatan desa sebagai titik layanan terbukti memperpendek jarak antara peserta dan kantor pelayanan.",
    "Evaluasi program sebaiknya tidak hanya melihat jumlah peserta, tetapi juga keberlanjutan pembayaran iuran.",
    "Anggaran iuran yang relatif kecil dibandingkan belanja daerah menjadikan program ini salah satu intervensi yang paling efisien.",
    "Partisipasi perusahaan swasta dalam mendaftarkan pekerja harian lepas juga ikut menentukan capaian cakupan.",
];

/// Append up to `n` unused filler sentences (random order) as one paragraph.
fn filler(r: &mut Rng, used: &mut [bool], n: usize) -> String {
    let mut para = String::new();
    for _ in 0..n {
        let free: Vec<usize> = (0..FILLER.len()).filter(|&i| !used[i]).collect();
        if free.is_empty() {
            break;
        }
        let i = free[r.below(free.len())];
        used[i] = true;
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(FILLER[i]);
    }
    para
}

fn trend_word(delta: f64) -> &'static str {
    if delta > 15.0 {
        "meningkat tajam"
    } else if delta > 5.0 {
        "meningkat"
    } else if delta > -2.0 {
        "relatif stabil"
    } else {
        "menurun"
    }
}

fn narrative(reg: &Regency, prov_name: &str, s: &Series, neighbours: &[&Regency]) -> String {
    let mut r = Rng::for_key(&reg.code, 2);
    let short = short_name(&reg.name);
    let kind = if is_kota(&reg.name) {
        "kota"
    } else {
        "kabupaten"
    };
    let last = YEARS - 1;
    let d_cov = s.cakupan[last] - s.cakupan[0];
    let peak_tpt = (0..YEARS)
        .max_by(|&a, &b| s.tpt[a].total_cmp(&s.tpt[b]))
        .unwrap();

    let mut md = String::with_capacity(6_000);
    writeln!(md, "+++").unwrap();
    writeln!(md, "title = {}", toml_str(&reg.name)).unwrap();
    writeln!(md, "region = {}", toml_str(&reg.code)).unwrap();
    writeln!(md, "date = {}", toml_str(DATE)).unwrap();
    writeln!(md, "+++").unwrap();
    let header_len = md.len();
    md.push('\n');
    let mut used = [false; FILLER.len()];

    // Intro.
    let opener = r.pick(&[
        "Halaman ini merangkum",
        "Berikut ringkasan",
        "Catatan ini menyajikan",
        "Laporan singkat ini memuat",
    ]);
    writeln!(
        md,
        "{opener} perkembangan perlindungan jaminan sosial ketenagakerjaan di **{}**, Provinsi {prov_name}, \
         selama periode {FIRST_YEAR}–{LAST_YEAR}. Sebagai sebuah {kind} dengan sekitar {} penduduk pada {LAST_YEAR}, \
         {short} memiliki potensi pekerja sebanyak {} orang. {}\n",
        reg.name,
        id_int(s.penduduk[last]),
        id_int(s.potensi_pekerja[last]),
        r.pick(&[
            "Seluruh angka bersifat ilustratif.",
            "Angka-angka di bawah ini merupakan data sintetis untuk keperluan uji.",
            "Data yang digunakan adalah data sintetis, bukan data resmi.",
        ]),
    )
    .unwrap();

    // Coverage.
    writeln!(md, "## Cakupan kepesertaan\n").unwrap();
    writeln!(
        md,
        "Cakupan kepesertaan {short} {} dari {} persen pada {FIRST_YEAR} menjadi **{} persen** pada {LAST_YEAR}. \
         Pada tahun terakhir tercatat {} peserta aktif dari {} potensi pekerja. {}\n",
        trend_word(d_cov),
        id_dec(s.cakupan[0], 1),
        id_dec(s.cakupan[last], 1),
        id_int(s.peserta_aktif[last]),
        id_int(s.potensi_pekerja[last]),
        if s.cakupan[5] < s.cakupan[4] {
            "Penurunan pada 2020 sejalan dengan dampak pandemi terhadap pekerja di sektor informal."
        } else {
            "Kepesertaan tetap bertahan meskipun pasar kerja tertekan pada 2020."
        },
    )
    .unwrap();
    writeln!(md, "{}\n", filler(&mut r, &mut used, 2)).unwrap();
    writeln!(md, "Beberapa angka kunci untuk {LAST_YEAR}:\n").unwrap();
    writeln!(
        md,
        "- Peserta aktif: **{} orang**",
        id_int(s.peserta_aktif[last])
    )
    .unwrap();
    writeln!(
        md,
        "- Potensi pekerja: {} orang",
        id_int(s.potensi_pekerja[last])
    )
    .unwrap();
    writeln!(
        md,
        "- Cakupan kepesertaan: {} persen",
        id_dec(s.cakupan[last], 2)
    )
    .unwrap();
    writeln!(
        md,
        "- Tingkat pengangguran terbuka: {} persen",
        id_dec(s.tpt[last], 2)
    )
    .unwrap();
    writeln!(md, "- Klaim dibayar: {}\n", id_rupiah(s.klaim[last])).unwrap();

    // Table.
    writeln!(md, "### Perkembangan tahunan\n").unwrap();
    writeln!(md, "| Tahun | Cakupan (%) | Peserta aktif | TPT (%) |").unwrap();
    writeln!(md, "|---|---:|---:|---:|").unwrap();
    for t in 0..YEARS {
        writeln!(
            md,
            "| {} | {} | {} | {} |",
            FIRST_YEAR + t as u32,
            id_dec(s.cakupan[t], 2),
            id_int(s.peserta_aktif[t]),
            id_dec(s.tpt[t], 2)
        )
        .unwrap();
    }
    md.push('\n');

    // Vulnerable workers.
    writeln!(md, "## Pekerja rentan\n").unwrap();
    match s.rentan_start {
        Some(start) => writeln!(
            md,
            "Pemerintah {kind} mulai membiayai iuran pekerja rentan melalui APBD pada {start}. \
             Pada {LAST_YEAR} terdapat {} pekerja rentan yang dilindungi dengan anggaran sekitar **{}**, \
             dihitung dari iuran JKK dan JKM sebesar Rp {} per orang per bulan. {}\n",
            id_int(s.pekerja_rentan[last]),
            id_rupiah(s.anggaran_rentan[last]),
            id_int(IURAN_BULANAN),
            r.pick(&[
                "Sasaran program terutama petani, nelayan, dan pedagang kecil.",
                "Penerima manfaat dipilih dari data terpadu kesejahteraan sosial.",
                "Perluasan sasaran dilakukan bertahap sesuai ketersediaan anggaran.",
            ]),
        )
        .unwrap(),
        None => writeln!(
            md,
            "Hingga {LAST_YEAR}, {short} belum mencatat program iuran pekerja rentan yang dibiayai APBD {kind}. \
             Perlindungan pekerja bukan penerima upah masih bergantung pada pendaftaran mandiri dan program pemerintah pusat.\n",
        )
        .unwrap(),
    }

    let n = 1 + r.below(2);
    writeln!(md, "{}\n", filler(&mut r, &mut used, n)).unwrap();

    // Labour market.
    writeln!(md, "## Pasar kerja dan manfaat\n").unwrap();
    writeln!(
        md,
        "Tingkat pengangguran terbuka tertinggi dalam periode ini terjadi pada {} sebesar {} persen, \
         sementara pada {LAST_YEAR} angkanya {} persen. Nilai klaim yang dibayarkan kepada peserta naik dari {} \
         pada {FIRST_YEAR} menjadi {} pada {LAST_YEAR}.\n",
        FIRST_YEAR + peak_tpt as u32,
        id_dec(s.tpt[peak_tpt], 2),
        id_dec(s.tpt[last], 2),
        id_rupiah(s.klaim[0]),
        id_rupiah(s.klaim[last]),
    )
    .unwrap();

    // Notes: filler sentences until the page reaches ~TARGET_WORDS words
    // (the closing links paragraph adds ~30 more).
    writeln!(md, "## Catatan\n").unwrap();
    loop {
        let words = md[header_len..].split_whitespace().count();
        if words + 30 >= TARGET_WORDS {
            break;
        }
        let n = 2 + r.below(2);
        let para = filler(&mut r, &mut used, n);
        if para.is_empty() {
            break;
        }
        writeln!(md, "{para}\n").unwrap();
    }

    write!(
        md,
        "Lihat juga situs resmi [BPJS Ketenagakerjaan](https://www.bpjsketenagakerjaan.go.id/) dan daftar wilayah \
         [idn-area-data](https://github.com/fityannugroho/idn-area-data)."
    )
    .unwrap();
    if !neighbours.is_empty() {
        md.push_str(" Wilayah lain di provinsi yang sama: ");
        let links: Vec<String> = neighbours
            .iter()
            .map(|n| {
                format!(
                    "[{}](/wilayah/{}/)",
                    n.name,
                    cakupan::testing::slugify(&n.name)
                )
            })
            .collect();
        md.push_str(&links.join(", "));
        md.push('.');
    }
    md.push('\n');
    md
}

fn index_page(provinces: &[Province], by_province: &BTreeMap<&str, Vec<&Regency>>) -> String {
    let n_regions: usize = by_province.values().map(Vec::len).sum();
    let mut md = String::new();
    writeln!(md, "+++").unwrap();
    writeln!(md, "title = {}", toml_str("Cakupan Nasional")).unwrap();
    writeln!(md, "+++\n").unwrap();
    writeln!(
        md,
        "Situs ini adalah **data sintetis untuk benchmark**: {n_regions} kabupaten/kota di {} provinsi, \
         {} indikator, periode {FIRST_YEAR}–{LAST_YEAR}. Semua angka dibangkitkan secara deterministik dan \
         bukan data resmi BPJS Ketenagakerjaan maupun BPS.\n",
        provinces.len(),
        METRICS.len()
    )
    .unwrap();
    writeln!(md, "## Wilayah per provinsi\n").unwrap();
    writeln!(md, "| Kode | Provinsi | Kabupaten/kota |").unwrap();
    writeln!(md, "|---|---|---:|").unwrap();
    for p in provinces {
        let n = by_province.get(p.code.as_str()).map_or(0, Vec::len);
        writeln!(md, "| {} | {} | {} |", p.code, p.name, n).unwrap();
    }
    writeln!(md, "\n## Sumber\n").unwrap();
    writeln!(
        md,
        "Daftar wilayah: idn-area-data 4.0.1 (ODbL 1.0), \
         <https://github.com/fityannugroho/idn-area-data>. Data wilayah tersebut tersedia di bawah \
         [Open Database License 1.0](https://opendatacommons.org/licenses/odbl/1-0/)."
    )
    .unwrap();
    md
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Stats {
    files: usize,
    bytes: u64,
    observation_rows: usize,
}

impl Stats {
    fn write(&mut self, path: &Path, contents: &str) -> Result<()> {
        fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        self.files += 1;
        self.bytes += contents.len() as u64;
        Ok(())
    }
}

fn metrics_toml() -> String {
    let mut out =
        String::from("# Synthetic benchmark metrics (generated by examples/gen_national.rs).\n");
    for (key, label, unit, hib, desc) in METRICS {
        writeln!(out, "\n[{key}]").unwrap();
        writeln!(out, "label = {}", toml_str(label)).unwrap();
        writeln!(out, "unit = {}", toml_str(unit)).unwrap();
        writeln!(out, "higher_is_better = {hib}").unwrap();
        writeln!(out, "description = {}", toml_str(desc)).unwrap();
    }
    out.push_str(
        "\n[rasio_peserta_potensi]\n\
         label = \"Rasio peserta terhadap potensi pekerja\"\n\
         unit = \"persen\"\n\
         description = \"Peserta aktif dibagi potensi pekerja, dihitung oleh mesin dari kedua seri tersebut.\"\n\
         ratio = { numerator = \"peserta_aktif\", denominator = \"potensi_pekerja\" }\n",
    );
    out
}

fn sources_toml() -> String {
    format!(
        "# Synthetic benchmark sources (generated by examples/gen_national.rs).\n\n\
         [{SOURCE_ID}]\n\
         title = \"Data sintetis kepesertaan BPJS Ketenagakerjaan untuk benchmark\"\n\
         publisher = \"Cakupan (generator gen_national)\"\n\
         url = \"https://www.bpjsketenagakerjaan.go.id/\"\n\
         date = \"{DATE}\"\n\
         kind = \"illustrative\"\n\n\
         [bench-idn-area]\n\
         title = \"idn-area-data 4.0.1: daftar provinsi dan kabupaten/kota (ODbL 1.0)\"\n\
         publisher = \"fityannugroho/idn-area-data\"\n\
         url = \"https://github.com/fityannugroho/idn-area-data\"\n\
         date = \"{DATE}\"\n\
         kind = \"illustrative\"\n"
    )
}

fn run(out: &Path, opts: &Options) -> Result<Stats> {
    let data_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/data/idn-area-data-4.0.1");
    let regencies: Vec<Regency> = read_csv(&data_dir.join("regencies.csv"))?;
    let provinces: Vec<Province> = read_csv(&data_dir.join("provinces.csv"))?;
    let prov_names: BTreeMap<&str, &str> = provinces
        .iter()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect();

    let mut by_province: BTreeMap<&str, Vec<&Regency>> = BTreeMap::new();
    for reg in &regencies {
        if !prov_names.contains_key(reg.province_code.as_str()) {
            return Err(format!(
                "regency {} has unknown province {}",
                reg.code, reg.province_code
            )
            .into());
        }
        by_province
            .entry(reg.province_code.as_str())
            .or_default()
            .push(reg);
    }

    let obs_dir = out.join("data/observations");
    let wil_dir = out.join("content/wilayah");
    fs::create_dir_all(&obs_dir)?;
    fs::create_dir_all(&wil_dir)?;

    let mut st = Stats::default();

    st.write(
        &out.join("site.toml"),
        "title = \"Cakupan Nasional (data sintetis untuk benchmark)\"\n\
         base_url = \"/\"\n\
         language = \"id\"\n\
         province_code = \"00\"\n\
         province_name = \"Indonesia\"\n\
         headline_metric = \"cakupan_kepesertaan\"\n\
         number_format = \"plain\"\n\
         # PNG downloads cost ~14 ms per chart; timed separately in BENCHMARKS.md\n\
         chart_png = false\n",
    )?;
    st.write(&out.join("data/metrics.toml"), &metrics_toml())?;
    st.write(&out.join("data/sources.toml"), &sources_toml())?;
    st.write(
        &out.join("content/_index.md"),
        &index_page(&provinces, &by_province),
    )?;

    // regions.csv
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "code",
        "name",
        "short_name",
        "capital",
        "bps_code",
        "tile_x",
        "tile_y",
    ])?;
    for reg in &regencies {
        w.write_record([reg.code.as_str(), reg.name.as_str(), "", "", "", "", ""])?;
    }
    st.write(
        &out.join("data/regions.csv"),
        std::str::from_utf8(&w.into_inner()?)?,
    )?;

    // Observations (one file per province, or one for all) and narratives.
    let header = ["region", "metric", "period", "value", "source", "note"];
    let mut all = csv::Writer::from_writer(Vec::new());
    if opts.single_file {
        all.write_record(header)?;
    }
    let monthly: Vec<&str> = METRICS
        .iter()
        .take(opts.monthly_metrics)
        .map(|m| m.0)
        .collect();
    for (prov, regs) in &by_province {
        let mut w = csv::Writer::from_writer(Vec::with_capacity(regs.len() * 80 * 40));
        let mut wm = csv::Writer::from_writer(Vec::new());
        w.write_record(header)?;
        wm.write_record(header)?;
        for (i, reg) in regs.iter().enumerate() {
            let s = series_for(reg);
            for (metric, ..) in METRICS {
                for t in 0..YEARS {
                    let period = (FIRST_YEAR + t as u32).to_string();
                    let value = s.value(metric, t);
                    let row = [reg.code.as_str(), metric, &period, &value, SOURCE_ID, ""];
                    if opts.single_file {
                        all.write_record(row)?;
                    } else {
                        w.write_record(row)?;
                    }
                    st.observation_rows += 1;
                }
            }
            for metric in &monthly {
                let mut r = Rng::for_key(&format!("{}/{metric}", reg.code), 3);
                for year in opts.months_from..=LAST_MONTH_YEAR {
                    for month in 1..=12 {
                        let period = format!("{year}-{month:02}");
                        let value = s.monthly(metric, year, month, &mut r);
                        let row = [reg.code.as_str(), metric, &period, &value, SOURCE_ID, ""];
                        if opts.single_file {
                            all.write_record(row)?;
                        } else {
                            wm.write_record(row)?;
                        }
                        st.observation_rows += 1;
                    }
                }
            }
            // Up to two neighbours on each side in the province's list order.
            let lo = i.saturating_sub(2);
            let hi = (i + 3).min(regs.len());
            let neighbours: Vec<&Regency> = regs[lo..hi]
                .iter()
                .filter(|n| n.code != reg.code)
                .copied()
                .collect();
            let md = narrative(reg, prov_names[prov], &s, &neighbours);
            st.write(&wil_dir.join(format!("{}.md", slug(&reg.code))), &md)?;
        }
        if !opts.single_file {
            let bytes = w.into_inner()?;
            st.write(
                &obs_dir.join(format!("{prov}.csv")),
                std::str::from_utf8(&bytes)?,
            )?;
            if !monthly.is_empty() {
                let bytes = wm.into_inner()?;
                st.write(
                    &obs_dir.join(format!("{prov}-bulanan.csv")),
                    std::str::from_utf8(&bytes)?,
                )?;
            }
        }
    }
    if opts.single_file {
        let bytes = all.into_inner()?;
        st.write(&obs_dir.join("nasional.csv"), std::str::from_utf8(&bytes)?)?;
    }
    Ok(st)
}

const USAGE: &str = "usage: cargo run --release --example gen_national -- \
[--monthly] [--monthly-metrics K] [--months-from YEAR] [--single-file] <out_dir>";

fn parse_args(args: &[String]) -> std::result::Result<(Options, PathBuf), String> {
    let mut opts = Options::default();
    let mut out = None;
    let mut it = args.iter();
    let number = |v: Option<&String>, what: &str| -> std::result::Result<u32, String> {
        v.and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{what} needs a number"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--monthly" => opts.monthly_metrics = 4,
            "--monthly-metrics" => {
                opts.monthly_metrics = number(it.next(), "--monthly-metrics")? as usize;
                if opts.monthly_metrics > METRICS.len() {
                    return Err(format!("--monthly-metrics is at most {}", METRICS.len()));
                }
            }
            "--months-from" => {
                opts.months_from = number(it.next(), "--months-from")?;
                if !(1990..=LAST_MONTH_YEAR).contains(&opts.months_from) {
                    return Err(format!(
                        "--months-from is a year from 1990 to {LAST_MONTH_YEAR}"
                    ));
                }
            }
            "--single-file" => opts.single_file = true,
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s if out.is_none() => out = Some(PathBuf::from(s)),
            _ => return Err("only one output folder".into()),
        }
    }
    Ok((opts, out.ok_or("no output folder given")?))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (opts, out) = match parse_args(&args) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("gen_national: {e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let started = std::time::Instant::now(); // reporting only; never written to the site
    match run(&out, &opts) {
        Ok(st) => {
            eprintln!(
                "gen_national: wrote {} files, {} bytes, {} observation rows to {} in {:.2?}",
                st.files,
                st.bytes,
                st.observation_rows,
                out.display(),
                started.elapsed()
            );
        }
        Err(e) => {
            eprintln!("gen_national: error: {e}");
            std::process::exit(1);
        }
    }
}
