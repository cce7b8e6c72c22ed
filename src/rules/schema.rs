//! FIL-11 and FIL-12: the generic schema rules, driven by the field table.
//!
//! FIL-11 reports a required element missing where no more specific rule
//! covers it; FIL-12 a value of the wrong type or outside its list where no
//! more specific rule judges the field (the table's `value_rule`). A CSV
//! export has no schema: its findings are not schema-level, and the XML
//! identifiers (`tjTjID`, …) are not asked of it.

use std::collections::BTreeMap;

use super::{Check, Ctx, FlowOut, Out, Rule, ALL_YEARS, FROM_2018};
use crate::date::Date;
use crate::finding::{Confidence, Pos, Severity, Source};
use crate::model::{Field, Header, Kind, Person, Record, Req, Ty, FIELDS};

/// The schema rules: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "FIL-11",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Påkrevd felt mangler, eller et felt står to ganger",
        title_en: "Required field missing, or a field given twice",
        why_nb: "Skjemaet sier hvor mange ganger hvert felt skal stå i en post. Et påkrevd felt som mangler, eller et felt som står dobbelt, gjør at filen ikke validerer mot skjemaet. Kilde: IPLOS-skjemaet 2018 (sikkert); at mottakeren da avviser hele filen, er antatt.",
        why_en: "The schema says how many times each field may appear in a record. A missing required field, or a field given twice, makes the file fail validation against the schema. Source: the IPLOS schema 2018 (confirmed); that the receiver then rejects the whole file is inferred.",
        fix_nb: "Finn posten ut fra linjenummeret, og fyll inn det manglende feltet eller fjern den doble registreringen i fagsystemet. Lag så et nytt uttrekk; skyldes feilen selve uttrekket, meld fra til leverandøren.",
        fix_en: "Find the record from the line number, and fill in the missing field or remove the duplicate entry in the EPJ system. Then make a new extract; if the extract itself causes the error, tell the vendor.",
        confidence: Confidence::Confirmed,
        check: Check::HeaderAndPerson(header_required_missing, required_missing),
        raised_by: &["xml"],
    },
    Rule {
        code: "FIL-12",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ugyldig verdi: feil type eller ikke i kodelisten",
        title_en: "Invalid value: wrong type or not in the code list",
        why_nb: "Verdien kan ikke tolkes: en dato som ikke finnes (som 31. februar), tekst der det skal stå et tall, eller en kode som ikke er i feltets kodeliste. Mottakeren kan ikke bruke verdien, og et brudd på skjemaet kan gjøre at filen avvises. Kilde: IPLOS-skjemaet 2018 og kodeverkene i Volven/FinnKode (sikkert).",
        why_en: "The value cannot be read: a date that does not exist (such as 31 February), text where a number belongs, or a code not in the field's code list. The receiver cannot use the value, and a breach of the schema may get the file rejected. Source: the IPLOS schema 2018 and the Volven/FinnKode code lists (confirmed).",
        fix_nb: "Rett verdien i fagsystemet, for eksempel ved å velge en gyldig kode eller skrive inn riktig dato. Lag så et nytt uttrekk.",
        fix_en: "Correct the value in the EPJ system, for example by choosing a valid code or entering the right date. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::HeaderAndPerson(header_wrong_type, wrong_type),
        raised_by: &[],
    },
    Rule {
        code: "FIL-17",
        severity: Severity::Error,
        years: FROM_2018,
        title_nb: "Filen bryter det offisielle IPLOS-skjemaet",
        title_en: "The file breaks the official IPLOS schema",
        why_nb: "Mottakeren kontrollerer filen mot det offisielle skjemaet, og en fil som ikke validerer, blir etter all sannsynlighet avvist i sin helhet, ikke bare posten med feil (antatt, slik Norsk pasientregister gjør). For filer etter 2018 er skjemaet for versjon 3.7 ikke offentlig, så vi kontrollerer mot skjemaet fra 2018. Kilde: IPLOS-skjemaet 2018 (sikkert); at hele filen avvises, er antatt.",
        why_en: "The receiver validates the file against the official schema, and a file that fails is most likely rejected as a whole, not just the faulty record (inferred, as Norsk pasientregister does). For files after 2018 the version 3.7 schema is not public, so we check against the 2018 schema. Source: the IPLOS schema 2018 (confirmed); that the whole file is rejected is inferred.",
        fix_nb: "Rett hver av feilene som er listet opp (kodene står i meldingen) i fagsystemet; da forsvinner også denne. Lag så et nytt uttrekk og kontroller det på nytt før du sender det.",
        fix_en: "Correct each of the errors listed (their codes are in the message) in the EPJ system; this finding then goes away too. Then make a new extract and check it again before you send it.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
];

