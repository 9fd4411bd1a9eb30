//! Diagnostics in the site's language: one catalogue of English message shapes and their
//! Indonesian wording, applied when problems are printed.
//!
//! Loaders and checks keep writing English (codes, tests and `--format json` match on it);
//! [`translate`] turns a finished message and hint into Indonesian at output time. A shape is
//! written as the `format!` string that builds it (`{}` is any text, `{{`/`}}` are braces), so
//! the coverage test in tests/messages.rs can compare the catalogue with the source. The
//! Indonesian side reuses the captured parts in order (`{}`) or by number (`{0}`, `{1}`).

use crate::diagnostics::{Diagnostic, Severity};
pub use crate::format::Lang;

/// Parses a language name as `--lang` and site.toml write it.
pub fn parse_lang(s: &str) -> Result<Lang, String> {
    match s {
        "id" => Ok(Lang::Id),
        "en" => Ok(Lang::En),
        other => Err(format!("unknown language `{other}`; use id or en")),
    }
}

/// The language of the messages: `--lang`, else site.toml's `language`, else Indonesian (the
/// language of the staff who run the build). A tiny read of its own: a broken site.toml is
/// reported by the loader, in this language.
pub fn site_lang(flag: Option<Lang>, site: &std::path::Path) -> Lang {
    if let Some(l) = flag {
        return l;
    }
    let text = std::fs::read_to_string(site.join("site.toml")).unwrap_or_default();
    let table: toml::Table = toml::from_str(&text).unwrap_or_default();
    match table.get("language").and_then(|v| v.as_str()) {
        Some("en") => Lang::En,
        _ => Lang::Id,
    }
}

/// The message and hint in `lang`: unchanged in English, and in Indonesian when the catalogue
/// has the shape (otherwise unchanged too, so nothing is ever lost).
pub fn translate(message: &str, hint: Option<&str>, lang: Lang) -> (String, Option<String>) {
    match lang {
        Lang::En => (message.to_string(), hint.map(str::to_string)),
        Lang::Id => (to_id(message, 0), hint.map(|h| to_id(h, 0))),
    }
}

/// Whether `text` has an Indonesian wording in the catalogue.
pub fn has_entry(text: &str) -> bool {
    CATALOGUE.iter().any(|(en, _)| captures(en, text).is_some())
}

fn to_id(text: &str, depth: usize) -> String {
    // A whole phrase of its own wins over the broad nested shapes ("unexpected key or value"
    // is one phrase, not "{} or {}").
    if let Some((_, id)) = WORDS
        .iter()
        .chain(CATALOGUE)
        .find(|(en, _)| *en == text && !en.contains('{'))
    {
        return id.to_string();
    }
    let nested = if depth > 0 { NESTED } else { &[] };
    for (en, id) in nested.iter().chain(CATALOGUE) {
        if let Some(caps) = captures(en, text) {
            // Captured parts are ids and values, but some are English phrases of their own
            // (a suggestion inside a hint): translate those when they are whole entries.
            let quoted = quoted_holes(en);
            let caps: Vec<String> = caps
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    // A part in backticks is an id as written (`region` may be a metric id).
                    let quoted = quoted.get(i).copied().unwrap_or(false);
                    if depth < 3 && !quoted && nested_ok(c) {
                        to_id(c, depth + 1)
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            return fill(id, &caps);
        }
    }
    text.to_string()
}

/// A capture is translated again only when it reads as a phrase: an id such as `cakupan` or a
/// file name must stay as written, and WORDS cover the single words that are not ids.
fn nested_ok(c: &str) -> bool {
    WORDS.iter().any(|(en, _)| *en == c)
        || NESTED.iter().any(|(en, _)| captures(en, c).is_some())
        || CATALOGUE
            .iter()
            .any(|(en, _)| longest_literal(en) >= 8 && captures(en, c).is_some())
}

/// For each hole of a shape, whether it sits between backticks.
fn quoted_holes(pattern: &str) -> Vec<bool> {
    let (parts, _) = parse(pattern);
    parts
        .windows(2)
        .map(|w| w[0].ends_with('`') && w[1].starts_with('`'))
        .collect()
}

fn longest_literal(pattern: &str) -> usize {
    parse(pattern)
        .0
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
}

/// A shape's literal parts (one more than its holes), braces unescaped.
fn parse(pattern: &str) -> (Vec<String>, usize) {
    let mut parts = vec![String::new()];
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('{', Some('{')) | ('}', Some('}')) => {
                chars.next();
                parts.last_mut().unwrap().push(c);
            }
            ('{', _) => {
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                }
                parts.push(String::new());
            }
            _ => parts.last_mut().unwrap().push(c),
        }
    }
    let holes = parts.len() - 1;
    (parts, holes)
}

/// The parts of `text` standing for the holes of `pattern`, when the whole text matches.
fn captures<'t>(pattern: &str, text: &'t str) -> Option<Vec<&'t str>> {
    // Patterns are parsed once: parsing every pattern for every message, recursively for the
    // parts of nested messages, made printing 200 warnings cost 0,4 s.
    static PARSED: std::sync::OnceLock<std::collections::HashMap<&'static str, Vec<String>>> =
        std::sync::OnceLock::new();
    let table = PARSED.get_or_init(|| {
        CATALOGUE
            .iter()
            .chain(NESTED)
            .map(|(en, _)| (*en, parse(en).0))
            .collect()
    });
    let owned;
    let parts: &Vec<String> = match table.get(pattern) {
        Some(p) => p,
        None => {
            owned = parse(pattern).0;
            &owned
        }
    };
    // Cheap rejection before any allocation: the text must start with the first literal.
    if !text.starts_with(parts[0].as_str()) {
        return None;
    }
    let mut rest = text.strip_prefix(parts[0].as_str())?;
    let Some((last, middle)) = parts[1..].split_last() else {
        return rest.is_empty().then(Vec::new);
    };
    let mut caps = Vec::new();
    for part in middle {
        // An empty literal between two holes cannot split them: leave the first empty.
        let i = if part.is_empty() {
            0
        } else {
            rest.find(part.as_str())?
        };
        caps.push(&rest[..i]);
        rest = &rest[i + part.len()..];
    }
    let body = rest.strip_suffix(last.as_str())?;
    caps.push(body);
    Some(caps)
}

