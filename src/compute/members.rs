//! Which figures belong to one series: most series are a run of neighbouring figures (the
//! figures are sorted by region, metric and period), so a run is two numbers instead of four
//! bytes per figure (1,4 MB at 355 000 figures). A series whose plans sit between its realised
//! figures keeps the list of its members.

use std::ops::Range;

/// The members of one series, as stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Members {
    /// Figures `start..end`, all of them members.
    Run(u32, u32),
    /// Indices of the members, ascending.
    List(Box<[u32]>),
}

impl Members {
    /// The figures of `start..end` that `first` accepts, and the others, each in the smaller
    /// form. Most blocks are all accepted: one pass finds that, and no list is made.
    pub fn split(start: u32, end: u32, first: impl Fn(u32) -> bool) -> (Members, Members) {
        if (start..end).all(&first) {
            return (Members::Run(start, end), Members::List(Box::default()));
        }
        let (yes, no): (Vec<u32>, Vec<u32>) = (start..end).partition(|&i| first(i));
        let whole = |list: Vec<u32>| {
            if list.len() == (end - start) as usize {
                Members::Run(start, end)
            } else {
                Members::List(list.into())
            }
        };
        (whole(yes), whole(no))
    }

    pub fn view(&self) -> Idx<'_> {
        match self {
            Members::Run(a, b) => Idx::Run(*a, *b),
            Members::List(l) => Idx::List(l),
        }
    }
}

/// A borrowed view of [`Members`]: indices into the computed figures, oldest first.
#[derive(Debug, Clone, Copy)]
pub enum Idx<'a> {
    Run(u32, u32),
    List(&'a [u32]),
}

impl<'a> Idx<'a> {
    pub const EMPTY: Idx<'static> = Idx::List(&[]);

    pub fn len(&self) -> usize {
        match self {
            Idx::Run(a, b) => (b - a) as usize,
            Idx::List(l) => l.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn last(&self) -> Option<u32> {
        match self {
            Idx::Run(a, b) => (b > a).then(|| b - 1),
            Idx::List(l) => l.last().copied(),
        }
    }

    /// The last member and the ones before it.
    pub fn split_last(&self) -> Option<(u32, Idx<'a>)> {
        match *self {
            Idx::Run(a, b) => (b > a).then(|| (b - 1, Idx::Run(a, b - 1))),
            Idx::List(l) => l.split_last().map(|(&x, rest)| (x, Idx::List(rest))),
        }
    }

    pub fn iter(&self) -> IdxIter<'a> {
        match *self {
            Idx::Run(a, b) => IdxIter::Run(a..b),
            Idx::List(l) => IdxIter::List(l.iter()),
        }
    }
}

/// The indices of an [`Idx`], oldest first.
#[derive(Clone)]
pub enum IdxIter<'a> {
    Run(Range<u32>),
    List(std::slice::Iter<'a, u32>),
}

impl Iterator for IdxIter<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        match self {
            IdxIter::Run(r) => r.next(),
            IdxIter::List(l) => l.next().copied(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            IdxIter::Run(r) => r.size_hint(),
            IdxIter::List(l) => l.size_hint(),
        }
    }

    // `collect` and `for_each` go through `fold`: handing it to the inner iterator keeps their
    // tight loops (426.000 series read per 300k build) instead of a match per element.
    fn fold<B, F: FnMut(B, u32) -> B>(self, init: B, f: F) -> B {
        match self {
            IdxIter::Run(r) => r.fold(init, f),
            IdxIter::List(l) => l.copied().fold(init, f),
        }
    }
}

impl DoubleEndedIterator for IdxIter<'_> {
    fn next_back(&mut self) -> Option<u32> {
        match self {
            IdxIter::Run(r) => r.next_back(),
            IdxIter::List(l) => l.next_back().copied(),
        }
    }
}

impl ExactSizeIterator for IdxIter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_run_is_stored_as_its_ends_and_a_gapped_one_as_a_list() {
        let (all, none) = Members::split(10, 14, |_| true);
        assert_eq!(all, Members::Run(10, 14));
        assert!(none.view().is_empty());
        let (gapped, rest) = Members::split(10, 14, |i| i != 12);
        assert_eq!(gapped, Members::List(vec![10, 11, 13].into()));
        assert_eq!(rest, Members::List(vec![12].into()));
        assert_eq!(Members::split(10, 14, |_| false).1, Members::Run(10, 14));
        for (m, want) in [(all, vec![10, 11, 12, 13]), (gapped, vec![10, 11, 13])] {
            let v = m.view();
            assert_eq!(v.iter().collect::<Vec<_>>(), want);
            assert_eq!(v.iter().rev().collect::<Vec<_>>(), {
                let mut r = want.clone();
                r.reverse();
                r
            });
            assert_eq!(v.len(), want.len());
            assert_eq!(v.iter().len(), want.len());
            assert_eq!(v.last(), want.last().copied());
            let (last, rest) = v.split_last().unwrap();
            assert_eq!(last, *want.last().unwrap());
            assert_eq!(rest.iter().collect::<Vec<_>>(), want[..want.len() - 1]);
        }
        let one = Members::Run(5, 6);
        let (last, rest) = one.view().split_last().unwrap();
        assert_eq!((last, rest.len(), rest.last()), (5, 0, None));
        assert!(rest.split_last().is_none());
        assert!(Idx::EMPTY.is_empty() && Idx::EMPTY.last().is_none());
    }
}
