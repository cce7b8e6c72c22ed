//! FIL-19: a CSV whose codes lost their leading zeros, as Excel does when
//! it opens the file and saves it again: municipality `301` for `0301`,
//! district `3` for `03`, a ten-digit identity number. One finding for the
//! file names the cause; the per-record findings it explains are folded
//! under it, not listed one by one.
//!
//! A person "lost a zero" when one of its codes is one digit short and
//! valid with a `0` put in front. The file is judged at its end: a lone
//! typo is the record's own finding; the pattern is the file's. Excel
//! drops the zero of every value of a column it read as a number, so a
//! code shows the pattern when at least [`MIN_PERSONS`] persons lost its
//! zero and more lost it than kept one (`0301`, `03`, an identity number
//! starting with 0), and the persons who lost a zero are at least
//! [`MIN_SHARE`] per cent of the file. A few typos in a file whose codes
//! keep their zeros are no pattern, however many persons it has.

use super::{Check, Ctx, FlowOut, Hit, Rule, ALL_YEARS};
use crate::codes::{self, KommuneStatus};
use crate::finding::{Confidence, Pos, Severity, Source};
use crate::fnr::{self, CheckDigits};
use crate::model::{Field, Person};

/// FIL-19: declared once, with its wording, years and check.
pub(crate) const RULES: &[Rule] = &[Rule {
    code: "FIL-19",
    severity: Severity::Error,
    years: ALL_YEARS,
    title_nb: "Kodene har mistet ledende nuller (trolig lagret i Excel)",
    title_en: "The codes lost their leading zeros (probably saved in Excel)",
    why_nb: "Kommunenummer (`0301`), bydelsnummer (`03`) og fødselsnummer (11 sifre, for dem som er født den 1.–9. i måneden med 0 først) er koder, ikke tall, og skal ha sine ledende nuller. Excel leser dem som tall når en CSV-fil åpnes, og skriver dem uten nullene når filen lagres igjen: `301`, `3` og et fødselsnummer med 10 sifre. Da blir hver slik post feil hos mottakeren. Det er én feil i filen, ikke én per person, så den meldes én gang. Kilde: IPLOS-skjemaet 2018 (kodene er tekst med fast lengde) (sikkert); at Excel er årsaken, er antatt.",
    why_en: "Municipality numbers (`0301`), district numbers (`03`) and identity numbers (11 digits, starting with 0 for those born on the 1st to 9th of a month) are codes, not numbers, and keep their leading zeros. Excel reads them as numbers when a CSV file is opened, and writes them without the zeros when the file is saved again: `301`, `3` and an identity number of 10 digits. Every such record is then wrong at the receiver. It is one fault of the file, not one per person, so it is reported once. Source: the IPLOS schema 2018 (the codes are fixed-length text) (confirmed); that Excel is the cause is inferred.",
    fix_nb: "Ikke åpne og lagre CSV-filen i Excel. Lag et nytt uttrekk fra fagsystemet og kontroller det direkte. Må du se på filen i Excel, bruk Data → Fra tekst/CSV og sett kolonnene for kommune, bydel og fødselsnummer til Tekst, og lagre ikke filen etterpå.",
    fix_en: "Do not open and save the CSV file in Excel. Make a new extract from the EPJ system and check it directly. If you must look at the file in Excel, use Data → From Text/CSV and set the municipality, district and identity number columns to Text, and do not save the file afterwards.",
    confidence: Confidence::Inferred,
    check: Check::Flow,
    raised_by: &[],
}];

/// At least this many persons, who lost the zero of one code, make the
/// pattern (with [`MIN_SHARE`], and more than kept it).
pub(crate) const MIN_PERSONS: usize = 3;
/// The share of persons (in per cent) that make the pattern.
pub(crate) const MIN_SHARE: usize = 5;

/// Which of a person's codes lost a leading zero (or, from [`kept`], kept
/// one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lost {
    kommune: bool,
    bydel: bool,
    fid: bool,
}

impl Lost {
    /// Whether any code lost its zero.
    pub(crate) fn any(self) -> bool {
        self.kommune || self.bydel || self.fid
    }

