//! Text of the libraries (toml, serde, csv, calamine, std::io) inside the project's own
//! messages, in Indonesian: toml's parse errors ("key with no value, expected `=`"), serde's
//! field and type errors, csv's record errors, calamine's workbook errors, UTF-8 and file
//! errors. Most are reached as the captured part of a project message such as
//! "invalid TOML: {}" or "cannot read the workbook: {}"; they are tried after the project's
//! own shapes (see [`super::CATALOGUE`]), so those win.

/// Library shapes, in the same form as the catalogue's.
pub const LIBRARY: &[(&str, &str)] = &[
    ("key with no value", "kunci tanpa nilai"),
    (
        "string values must be quoted",
        "nilai teks harus diberi tanda kutip",
    ),
    ("duplicate key `{}`", "kunci `{}` ditulis dua kali"),
    (
        "duplicate key",
        "kunci ini sudah ditulis sebelumnya (kunci ganda)",
    ),
    (
        "unexpected key or value",
        "ada kunci atau nilai yang tidak pada tempatnya",
    ),
    (
        "unexpected content between comment and newline",
        "ada isi yang tidak pada tempatnya antara komentar dan akhir baris",
    ),
    ("unexpected content", "ada isi yang tidak pada tempatnya"),
    ("unexpected `=` in array", "ada `=` di dalam daftar"),
    (
        "invalid basic string",
        "teks dalam tanda kutip ganda tidak sah",
    ),
    (
        "invalid multi-line basic string",
        "teks banyak baris tidak sah",
    ),
    (
        "missing escaped value",
        "karakter setelah \\ tidak ada atau tidak dikenal",
    ),
    (
        "missing value for key",
        "nilai untuk kunci ini belum ditulis",
    ),
    ("missing value", "nilainya belum ditulis"),
    (
        "missing comma between array elements",
        "koma di antara isi daftar belum ada",
    ),
    (
        "missing comma between key-value pairs",
        "koma di antara pasangan kunci dan nilai belum ada",
    ),
    (
        "missing assignment between key-value pairs",
        "tanda = di antara kunci dan nilai belum ada",
    ),
    (
        "extra assignment between key-value pairs",
        "tanda = berlebih di antara kunci dan nilai",
    ),
    ("extra comma in array", "koma berlebih di dalam daftar"),
    (
        "extra comma in inline table",
        "koma berlebih di dalam tabel sebaris",
    ),
    ("unclosed array", "daftar belum ditutup dengan ]"),
    ("unclosed table", "nama tabel belum ditutup dengan ]"),
    (
        "unclosed inline table",
        "tabel sebaris belum ditutup dengan }}",
    ),
    (
        "invalid unquoted key",
        "kunci tanpa tanda kutip ini tidak sah",
    ),
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
    (
        "unknown field `{}`, there are no fields",
        "kunci `{}` tidak dikenal; di sini tidak ada kunci yang boleh dipakai",
    ),
    ("unknown field `{}`", "kunci `{}` tidak dikenal"),
    ("unknown variant `{}`", "pilihan `{}` tidak dikenal"),
    ("duplicate field `{}`", "kunci `{}` ditulis dua kali"),
    ("invalid type: {}", "jenis nilai salah: {}"),
    ("invalid value: {}", "nilai tidak sah: {}"),
    ("invalid length {}", "panjang tidak sah: {}"),
    ("expected {}, found {}", "seharusnya {}, tetapi tertulis {}"),
    (
        "CSV error: record {} (line: {}, byte: {}): {}",
        "kesalahan CSV pada catatan {} (baris {}, bita {}): {}",
    ),
    (
        "found record with {} fields, but the previous record has {} fields",
        "baris ini punya {} kolom, padahal baris sebelumnya {} kolom",
    ),
    (
        "invalid utf-8 sequence of {} bytes from index {}",
        "urutan UTF-8 tidak sah ({} bita mulai dari indeks {})",
    ),
    (
        "incomplete utf-8 byte sequence from index {}",
        "urutan UTF-8 terpotong mulai dari indeks {}",
    ),
    (
        "stream did not contain valid UTF-8",
        "isinya bukan teks UTF-8 yang sah",
    ),
    (
        "No such file or directory (os error 2)",
        "berkas atau folder tidak ada (os error 2)",
    ),
    (
        "Permission denied (os error 13)",
        "izin ditolak (os error 13)",
    ),
    (
        "Is a directory (os error 21)",
        "ini sebuah folder, bukan berkas (os error 21)",
    ),
    ("Xlsx error: {}", "kesalahan Xlsx: {}"),
    ("Ods error: {}", "kesalahan ODS: {}"),
    (
        "Zip error: invalid Zip archive: {}",
        "kesalahan Zip: arsip Zip tidak sah: {}",
    ),
    ("Zip error: {}", "kesalahan Zip: {}"),
    (
        "Could not find EOCD",
        "akhir arsip tidak ditemukan (berkas terpotong atau bukan buku kerja)",
    ),
    (
        "Could not find central directory end",
        "akhir arsip tidak ditemukan (berkas terpotong atau bukan buku kerja)",
    ),
];
