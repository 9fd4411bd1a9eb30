//! Small shared values for the figures: [`Sym`] (an id or text read like a `&str`),
//! [`SymList`] (a figure's sources), [`Attrs`] (a figure's sources, note, basis, status and
//! file as one number), [`Interner`] (hands them out while loading) and [`FigureLoc`] (a
//! figure's file, line and column, for messages).
//!
//! A monthly national site has ~300 000 to 1 000 000 figures. Each of these values is a 4-byte
//! number into a process-wide table that holds every distinct string, list and file once, so a
//! figure is a fixed 32 bytes with nothing to count or free (with a reference-counted pointer
//! per value it was 80 bytes, and every copy of a figure touched five counters).
//!
//! The tables only grow: a value, once seen, is kept until the process ends. A build sees each
//! distinct id, note and file once; `serve` rebuilds after every edit, and the strings an edit
//! adds (a changed note) stay, which is a few bytes per edit.

use crate::diagnostics::Location;
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU32;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

/// One process-wide append-only table: entries are read by number without a lock (`boxcar`),
/// and added under a lock only when a value is new.
struct Shared<T: ?Sized + 'static> {
    entries: boxcar::Vec<&'static T>,
    numbers: Mutex<HashMap<&'static T, NonZeroU32>>,
}

impl<T: ?Sized + Eq + Hash + 'static> Shared<T> {
    fn new() -> Shared<T> {
        Shared {
            entries: boxcar::Vec::new(),
            numbers: Mutex::new(HashMap::new()),
        }
    }

    /// The number of `value`, added to the table when it is not there yet.
    fn number(&'static self, value: &T, stored: impl FnOnce(&T) -> &'static T) -> NonZeroU32 {
        // A panic elsewhere while the lock was held cannot leave the map half-updated.
        let mut numbers = self.numbers.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&n) = numbers.get(value) {
            return n;
        }
        let at = self.entries.push(stored(value));
        let n = u32::try_from(at + 1)
            .ok()
            .and_then(NonZeroU32::new)
            .expect("fewer than 4 billion distinct values in one process");
        numbers.insert(self.entries[at], n);
        n
    }

    fn get(&'static self, n: NonZeroU32) -> &'static T {
        self.entries[n.get() as usize - 1]
    }
}

static STRINGS: LazyLock<Shared<str>> = LazyLock::new(|| {
    let table = Shared::new();
    // The empty string is number 1, so `Sym::default()` needs no lookup. A literal, not
    // `Box::from("")`, whose address is 0x1: comparing zero bytes there stalls the CPU (see
    // `Interner::get_in`).
    table.entries.push("");
    table
});
static LISTS: LazyLock<Shared<[Sym]>> = LazyLock::new(Shared::new);
static PLACES: LazyLock<Shared<FilePlace>> = LazyLock::new(Shared::new);
static ATTRS: LazyLock<Shared<Attrs>> = LazyLock::new(Shared::new);

/// An immutable string, stored once per process; compares, hashes, orders, prints and
/// serialises exactly like the `str` it holds. Four bytes: a figure holds two of these (region
/// and metric); its note and basis sit in its [`Attrs`].
/// Equal strings have equal numbers, so equality is one comparison.
#[derive(Clone, PartialEq, Eq)]
pub struct Sym(NonZeroU32);

impl Sym {
    pub fn new(s: &str) -> Sym {
        if s.is_empty() {
            return Sym::default();
        }
        Sym(STRINGS.number(s, |s| Box::leak(Box::from(s))))
    }

    pub fn as_str(&self) -> &'static str {
        STRINGS.get(self.0)
    }
}

impl Default for Sym {
    /// The empty string.
    fn default() -> Sym {
        Sym(NonZeroU32::MIN)
    }
}

impl Hash for Sym {
    /// As the `str` hashes, so maps keyed by `Sym` can be searched with a `&str`.
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.0 == other.0 {
            return Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

impl From<String> for Sym {
    fn from(s: String) -> Sym {
        Sym::new(&s)
    }
}

impl From<&String> for Sym {
    fn from(s: &String) -> Sym {
        Sym::new(s)
    }
}

impl From<Sym> for String {
    fn from(s: Sym) -> String {
        s.as_str().to_string()
    }
}

impl From<&Sym> for String {
    fn from(s: &Sym) -> String {
        s.as_str().to_string()
    }
}

impl serde::Serialize for Sym {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

macro_rules! eq_str {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Sym {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == &**other
            }
        }
        impl PartialEq<Sym> for $t {
            fn eq(&self, other: &Sym) -> bool {
                &**self == other.as_str()
            }
        }
    )*};
}
eq_str!(&str, String);

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