fn records(p: &Person) -> impl Iterator<Item = (Kind, &Record)> {
    std::iter::once((Kind::Person, &p.rec))
        .chain(p.oppl.iter().map(|r| (Kind::Personoppl, r)))
        .chain(p.funksjoner.iter().map(|r| (Kind::Funksjon, r)))
        .chain(p.tjenester.iter().map(|r| (Kind::Tjeneste, r)))
        .chain(p.diagnoser.iter().map(|r| (Kind::Diagnose, r)))
        .chain(p.dogntilbud.iter().map(|r| (Kind::Dogntilbud, r)))
}

fn header_records(h: &Header) -> impl Iterator<Item = (Kind, &Record)> {
    h.innhinfo
        .iter()
        .map(|r| (Kind::Innhinfo, r))
        .chain(h.kontakter.iter().map(|r| (Kind::Kontakt, r)))
}

/// The plainly required fields of each record kind, found once.
fn required(kind: Kind) -> &'static [&'static crate::model::FieldDef] {
    static BY_KIND: std::sync::OnceLock<Vec<Vec<&'static crate::model::FieldDef>>> =
        std::sync::OnceLock::new();
    let all = BY_KIND.get_or_init(|| {
        let mut v = vec![Vec::new(); Kind::Dogntilbud as usize + 1];
        for d in FIELDS.iter().filter(|d| d.req == Req::Required) {
            v[d.kind as usize].push(d);
        }
        v
    });
    &all[kind as usize]
}

fn missing(c: &Ctx, kind: Kind, rec: &Record, o: &mut Out) {
    for d in required(kind) {
        if c.csv && d.attribute {
            continue;
        }
        if rec.get(d.field).is_none() && !c.column_absent(d.field) {
            let h = o.hit(
                rec.pos,
                format!(
                    "<{}> mangler <{}>, som skjemaet krever.",
                    kind.element(),
                    d.name
                ),
                format!(
                    "<{}> lacks <{}>, which the schema requires.",
                    kind.element(),
                    d.name
                ),
            );
            h.schema = !c.csv;
            if kind == Kind::Tjeneste {
                h.tj_tjen_type = rec.text(Field::tjTjenType).map(str::to_string);
            }
        }
    }
}

/// FIL-11 on a person's records.
pub fn required_missing(c: &Ctx, p: &Person, o: &mut Out) {
    for (kind, rec) in records(p) {
        missing(c, kind, rec, o);
    }
}

/// FIL-11 on the header.
pub fn header_required_missing(c: &Ctx, h: &Header, o: &mut Out) {
    if c.csv {
        return;
    }
    for (kind, rec) in header_records(h) {
        missing(c, kind, rec, o);
    }
}

