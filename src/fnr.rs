//! Norwegian identity numbers and organisation numbers.
//!
//! This module owns everything the checker knows about the 11-digit person
//! identities (fødselsnummer, D-nummer, H-nummer, felles hjelpenummer and
//! the synthetic Tenor/FREG test identities with month + 80): the mod-11
//! check digits, including Skatteetaten's relaxed rule for the new
//! fødselsnummer from 2032, the date part with its offsets, the century
//! series of the individnummer and the sex digit. It also owns masking of
//! identities for messages, the 9-digit organisasjonsnummer check, the
//! `typeID` (code list 9032) consistency test and a generator of synthetic
//! identities for fixtures and test data. Sources: docs/domain.md §5 and
//! §6; the rules PER-02–07, PER-23, PER-25 and PER-26 of docs/rules.md.

use crate::date::{days_in_month, Date};

/// What kind of identity an 11-digit number is, judged from its digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// An ordinary fødselsnummer (also a synthetic one).
    Fodselsnummer,
    /// Day + 40: digit 1 is 4–7.
    DNummer,
    /// Month + 40: digit 3 is 4–5.
    HNummer,
    /// Digit 1 is 8 or 9: NHN's felles hjelpenummer or an old H-number.
    FellesHjelpenummer,
}

/// The outcome of the mod-11 check digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckDigits {
    /// Both check digits follow the classic rule.
    Valid,
    /// Valid only under Skatteetaten's rule for the new fødselsnummer (from
    /// 2032): the weighted sum over digits 1–10 is 1, 2 or 3 mod 11 instead
    /// of 0; K2 is computed as usual.
    Rule2032,
    /// Not valid under either rule (or not 11 digits).
    Invalid,
}

/// Sex as digit 9 of the number gives it: odd male, even female.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    /// Odd ninth digit.
    Male,
    /// Even ninth digit.
    Female,
}

/// Everything [`analyse`] finds out about one identity string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdAnalysis {
    /// Exactly 11 ASCII digits. When false, every other field is a default
    /// (`kind` Fodselsnummer, `check` Invalid, the booleans false, `None`s).
    pub eleven_digits: bool,
    /// What kind of number it is (fødselsnummer, D-, H- or FH-number, synthetic).
    pub kind: IdKind,
    /// Month + 80 (Tenor/FREG test identity); may combine with a D-number.
    pub synthetic: bool,
    /// Whether the check digits hold, by the classic or the 2032 rule.
    pub check: CheckDigits,
    /// The birth date (for a D-number: the date part, which may be a
    /// registration date). `None` when the date part is impossible, fits no
    /// century series, or the number is a felles hjelpenummer.
    pub birth_date: Option<Date>,
    /// Day and month are real after removing the D (+4 on digit 1), H (+4 on
    /// digit 3) and synthetic (+8 on digit 3) offsets. Always true for a
    /// felles hjelpenummer, whose digits carry no date.
    pub date_ok: bool,
    /// The individnummer (digits 7–9) fits a century series for the year
    /// digits. Always true for a felles hjelpenummer.
    pub century_ok: bool,
    /// The sex digit 9 says, whenever there are 11 digits; callers decide
    /// whether it means anything (not for synthetic or 2032-rule numbers).
    pub sex: Option<Sex>,
}

/// Weights for K1 over digits 1–9.
const W1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
/// Weights for K2 over digits 1–10.
const W2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
/// Weights for the organisasjonsnummer check digit over digits 1–8.
const W_ORG: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];

fn weighted_sum(digits: &[u8], weights: &[u32]) -> u32 {
    digits
        .iter()
        .zip(weights)
        .map(|(&d, &w)| u32::from(d) * w)
        .sum()
}

/// The classic mod-11 check digit for a weighted sum: 11 − (Σ mod 11),
/// 11 → 0; `None` when the result is 10 (no valid check digit exists).
fn mod11(sum: u32) -> Option<u8> {
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k as u8),
    }
}