/// An immutable list of [`Sym`]s (a figure's sources), stored once per process like a
/// [`Sym`] and read like the slice it holds; four bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct SymList(NonZeroU32);

impl SymList {
    fn items(&self) -> &'static [Sym] {
        LISTS.get(self.0)
    }
}

impl From<&[Sym]> for SymList {
    fn from(items: &[Sym]) -> SymList {
        SymList(LISTS.number(items, |l| Box::leak(Box::from(l))))
    }
}

impl Deref for SymList {
    type Target = [Sym];
    fn deref(&self) -> &[Sym] {
        self.items()
    }
}

impl Borrow<[Sym]> for SymList {
    fn borrow(&self) -> &[Sym] {
        self.items()
    }
}

impl Hash for SymList {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.items().hash(h)
    }
}

impl Ord for SymList {
    fn cmp(&self, other: &Self) -> Ordering {
        self.items().cmp(other.items())
    }
}

impl PartialOrd for SymList {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for SymList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.items(), f)
    }
}

impl serde::Serialize for SymList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items().serialize(s)
    }
}

/// What a figure says besides its region, metric, period and value: its sources, note, basis,
/// status and file. The rows of a file mostly share all five, so a figure holds the number of
/// its combination ([`AttrsId`]): with it a figure is 32 bytes, not 48 (5,7 MB less at
/// 355 000 figures).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Attrs {
    /// One source for a reported figure; the sources of both inputs for a derived one.
    pub sources: SymList,
    /// Empty when the row has none.
    pub note: Sym,
    /// Denominator id, when the metric declares bases.
    pub basis: Option<Sym>,
    pub status: crate::model::Status,
    /// The file (and worksheet) the figure was read from.
    pub place: PlaceId,
}

/// The number of an [`Attrs`] combination, stored once per process; four bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AttrsId(NonZeroU32);

impl AttrsId {
    pub fn new(attrs: &Attrs) -> AttrsId {
        AttrsId(ATTRS.number(attrs, |a| Box::leak(Box::new(a.clone()))))
    }

    pub fn get(self) -> &'static Attrs {
        ATTRS.get(self.0)
    }
}

impl fmt::Debug for AttrsId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}

/// Hands out [`Sym`]s, source lists and [`Attrs`] numbers while loading, remembering the ones it has handed out
/// so that most cells take neither the process-wide tables' lock nor a hash of the string.
/// One per loading thread.
#[derive(Default)]
pub struct Interner {
    strings: HashSet<Sym>,
    lists: HashSet<crate::model::Sources>,
    /// The last string handed out per [`Interner::get_in`] slot: consecutive rows of a file
    /// mostly repeat their region, metric and source, so most cells need no hashing.
    last: [Option<Sym>; 8],
    last_list: Option<crate::model::Sources>,
    attrs: HashMap<Attrs, AttrsId>,
    last_attrs: Option<(Attrs, AttrsId)>,
}

impl Interner {
    pub fn new() -> Interner {
        Interner::default()
    }

    pub fn get(&mut self, s: &str) -> Sym {
        if let Some(found) = self.strings.get(s) {
            return found.clone();
        }
        let sym = Sym::new(s);
        self.strings.insert(sym.clone());
        sym
    }

    /// [`Interner::get`] for one column of a table (`slot` < 8), remembering its last value.
    pub fn get_in(&mut self, slot: usize, s: &str) -> Sym {
        // Most notes are empty. Not compared: an empty `str` may point anywhere (0x1 for an
        // empty `String`), and a comparison of zero bytes at such an address stalls the CPU
        // (a masked load that needs a microcode assist): it cost a quarter of the time spent
        // reading a monthly national site's figures.
        if s.is_empty() {
            return Sym::default();
        }
        if let Some(last) = self.last.get(slot).and_then(Option::as_ref) {
            if last.as_str() == s {
                return last.clone();
            }
        }
        let sym = self.get(s);
        if let Some(l) = self.last.get_mut(slot) {
            *l = Some(sym.clone());
        }
        sym
    }