    /// Whether `hit` is a finding the lost zeros explain.
    pub(crate) fn explains(self, hit: &Hit) -> bool {
        let about = |f: Field| hit.nb.contains(f.name());
        match hit.code {
            "PER-10" | "PER-11" => self.kommune,
            "PER-12" | "PER-13" | "PER-24" => self.kommune || self.bydel,
            "PER-02" | "PER-03" | "PER-04" | "PER-05" | "PER-07" | "PER-23" | "PER-25"
            | "PER-26" => self.fid,
            "FIL-12" => {
                (self.bydel && about(Field::peBydelsnr)) || (self.kommune && about(Field::peKomnr))
            }
            _ => false,
        }
    }
}

/// A code one digit short that is valid with a `0` in front.
fn short(v: Option<&str>, len: usize) -> Option<String> {
    let v = v?.trim();
    (v.len() + 1 == len && v.bytes().all(|b| b.is_ascii_digit())).then(|| format!("0{v}"))
}

/// A code of its full length with a leading zero, all digits.
fn zero_led(v: Option<&str>, len: usize) -> bool {
    v.map(str::trim).is_some_and(|v| {
        v.len() == len && v.starts_with('0') && v.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The sending municipality (`iiKomnr`) one digit short and a
/// municipality in the year with a `0` in front: that number (CSV only).
pub(crate) fn sender(c: &Ctx, ii_komnr: Option<&str>) -> Option<String> {
    if !c.csv {
        return None;
    }
    short(ii_komnr, 4).filter(|k| matches!(codes::kommune(k, c.year), KommuneStatus::Valid { .. }))
}

/// Which of `p`'s codes kept their leading zero (CSV only): the evidence
/// against the pattern.
pub(crate) fn kept(c: &Ctx, p: &Person) -> Lost {
    if !c.csv {
        return Lost::default();
    }
    Lost {
        kommune: zero_led(p.rec.text(Field::peKomnr), 4),
        bydel: zero_led(p.rec.text(Field::peBydelsnr), 2),
        fid: zero_led(p.fid(), 11),
    }
}

/// Which of `p`'s codes lost a leading zero (CSV only).
pub(crate) fn lost(c: &Ctx, p: &Person) -> Lost {
    if !c.csv {
        return Lost::default();
    }
    let kommune = short(p.rec.text(Field::peKomnr), 4)
        .is_some_and(|k| matches!(codes::kommune(&k, c.year), KommuneStatus::Valid { .. }));
    let bydel = short(p.rec.text(Field::peBydelsnr), 2).is_some();
    let fid = short(p.fid(), 11).is_some_and(|f| {
        let a = fnr::analyse(&f);
        a.eleven_digits && a.date_ok && a.check == CheckDigits::Valid
    });
    Lost {
        kommune,
        bydel,
        fid,
    }
}

/// What the file showed: persons with a lost zero, by code, and the
/// findings folded under FIL-19.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    persons: usize,
    kommune: usize,
    bydel: usize,
    fid: usize,
    /// Persons whose code kept its leading zero, per code.
    kept: (usize, usize, usize),
    /// The sending municipality as given and with its zero, when it lost it.
    sender: Option<(String, String)>,
    /// The first person's position.
    first: Option<Pos>,
}

impl Tally {
    /// Counts one person's lost zeros, and the codes that kept theirs.
    pub(crate) fn add(&mut self, l: Lost, kept: Lost, pos: Pos) {
        self.kept.0 += usize::from(kept.kommune);
        self.kept.1 += usize::from(kept.bydel);
        self.kept.2 += usize::from(kept.fid);
        if !l.any() {
            return;
        }
        self.persons += 1;
        self.kommune += usize::from(l.kommune);
        self.bydel += usize::from(l.bydel);
        self.fid += usize::from(l.fid);
        self.first.get_or_insert(pos);
    }

    /// The sending municipality lost its zero: `given` is `restored`
    /// without it.
    pub(crate) fn sender_lost(&mut self, given: &str, restored: String) {
        self.sender = Some((given.to_string(), restored));
    }

    /// Whether the file shows the pattern (not typos), of `persons`: a code
    /// whose zero at least [`MIN_PERSONS`] persons lost and fewer kept, and
    /// persons who lost a zero at least [`MIN_SHARE`] per cent of all.
    pub(crate) fn is_pattern(&self, persons: usize) -> bool {
        let column = |lost: usize, kept: usize| lost >= MIN_PERSONS && lost > kept;
        self.persons * 100 >= persons * MIN_SHARE
            && (column(self.kommune, self.kept.0)
                || column(self.bydel, self.kept.1)
                || column(self.fid, self.kept.2))
    }

    /// FIL-19 for the file, with what it counted and folded (`folded`
    /// findings of the persons' records).
    pub(crate) fn finding(&self, folded: usize, o: &mut FlowOut) {
        let mut what_nb = Vec::new();
        let mut what_en = Vec::new();
        if let Some((given, restored)) = &self.sender {
            what_nb.push(format!(
                "avsenderkommunen (iiKomnr {given}, trolig {restored})"
            ));
            what_en.push(format!(
                "the sending municipality (iiKomnr {given}, probably {restored})"
            ));
        }
        if self.kommune > 0 {
            what_nb.push(format!("kommunenummer hos {} personer", self.kommune));
            what_en.push(format!("municipality numbers of {} persons", self.kommune));
        }
        if self.bydel > 0 {
            what_nb.push(format!("bydelsnummer hos {} personer", self.bydel));
            what_en.push(format!("district numbers of {} persons", self.bydel));
        }
        if self.fid > 0 {
            what_nb.push(format!("fødselsnummer hos {} personer", self.fid));
            what_en.push(format!("identity numbers of {} persons", self.fid));
        }
        o.push(
            "FIL-19",
            self.first.unwrap_or(Pos { line: 1, column: 1 }),
            format!(
                "Ledende nuller mangler i {} ({} personer i alt): filen er trolig åpnet og lagret i Excel. {folded} funn på de enkelte postene som dette forklarer, er samlet her og ikke listet hver for seg.",
                what_nb.join(", "),
                self.persons
            ),
            format!(
                "Leading zeros are missing from {} ({} persons in all): the file was probably opened and saved in Excel. {folded} findings on the single records that this explains are gathered here and not listed one by one.",
                what_en.join(", "),
                self.persons
            ),
            Source::Fagmelding,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_one_digit_short_gets_its_zero() {
        assert_eq!(short(Some("301"), 4).as_deref(), Some("0301"));
        assert_eq!(short(Some("3"), 2).as_deref(), Some("03"));
        assert_eq!(short(Some("0301"), 4), None);
        assert_eq!(short(Some("30x"), 4), None);
        assert_eq!(short(None, 4), None);
    }

    #[test]
    fn a_lone_typo_is_no_pattern() {
        let mut t = Tally::default();
        let lost = Lost {
            kommune: true,
            ..Lost::default()
        };
        let none = Lost::default();
        t.add(lost, none, Pos { line: 2, column: 1 });
        assert!(!t.is_pattern(100));
        t.add(lost, none, Pos { line: 3, column: 1 });
        t.add(lost, none, Pos { line: 4, column: 1 });
        assert!(t.is_pattern(60));
        assert!(!t.is_pattern(1000), "3 of 1000 is below the share");
    }

    #[test]
    fn typos_among_codes_that_kept_their_zeros_are_no_pattern() {
        let mut t = Tally::default();
        let lost = Lost {
            kommune: true,
            ..Lost::default()
        };
        let kept = Lost {
            kommune: true,
            ..Lost::default()
        };
        for line in 0..4 {
            t.add(lost, Lost::default(), Pos { line, column: 1 });
        }
        for line in 4..10 {
            t.add(Lost::default(), kept, Pos { line, column: 1 });
        }
        assert!(!t.is_pattern(10), "4 lost, 6 kept: typos");
        for line in 10..13 {
            t.add(lost, Lost::default(), Pos { line, column: 1 });
        }
        assert!(t.is_pattern(13), "7 lost, 6 kept: the column lost them");
    }

    #[test]
    fn a_column_is_judged_by_its_own_zeros() {
        // The identity numbers were read as text (their zeros kept), the
        // municipality numbers as numbers: still the pattern.
        let mut t = Tally::default();
        let kommune = Lost {
            kommune: true,
            ..Lost::default()
        };
        let fid = Lost {
            fid: true,
            ..Lost::default()
        };
        for line in 0..20 {
            t.add(kommune, fid, Pos { line, column: 1 });
        }
        assert!(t.is_pattern(20));
    }
}
