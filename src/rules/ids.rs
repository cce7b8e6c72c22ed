//! Tables of identifiers seen, for the rules that look across persons
//! and files (the same `pePeID` or identity number twice, the join with the
//! identmelding).

use std::collections::HashMap;

/// Identifiers seen, each with a value: digits as a number (with their
/// count, so `0123` and `123` stay apart) in a table of plain numbers,
/// anything else as text in a table of its own. A person costs one number
/// and its value, not an enum the size of a boxed string.
pub(crate) struct IdTable<V> {
    nums: HashMap<u64, V, crate::model::FnvBuild>,
    text: HashMap<Box<str>, V, crate::model::FnvBuild>,
}

impl<V: Copy> Default for IdTable<V> {
    fn default() -> Self {
        IdTable {
            nums: HashMap::default(),
            text: HashMap::default(),
        }
    }
}

impl<V: Copy> IdTable<V> {
    /// `s` as a number and its digit count, when it is 1 to 17 digits.
    fn number(s: &str) -> Option<u64> {
        ((1..=17).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| {
            let n = s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
            n * 32 + s.len() as u64
        })
    }

    /// The value kept for `s`.
    pub(crate) fn get(&self, s: &str) -> Option<V> {
        match Self::number(s) {
            Some(n) => self.nums.get(&n).copied(),
            None => self.text.get(s).copied(),
        }
    }

    /// Keeps `v` for `s` unless `s` has a value already.
    pub(crate) fn keep_first(&mut self, s: &str, v: V) {
        match Self::number(s) {
            Some(n) => {
                self.nums.entry(n).or_insert(v);
            }
            None if self.text.contains_key(s) => {}
            None => {
                self.text.insert(s.into(), v);
            }
        }
    }
}