    /// The number of `attrs`: consecutive rows mostly share them, so most take no hash.
    pub fn attrs(&mut self, attrs: Attrs) -> AttrsId {
        if let Some((last, id)) = &self.last_attrs {
            if *last == attrs {
                return *id;
            }
        }
        let id = *self
            .attrs
            .entry(attrs.clone())
            .or_insert_with(|| AttrsId::new(&attrs));
        self.last_attrs = Some((attrs, id));
        id
    }

    /// The shared list holding exactly `items`.
    pub fn list(&mut self, items: &[Sym]) -> crate::model::Sources {
        // Consecutive rows mostly name the same source: no hashing for those.
        if let Some(last) = self.last_list.as_ref().filter(|l| ***l == *items) {
            return last.clone();
        }
        let list = match self.lists.get(items) {
            Some(found) => found.clone(),
            None => {
                let list = crate::model::Sources::from(items);
                self.lists.insert(list.clone());
                list
            }
        };
        self.last_list = Some(list.clone());
        list
    }
}

/// The file (and worksheet) a figure was read from, stored once per process.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FilePlace {
    pub file: PathBuf,
    pub sheet: Option<String>,
}

/// The number of a [`FilePlace`], shared by every figure of that file.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct PlaceId(NonZeroU32);

/// Where a figure was read: its file, 1-based line (or worksheet row) and column, in 10 bytes.
/// Orders and prints like the [`Location`] it stands for; [`FigureLoc::to_location`] gives
/// that for a diagnostic.
// Fields at two-byte alignment: ten bytes, not twelve. A figure stores only the line and
// column (its file sits in its shared [`Attrs`]) and makes one of these when asked.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C, packed(2))]
pub struct FigureLoc {
    place: PlaceId,
    pub line: u32,
    /// 0 when the cell starts past character 65.535 of its line (a line of long notes): the
    /// message then names the line alone. Two bytes, not four, keep a figure at 32 bytes.
    pub column: u16,
}

impl FigureLoc {
    pub fn new(place: PlaceId, line: usize, column: usize) -> FigureLoc {
        FigureLoc {
            place,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u16::try_from(column).unwrap_or(0),
        }
    }

    /// The number of a file (with its worksheet, for a workbook).
    pub fn place(file: impl Into<PathBuf>, sheet: Option<&str>) -> PlaceId {
        let place = FilePlace {
            file: file.into(),
            sheet: sheet.map(str::to_string),
        };
        PlaceId(PLACES.number(&place, |p| {
            Box::leak(Box::new(FilePlace {
                file: p.file.clone(),
                sheet: p.sheet.clone(),
            }))
        }))
    }

    fn at(&self) -> &'static FilePlace {
        PLACES.get(self.place.0)
    }

    pub fn file(&self) -> &'static Path {
        &self.at().file
    }

    /// The file (and worksheet) part.
    pub fn place_id(&self) -> PlaceId {
        self.place
    }

    pub fn to_location(self) -> Location {
        let (line, column) = (self.line as usize, self.column as usize);
        let place = self.at();
        match &place.sheet {
            Some(sheet) => Location::cell(&place.file, sheet, line, column),
            None => Location::new(&place.file, line, column),
        }
    }
}

impl From<&FigureLoc> for Location {
    fn from(l: &FigureLoc) -> Location {
        l.to_location()
    }
}

impl From<FigureLoc> for Location {
    fn from(l: FigureLoc) -> Location {
        l.to_location()
    }
}

impl Ord for FigureLoc {
    /// As [`Location`] orders: file, line, column, then worksheet.
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.at(), other.at());
        a.file
            .cmp(&b.file)
            .then({ self.line }.cmp(&{ other.line }))
            .then({ self.column }.cmp(&{ other.column }))
            .then_with(|| a.sheet.cmp(&b.sheet))
    }
}

impl PartialOrd for FigureLoc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for FigureLoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_location(), f)
    }
}