/// K1 and K2 for the first nine digits, when both exist.
fn check_digits_for(first9: &[u8; 9]) -> Option<(u8, u8)> {
    let k1 = mod11(weighted_sum(first9, &W1))?;
    let mut ten = [0u8; 10];
    ten[..9].copy_from_slice(first9);
    ten[9] = k1;
    let k2 = mod11(weighted_sum(&ten, &W2))?;
    Some((k1, k2))
}

fn check_of(d: &[u8; 11]) -> CheckDigits {
    // K2 is always computed over the actual K1 digit.
    let k2_ok = mod11(weighted_sum(&d[..10], &W2)) == Some(d[10]);
    if !k2_ok {
        return CheckDigits::Invalid;
    }
    let s1 = weighted_sum(&d[..9], &W1);
    if mod11(s1) == Some(d[9]) {
        return CheckDigits::Valid;
    }
    // Skatteetaten's 2032 rule: K1 = 11 + r − (Σ mod 11), r in 0..=3, minus
    // 11 when above 10, never 10. r = 0 is the classic rule, checked above.
    let rule2032 = (1..=3u32).any(|r| {
        let mut k = 11 + r - s1 % 11;
        if k > 10 {
            k -= 11;
        }
        k != 10 && k == u32::from(d[9])
    });
    if rule2032 {
        CheckDigits::Rule2032
    } else {
        CheckDigits::Invalid
    }
}

/// The century (1800, 1900 or 2000) that individnummer `individ` gives for
/// the two year digits `yy`, or `None` when it fits no series.
fn century(individ: u16, yy: u8) -> Option<u16> {
    match individ {
        500..=749 if yy >= 54 => Some(1800),
        0..=499 => Some(1900),
        900..=999 if yy >= 40 => Some(1900),
        500..=999 if yy <= 39 => Some(2000),
        _ => None,
    }
}

/// Classifies and checks one identity string. The input is taken as it is:
/// callers trim it first if they want to.
pub fn analyse(fid: &str) -> IdAnalysis {
    let bytes = fid.as_bytes();
    if bytes.len() != 11 || !bytes.iter().all(u8::is_ascii_digit) {
        return IdAnalysis {
            eleven_digits: false,
            kind: IdKind::Fodselsnummer,
            synthetic: false,
            check: CheckDigits::Invalid,
            birth_date: None,
            date_ok: false,
            century_ok: false,
            sex: None,
        };
    }
    let mut d = [0u8; 11];
    for (slot, b) in d.iter_mut().zip(bytes) {
        *slot = b - b'0';
    }
    let check = check_of(&d);
    let sex = Some(if d[8] % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    });

    if d[0] >= 8 {
        return IdAnalysis {
            eleven_digits: true,
            kind: IdKind::FellesHjelpenummer,
            synthetic: false,
            check,
            birth_date: None,
            date_ok: true,
            century_ok: true,
            sex,
        };
    }

    let mut kind = IdKind::Fodselsnummer;
    let mut day_tens = d[0];
    if (4..=7).contains(&day_tens) {
        day_tens -= 4;
        kind = IdKind::DNummer;
    }
    let mut month_tens = d[2];
    let mut synthetic = false;
    if month_tens >= 8 {
        month_tens -= 8;
        synthetic = true;
    } else if (4..=5).contains(&month_tens) {
        month_tens -= 4;
        kind = IdKind::HNummer;
    }
    let day = day_tens * 10 + d[1];
    let month = month_tens * 10 + d[3];
    let yy = d[4] * 10 + d[5];
    let individ = u16::from(d[6]) * 100 + u16::from(d[7]) * 10 + u16::from(d[8]);

    let (birth_date, date_ok, century_ok) = match century(individ, yy) {
        Some(c) => {
            let date = Date::new(c + u16::from(yy), month, day);
            (date, date.is_some(), true)
        }
        None => {
            // No century: the day is real if it is real in some century
            // (29 February depends on it).
            let real = [1800u16, 1900, 2000]
                .iter()
                .any(|c| (1..=days_in_month(c + u16::from(yy), month)).contains(&day));
            (None, real, false)
        }
    };

    IdAnalysis {
        eleven_digits: true,
        kind,
        synthetic,
        check,
        birth_date,
        date_ok,
        century_ok,
        sex,
    }
}