/// Why a value does not fit its type, and whether that breaks the schema.
pub fn type_problem(
    ty: Ty,
    v: &str,
    year: u16,
    strict_2018: bool,
) -> Option<(String, String, bool)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match ty {
        Ty::Text => None,
        Ty::Str { min, max } => {
            let n = v.chars().count();
            (n < min as usize || n > max as usize).then(|| {
                let want = if min == max {
                    format!("{min}")
                } else {
                    format!("{min}–{max}")
                };
                (
                    format!("«{v}» har {n} tegn, men skal ha {want}"),
                    format!("«{v}» has {n} characters, but must have {want}"),
                    true,
                )
            })
        }
        // The usual case first: a real date is read once and is fine.
        Ty::Date if Date::parse(v).is_some() => None,
        Ty::Date => {
            if v.len() != 8 || !digits(v) || !pattern_date(v) {
                Some((
                    format!("«{v}» er ikke en dato på formen ÅÅÅÅMMDD"),
                    format!("«{v}» is not a date of the form YYYYMMDD"),
                    true,
                ))
            } else {
                Some((
                    format!("«{v}» er ikke en virkelig dato"),
                    format!("«{v}» is not a real calendar date"),
                    false,
                ))
            }
        }
        Ty::YearMonth => {
            let ok = v.len() == 6 && digits(v) && matches!(v[4..6].parse::<u8>(), Ok(1..=12));
            (!ok).then(|| {
                (
                    format!("«{v}» er ikke en måned på formen ÅÅÅÅMM"),
                    format!("«{v}» is not a month of the form YYYYMM"),
                    true,
                )
            })
        }
        Ty::Int => v.parse::<i32>().is_err().then(|| {
            (
                format!("«{v}» er ikke et heltall"),
                format!("«{v}» is not a whole number"),
                true,
            )
        }),
        Ty::Short => v.parse::<i16>().is_err().then(|| {
            (
                format!("«{v}» er ikke et heltall"),
                format!("«{v}» is not a whole number"),
                true,
            )
        }),
        Ty::Dec52 => (!is_dec52(v)).then(|| {
            let comma = v.contains(',');
            (
                if comma {
                    format!(
                        "«{v}» bruker desimalkomma; XML-filen skal ha punktum (for eksempel 7.5)"
                    )
                } else {
                    format!("«{v}» er ikke et desimaltall med høyst fem sifre, to etter punktum")
                },
                if comma {
                    format!("«{v}» uses a decimal comma; the XML file must use a point (e.g. 7.5)")
                } else {
                    format!("«{v}» is not a decimal with at most five digits, two after the point")
                },
                true,
            )
        }),
        Ty::Enum { values, later } => {
            if values.contains(&v) {
                return None;
            }
            if let Some(&(_, from)) = later.iter().find(|(l, _)| *l == v) {
                if year >= from {
                    // Valid in the code list of the year, but not in the 2018 schema.
                    return strict_2018.then(|| {
                        (
                            format!("«{v}» er gyldig fra {from}, men ikke i 2018-skjemaet (3.5) filen oppgir"),
                            format!("«{v}» is valid from {from}, but not in the 2018 schema (3.5) the file declares"),
                            true,
                        )
                    });
                }
            }
            let list = values.join(", ");
            Some((
                format!("«{v}» er ikke en gyldig kode (gyldige: {list})"),
                format!("«{v}» is not a valid code (valid: {list})"),
                true,
            ))
        }
    }
}

/// The schema's date pattern (month 01–12, day 01–31), which 20250231 passes.
fn pattern_date(v: &str) -> bool {
    let m: u8 = v[4..6].parse().unwrap_or(0);
    let d: u8 = v[6..8].parse().unwrap_or(0);
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// `xs:decimal` with totalDigits 5 and fractionDigits 2, point as separator.
/// Both facets count significant digits, as libxml2 does: `1.230` has two
/// fraction digits and `00012.50` four digits in total.
pub fn is_dec52(v: &str) -> bool {
    let s = v.strip_prefix(['-', '+']).unwrap_or(v);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let all_digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    let significant = frac.trim_end_matches('0');
    !(int.is_empty() && frac.is_empty())
        && all_digits(int)
        && all_digits(frac)
        && significant.len() <= 2
        && int.trim_start_matches('0').len() + significant.len() <= 5
}

/// The whitespace of XML (space, tab, line feed, carriage return): what
/// the schema's `whiteSpace` facets speak of. A no-break space is text.
pub fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// `s` without XML whitespace at either end.
pub fn xml_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii() && is_xml_space(c as u8))
}

