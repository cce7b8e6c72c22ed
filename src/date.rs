//! Calendar dates as the IPLOS files write them (`YYYYMMDD`), checked for
//! real calendar days, with day arithmetic for overlaps and ages.

use std::fmt;

/// A real calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2025.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

/// Whether `y` is a leap year (Gregorian).
pub fn is_leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

/// The number of days in month `m` of year `y`.
pub fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, when it exists in the calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) && year > 0 {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Parses exactly eight ASCII digits `YYYYMMDD` naming a real day.
    pub fn parse(s: &str) -> Option<Date> {
        let b: [u8; 8] = s.as_bytes().try_into().ok()?;
        // All eight bytes digits, tested at once: every byte 0x30..=0x3F
        // with a low nibble of at most 9 (the rules ask for dates often).
        let v = u64::from_le_bytes(b);
        const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
        const ZEROS: u64 = 0x3030_3030_3030_3030;
        const LOW: u64 = 0x0F0F_0F0F_0F0F_0F0F;
        if v & HIGH != ZEROS || ((v & LOW) + 0x0606_0606_0606_0606) & HIGH != 0 {
            return None;
        }
        // The digits' values, then pairs of them at once: each 16-bit lane
        // holds ten times its first digit plus its second (YY, YY, MM, DD).
        let d = v - ZEROS;
        let pairs = (d & 0x00FF_00FF_00FF_00FF) * 10 + ((d >> 8) & 0x00FF_00FF_00FF_00FF);
        let lane = |i: u32| ((pairs >> (16 * i)) & 0xFFFF) as u16;
        Date::new(lane(0) * 100 + lane(1), lane(2) as u8, lane(3) as u8)
    }

    /// The first and last day of a year.
    pub fn year_start(y: u16) -> Date {
        Date {
            year: y,
            month: 1,
            day: 1,
        }
    }

    /// 31 December of year `y`.
    pub fn year_end(y: u16) -> Date {
        Date {
            year: y,
            month: 12,
            day: 31,
        }
    }

    /// Days since 0000-03-01 (a proleptic Gregorian day number).
    pub fn day_number(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + self.day as i64 - 1
    }

    /// The day number of 1970-01-01, to turn Unix time into dates.
    pub const UNIX_EPOCH_DAY: i64 = 719_468;

    /// The date of a day number, the inverse of [`Date::day_number`]
    /// (Howard Hinnant's civil-from-days algorithm); `None` outside the
    /// years 0–65535.
    pub fn from_day_number(z: i64) -> Option<Date> {
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = u16::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
        Some(Date { year, month, day })
    }

    /// Whole years from `self` (a birth date) to `at`.
    pub fn age_at(self, at: Date) -> i32 {
        let mut age = at.year as i32 - self.year as i32;
        if (at.month, at.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }
}

impl fmt::Display for Date {
    /// `DD.MM.YYYY`, as Norwegians write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }
}

#[cfg(test)]
mod tests {
    /// The plain reading the word-at-a-time parse replaced.
    fn parse_slowly(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = |r: std::ops::Range<usize>| s[r].parse::<u16>().ok();
        Date::new(n(0..4)?, n(4..6)? as u8, n(6..8)? as u8)
    }

    #[test]
    fn day_numbers_go_both_ways() {
        let mut n = Date::new(1899, 1, 1).unwrap().day_number();
        for y in 1899..=2101u16 {
            for m in 1..=12u8 {
                for d in 1..=days_in_month(y, m) {
                    let date = Date::new(y, m, d).unwrap();
                    assert_eq!(date.day_number(), n, "{date}");
                    assert_eq!(Date::from_day_number(n), Some(date));
                    n += 1;
                }
            }
        }
        assert_eq!(
            Date::from_day_number(Date::UNIX_EPOCH_DAY),
            Date::new(1970, 1, 1)
        );
    }

    #[test]
    fn parse_agrees_with_a_plain_reading() {
        // Every day of 1899–2101 plus its neighbours, and strings with one
        // byte next to a digit in value (/, :, space, letters, 0x80+).
        let mut cases: Vec<String> = Vec::new();
        for y in 1899..=2101u16 {
            for m in 0..=13u8 {
                for d in [0u8, 1, 15, 28, 29, 30, 31, 32] {
                    cases.push(format!("{y:04}{m:02}{d:02}"));
                }
            }
        }
        for base in ["20250131", "00000000", "99999999"] {
            for i in 0..8 {
                for c in ['/', ':', ' ', 'a', 'Z', '\u{7f}', 'é', '-', '+', '.'] {
                    let mut t: Vec<char> = base.chars().collect();
                    t[i] = c;
                    cases.push(t.into_iter().collect());
                }
            }
        }
        cases.extend(["", "2025013", "202501311", "2025-01-31"].map(String::from));
        for c in &cases {
            assert_eq!(Date::parse(c), parse_slowly(c), "{c:?}");
        }
    }

    use super::*;

    #[test]
    fn parses_only_real_days() {
        assert_eq!(Date::parse("20250228"), Date::new(2025, 2, 28));
        assert_eq!(Date::parse("20240229"), Date::new(2024, 2, 29));
        for bad in [
            "20250229",
            "20250231",
            "20251301",
            "20250100",
            "2025010",
            "2025-01-01",
            "abcdefgh",
            "19000229",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("20000229").is_some());
    }

    #[test]
    fn day_numbers_count_days() {
        let a = Date::parse("20231231").unwrap();
        let b = Date::parse("20240101").unwrap();
        assert_eq!(b.day_number() - a.day_number(), 1);
        let c = Date::parse("20250101").unwrap();
        assert_eq!(c.day_number() - b.day_number(), 366);
    }

    #[test]
    fn age_counts_birthdays() {
        let born = Date::parse("19500615").unwrap();
        assert_eq!(born.age_at(Date::parse("20250614").unwrap()), 74);
        assert_eq!(born.age_at(Date::parse("20250615").unwrap()), 75);
    }
}