/// Masks an identity for messages: the first six characters (the date
/// part) followed by `*****`. An input shorter than 11 characters shows at
/// most its first half (never more than six characters); an empty input
/// stays empty. The result never holds more than six characters of the
/// input, so never a whole identity.
pub fn mask(fid: &str) -> String {
    let n = fid.chars().count();
    if n == 0 {
        return String::new();
    }
    let keep = if n >= 11 { 6 } else { (n / 2).min(6) };
    let mut out: String = fid.chars().take(keep).collect();
    out.push_str("*****");
    out
}

/// An organisasjonsnummer: exactly 9 ASCII digits whose last digit is the
/// mod-11 check digit over the first eight (weights 3 2 7 6 5 4 3 2;
/// 11 → 0; 10 means no valid number).
pub fn orgnr_valid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 9 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut digits = [0u8; 9];
    for (slot, c) in digits.iter_mut().zip(b) {
        *slot = c - b'0';
    }
    orgnr_check_digit(&digits[..8]) == Some(digits[8])
}

/// The organisasjonsnummer's check digit over its first eight digits, or
/// `None` where the sum leaves 10 (no number is made with that prefix).
pub fn orgnr_check_digit(first8: &[u8]) -> Option<u8> {
    mod11(weighted_sum(first8, &W_ORG))
}

/// Completes an eight-digit prefix into an organisasjonsnummer, when one
/// exists for it. For fixtures and generated data.
pub fn orgnr_from_prefix(prefix: u32) -> Option<String> {
    let s = format!("{prefix:08}");
    let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
    (digits.len() == 8)
        .then(|| orgnr_check_digit(&digits))
        .flatten()
        .map(|c| format!("{s}{c}"))
}

/// The individnummer series allowed for a birth year, in order.
fn series_for(year: u16) -> Vec<u16> {
    match year {
        1854..=1899 => (500..=749).collect(),
        1900..=1939 => (0..=499).collect(),
        1940..=1999 => (0..=499).chain(900..=999).collect(),
        2000..=2039 => (500..=999).collect(),
        _ => Vec::new(),
    }
}

/// Builds a synthetic test identity (month + 80) for `birth` and `sex`.
///
/// The individnummer is the first one at or after `individ` in the century
/// series of the birth year (wrapping round within the series) whose digit
/// 9 gives `sex` and for which both check digits exist. Used for fixtures
/// and generated test data: it never produces a real-looking fødselsnummer.
///
/// # Panics
///
/// When the birth year lies outside 1854–2039, where no century series
/// exists.
pub fn synthetic_fnr(birth: Date, individ: u16, sex: Sex) -> String {
    let series = series_for(birth.year);
    assert!(
        !series.is_empty(),
        "synthetic_fnr: birth year {} outside 1854–2039",
        birth.year
    );
    let start = series.iter().position(|&i| i >= individ).unwrap_or(0);
    let yy = (birth.year % 100) as u8;
    let month = birth.month + 80;
    for step in 0..series.len() {
        let ind = series[(start + step) % series.len()];
        let odd = ind % 2 == 1;
        if odd != (sex == Sex::Male) {
            continue;
        }
        let first9 = [
            birth.day / 10,
            birth.day % 10,
            month / 10,
            month % 10,
            yy / 10,
            yy % 10,
            (ind / 100) as u8,
            (ind / 10 % 10) as u8,
            (ind % 10) as u8,
        ];
        if let Some((k1, k2)) = check_digits_for(&first9) {
            let mut s: String = first9.iter().map(|&x| char::from(b'0' + x)).collect();
            s.push(char::from(b'0' + k1));
            s.push(char::from(b'0' + k2));
            return s;
        }
    }
    unreachable!("synthetic_fnr: no individnummer with valid check digits")
}