/// The Indonesian template with the captured parts put in.
fn fill(template: &str, caps: &[String]) -> String {
    let mut out = String::new();
    let mut next = 0;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('{', Some('{')) | ('}', Some('}')) => {
                chars.next();
                out.push(c);
            }
            ('{', _) => {
                let mut n = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    n.push(d);
                }
                let i = n.parse().unwrap_or_else(|_| {
                    next += 1;
                    next - 1
                });
                out.push_str(caps.get(i).map(String::as_str).unwrap_or(""));
            }
            _ => out.push(c),
        }
    }
    out
}

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
/// The place is never translated, so editors still jump to it.
pub fn render(d: &Diagnostic, lang: Lang) -> String {
    let (message, hint) = translate(&d.message, d.hint.as_deref(), lang);
    let mut s = format!(
        "{}: {}: {message}",
        severity_word(d.severity, lang),
        d.location
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

/// Single words captured inside messages (a unit, a kind of thing) that are not ids.
pub const WORDS: &[(&str, &str)] = &[
    ("region", "wilayah"),
    ("metric", "metrik"),
    ("source", "sumber"),
    ("criterion", "kriteria"),
    ("people", "orang"),
    ("chart type", "jenis grafik"),
    ("participant", "peserta"),
    ("assessor", "penilai"),
    ("(empty)", "(kosong)"),
    ("rupiah", "rupiah"),
    ("rises", "naik"),
    ("falls", "turun"),
    // What a library says would fit (toml, serde), and the words plain_message uses for it.
    ("newline", "akhir baris"),
    ("newline, `#`", "akhir baris, `#`"),
    ("literal string", "teks dalam tanda kutip"),
    ("basic string", "teks dalam tanda kutip ganda"),
    ("text in double quotes", "teks dalam tanda kutip ganda"),
    ("a whole number", "bilangan bulat"),
    ("a number", "angka"),
    ("true or false", "true atau false"),
    ("a table or a date", "tabel atau tanggal"),
    ("a list in [ ]", "daftar dalam [ ]"),
];

/// Shapes too broad to try on a whole message, tried only on its captured parts (a range
/// such as `0 to 100` inside a warning).
const NESTED: &[(&str, &str)] = &[
    // A library's "<what is wrong>, expected <what would fit>" (toml's parse errors, serde's);
    // first, so each side is split further on its own.
    ("{}, expected {}", "{}; seharusnya {}"),
    ("one of {}", "salah satu dari {}"),
    ("{} to {}", "{} sampai {}"),
    ("{} or {}", "{} atau {}"),
];

/// Source literals that are not messages (parts a helper joins, words for a capture), each
/// with the reason it needs no entry of its own. The coverage test reads this list.
pub const PASSTHROUGH: &[(&str, &str)] = &[
    (
        "chart type",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "period",
        "a word inside value()'s message; covered by its full shape",
    ),
    (
        " for {}",
        "the period part of value()'s message; covered by its full shape",
    ),
    (", ", "separator of a list inside a hint"),
    (",", "separator of a list inside a hint"),
    ("", "empty text"),
    (
        "criterion",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "metric",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "region",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "Orang",
        "a unit name compared with the data, not shown as a message",
    ),
    (
        "Rupiah",
        "a unit name compared with the data, not shown as a message",
    ),
    (
        "people",
        "a word inside a message; translated through WORDS",
    ),
    ("rupiah", "a word inside a message; the same in Indonesian"),
    ("76.5", "an example number inside a hint"),
    ("76,5", "an example number inside a hint"),
    ("data/observations", "a folder name inside a message"),
    (
        "{}: {}",
        "a prefix and a message of its own; each part is translated",
    ),
    (
        "{}",
        "a message built elsewhere; translated by its own shape",
    ),
    (
        "participant",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "assessor",
        "a word passed to suggest(); translated through WORDS",
    ),
    (
        "(empty)",
        "a placeholder for an empty cell; translated through WORDS",
    ),
];

/// English shape (as the `format!` string that builds it) and its Indonesian wording. The first
/// matching shape wins, so a narrow shape comes before a broad one.
pub const CATALOGUE: &[(&str, &str)] = &[
    // cakupan serve: its error page's frame and its terminal lines.
    ("Build failed: cakupan serve", "Gagal dibangun: cakupan serve"),
    ("The site does not build", "Situs tidak dapat dibangun"),
    ("Fix the problems below; this page reloads by itself when the build succeeds.", "Perbaiki masalah di bawah ini; halaman ini dimuat ulang sendiri begitu situs berhasil dibangun."),
    ("hint:", "saran:"),
    ("... and {} more (see the terminal)", "... dan {} lagi (lihat terminal)"),
    ("... and {} more", "... dan {} lagi"),
    ("serving {} at {} (Ctrl+C stops)", "menyajikan {} di {} (Ctrl+C untuk berhenti)"),
    ("... {} warning(s) in all; `cakupan check` lists every one", "... {} peringatan seluruhnya; `cakupan check` menampilkan semuanya"),
    ("built {} pages, {} files in {} ms", "selesai: {} halaman, {} berkas dalam {} ms"),
    ("nothing changed ({} ms)", "tidak ada yang berubah ({} ms)"),
    ("rebuilt {} in {} ms (only the edited pages)", "dibangun ulang: {} dalam {} ms (hanya halaman yang disunting)"),
    ("{} error(s); still serving the last good build for files other than pages", "{} kesalahan; berkas selain halaman masih diambil dari hasil terakhir yang berhasil"),
    ("serving on {}: other machines on the network can read this site, including drafts; use --bind 127.0.0.1 to keep it on this computer", "menyajikan di {}: komputer lain di jaringan dapat membaca situs ini, termasuk draf; pakai --bind 127.0.0.1 agar situs hanya terbuka di komputer ini"),
    ("could not open a browser ({}: {}); open {} yourself", "peramban tidak dapat dibuka ({}: {}); buka {} sendiri"),
    ("cannot watch {}/: {}", "{}/ tidak dapat dipantau: {}"),
    ("watching for changes: {}", "memantau perubahan: {}"),
    ("cannot watch {} for changes: {}", "perubahan di {} tidak dapat dipantau: {}"),
    ("{} has no site.toml; pass --site with the site folder", "{} tidak berisi site.toml; berikan folder situs dengan --site"),
    ("port {} is already in use on {}; port {} is free: cakupan serve --port {}", "port {} sudah dipakai di {}; port {} bebas: cakupan serve --port {}"),
    ("port {} is already in use on {}; pass another one with --port", "port {} sudah dipakai di {}; pilih port lain dengan --port"),
    ("cannot listen on {}: {}", "tidak dapat mendengarkan di {}: {}"),
    // Workbooks, score files, observations, base_url (added with the workbook reader).
    ("round `{}` has two score files, this one and {}", "putaran `{}` punya dua berkas skor, berkas ini dan {}"),
    ("keep one score file per round (CSV or workbook)", "simpan satu berkas skor per putaran (CSV atau buku kerja)"),
    ("duplicate score: region {}, criterion `{}`, assessor `{}` is also given at {}", "skor ganda: wilayah {}, kriteria `{}`, penilai `{}` juga tercantum di {}"),
    ("the sitemap needs an absolute base_url, not `{}`: sitemap.xml, feed.xml and share previews give search engines and readers addresses without a host", "peta situs butuh base_url lengkap, bukan `{}`: tanpa nama host, sitemap.xml, feed.xml, dan pratinjau tautan memberi mesin pencari dan pembaca alamat yang tidak lengkap"),
    ("write the address the site is published at, e.g. base_url = \"https://data.kaltimprov.go.id/cakupan/\"; the pages link relatively, so the site still opens from disk", "tulis alamat tempat situs diterbitkan, misalnya base_url = \"https://data.kaltimprov.go.id/cakupan/\"; tautan antarhalaman tetap relatif, jadi situs tetap bisa dibuka dari disk"),
    ("no CSV or workbook files with figures were found", "tidak ditemukan berkas CSV atau buku kerja berisi angka"),
    ("add at least one file such as data/observations/kepesertaan.csv or kepesertaan.xlsx", "tambahkan setidaknya satu berkas, misalnya data/observations/kepesertaan.csv atau kepesertaan.xlsx"),
    ("value {} for `{}` is far too large", "nilai {} untuk `{}` terlalu besar"),
    ("negative value {} for `{}`, which cannot be below zero", "nilai negatif {} untuk `{}`, yang tidak mungkin di bawah nol"),
    ("cannot read the workbook: {}", "buku kerja tidak bisa dibaca: {}"),
    ("open it in Excel or LibreOffice and save it again as Excel Workbook (.xlsx) or OpenDocument Spreadsheet (.ods); a password-protected file cannot be read", "buka di Excel atau LibreOffice lalu simpan ulang sebagai Excel Workbook (.xlsx) atau OpenDocument Spreadsheet (.ods); berkas berkata sandi tidak bisa dibaca"),
    ("cannot read the sheet: {}", "sheet tidak bisa dibaca: {}"),
    ("save the workbook again from Excel or LibreOffice; rename the sheet to start with _ if it holds no figures", "simpan ulang buku kerja dari Excel atau LibreOffice; beri nama sheet berawalan _ bila tidak berisi angka"),
    ("this cell has a value but its column has no header", "sel ini berisi nilai, tetapi kolomnya tidak punya judul"),
    ("give the column a name in the header row, or clear the cell", "beri nama kolom di baris judul, atau kosongkan sel ini"),
    ("the cell holds the spreadsheet error {}", "sel ini berisi galat lembar kerja {}"),
    ("correct the formula, or type the value", "perbaiki rumusnya, atau ketik nilainya"),
    // Suggestions and the sentences joined to them.
    ("did you mean `{}`? the columns read here are: {}", "maksud Anda `{}`? kolom yang dibaca di sini: {}"),
    ("did you mean `{}`?", "maksud Anda `{}`?"),
    ("no {} with a similar name exists", "tidak ada {} dengan nama yang mirip"),
    ("{} (regions are listed in data/regions.csv)", "{} (wilayah tercantum di data/regions.csv)"),
    ("{}; regions are listed in data/regions.csv", "{}; wilayah tercantum di data/regions.csv"),
    ("{}; sources are defined in data/sources.toml", "{}; sumber didefinisikan di data/sources.toml"),
    ("{}; metrics are defined in data/metrics.toml", "{}; metrik didefinisikan di data/metrics.toml"),
    ("{}; the assessors are listed in {}", "{}; penilai tercantum di {}"),
    ("write the region's code, not its name: {} for {}", "tulis kode wilayah, bukan namanya: {} untuk {}"),
    // Hints joined from parts (`suggest` plus a sentence), and messages chosen at run time.
    ("{} (every figure needs a source id defined in data/sources.toml)", "{} (setiap angka memerlukan id sumber yang didefinisikan di data/sources.toml)"),
    ("{}; criteria are the [[criteria]] of {}", "{}; kriteria adalah [[criteria]] di {}"),
    ("{}; published ranks name regions by code, as in participants", "{}; peringkat terbit menyebut wilayah dengan kodenya, seperti di participants"),
    ("add the region to participants, or remove it from published_result", "tambahkan wilayah itu ke participants, atau hapus dari published_result"),
    ("add the assessors' scores for `{}` to {}", "tambahkan skor penilai untuk `{}` ke {}"),
    ("add {} with the columns region,criterion,assessor,score,note", "tambahkan {} dengan kolom region,criterion,assessor,score,note"),
    ("the source is empty", "sumber kosong"),
    ("the url is empty", "url kosong"),
    ("write the page's full address, e.g. url = \"https://www.bps.go.id/...\", or remove the url line", "tulis alamat lengkap halamannya, misalnya url = \"https://www.bps.go.id/...\", atau hapus baris url"),
    ("figures are read from CSV files only: in Excel choose File > Save As > CSV UTF-8 (Comma delimited)", "angka hanya dibaca dari berkas CSV: di Excel pilih File > Save As > CSV UTF-8 (Comma delimited)"),
    ("save the table as CSV UTF-8 (Comma delimited) with the extension .csv", "simpan tabelnya sebagai CSV UTF-8 (Comma delimited) dengan ekstensi .csv"),
    ("only .csv files in data/observations/ are read; move other files elsewhere", "hanya berkas .csv di data/observations/ yang dibaca; pindahkan berkas lain ke tempat lain"),
    ("long layout: region,metric,period,value,source,note; wide layout: region,period,source,<metric>,<metric>...", "tata letak panjang: region,metric,period,value,source,note; tata letak lebar: region,period,source,<metric>,<metric>..."),
    ("the site reads numbers in the \"{}\" format ({}); this value looks like the \"{}\" format: rewrite it, or set number_format = \"{}\" in site.toml", "situs ini membaca bilangan dalam format \"{}\" ({}); nilai ini tampak berformat \"{}\": tulis ulang, atau atur number_format = \"{}\" di site.toml"),
    ("write a number in the \"{}\" format, e.g. {}, without units or words", "tulis bilangan dalam format \"{}\", misalnya {}, tanpa satuan atau kata"),
    ("the number is far too large to be a count or an amount (limit: 15 digits); check for pasted or repeated digits", "bilangan ini terlalu besar untuk sebuah jumlah atau nominal (batas: 15 digit); periksa digit yang tertempel atau berulang"),
    ("check the numerator and denominator of this period for a typing error; {}", "periksa pembilang dan penyebut periode ini, mungkin ada salah ketik; {}"),
    ("check the value for a typing error, such as a missing decimal point; {}", "periksa nilainya, mungkin ada salah ketik seperti tanda desimal yang hilang; {}"),
    ("coverage above 100% usually means the denominator is an estimate; {}", "cakupan di atas 100% biasanya berarti penyebutnya hanya perkiraan; {}"),
    ("if such values are real, set range = [lo, hi] for `{}` in data/metrics.toml", "jika nilai seperti itu memang nyata, atur range = [lo, hi] untuk `{}` di data/metrics.toml"),
    ("{} (derived: 100 x `{}` / `{}`)", "{} (turunan: 100 x `{}` / `{}`)"),
    ("{} is not in a git repository: {}", "{} tidak berada dalam repositori git: {}"),
    ("run inside a git repository and name a revision it has (HEAD, main, a tag or a commit)", "jalankan di dalam repositori git dan sebutkan revisi yang ada di sana (HEAD, main, tag, atau commit)"),
    // Charts, value() and {{ ... }} calls.
    ("{}=\"{}\": unknown metric", "{}=\"{}\": metrik tidak dikenal"),
    ("this chart needs `{}`", "grafik ini memerlukan `{}`"),
    ("add {}=\"<metric id>\"", "tambahkan {}=\"<id metrik>\""),
    ("period: {}", "periode: {}"),
    ("write period=\"2024\" or period=\"2025-05\"", "tulis period=\"2024\" atau period=\"2025-05\""),
    ("no region has figures for {} in {}", "tidak ada wilayah yang memiliki angka {} pada {}"),
    ("add figures for this metric to data/observations first", "tambahkan dahulu angka metrik ini ke data/observations"),
    ("years with figures: {}", "tahun yang memiliki angka: {}"),
    ("chart(): unknown argument `{}`", "chart(): argumen `{}` tidak dikenal"),
    ("arguments: region, metric, period, status, basis", "argumen: region, metric, period, status, basis"),
    ("arguments: {}", "argumen: {}"),
    ("chart() needs a type", "chart() memerlukan type"),
    ("add type=\"ranking\"; types: {}", "tambahkan type=\"ranking\"; jenis: {}"),
    ("unknown chart type `{}`", "jenis grafik `{}` tidak dikenal"),
    ("{}; types: {}", "{}; jenis: {}"),
    ("a trend chart needs region=\"<code>\" or regions=\"<code>,<code>\"", "grafik tren memerlukan region=\"<kode>\" atau regions=\"<kode>,<kode>\""),
    ("e.g. region=\"64.72\"", "misalnya region=\"64.72\""),
    ("no figures for `{}` in {}", "tidak ada angka `{}` di {}"),
    ("choose a region and metric that have figures in data/observations", "pilih wilayah dan metrik yang memiliki angka di data/observations"),
    ("a sparkline needs region=\"<code>\"", "sparkline memerlukan region=\"<kode>\""),
    ("a composition chart needs metrics=\"<id>,<id>,...\"", "grafik komposisi memerlukan metrics=\"<id>,<id>,...\""),
    ("list the parts that add up, e.g. metrics=\"peserta_pu,peserta_bpu\"", "cantumkan bagian-bagian yang dijumlahkan, misalnya metrics=\"peserta_pu,peserta_bpu\""),
    ("`{}` has a different unit from `{}`; parts must add up", "satuan `{}` berbeda dari `{}`; bagian-bagiannya harus dapat dijumlahkan"),
    ("use metrics of one unit", "gunakan metrik dengan satuan yang sama"),
    ("no region has both `{}` and `{}` in {}", "tidak ada wilayah yang memiliki `{}` sekaligus `{}` pada {}"),
    ("a scatter chart needs regions with figures for both metrics in the same year", "grafik sebar memerlukan wilayah yang memiliki angka kedua metrik pada tahun yang sama"),
    ("a tile map needs tile positions", "peta petak memerlukan posisi petak"),
    ("add tile_x and tile_y columns to data/regions.csv", "tambahkan kolom tile_x dan tile_y ke data/regions.csv"),
    ("value(): unknown argument `{}`", "value(): argumen `{}` tidak dikenal"),
    ("value(): unknown status `{}`", "value(): status `{}` tidak dikenal"),
    ("value(): unknown region `{}`", "value(): wilayah `{}` tidak dikenal"),
    ("value(): unknown metric `{}`", "value(): metrik `{}` tidak dikenal"),
    ("value(): period: {}", "value(): periode: {}"),
    ("value(): no figure for `{}` in region {} for {}", "value(): tidak ada angka `{}` untuk wilayah {} pada {}"),
    ("value(): no figure for `{}` in region {}{}", "value(): tidak ada angka `{}` untuk wilayah {}{}"),
    ("status is one of: {}", "status yang dikenal: {}"),
    ("this region has no figures for this metric", "wilayah ini tidak memiliki angka untuk metrik ini"),
    ("periods with figures: {}", "periode yang memiliki angka: {}"),
    ("a chart(...) call in this template could not be read: {}", "pemanggilan chart(...) dalam templat ini tidak dapat dibaca: {}"),
    ("write it as {{ chart(type=\"ranking\", metric=\"...\") }}", "tulis seperti {{ chart(type=\"ranking\", metric=\"...\") }}"),
    ("unknown function `{}`", "fungsi `{}` tidak dikenal"),
    ("use {{ chart(...) }} or {{ value(...) }}; see the README", "gunakan {{ chart(...) }} atau {{ value(...) }}; lihat README"),
    ("cannot read this call: {}", "pemanggilan ini tidak dapat dibaca: {}"),
    ("write it as {{ chart(type=\"ranking\", metric=\"cakupan_kepesertaan\") }}: a name, then key=\"value\" pairs separated by commas", "tulis seperti {{ chart(type=\"ranking\", metric=\"cakupan_kepesertaan\") }}: sebuah nama, lalu pasangan key=\"value\" yang dipisahkan koma"),
    ("template error: {}", "kesalahan templat: {}"),
    ("check the template syntax near this position ({{ value }}, {}); see themes/default/templates for working examples", "periksa sintaksis templat di sekitar posisi ini ({{ value }}, {}); lihat contoh yang berfungsi di themes/default/templates"),
    ("`{}` is given twice", "`{}` diberikan dua kali"),
    ("expected ( after `{}`", "seharusnya ada ( setelah `{}`"),
    ("expected , or ) after the value of `{}`", "seharusnya ada , atau ) setelah nilai `{}`"),
    ("expected = after `{}`", "seharusnya ada = setelah `{}`"),
    ("expected a name such as chart or value after {{", "seharusnya ada nama seperti chart atau value setelah {{"),
    ("expected an argument name", "seharusnya ada nama argumen"),
    ("expected }} at the end", "seharusnya ada }} di akhir"),
    ("'{}' is not a period", "'{}' bukan periode"),
    // Assessment rounds.
    ("this file is not read: rounds and score files sit directly in data/assessments/", "berkas ini tidak dibaca: berkas babak dan berkas skor diletakkan langsung di data/assessments/"),
    ("move it up into data/assessments/, or out of the folder", "pindahkan ke data/assessments/, atau keluarkan dari folder itu"),
    ("`{}` is not a score file of an assessment round", "`{}` bukan berkas skor sebuah babak penilaian"),
    ("name score files <round>-scores.csv, next to <round>.toml", "namai berkas skor <babak>-scores.csv, di samping <babak>.toml"),
    ("score file for round `{}`, but there is no {}/{}.toml", "ada berkas skor untuk babak `{}`, tetapi tidak ada {}/{}.toml"),
    ("add the round file, or rename the score file to match its round", "tambahkan berkas babaknya, atau ganti nama berkas skor agar sesuai dengan babaknya"),
    ("round id `{}` (the file name) is not usable in a page address", "id babak `{}` (nama berkas) tidak dapat dipakai dalam alamat halaman"),
    ("rename the file to {}.toml: lower-case letters, digits and hyphens", "ganti nama berkas menjadi {}.toml: huruf kecil, angka, dan tanda hubung"),
    ("assessment_period {} is not a year", "assessment_period {} bukan tahun"),
    ("write the assessed year as a whole number, e.g. assessment_period = 2024", "tulis tahun yang dinilai sebagai bilangan bulat, misalnya assessment_period = 2024"),
    ("award_date {} lacks the day", "award_date {} tidak mencantumkan tanggal"),
    ("write the full date, e.g. award_date = 2025-08-05", "tulis tanggal lengkap, misalnya award_date = 2025-08-05"),
    ("write the date the award was presented, e.g. award_date = 2025-08-05", "tulis tanggal penghargaan diserahkan, misalnya award_date = 2025-08-05"),
    ("award_date: {}", "award_date tidak sah: {}"),
    ("participant {} is listed twice", "peserta {} tercantum dua kali"),
    ("remove one of the two entries", "hapus salah satu dari kedua entri itu"),
    ("unknown participant region `{}`", "wilayah peserta `{}` tidak dikenal"),
    ("the round has no participants", "babak ini tidak memiliki peserta"),
    ("list the region codes, e.g. participants = [\"64.74\", \"64.08\"]", "cantumkan kode wilayahnya, misalnya participants = [\"64.74\", \"64.08\"]"),
    ("an assessor name is empty", "ada nama penilai yang kosong"),
    ("write each assessor's name or code", "tulis nama atau kode setiap penilai"),
    ("assessor `{}` is listed twice", "penilai `{}` tercantum dua kali"),
    ("published_result names `{}`, which is not a participant", "published_result menyebut `{}`, yang bukan peserta"),
    ("published_result gives region {} twice", "published_result mencantumkan wilayah {} dua kali"),
    ("keep one entry per region", "sisakan satu entri per wilayah"),
    ("published rank {} is not a rank", "peringkat terbit {} bukan peringkat"),
    ("ranks start at 1", "peringkat dimulai dari 1"),
    ("the round has no criteria", "babak ini tidak memiliki kriteria"),
    ("add [[criteria]] tables with id, label, weight, description and metric or panel", "tambahkan tabel [[criteria]] dengan id, label, weight, description, dan metric atau panel"),
    ("tie_break names unknown criterion `{}`", "tie_break menyebut kriteria `{}` yang tidak dikenal"),
    ("tie_break names `{}` twice", "tie_break menyebut `{}` dua kali"),
    ("each criterion can decide a tie once", "setiap kriteria hanya dapat memutus hasil imbang sekali"),
    ("panel criterion `{}` has no score for any participant", "kriteria panel `{}` tidak memiliki skor untuk peserta mana pun"),
    ("criterion id `{}` is empty or has surrounding spaces", "id kriteria `{}` kosong atau diapit spasi"),
    ("use a short id such as \"regulasi\"", "gunakan id singkat seperti \"regulasi\""),
    ("duplicate criterion id `{}` (first at line {})", "id kriteria `{}` ganda (pertama kali di baris {})"),
    ("give each criterion its own id", "beri setiap kriteria id sendiri"),
    ("criterion `{}`: weight {} is not positive", "kriteria `{}`: bobot {} tidak positif"),
    ("criterion `{}`: weight {} is not an ordinary number", "kriteria `{}`: bobot {} bukan bilangan biasa"),
    ("weights are positive numbers; they are normalised to sum to 1, so 30, 20, 15 ... or 0.3, 0.2, 0.15 ... give the same result", "bobot berupa bilangan positif; bobot dinormalkan agar berjumlah 1, jadi 30, 20, 15 ... atau 0.3, 0.2, 0.15 ... memberikan hasil yang sama"),
    ("criterion `{}` has both a metric and panel = true", "kriteria `{}` memiliki metric sekaligus panel = true"),
    ("a criterion is scored either from a figure (metric = \"{}\" with scale) or by the assessors (panel = true); remove one", "kriteria dinilai dari angka (metric = \"{}\" dengan scale) atau oleh penilai (panel = true); hapus salah satunya"),
    ("criterion `{}` has neither a metric nor panel = true", "kriteria `{}` tidak memiliki metric maupun panel = true"),
    ("add metric = \"<metric id>\" with scale = [lo, hi], or panel = true for assessors' scores", "tambahkan metric = \"<id metrik>\" dengan scale = [lo, hi], atau panel = true untuk skor dari penilai"),
    ("criterion `{}` is a panel criterion; scale applies to metric criteria only", "kriteria `{}` adalah kriteria panel; scale hanya berlaku untuk kriteria metrik"),
    ("remove the scale: assessors score panel criteria from 0 to 100", "hapus scale: penilai memberi skor kriteria panel dari 0 sampai 100"),
    ("criterion `{}`: metric `{}` has no basis `{}`", "kriteria `{}`: metrik `{}` tidak memiliki basis `{}`"),
    ("remove basis: the metric declares no bases", "hapus basis: metrik ini tidak mendeklarasikan basis"),
    ("its bases are: {}", "basisnya: {}"),
    ("criterion `{}`: metric `{}` has several bases (denominators); name the one compared", "kriteria `{}`: metrik `{}` memiliki beberapa basis (penyebut); sebutkan yang dibandingkan"),
    ("add basis = \"{}\" (bases: {})", "tambahkan basis = \"{}\" (basis: {})"),
    ("criterion `{}`: unknown metric `{}`", "kriteria `{}`: metrik `{}` tidak dikenal"),
    ("metric criterion `{}` has no scale", "kriteria metrik `{}` tidak memiliki scale"),
    ("add scale = [lo, hi]: a figure of lo or worse scores 0, hi or better scores 100", "tambahkan scale = [lo, hi]: angka lo atau lebih buruk mendapat skor 0, hi atau lebih baik mendapat skor 100"),
    ("criterion `{}`: scale has {} numbers, not 2", "kriteria `{}`: scale berisi {} bilangan, bukan 2"),
    ("write scale = [lo, hi], e.g. scale = [40, 100]", "tulis scale = [lo, hi], misalnya scale = [40, 100]"),
    ("criterion `{}`: scale [{}, {}] is not two ordinary numbers", "kriteria `{}`: scale [{}, {}] bukan dua bilangan biasa"),
    ("inf and nan are not figures; write the two ends of the scale, e.g. scale = [40, 100]", "inf dan nan bukan angka; tulis kedua ujung scale, misalnya scale = [40, 100]"),
    ("criterion `{}`: scale [{}, {}] has lo equal to hi", "kriteria `{}`: scale [{}, {}] memiliki lo yang sama dengan hi"),
    ("the scale maps lo to 0 and hi to 100, so the two must differ", "scale memetakan lo ke 0 dan hi ke 100, jadi keduanya harus berbeda"),
    ("criterion `{}`: scale [{}, {}] has lo above hi", "kriteria `{}`: scale [{}, {}] memiliki lo di atas hi"),
    ("write the lower figure first; for a metric where lower is better (higher_is_better = false in data/metrics.toml) the scores are inverted automatically", "tulis angka yang lebih kecil lebih dahulu; untuk metrik yang makin rendah makin baik (higher_is_better = false di data/metrics.toml) skornya dibalik secara otomatis"),
    ("score for {} ({}), which is not a participant of round `{}`", "skor untuk {} ({}), yang bukan peserta babak `{}`"),
    ("add {} to participants in {}, or remove the row", "tambahkan {} ke participants di {}, atau hapus barisnya"),
    ("criterion `{}` is scored from the metric `{}`, not by assessors", "kriteria `{}` dinilai dari metrik `{}`, bukan oleh penilai"),
    ("remove the row; metric criteria take their figure from data/observations", "hapus barisnya; kriteria metrik mengambil angkanya dari data/observations"),
    ("unknown criterion `{}`", "kriteria `{}` tidak dikenal"),
    ("the assessor is empty", "penilai kosong"),
    ("write the name or code of the assessor who gave the score", "tulis nama atau kode penilai yang memberi skor"),
    ("assessor `{}` is not in the round's assessors", "penilai `{}` tidak termasuk penilai babak ini"),
    ("score {} is outside 0-100", "skor {} di luar rentang 0-100"),
    ("assessors score from 0 to 100", "penilai memberi skor dari 0 sampai 100"),
    ("score {} is not a number", "skor {} bukan bilangan"),
    ("write a number from 0 to 100 in the \"{}\" format, e.g. 76 or {}", "tulis bilangan dari 0 sampai 100 dalam format \"{}\", misalnya 76 atau {}"),
    ("duplicate score: region {}, criterion `{}`, assessor `{}` is also given at line {}", "skor ganda: wilayah {}, kriteria `{}`, penilai `{}` juga tercantum di baris {}"),
    ("keep one row per region, criterion and assessor", "sisakan satu baris per wilayah, kriteria, dan penilai"),
    // Warnings of the checks.
    ("`{}`{} rises from {} ({}) to {} ({}), {}", "`{}`{} naik dari {} ({}) menjadi {} ({}), {}"),
    ("`{}`{} falls from {} ({}) to {} ({}), {}", "`{}`{} turun dari {} ({}) menjadi {} ({}), {}"),
    ("`{}`{} rises from {} ({}) to {} ({})", "`{}`{} naik dari {} ({}) menjadi {} ({})"),
    ("`{}`{} falls from {} ({}) to {} ({})", "`{}`{} turun dari {} ({}) menjadi {} ({})"),
    ("`{}`{}{} {} from {} ({}) to {} ({}){}", "`{}`{}{} {} dari {} ({}) menjadi {} ({}){}"),
    ("a tenth of the previous figure", "sepersepuluh angka sebelumnya"),
    ("a hundredth of the previous figure", "seperseratus angka sebelumnya"),
    ("a thousandth of the previous figure", "seperseribu angka sebelumnya"),
    ("ten times the previous figure", "sepuluh kali angka sebelumnya"),
    ("a hundred times the previous figure", "seratus kali angka sebelumnya"),
    ("a thousand times the previous figure", "seribu kali angka sebelumnya"),
    ("about 1/{} of the previous figure", "sekitar 1/{} angka sebelumnya"),
    ("about {} times the previous figure", "sekitar {} kali angka sebelumnya"),
    ("check both figures for a misplaced decimal point or a missing or extra digit (the previous one is at {}); if the change is real, say why in the note column and set max_change = <factor> for the metric in data/metrics.toml", "periksa kedua angka: mungkin letak tanda desimal salah atau ada digit yang hilang atau berlebih (angka sebelumnya ada di {}); jika perubahannya memang nyata, jelaskan di kolom note dan atur max_change = <faktor> untuk metrik itu di data/metrics.toml"),
    ("`{}` is the figure of {} for `{}`; the latest is {} ({})", "`{}` adalah angka {} untuk `{}`; angka terbaru {} ({})"),
    ("write {{{{ value(region=\"{}\", metric=\"{}\") }}}} to keep it current; if the sentence is about {} on purpose, write {{{{ value(region=\"{}\", metric=\"{}\", period=\"{}\") }}}}", "tulis {{{{ value(region=\"{}\", metric=\"{}\") }}}} agar angkanya selalu terbaru; jika kalimat itu memang membahas {}, tulis {{{{ value(region=\"{}\", metric=\"{}\", period=\"{}\") }}}}"),
    ("value {}{} for `{}` is outside the plausible range {}", "nilai {}{} untuk `{}` di luar rentang wajar {}"),
    // diff inputs.
    ("not valid JSON: {}", "bukan JSON yang sah: {}"),
    ("pass the data/summary.json a build published, or the site folder itself", "berikan data/summary.json yang diterbitkan sebuah build, atau folder situsnya"),
    ("this JSON has no `regions` list, so it is not a Cakupan data/summary.json", "JSON ini tidak memiliki daftar `regions`, jadi bukan data/summary.json Cakupan"),
    ("region {} of `regions` has no `code`", "wilayah {} dalam `regions` tidak memiliki `code`"),
    ("pass an unedited data/summary.json published by cakupan build", "berikan data/summary.json hasil cakupan build yang belum diubah"),
    ("`{}` of region {} has no usable value and period", "`{}` pada wilayah {} tidak memiliki nilai dan periode yang dapat dipakai"),
    ("no such folder or file", "folder atau berkas itu tidak ada"),
    ("pass a site folder (with site.toml), a built site or its data/summary.json", "berikan folder situs (berisi site.toml), situs hasil build, atau data/summary.json-nya"),
    // Build, output and site.toml.
    ("{} warning(s) treated as errors (--strict)", "{} peringatan dianggap kesalahan (--strict)"),
    ("fix what the warnings point at, or run without --strict", "perbaiki yang ditunjuk peringatan itu, atau jalankan tanpa --strict"),
    ("pass --out with a folder of its own, such as public/", "berikan --out dengan folder tersendiri, misalnya public/"),
    ("no site.toml in {}", "tidak ada site.toml di {}"),
    ("run the command in the site folder, or pass --site <folder>", "jalankan perintah ini di folder situs, atau berikan --site <folder>"),
    ("province_code is empty", "province_code kosong"),
    ("use the Kemendagri province code, e.g. \"64\"", "gunakan kode provinsi Kemendagri, misalnya \"64\""),
    ("period_range [{}, {}] is not a range of years", "period_range [{}, {}] bukan rentang tahun"),
    ("write the first and the last year, e.g. period_range = [2000, 2030]", "tulis tahun pertama dan tahun terakhir, misalnya period_range = [2000, 2030]"),
    ("base_url {} must be a path starting with / or an http(s):// address", "base_url {} harus berupa path yang diawali / atau alamat http(s)://"),
    ("write base_url = \"/\" for a site at the root of its host, or the full address, e.g. \"https://data.kaltimprov.go.id/cakupan/\"", "tulis base_url = \"/\" untuk situs di akar host-nya, atau alamat lengkapnya, misalnya \"https://data.kaltimprov.go.id/cakupan/\""),
    ("headline_metric `{}` is not defined in data/metrics.toml", "headline_metric `{}` tidak didefinisikan di data/metrics.toml"),
    // Content.
    ("this file is not read: only files ending in .md (lower case) are pages", "berkas ini tidak dibaca: hanya berkas berakhiran .md (huruf kecil) yang menjadi halaman"),
    ("rename the file to end in .md", "ganti nama berkas agar berakhiran .md"),
    ("this file name cannot become a page address: {}", "nama berkas ini tidak dapat menjadi alamat halaman: {}"),
    ("rename the file using letters, digits, - and _ only (e.g. content/metodologi.md)", "ganti nama berkas hanya dengan huruf, angka, - dan _ (misalnya content/metodologi.md)"),
    ("the file does not start with front matter", "berkas tidak diawali front matter"),
    ("begin the file with a line +++, then title = \"...\", then another line +++", "awali berkas dengan baris +++, lalu title = \"...\", lalu baris +++ lagi"),
    ("the front matter is not closed", "front matter tidak ditutup"),
    ("add a line with only +++ after the last front matter line", "tambahkan baris berisi +++ saja setelah baris terakhir front matter"),
    ("write the date as 2025-08-05", "tulis tanggal seperti 2025-08-05"),
    ("link definition: {}", "definisi tautan: {}"),
    ("front matter names unknown region `{}`", "front matter menyebut wilayah `{}` yang tidak dikenal"),
    ("this page would be published inside /{}, which holds {}", "halaman ini akan diterbitkan di dalam /{}, yang berisi {}"),
    ("move the file out of that folder in content/", "pindahkan berkas itu keluar dari folder tersebut di content/"),
    ("this page would be published at /{}, which is already {}", "halaman ini akan diterbitkan di /{}, yang sudah menjadi {}"),
    ("rename or move the file; to add text to a region's page, give it region = \"<code>\" in its front matter", "ganti nama atau pindahkan berkas itu; untuk menambahkan teks ke halaman wilayah, beri region = \"<kode>\" di front matter-nya"),
    // Metrics.
    ("metric `{}` has no unit", "metrik `{}` tidak memiliki satuan"),
    ("add unit = \"orang\", \"persen\", \"rupiah\" or \"angka\"", "tambahkan unit = \"orang\", \"persen\", \"rupiah\", atau \"angka\""),
    ("metric `{}`: default_basis `{}` is not one of its bases", "metrik `{}`: default_basis `{}` bukan salah satu basisnya"),
    ("declare the bases first: bases = {}", "deklarasikan basisnya lebih dahulu: bases = {}"),
    ("the metric's bases are: {}", "basis metrik ini: {}"),
    ("metric `{}`: unranked basis `{}` is not one of its bases", "metrik `{}`: basis tanpa peringkat `{}` bukan salah satu basisnya"),
    ("list ids declared in bases = {}", "cantumkan id yang dideklarasikan di bases = {}"),
    ("metric `{}`: range [{}, {}] is not a range of ordinary numbers, lowest first", "metrik `{}`: range [{}, {}] bukan rentang bilangan biasa dengan nilai terendah lebih dahulu"),
    ("write the lowest and highest plausible value, e.g. range = [0, 100]", "tulis nilai wajar terendah dan tertinggi, misalnya range = [0, 100]"),
    ("metric `{}`: target {} is not an ordinary number", "metrik `{}`: target {} bukan bilangan biasa"),
    ("write the target as a figure, e.g. target = 80.9, or remove the line", "tulis target sebagai angka, misalnya target = 80.9, atau hapus barisnya"),
    ("metric `{}`: max_change {} is not a factor above 1", "metrik `{}`: max_change {} bukan faktor di atas 1"),
    ("write how many times larger or smaller a figure may plausibly be than the previous one, e.g. max_change = 5", "tulis berapa kali lebih besar atau lebih kecil sebuah angka masih wajar dibanding angka sebelumnya, misalnya max_change = 5"),
    ("metric `{}` is a ratio of `{}`, which is not defined", "metrik `{}` adalah rasio dari `{}`, yang tidak didefinisikan"),
    ("metric `{}` is a ratio of `{}`, which is itself a ratio", "metrik `{}` adalah rasio dari `{}`, yang juga sebuah rasio"),
    ("a ratio must be built from reported metrics", "rasio harus disusun dari metrik yang dilaporkan"),
    ("no metrics are defined", "tidak ada metrik yang didefinisikan"),
    // Regions.
    ("region code {} is the same as the province_code in site.toml", "kode wilayah {} sama dengan province_code di site.toml"),
    ("regions.csv lists kabupaten/kota only; figures for the whole province use the province code", "regions.csv hanya memuat kabupaten/kota; angka untuk seluruh provinsi memakai kode provinsi"),
    ("the header must have columns `code` and `name` (found: {})", "baris judul harus memiliki kolom `code` dan `name` (ditemukan: {})"),
    ("e.g. code,name,short_name,capital,bps_code", "misalnya code,name,short_name,capital,bps_code"),
    ("every region needs a code and a name", "setiap wilayah memerlukan kode dan nama"),
    ("fill in the Kemendagri code (e.g. 64.08) and the official name (e.g. Kabupaten Kutai Timur)", "isi kode Kemendagri (misalnya 64.08) dan nama resminya (misalnya Kabupaten Kutai Timur)"),
    ("region code {} is listed twice (first at line {})", "kode wilayah {} tercantum dua kali (pertama kali di baris {})"),
    ("remove one of the two rows", "hapus salah satu dari kedua baris itu"),
    ("the name `{}` has no letters or digits to make a page address from", "nama `{}` tidak memiliki huruf atau angka untuk dijadikan alamat halaman"),
    ("write the official name, e.g. Kabupaten Kutai Timur", "tulis nama resminya, misalnya Kabupaten Kutai Timur"),
    ("the page address /wilayah/{}/ is also used by {} (line {})", "alamat halaman /wilayah/{}/ juga dipakai oleh {} (baris {})"),
    ("region names must differ by more than punctuation or capital letters", "nama wilayah harus berbeda lebih dari sekadar tanda baca atau huruf kapital"),
    ("tile position ({}, {}) is not two whole numbers", "posisi petak ({}, {}) bukan dua bilangan bulat"),
    ("tile_x and tile_y are grid positions such as 0, 1, 2", "tile_x dan tile_y adalah posisi pada kisi, misalnya 0, 1, 2"),
    ("only one of tile_x and tile_y is filled in", "hanya salah satu dari tile_x dan tile_y yang diisi"),
    ("fill in both, or leave both empty", "isi keduanya, atau kosongkan keduanya"),
    ("tile ({}, {}) is also the tile of {} (line {}); the map would draw one region over the other", "petak ({}, {}) juga petak milik {} (baris {}); peta akan menggambar satu wilayah menimpa wilayah lain"),
    ("give each region its own tile_x, tile_y position", "beri setiap wilayah posisi tile_x, tile_y sendiri"),
    ("no regions are listed", "tidak ada wilayah yang tercantum"),
    // Sources.
    ("source `{}`: {}", "sumber `{}`: {}"),
    ("write the publication date as 2025-08-05 (or \"2025-08\" when only the month is known)", "tulis tanggal terbit seperti 2025-08-05 (atau \"2025-08\" bila hanya bulannya yang diketahui)"),
    // Observations.
    ("this file is not read, so its figures are not on the site", "berkas ini tidak dibaca, jadi angkanya tidak tampil di situs"),
    ("no CSV files with figures were found", "tidak ditemukan berkas CSV berisi angka"),
    ("add at least one file such as data/observations/kepesertaan.csv", "tambahkan setidaknya satu berkas, misalnya data/observations/kepesertaan.csv"),
    ("value `{}` for `{}` has a dot before three digits, while every other figure of this metric is a whole number", "nilai `{}` untuk `{}` memiliki titik sebelum tiga digit, padahal semua angka lain metrik ini bilangan bulat"),
    ("if it is {} write it without the dot; the site reads numbers in the \"plain\" format (1976447 or 70.86), or set number_format = \"id\" in site.toml", "jika maksudnya {}, tulis tanpa titik; situs ini membaca bilangan dalam format \"plain\" (1976447 atau 70.86), atau atur number_format = \"id\" di site.toml"),
    ("value `{}` for `{}` has a dot before three digits, which reads as {} but is probably {} written with a thousands separator", "nilai `{}` untuk `{}` memiliki titik sebelum tiga digit, yang terbaca {} padahal mungkin {} yang ditulis dengan pemisah ribuan"),
    ("`{}` counts whole {}; the site reads numbers in the \"plain\" format (1976447 or 70.86): write {}, or set number_format = \"id\" in site.toml", "`{}` menghitung {} utuh; situs ini membaca bilangan dalam format \"plain\" (1976447 atau 70.86): tulis {}, atau atur number_format = \"id\" di site.toml"),
    ("column `{}` is a derived metric; its values are computed, not entered", "kolom `{}` adalah metrik turunan; nilainya dihitung, tidak diisi"),
    ("remove the column", "hapus kolom itu"),
    ("column `{}` is not a metric defined in data/metrics.toml", "kolom `{}` bukan metrik yang didefinisikan di data/metrics.toml"),
    ("basis `{}` given for `{}`, which declares no bases", "basis `{}` diberikan untuk `{}`, yang tidak mendeklarasikan basis"),
    ("declare it in data/metrics.toml: bases = {{ {} = \"what the figure is divided by\" }}, or leave the cell empty", "deklarasikan di data/metrics.toml: bases = {{ {} = \"pembagi angka ini\" }}, atau kosongkan selnya"),
    ("the figure of `{}` names no basis (denominator)", "angka `{}` tidak menyebut basis (penyebut)"),
    ("write one of: {} in the basis column, or set default_basis for the metric in data/metrics.toml", "tulis salah satu dari: {} di kolom basis, atau atur default_basis untuk metrik itu di data/metrics.toml"),
    ("`{}` has no basis `{}`", "`{}` tidak memiliki basis `{}`"),
    ("the bases of this metric are: {} (declared in data/metrics.toml)", "basis metrik ini: {} (dideklarasikan di data/metrics.toml)"),
    ("status `{}` is not one this site knows", "status `{}` tidak dikenal situs ini"),
    ("write one of: {} (empty means realisasi)", "tulis salah satu dari: {} (kosong berarti realisasi)"),
    ("`{}` is a derived metric; its values are computed from its ratio, not entered", "`{}` adalah metrik turunan; nilainya dihitung dari rasionya, tidak diisi"),
    ("enter the numerator and denominator metrics instead", "isi metrik pembilang dan penyebutnya saja"),
    ("unknown metric `{}`", "metrik `{}` tidak dikenal"),
    ("unknown region `{}`", "wilayah `{}` tidak dikenal"),
    ("{}: unknown source `{}`", "{}: sumber `{}` tidak dikenal"),
    ("unknown source `{}`", "sumber `{}` tidak dikenal"),
    ("period {} is outside the years {} to {}", "periode {} di luar tahun {} sampai {}"),
    ("check the year for a typing error (2204 for 2024); a site that needs other years sets period_range = [first, last] in site.toml", "periksa kemungkinan salah ketik pada tahun (2204 untuk 2024); situs yang memerlukan tahun lain mengatur period_range = [awal, akhir] di site.toml"),
    ("malformed period: {}", "periode tidak sah: {}"),
    ("write a year (2024) or a month (2025-05); put wording such as \"s.d. 2024\" in the note column", "tulis tahun (2024) atau bulan (2025-05); letakkan keterangan seperti \"s.d. 2024\" di kolom note"),
    ("value {} for `{}` is not a number", "nilai {} untuk `{}` bukan bilangan"),
    ("negative value {} for `{}`, which counts {} and cannot be below zero", "nilai negatif {} untuk `{}`, yang menghitung {} dan tidak mungkin di bawah nol"),
    ("check the sign; a decrease belongs in a later period's lower value, not a negative figure", "periksa tandanya; penurunan dicatat sebagai nilai yang lebih rendah pada periode berikutnya, bukan angka negatif"),
    ("duplicate figure: region {} metric `{}` period {} is also given at {}", "angka ganda: wilayah {} metrik `{}` periode {} juga tercantum di {}"),
    ("keep one row; if the sources disagree, use different metrics for different denominators or put the other figure in a note", "sisakan satu baris; jika sumbernya berbeda, gunakan metrik lain untuk penyebut yang berbeda atau tulis angka lainnya di catatan"),
    // CSV and TOML files.
    ("the header lacks column(s) {}", "baris judul tidak memiliki kolom {}"),
    ("column `{}` is not a column this file can have", "kolom `{}` bukan kolom yang boleh ada di berkas ini"),
    ("column `{}` is not read", "kolom `{}` tidak dibaca"),
    ("the columns read here are: {}; remove the column to silence this warning", "kolom yang dibaca di sini: {}; hapus kolom itu agar peringatan ini hilang"),
    ("the columns read here are: {}", "kolom yang dibaca di sini: {}"),
    ("cannot read file: {}", "berkas tidak dapat dibaca: {}"),
    ("the file says it is UTF-16 text but holds invalid characters", "berkas menyatakan dirinya teks UTF-16 tetapi memuat karakter yang tidak sah"),
    ("save it again as \"CSV UTF-8 (Comma delimited)\" in Excel", "simpan ulang sebagai \"CSV UTF-8 (Comma delimited)\" di Excel"),
    ("the file is not UTF-8 text (a character here is in another encoding)", "berkas ini bukan teks UTF-8 (ada karakter di sini dalam pengodean lain)"),
    ("the file is not UTF-8 text", "berkas ini bukan teks UTF-8"),
    ("save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or UTF-8 in LibreOffice", "simpan sebagai \"CSV UTF-8 (Comma delimited)\" di Excel, atau UTF-8 di LibreOffice"),
    ("save the file as UTF-8: in Notepad choose Save As > Encoding: UTF-8; in VS Code click the encoding in the status bar", "simpan berkas sebagai UTF-8: di Notepad pilih Save As > Encoding: UTF-8; di VS Code klik pengodean di bilah status"),
    ("cannot read CSV: {}", "CSV tidak dapat dibaca: {}"),
    ("column `{}` appears twice in the header (also column {})", "kolom `{}` muncul dua kali di baris judul (juga kolom {})"),
    ("rename or remove one of the two columns", "ganti nama atau hapus salah satu dari kedua kolom itu"),
    ("this row has {} cells but the header has {}", "baris ini memiliki {} sel, sedangkan baris judul memiliki {}"),
    ("this file separates cells with semicolons (;): check for a missing or extra semicolon; put a value that contains a semicolon in double quotes", "berkas ini memisahkan sel dengan titik koma (;): periksa titik koma yang hilang atau berlebih; apit nilai yang memuat titik koma dengan tanda petik ganda"),
    ("this file separates cells with tabs: check for a missing or extra tab", "berkas ini memisahkan sel dengan tab: periksa tab yang hilang atau berlebih"),
    ("this file separates cells with commas (,): check for a missing or extra comma; put a value that contains a comma in double quotes", "berkas ini memisahkan sel dengan koma (,): periksa koma yang hilang atau berlebih; apit nilai yang memuat koma dengan tanda petik ganda"),
    ("the file is empty", "berkas ini kosong"),
    ("the first line must be the header row", "baris pertama harus berupa baris judul"),
    ("invalid TOML: {}", "TOML tidak sah: {}"),
    ("this symlink points outside the site folder", "symlink ini menunjuk ke luar folder situs"),
    ("copy the file into the site instead of linking to it; a build never reads files outside the site", "salin berkasnya ke dalam situs alih-alih menautkannya; build tidak pernah membaca berkas di luar situs"),
    // Templates, static files and output.
    ("cannot read template: {}", "templat tidak dapat dibaca: {}"),
    ("cannot read this static file or folder: {}", "berkas atau folder statis ini tidak dapat dibaca: {}"),
    ("check its permissions; a symbolic link that points to one of its own folders makes a loop: remove it", "periksa izin aksesnya; tautan simbolik yang menunjuk ke salah satu foldernya sendiri membentuk putaran: hapus tautan itu"),
    ("this symbolic link points outside the site folder, to {}", "tautan simbolik ini menunjuk ke luar folder situs, ke {}"),
    ("copy the file into the site instead of linking to it, or remove the link", "salin berkasnya ke dalam situs alih-alih menautkannya, atau hapus tautannya"),
    ("cannot resolve this static file: {}", "berkas statis ini tidak dapat ditelusuri: {}"),
    ("a symbolic link whose target is missing: fix or remove the link", "tautan simbolik yang targetnya tidak ada: perbaiki atau hapus tautannya"),
    ("this is not a regular file (a pipe, socket or device), so it cannot be published", "ini bukan berkas biasa (pipe, socket, atau perangkat), jadi tidak dapat diterbitkan"),
    ("remove it from the static folder", "hapus dari folder static"),
    ("this static file cannot be published: {}", "berkas statis ini tidak dapat diterbitkan: {}"),
    ("cannot read this static file: {}", "berkas statis ini tidak dapat dibaca: {}"),
    ("check that the file is readable", "pastikan berkas itu dapat dibaca"),
    ("the build would write an unsafe output path: {}", "build akan menulis path keluaran yang tidak aman: {}"),
    ("rename the content file or region slug this path comes from", "ganti nama berkas konten atau slug wilayah asal path ini"),
    ("the build generates two files at this path", "build menghasilkan dua berkas di path ini"),
    ("rename one of the content files or regions that publish here", "ganti nama salah satu berkas konten atau wilayah yang terbit di sini"),
    ("this static file would be published as /{}, where the build writes {} (/{})", "berkas statis ini akan diterbitkan sebagai /{}, tempat build menulis {} (/{})"),
    ("rename or move the static file; to change a generated page, edit its content file or template instead", "ganti nama atau pindahkan berkas statis itu; untuk mengubah halaman yang dihasilkan, sunting berkas konten atau templatnya"),
    ("rename or move the static file so that no file and folder share a name", "ganti nama atau pindahkan berkas statis itu agar tidak ada berkas dan folder yang bernama sama"),
    ("cannot read: {}", "tidak dapat dibaca: {}"),
    // Text of the libraries (toml, serde, csv, calamine, std::io) inside our messages: placed
    // last so the project's own shapes win; most are reached as the captured part of
    // "invalid TOML: {}", "cannot read the workbook: {}" and the like.
    ("check the spelling of the key; the message lists the keys allowed here", "periksa ejaan kuncinya; pesan ini menyebut kunci yang boleh dipakai di sini"),
    ("add the missing key to this table", "tambahkan kunci yang belum ada ke tabel ini"),
    ("text values need double quotes, e.g. title = \"Kota Bontang\"", "nilai teks perlu tanda kutip ganda, misalnya title = \"Kota Bontang\""),
    ("write the number without quotes or units, e.g. weight = 25", "tulis angkanya tanpa tanda kutip atau satuan, misalnya weight = 25"),
    ("write true or false without quotes", "tulis true atau false tanpa tanda kutip"),
    ("key with no value", "kunci tanpa nilai"),
    ("string values must be quoted", "nilai teks harus diberi tanda kutip"),
    ("duplicate key `{}`", "kunci `{}` ditulis dua kali"),
    ("duplicate key", "kunci ini sudah ditulis sebelumnya (kunci ganda)"),
    ("unexpected key or value", "ada kunci atau nilai yang tidak pada tempatnya"),
    ("unexpected content between comment and newline", "ada isi yang tidak pada tempatnya antara komentar dan akhir baris"),
    ("unexpected content", "ada isi yang tidak pada tempatnya"),
    ("unexpected `=` in array", "ada `=` di dalam daftar"),
    ("invalid basic string", "teks dalam tanda kutip ganda tidak sah"),
    ("invalid multi-line basic string", "teks banyak baris tidak sah"),
    ("missing escaped value", "karakter setelah \\ tidak ada atau tidak dikenal"),
    ("missing value for key", "nilai untuk kunci ini belum ditulis"),
    ("missing value", "nilainya belum ditulis"),
    ("missing comma between array elements", "koma di antara isi daftar belum ada"),
    ("missing comma between key-value pairs", "koma di antara pasangan kunci dan nilai belum ada"),
    ("missing assignment between key-value pairs", "tanda = di antara kunci dan nilai belum ada"),
    ("extra assignment between key-value pairs", "tanda = berlebih di antara kunci dan nilai"),
    ("extra comma in array", "koma berlebih di dalam daftar"),
    ("extra comma in inline table", "koma berlebih di dalam tabel sebaris"),
    ("unclosed array", "daftar belum ditutup dengan ]"),
    ("unclosed table", "nama tabel belum ditutup dengan ]"),
    ("unclosed inline table", "tabel sebaris belum ditutup dengan }}"),
    ("invalid unquoted key", "kunci tanpa tanda kutip ini tidak sah"),
    ("unexpected leading zero", "angka tidak boleh diawali nol"),
    ("invalid value", "nilai tidak sah"),
    ("invalid datetime", "tanggal dan waktu tidak sah"),
    ("invalid date", "tanggal tidak sah"),
    ("invalid time", "waktu tidak sah"),
    ("month between {} and {}", "bulan antara {} dan {}"),
    ("day between {} and {}", "tanggal antara {} dan {}"),
    ("hour between {} and {}", "jam antara {} dan {}"),
    ("minute between {} and {}", "menit antara {} dan {}"),
    ("second between {} and {}", "detik antara {} dan {}"),
    ("a four-digit year (YYYY)", "tahun empat angka (YYYY)"),
    ("a two-digit month (MM)", "bulan dua angka (MM)"),
    ("a two-digit day (DD)", "tanggal dua angka (DD)"),
    ("missing field `{}`", "kunci `{}` belum ada"),
    ("unknown field `{}`, there are no fields", "kunci `{}` tidak dikenal; di sini tidak ada kunci yang boleh dipakai"),
    ("unknown field `{}`", "kunci `{}` tidak dikenal"),
    ("unknown variant `{}`", "pilihan `{}` tidak dikenal"),
    ("duplicate field `{}`", "kunci `{}` ditulis dua kali"),
    ("invalid type: {}", "jenis nilai salah: {}"),
    ("invalid value: {}", "nilai tidak sah: {}"),
    ("invalid length {}", "panjang tidak sah: {}"),
    ("expected {}, found {}", "seharusnya {}, tetapi tertulis {}"),
    ("CSV error: record {} (line: {}, byte: {}): {}", "kesalahan CSV pada catatan {} (baris {}, bita {}): {}"),
    ("found record with {} fields, but the previous record has {} fields", "baris ini punya {} kolom, padahal baris sebelumnya {} kolom"),
    ("invalid utf-8 sequence of {} bytes from index {}", "urutan UTF-8 tidak sah ({} bita mulai dari indeks {})"),
    ("incomplete utf-8 byte sequence from index {}", "urutan UTF-8 terpotong mulai dari indeks {}"),
    ("stream did not contain valid UTF-8", "isinya bukan teks UTF-8 yang sah"),
    ("No such file or directory (os error 2)", "berkas atau folder tidak ada (os error 2)"),
    ("Permission denied (os error 13)", "izin ditolak (os error 13)"),
    ("Is a directory (os error 21)", "ini sebuah folder, bukan berkas (os error 21)"),
    ("Xlsx error: {}", "kesalahan Xlsx: {}"),
    ("Ods error: {}", "kesalahan ODS: {}"),
    ("Zip error: invalid Zip archive: {}", "kesalahan Zip: arsip Zip tidak sah: {}"),
    ("Zip error: {}", "kesalahan Zip: {}"),
    ("Could not find EOCD", "akhir arsip tidak ditemukan (berkas terpotong atau bukan buku kerja)"),
    ("Could not find central directory end", "akhir arsip tidak ditemukan (berkas terpotong atau bukan buku kerja)"),
];