impl fmt::Debug for FigureLoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_location(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_far_column_is_left_out() {
        let place = FigureLoc::place("data/observations/x.csv", None);
        let near = FigureLoc::new(place, 7, 65_535).to_location();
        assert_eq!((near.line, near.column), (7, 65_535));
        let far = FigureLoc::new(place, 7, 65_536).to_location();
        assert_eq!(
            (far.line, far.column),
            (7, 0),
            "the line alone, not a wrong column"
        );
    }

    #[test]
    fn empty_cells_are_the_empty_sym() {
        let mut i = Interner::new();
        let a = i.get_in(3, "catatan");
        assert_eq!(i.get_in(3, ""), Sym::default());
        assert_eq!(i.get_in(3, "catatan"), a);
        assert_eq!(Sym::default().as_str(), "");
    }

    #[test]
    fn syms_are_shared_and_read_like_str() {
        let mut i = Interner::new();
        let a = i.get("64.72");
        let b = i.get("64.72");
        assert_eq!(a.0, b.0);
        assert_eq!(
            Sym::new("64.72").0,
            a.0,
            "one number per string in the process"
        );
        assert_ne!(i.get("64.73").0, a.0);
        assert_eq!(Sym::new(""), Sym::default());
        assert!(Sym::new("b") > Sym::new("a") && Sym::new("a") < Sym::new("ab"));
        assert_eq!(a, "64.72");
        assert_eq!("64.72".to_string(), a);
        assert_eq!(format!("{a}/{:?}", a), "64.72/\"64.72\"");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"64.72\"");
        let l1 = i.list(std::slice::from_ref(&a));
        let l2 = i.list(&[b]);
        assert_eq!(l1.0, l2.0);
        assert_eq!(l1.join(" | "), "64.72");
    }

    #[test]
    fn a_figure_is_32_bytes() {
        // Region, metric, period and attributes of four bytes each, value, line and column;
        // a million are loaded.
        assert_eq!(std::mem::size_of::<Sym>(), 4);
        assert_eq!(std::mem::size_of::<AttrsId>(), 4);
        assert_eq!(std::mem::size_of::<crate::period::PeriodCode>(), 4);
        assert_eq!(std::mem::size_of::<crate::model::Observation>(), 32);
    }

    #[test]
    fn equal_attributes_share_one_number() {
        let mut a = Interner::new();
        let mut b = Interner::new();
        let src = a.get("bpjs");
        let list = a.list(std::slice::from_ref(&src));
        let place = FigureLoc::place("data/observations/a.csv", None);
        let with = |note: &str, basis: Option<&str>| Attrs {
            sources: list.clone(),
            note: Sym::new(note),
            basis: basis.map(Sym::new),
            status: crate::model::Status::Realisasi,
            place,
        };
        let x = a.attrs(with("", None));
        // Another loading thread, another interner: the same number.
        assert_eq!(b.attrs(with("", None)), x);
        assert_ne!(a.attrs(with("revisi", None)), x);
        assert_ne!(a.attrs(with("", Some("penduduk"))), x);
        let planned = Attrs {
            status: crate::model::Status::Kuota,
            ..with("", None)
        };
        assert_ne!(a.attrs(planned), x);
        let elsewhere = Attrs {
            place: FigureLoc::place("data/observations/b.csv", None),
            ..with("", None)
        };
        assert_ne!(a.attrs(elsewhere), x);
        let y = a.attrs(with("revisi", Some("penduduk")));
        assert_eq!(y.get().note.as_str(), "revisi");
        assert_eq!(y.get().basis.as_deref(), Some("penduduk"));
        assert_eq!(y.get().sources.join(" | "), "bpjs");
    }

    #[test]
    fn figure_locations_print_and_order_like_locations() {
        let p = FigureLoc::place("data/observations/a.csv", None);
        let a = FigureLoc::new(p, 3, 7);
        let b = FigureLoc::new(p, 10, 1);
        assert_eq!(a.to_string(), "data/observations/a.csv:3:7");
        assert!(a < b);
        assert_eq!(a.to_location().to_string(), a.to_string());
        let s = FigureLoc::new(FigureLoc::place("x.xlsx", Some("Kaltim")), 14, 3);
        assert_eq!(s.to_string(), "x.xlsx, sheet Kaltim, cell C14");
    }
}