/// Whether a `typeID` (code list 9032) agrees with the number's digits:
/// 1 fødselsnummer, 2 D-nummer, 3 H-nummer (also an old H-number starting
/// with 8 or 9), 12 felles hjelpenummer. The other kinds in 9032 (4–10:
/// passport, foreign and other numbers) have nothing to contradict, and
/// neither has a value that is not 11 digits (PER-02 covers that). A
/// `typeID` outside 9032 does not match.
pub fn type_id_matches(type_id: &str, a: &IdAnalysis) -> bool {
    let Ok(code) = type_id.trim().parse::<u16>() else {
        return false;
    };
    if !a.eleven_digits {
        return matches!(code, 1..=10 | 12);
    }
    match code {
        1 => a.kind == IdKind::Fodselsnummer,
        2 => a.kind == IdKind::DNummer,
        3 => matches!(a.kind, IdKind::HNummer | IdKind::FellesHjelpenummer),
        12 => a.kind == IdKind::FellesHjelpenummer,
        4..=10 => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Statistics Norway's published invalid test vectors (the tests of its
    /// KOSTRA check program, SSB-KOSTRA in docs/sources.md).
    /// Its valid ones (a 2013, a 1912, an 1854 and a 1999 birth, and a
    /// D-number) pass too, but the repository keeps no number with a real
    /// month and valid check digits: the same cases are built below as
    /// synthetic numbers (month + 80).
    const SSB_INVALID: [&str; 2] = ["01020304050", "01000000040"];

    /// Appends K1 and K2 to a 9-digit prefix built in code; `None` when no
    /// check digits exist for it.
    fn with_check_digits(prefix: &str) -> Option<String> {
        let b = prefix.as_bytes();
        assert_eq!(b.len(), 9);
        let mut first9 = [0u8; 9];
        for (slot, c) in first9.iter_mut().zip(b) {
            *slot = c - b'0';
        }
        let (k1, k2) = check_digits_for(&first9)?;
        Some(format!("{prefix}{k1}{k2}"))
    }

    fn date(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn is_overall_valid(a: &IdAnalysis) -> bool {
        a.eleven_digits && a.check == CheckDigits::Valid && a.date_ok && a.century_ok
    }

    #[test]
    fn the_cases_of_ssbs_valid_vectors() {
        // Birth date, individnummer and sex of SSB's valid vectors.
        let cases = [
            (date(2013, 1, 5), 992, Sex::Female),
            (date(1912, 10, 24), 192, Sex::Female),
            (date(1854, 1, 1), 500, Sex::Female),
            (date(1999, 12, 31), 998, Sex::Female),
        ];
        for (born, individ, sex) in cases {
            let fid = synthetic_fnr(born, individ, sex);
            let a = analyse(&fid);
            assert!(is_overall_valid(&a), "{fid}: {a:?}");
            assert_eq!(a.kind, IdKind::Fodselsnummer, "{fid}");
            assert!(a.synthetic);
            assert_eq!(a.birth_date, Some(born), "{fid}");
            assert_eq!(a.sex, Some(sex), "{fid}");
        }
        // A D-number born 01.01.2010 (day + 40), synthetic (month + 80).
        let dnr = (500..999)
            .find_map(|i| with_check_digits(&format!("418110{i:03}")))
            .unwrap();
        let d = analyse(&dnr);
        assert!(is_overall_valid(&d), "{d:?}");
        assert_eq!(d.kind, IdKind::DNummer);
        assert_eq!(d.birth_date, Some(date(2010, 1, 1)));
    }

    #[test]
    fn ssb_invalid_vectors() {
        for fid in SSB_INVALID {
            let a = analyse(fid);
            assert!(a.eleven_digits);
            assert!(!is_overall_valid(&a), "{fid}: {a:?}");
        }
        assert_eq!(analyse("01020304050").check, CheckDigits::Invalid);
        // Month 00 is no month.
        assert!(!analyse("01000000040").date_ok);
    }

    #[test]
    fn not_eleven_digits() {
        for bad in [
            "",
            "1234567890",
            "123456789012",
            "0501801234a",
            "05018 12345",
            "０５０１８０１２３４５",
        ] {
            let a = analyse(bad);
            assert!(!a.eleven_digits, "{bad:?}");
            assert_eq!(a.check, CheckDigits::Invalid);
            assert!(!a.date_ok && !a.century_ok);
            assert_eq!(a.sex, None);
            assert_eq!(a.birth_date, None);
        }
    }

    #[test]
    fn generated_synthetic_numbers_round_trip() {
        let mut n = 0;
        for year in 1855..=2039u16 {
            for (month, day) in [(1u8, 1u8), (2, 28), (6, 15), (12, 31), (2, 29)] {
                let Some(born) = Date::new(year, month, day) else {
                    continue;
                };
                for (individ, sex) in [
                    (0u16, Sex::Male),
                    (250, Sex::Female),
                    (777, Sex::Male),
                    (999, Sex::Female),
                ] {
                    let fid = synthetic_fnr(born, individ, sex);
                    let a = analyse(&fid);
                    assert!(is_overall_valid(&a), "{fid}: {a:?}");
                    assert!(a.synthetic, "{fid}");
                    assert_eq!(a.kind, IdKind::Fodselsnummer, "{fid}");
                    assert_eq!(a.birth_date, Some(born), "{fid}");
                    assert_eq!(a.sex, Some(sex), "{fid}");
                    assert!(type_id_matches("1", &a));
                    assert!(!type_id_matches("2", &a));
                    // Month + 80: never a real month in the file.
                    assert!(fid.as_bytes()[2] >= b'8', "{fid}");
                    n += 1;
                    // Any single-digit change breaks the number.
                    let bytes = fid.as_bytes();
                    for pos in 0..11 {
                        for delta in [1u8, 5] {
                            let mut m = bytes.to_vec();
                            m[pos] = b'0' + (m[pos] - b'0' + delta) % 10;
                            let mutated = String::from_utf8(m).unwrap();
                            let b = analyse(&mutated);
                            assert_eq!(b.check, CheckDigits::Invalid, "{fid} -> {mutated}");
                        }
                    }
                }
            }
        }
        assert!(n > 2500);
    }

    #[test]
    fn generator_picks_series_and_wraps() {
        let ind = |fid: &str| fid[6..9].parse::<u16>().unwrap();
        // 1940-1999 uses 000-499 and 900-999: 600 moves on to 900.
        let fid = synthetic_fnr(date(1970, 3, 4), 600, Sex::Male);
        assert!(ind(&fid) >= 900, "{fid}");
        assert!(is_overall_valid(&analyse(&fid)));
        // Beyond the end of the series: wraps to its start.
        let fid = synthetic_fnr(date(1880, 7, 8), 900, Sex::Female);
        assert!((500..=749).contains(&ind(&fid)), "{fid}");
        let fid = synthetic_fnr(date(2020, 7, 8), 10, Sex::Female);
        assert!(ind(&fid) >= 500, "{fid}");
        let fid = synthetic_fnr(date(1930, 7, 8), 123, Sex::Male);
        assert!((123..=499).contains(&ind(&fid)), "{fid}");
    }

    /// D- and H-numbers are made at run time from a synthetic base (month +
    /// 80) with fresh check digits: nothing real-looking is written here.
    #[test]
    fn d_and_h_numbers_built_from_synthetic_bases() {
        for year in [1890u16, 1935, 1965, 1999, 2005, 2030] {
            for individ in [0u16, 333, 520, 950] {
                let base = synthetic_fnr(date(year, 11, 17), individ, Sex::Female);
                // Synthetic D-number: +4 on digit 1.
                let mut p: Vec<u8> = base.as_bytes()[..9].to_vec();
                p[0] += 4;
                let prefix = String::from_utf8(p).unwrap();
                if let Some(dnr) = with_check_digits(&prefix) {
                    let a = analyse(&dnr);
                    assert!(is_overall_valid(&a), "{dnr}: {a:?}");
                    assert_eq!(a.kind, IdKind::DNummer);
                    assert!(a.synthetic);
                    assert_eq!(a.birth_date, Some(date(year, 11, 17)));
                    assert!(type_id_matches("2", &a));
                    assert!(!type_id_matches("1", &a));
                }
                // H-number: month + 40 instead of + 80 (digit 3 from 9 to 5).
                let mut p: Vec<u8> = base.as_bytes()[..9].to_vec();
                p[2] -= 4;
                let prefix = String::from_utf8(p).unwrap();
                if let Some(hnr) = with_check_digits(&prefix) {
                    let a = analyse(&hnr);
                    assert!(is_overall_valid(&a), "{hnr}: {a:?}");
                    assert_eq!(a.kind, IdKind::HNummer);
                    assert!(!a.synthetic);
                    assert_eq!(a.birth_date, Some(date(year, 11, 17)));
                    assert!(type_id_matches("3", &a));
                    assert!(!type_id_matches("1", &a));
                    assert!(!type_id_matches("12", &a));
                }
            }
        }
    }

    #[test]
    fn date_part_table() {
        // (9-digit prefix, date_ok, century_ok, kind, synthetic, birth date)
        type Row = (
            &'static str,
            bool,
            bool,
            IdKind,
            bool,
            Option<(u16, u8, u8)>,
        );
        #[rustfmt::skip]
        let rows: [Row; 18] = [
            ("298200500", true, true, IdKind::Fodselsnummer, true, Some((2000, 2, 29))),
            ("298200100", false, true, IdKind::Fodselsnummer, true, None), // 1900: no leap year
            ("298296100", true, true, IdKind::Fodselsnummer, true, Some((1996, 2, 29))),
            ("298297100", false, true, IdKind::Fodselsnummer, true, None),
            ("318292900", false, true, IdKind::Fodselsnummer, true, None), // 31 February
            ("318100601", true, true, IdKind::Fodselsnummer, true, Some((2000, 1, 31))),
            ("318100100", true, true, IdKind::Fodselsnummer, true, Some((1900, 1, 31))),
            ("308145600", true, false, IdKind::Fodselsnummer, true, None), // 500-749 with yy 40-53
            ("158845800", true, false, IdKind::Fodselsnummer, true, None), // 750-899 with yy >= 40
            ("158839800", true, true, IdKind::Fodselsnummer, true, Some((2039, 8, 15))),
            ("158854700", true, true, IdKind::Fodselsnummer, true, Some((1854, 8, 15))),
            ("718299100", false, true, IdKind::DNummer, true, None), // D: 31 February
            ("728180100", false, true, IdKind::DNummer, true, None), // D: day 32
            ("018000100", false, true, IdKind::Fodselsnummer, true, None), // month 0
            ("008180100", false, true, IdKind::Fodselsnummer, true, None), // day 0
            ("011378100", false, true, IdKind::Fodselsnummer, false, None), // month 13
            ("015378100", false, true, IdKind::HNummer, false, None), // H: month 13
            ("154578101", true, true, IdKind::HNummer, false, Some((1978, 5, 15))),
        ];
        for (prefix, date_ok, century_ok, kind, synthetic, born) in rows {
            let fid = with_check_digits(prefix).expect("prefix with check digits");
            let a = analyse(&fid);
            assert_eq!(a.date_ok, date_ok, "{prefix}");
            assert_eq!(a.century_ok, century_ok, "{prefix}");
            assert_eq!(a.kind, kind, "{prefix}");
            assert_eq!(a.synthetic, synthetic, "{prefix}");
            let born = born.map(|(y, m, d)| date(y, m, d));
            assert_eq!(a.birth_date, born, "{prefix}");
            assert_eq!(a.check, CheckDigits::Valid, "{prefix}");
        }
    }

    #[test]
    fn felles_hjelpenummer() {
        for prefix in ["812345678", "900000000", "998877665", "855555550"] {
            let fh = with_check_digits(prefix).unwrap();
            let a = analyse(&fh);
            assert_eq!(a.kind, IdKind::FellesHjelpenummer);
            assert!(a.date_ok && a.century_ok);
            assert_eq!(a.birth_date, None);
            assert_eq!(a.check, CheckDigits::Valid);
            assert!(a.sex.is_some());
            assert!(type_id_matches("12", &a));
            assert!(type_id_matches("3", &a));
            assert!(!type_id_matches("1", &a));
        }
    }

    #[test]
    fn rule_2032_check_digits() {
        let mut found = [0usize; 3];
        for individ in (0..500).step_by(7) {
            let fid = synthetic_fnr(date(1975, 5, 6), individ, Sex::Female);
            let d: Vec<u8> = fid.bytes().map(|c| c - b'0').collect();
            let s1 = weighted_sum(&d[..9], &W1);
            for r in 1..=3u32 {
                let mut k1 = 11 + r - s1 % 11;
                if k1 > 10 {
                    k1 -= 11;
                }
                if k1 == 10 {
                    continue;
                }
                let mut ten = d[..10].to_vec();
                ten[9] = k1 as u8;
                let Some(k2) = mod11(weighted_sum(&ten, &W2)) else {
                    continue;
                };
                let new = format!("{}{}{}", &fid[..9], k1, k2);
                let a = analyse(&new);
                assert_eq!(a.check, CheckDigits::Rule2032, "{new}");
                found[r as usize - 1] += 1;
                // A wrong K2 on top is plain invalid.
                let bad = format!("{}{}{}", &fid[..9], k1, (k2 + 1) % 10);
                assert_eq!(analyse(&bad).check, CheckDigits::Invalid, "{bad}");
            }
        }
        assert!(found.iter().all(|&n| n > 0), "{found:?}");
    }

    #[test]
    fn masking() {
        assert_eq!(mask("05018012345"), "050180*****");
        assert_eq!(mask("050180123456"), "050180*****");
        assert_eq!(mask("0501801234"), "05018*****");
        assert_eq!(mask("1234"), "12*****");
        assert_eq!(mask("1"), "*****");
        assert_eq!(mask(""), "");
        assert_eq!(mask("æøåæøåæøåæø"), "æøåæøå*****");
        for s in [
            "05018012345",
            "31129999810",
            "4101108818",
            "123456789012345",
        ] {
            let m = mask(s);
            assert!(m.chars().filter(char::is_ascii_digit).count() <= 6, "{m}");
        }
    }

    #[test]
    fn organisation_numbers() {
        // Brønnøysundregistrene and a few other public registry entries.
        for ok in ["974760673", "923609016", "971524960"] {
            assert!(orgnr_valid(ok), "{ok}");
        }
        for bad in [
            "974760672",
            "97476067",
            "9747606733",
            "97476067a",
            "",
            " 974760673",
        ] {
            assert!(!orgnr_valid(bad), "{bad:?}");
        }
        // Exhaustive over one prefix: exactly one check digit is right, or
        // none when the remainder gives 10.
        for p in 10_000_000u32..10_000_200 {
            let valid = (0..10).filter(|k| orgnr_valid(&format!("{p}{k}"))).count();
            assert!(valid <= 1, "{p}");
        }
    }

    #[test]
    fn type_ids() {
        let fnr = analyse(&synthetic_fnr(date(2013, 1, 5), 992, Sex::Female));
        let dnr = analyse(
            &(500..999)
                .find_map(|i| with_check_digits(&format!("418110{i:03}")))
                .unwrap(),
        );
        assert!(type_id_matches("1", &fnr));
        assert!(type_id_matches(" 1 ", &fnr));
        assert!(!type_id_matches("2", &fnr));
        assert!(!type_id_matches("3", &fnr));
        assert!(!type_id_matches("12", &fnr));
        assert!(type_id_matches("2", &dnr));
        assert!(!type_id_matches("1", &dnr));
        for other in ["4", "5", "6", "7", "8", "9", "10"] {
            assert!(type_id_matches(other, &fnr), "{other}");
            assert!(type_id_matches(other, &dnr), "{other}");
        }
        for unknown in ["", "0", "11", "13", "x"] {
            assert!(!type_id_matches(unknown, &fnr), "{unknown:?}");
        }
        // A value that is not 11 digits has nothing to contradict.
        assert!(type_id_matches("1", &analyse("123")));
        assert!(!type_id_matches("11", &analyse("123")));
    }
}