/// What to do with a value that has XML whitespace around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Padding {
    /// No whitespace around it (nearly every value).
    None,
    /// The schema sees the spaces and accepts them (a string whose length
    /// with them fits): keep the value as written, so the rules judge what
    /// the receiver gets.
    Keep,
    /// The schema ignores them (`xs:decimal` collapses whitespace): trim.
    Trim,
    /// They break the schema on their own: trim, and report them. For
    /// codes, dates and strings whose length they push out of bounds, and,
    /// as libxml2 (`xmllint`) judges, for `xs:int` and `xs:short` too.
    Breaks,
}

/// How the schema (as libxml2 applies it) treats whitespace around `raw`.
pub fn padding(ty: Ty, raw: &str) -> Padding {
    let b = raw.as_bytes();
    match (b.first(), b.last()) {
        (Some(&a), Some(&z)) if is_xml_space(a) || is_xml_space(z) => {}
        _ => return Padding::None,
    }
    match ty {
        Ty::Text => Padding::Keep,
        Ty::Dec52 => Padding::Trim,
        Ty::Str { min, max } => {
            let n = raw.chars().count();
            if (min as usize..=max as usize).contains(&n) {
                Padding::Keep
            } else {
                Padding::Breaks
            }
        }
        Ty::Date | Ty::YearMonth | Ty::Int | Ty::Short | Ty::Enum { .. } => Padding::Breaks,
    }
}

/// The finding for whitespace that breaks the schema ([`Padding::Breaks`]):
/// FIL-12, schema-level.
pub fn padding_note(field: Field, raw: &str, pos: crate::model::Pos) -> crate::model::Note {
    let v = xml_trim(raw);
    crate::model::Note::new(
        "FIL-12",
        pos,
        format!("<{}>: verdien «{v}» har mellomrom eller linjeskift foran eller bak. Skjemaet tillater ikke det i dette feltet; fjern dem.", field.name()),
        format!("<{}>: the value «{v}» has spaces or line breaks before or after it. The schema does not allow that in this field; remove them.", field.name()),
    )
    .schema()
}

fn wrong(c: &Ctx, kind: Kind, rec: &Record, o: &mut Out) {
    for (f, v) in &rec.fields {
        let d = f.def();
        if c.csv && d.attribute {
            continue;
        }
        if d.value_rule.is_some() {
            // The field's own rule judges its value but takes an empty one
            // for a missing one, which only a rule that also owns the
            // field's presence (`RequiredBy`) reports. The schema judges
            // the empty value: a code list or a length has no room for it.
            if v.raw.is_empty() && !c.csv && !matches!(d.req, Req::RequiredBy(_)) {
                if let Some((_, _, true)) = type_problem(d.ty, "", c.year, c.strict_2018) {
                    let h = o.hit(
                        v.pos,
                        format!(
                            "<{}> i <{}> er tom, men skjemaet krever en verdi.",
                            d.name,
                            kind.element()
                        ),
                        format!(
                            "<{}> in <{}> is empty, but the schema requires a value.",
                            d.name,
                            kind.element()
                        ),
                    );
                    h.schema = true;
                    if kind == Kind::Tjeneste {
                        h.tj_tjen_type = rec.text(Field::tjTjenType).map(str::to_string);
                    }
                }
            }
            continue;
        }
        if let Some((nb, en, schema)) = type_problem(d.ty, &v.raw, c.year, c.strict_2018) {
            let h = o.hit(
                v.pos,
                format!("<{}> i <{}>: {nb}.", d.name, kind.element()),
                format!("<{}> in <{}>: {en}.", d.name, kind.element()),
            );
            h.schema = schema && !c.csv;
            if kind == Kind::Tjeneste {
                h.tj_tjen_type = rec.text(Field::tjTjenType).map(str::to_string);
            }
        }
    }
}

/// FIL-12 on a person's records.
pub fn wrong_type(c: &Ctx, p: &Person, o: &mut Out) {
    for (kind, rec) in records(p) {
        wrong(c, kind, rec, o);
    }
}

