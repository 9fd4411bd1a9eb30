//! Small shared values for the figures: [`Sym`] (an id or text read like a `&str`, one
//! allocation per distinct string), [`Interner`] (hands out those shared strings while loading)
//! and [`FigureLoc`] (a figure's file, line and column in 16 bytes).
//!
//! A monthly national site has ~300 000 to 1 000 000 figures; with a `String` per id, a
//! `Vec<String>` of sources and a `PathBuf` per location each figure cost ~370 bytes in five
//! allocations, twice over (loaded and computed). These types make a figure a fixed 80 bytes (each shared
//! value one pointer wide).

use crate::diagnostics::Location;
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// An immutable string shared by reference count; compares, hashes, orders, prints and
/// serialises exactly like the `str` it holds. One pointer wide (an `Arc<str>` is two): a
/// figure holds four of these.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(Arc<Box<str>>);

impl Sym {
    pub fn new(s: &str) -> Sym {
        if s.is_empty() {
            return Sym::default();
        }
        Sym(Arc::new(Box::from(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Sym {
    /// The empty string, one allocation for the whole process.
    fn default() -> Sym {
        static EMPTY: OnceLock<Arc<Box<str>>> = OnceLock::new();
        Sym(EMPTY.get_or_init(|| Arc::new(Box::from(""))).clone())
    }
}

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self.0, f)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self.0, f)
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
        s.0.to_string()
    }
}

impl From<&Sym> for String {
    fn from(s: &Sym) -> String {
        s.0.to_string()
    }
}

impl serde::Serialize for Sym {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

macro_rules! eq_str {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Sym {
            fn eq(&self, other: &$t) -> bool {
                **self.0 == **other
            }
        }
        impl PartialEq<Sym> for $t {
            fn eq(&self, other: &Sym) -> bool {
                **self == **other.0
            }
        }
    )*};
}
eq_str!(&str, String);

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        **self.0 == *other
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        *self == **other.0
    }
}

/// An immutable list of [`Sym`]s shared by reference count (a figure's sources), read like
/// the slice it holds; one pointer wide.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SymList(Arc<Box<[Sym]>>);

impl From<&[Sym]> for SymList {
    fn from(items: &[Sym]) -> SymList {
        SymList(Arc::new(Box::from(items)))
    }
}

impl Deref for SymList {
    type Target = [Sym];
    fn deref(&self) -> &[Sym] {
        &self.0
    }
}

impl Borrow<[Sym]> for SymList {
    fn borrow(&self) -> &[Sym] {
        &self.0
    }
}

impl fmt::Debug for SymList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self.0, f)
    }
}

impl serde::Serialize for SymList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self.0).serialize(s)
    }
}

/// Hands out one shared [`Sym`] per distinct string (and one shared source list per distinct
/// list), so a million figures of 514 regions hold 514 region codes. One per loading thread.
#[derive(Default)]
pub struct Interner {
    strings: HashSet<Sym>,
    lists: HashSet<crate::model::Sources>,
    /// The last string handed out per [`Interner::get_in`] slot: consecutive rows of a file
    /// mostly repeat their region, metric and source, so most cells need no hashing.
    last: [Option<Sym>; 8],
    last_list: Option<crate::model::Sources>,
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

/// The file (and worksheet) a figure was read from, shared by every figure of that file.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FilePlace {
    pub file: PathBuf,
    pub sheet: Option<String>,
}

/// Where a figure was read: its file (shared), 1-based line (or worksheet row) and column.
/// Orders and prints like the [`Location`] it stands for; [`FigureLoc::to_location`] gives
/// that for a diagnostic.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FigureLoc {
    place: Arc<FilePlace>,
    pub line: u32,
    pub column: u32,
}

impl FigureLoc {
    pub fn new(place: Arc<FilePlace>, line: usize, column: usize) -> FigureLoc {
        FigureLoc {
            place,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// The shared place of a file that is not a worksheet.
    pub fn place(file: impl Into<PathBuf>, sheet: Option<&str>) -> Arc<FilePlace> {
        Arc::new(FilePlace {
            file: file.into(),
            sheet: sheet.map(str::to_string),
        })
    }

    pub fn file(&self) -> &Path {
        &self.place.file
    }

    pub fn to_location(&self) -> Location {
        let (line, column) = (self.line as usize, self.column as usize);
        match &self.place.sheet {
            Some(sheet) => Location::cell(&self.place.file, sheet, line, column),
            None => Location::new(&self.place.file, line, column),
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
        self.place
            .file
            .cmp(&other.place.file)
            .then(self.line.cmp(&other.line))
            .then(self.column.cmp(&other.column))
            .then_with(|| self.place.sheet.cmp(&other.place.sheet))
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
    fn syms_are_shared_and_read_like_str() {
        let mut i = Interner::new();
        let a = i.get("64.72");
        let b = i.get("64.72");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "64.72");
        assert_eq!("64.72".to_string(), a);
        assert_eq!(format!("{a}/{:?}", a), "64.72/\"64.72\"");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"64.72\"");
        let l1 = i.list(std::slice::from_ref(&a));
        let l2 = i.list(&[b]);
        assert!(Arc::ptr_eq(&l1.0, &l2.0));
        assert_eq!(l1.join(" | "), "64.72");
    }

    #[test]
    fn a_figure_is_80_bytes() {
        // Four strings and a source list of one pointer each; a million figures are loaded.
        assert_eq!(std::mem::size_of::<Sym>(), 8);
        assert_eq!(std::mem::size_of::<crate::model::Observation>(), 80);
    }

    #[test]
    fn figure_locations_print_and_order_like_locations() {
        let p = FigureLoc::place("data/observations/a.csv", None);
        let a = FigureLoc::new(p.clone(), 3, 7);
        let b = FigureLoc::new(p, 10, 1);
        assert_eq!(a.to_string(), "data/observations/a.csv:3:7");
        assert!(a < b);
        assert_eq!(a.to_location().to_string(), a.to_string());
        let s = FigureLoc::new(FigureLoc::place("x.xlsx", Some("Kaltim")), 14, 3);
        assert_eq!(s.to_string(), "x.xlsx, sheet Kaltim, cell C14");
    }
}
