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
pub fn is_dec52(v: &str) -> bool {
    let s = v.strip_prefix(['-', '+']).unwrap_or(v);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let all_digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    !(int.is_empty() && frac.is_empty())
        && all_digits(int)
        && all_digits(frac)
        && frac.len() <= 2
        && int.trim_start_matches('0').len() + frac.trim_end_matches('0').len() <= 5
}

fn wrong(c: &Ctx, kind: Kind, rec: &Record, o: &mut Out) {
    for (f, v) in &rec.fields {
        let d = f.def();
        if d.value_rule.is_some() || (c.csv && d.attribute) {
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
        for bad in ["7,5", "1.234", "123456", "", ".", "abc", "1e3"] {
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
