//! Values as the rules expect them: dates to `YYYYMMDD`, decimal commas
//! to points.

#[allow(unused_imports)]
use super::*;

/// A normalised value: dates to `YYYYMMDD` (`YYYY-MM-DD`, `DD.MM.YYYY`, also
/// with one-digit day or month), year-months to `YYYYMM` (`YYYY-MM`,
/// `MM.YYYY`), a decimal comma to a point. Anything else stays as written,
/// so the rules see and report it.
pub(super) fn normalise(f: Field, v: &str) -> SmallStr {
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let parts3 = |sep: char| {
        let mut it = v.split(sep);
        match (it.next(), it.next(), it.next(), it.next()) {
            (Some(a), Some(b), Some(c), None) => Some((a, b, c)),
            _ => None,
        }
    };
    let parts2 = |sep: char| v.split_once(sep).filter(|(_, b)| !b.contains(sep));
    let out = match f.def().ty {
        // Already plain digits (the common case): nothing to do.
        Ty::Date | Ty::YearMonth if v.bytes().all(|b| b.is_ascii_digit()) => None,
        Ty::Date => {
            if let Some((y, m, d)) = parts3('-')
                .filter(|(y, m, d)| digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2))
            {
                Some(ymd(y, m, d))
            } else {
                parts3('.')
                    .filter(|(d, m, y)| digits(d, 1, 2) && digits(m, 1, 2) && digits(y, 4, 4))
                    .map(|(d, m, y)| ymd(y, m, d))
            }
        }
        Ty::YearMonth => {
            if let Some((y, m)) = parts2('-').filter(|(y, m)| digits(y, 4, 4) && digits(m, 1, 2)) {
                Some(ymd(y, m, ""))
            } else {
                parts2('.')
                    .filter(|(m, y)| digits(m, 1, 2) && digits(y, 4, 4))
                    .map(|(m, y)| ymd(y, m, ""))
            }
        }
        Ty::Dec52 if v.matches(',').count() == 1 && !v.contains('.') => {
            Some(SmallStr::new(&v.replacen(',', ".", 1)))
        }
        _ => None,
    };
    out.unwrap_or_else(|| SmallStr::new(v))
}

/// `YYYYMMDD` (or `YYYYMM` when `d` is empty) from parts of one or two
/// digits (four for the year), without allocating.
pub(super) fn ymd(y: &str, m: &str, d: &str) -> SmallStr {
    let mut buf = [0u8; 8];
    let mut n = 0;
    for part in [y, m, d] {
        if part.len() == 1 {
            buf[n] = b'0';
            n += 1;
        }
        buf[n..n + part.len()].copy_from_slice(part.as_bytes());
        n += part.len();
    }
    SmallStr::new(std::str::from_utf8(&buf[..n]).expect("digits"))
}

/// Values of one row for one record, in the record's own form (a full
/// one becomes the record without copying).
pub(super) type Vals = Vec<(Field, Val)>;