/// FIL-12 on the header.
pub fn header_wrong_type(c: &Ctx, h: &Header, o: &mut Out) {
    for (kind, rec) in header_records(h) {
        wrong(c, kind, rec, o);
    }
}

/// Whether the FIL-17 summary is due: an XML file, in a year the rule
/// applies to.
pub(crate) fn summary_due(c: &Ctx) -> bool {
    super::rule("FIL-17").is_some_and(|r| r.applies(c.year))
}

/// FIL-17: one finding for `file`, counting its breaches of its official
/// schema (`by_code`: per code, those over the cap included) and naming
/// the schema.
pub(crate) fn summary(
    c: &Ctx,
    file: Source,
    by_code: &BTreeMap<&'static str, usize>,
    o: &mut FlowOut,
) {
    let total: usize = by_code.values().sum();
    if total > 0 {
        let list = by_code
            .iter()
            .map(|(c, n)| format!("{c} ({n})"))
            .collect::<Vec<_>>()
            .join(", ");
        let (times_nb, times_en) = if total == 1 {
            ("gang", "time")
        } else {
            ("ganger", "times")
        };
        if file == Source::Ident {
            o.push(
                "FIL-17",
                Pos { line: 1, column: 1 },
                format!("Identmeldingen bryter det offisielle skjemaet for identmeldingen (NPR ide, versjon 53.1.2) {total} {times_nb} ({list}). Mottakeren kontrollerer mot skjemaet og vil trolig avvise filen."),
                format!("The identmelding breaks the identmelding's official schema (NPR ide, version 53.1.2) {total} {times_en} ({list}). The receiver validates against the schema and will probably reject the file."),
                Source::Ident,
            );
            return;
        }
        let (nb_note, en_note) = if c.strict_2018 {
            (String::new(), String::new())
        } else {
            (
                " Skjemaet for versjon 3.7 er ikke offentlig; filen er kontrollert mot 2018-skjemaet så langt strukturen er den samme.".to_string(),
                " The schema for version 3.7 is not public; the file was checked against the 2018 schema as far as the structure is the same.".to_string(),
            )
        };
        o.push(
            "FIL-17",
            Pos { line: 1, column: 1 },
            format!("Filen bryter det offisielle IPLOS-skjemaet {total} {} ({list}). Mottakeren kontrollerer mot skjemaet og vil trolig avvise hele filen.{nb_note}", if total == 1 { "gang" } else { "ganger" }),
            format!("The file breaks the official IPLOS schema {total} {} ({list}). The receiver validates against the schema and will probably reject the whole file.{en_note}", if total == 1 { "time" } else { "times" }),
            Source::Fagmelding,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_as_the_schema_says() {
        for ok in ["0", "7.5", "168.00", "999.99", "-3", "0.25", "00012.50"] {
            assert!(is_dec52(ok), "{ok}");
        }
        for ok in ["1.230", "12345.0", ".5", "5.", "+.5", "-0"] {
            assert!(is_dec52(ok), "{ok}");
        }
        for bad in [
            "7,5", "1.234", "123456", "", ".", "abc", "1e3", "+", "-", "0.001",
        ] {
            assert!(!is_dec52(bad), "{bad}");
        }
    }

    #[test]
    fn dates_split_schema_from_calendar() {
        let p = |v| type_problem(Ty::Date, v, 2025, true).map(|x| x.2);
        assert_eq!(p("20250115"), None);
        assert_eq!(p("20250231"), Some(false));
        assert_eq!(p("2025-01-15"), Some(true));
        assert_eq!(p("20251301"), Some(true));
    }

    #[test]
    fn later_codes_only_break_the_2018_schema() {
        let ty = Field::poIndPlan.def().ty;
        assert!(type_problem(ty, "4", 2020, false).is_none());
        assert_eq!(type_problem(ty, "4", 2020, true).map(|x| x.2), Some(true));
        assert!(type_problem(ty, "4", 2018, false).is_some());
        assert!(type_problem(ty, "7", 2025, false).is_some());
    }
}
