//! FIL-11 and FIL-12: the generic schema rules, driven by the field table.
//!
//! FIL-11 reports a required element missing where no more specific rule
//! covers it; FIL-12 a value of the wrong type or outside its list where no
//! more specific rule judges the field (the table's `value_rule`). A CSV
//! export has no schema: its findings are not schema-level, and the XML
//! identifiers (`tjTjID`, …) are not asked of it.

use super::{Ctx, Out};
use crate::date::Date;
use crate::model::{Field, Header, Kind, Person, Record, Req, Ty, FIELDS};

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
        if rec.get(d.field).is_none() {
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
                        format!("<{}> i <{}> er tom, men skjemaet krever en verdi.", d.name, kind.element()),
                        format!("<{}> in <{}> is empty, but the schema requires a value.", d.name, kind.element()),
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
        for bad in ["7,5", "1.234", "123456", "", ".", "abc", "1e3", "+", "-", "0.001"] {
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
