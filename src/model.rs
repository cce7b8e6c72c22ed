//! The logical IPLOS records every reader produces and every rule reads.
//!
//! A record is a bag of `(Field, Val)` pairs in file order, with the position
//! of its start tag (XML) or row (CSV). Values are kept as the raw, trimmed
//! text: rules parse what they need, so one bad value never hides the rest of
//! a record. The field table below is the 2018 schema (docs/format.md §2) as
//! data: kind, type, whether required, and which rule owns the field's
//! presence or value. The readers and the generic schema rules
//! (FIL-11, FIL-12) are driven by it; nothing here decides a finding.

pub use crate::finding::{Note, Pos};

/// One value as read, trimmed, with where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Val {
    pub raw: SmallStr,
    pub pos: Pos,
}

/// A string that keeps up to 22 bytes inline. Nearly every IPLOS value (a
/// date, a code, an org.nr) fits, so reading a file of millions of values
/// allocates for almost none of them.
#[derive(Clone, PartialEq, Eq)]
pub struct SmallStr(Repr);

/// Private, so only [`SmallStr::new`] can make an inline value.
#[derive(Clone, PartialEq, Eq)]
enum Repr {
    Inline { len: u8, buf: [u8; 22] },
    Heap(Box<str>),
}

impl SmallStr {
    pub fn new(s: &str) -> SmallStr {
        if s.len() <= 22 {
            let mut buf = [0u8; 22];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            SmallStr(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            SmallStr(Repr::Heap(s.into()))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, buf } => {
                let bytes = &buf[..*len as usize];
                debug_assert!(std::str::from_utf8(bytes).is_ok());
                // SAFETY: `new` is the only constructor of `Inline`, and it
                // copies all the bytes of one `&str` (valid UTF-8) into
                // `buf[..len]`; the fields are never written afterwards.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Repr::Heap(b) => b,
        }
    }
}

impl std::ops::Deref for SmallStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for SmallStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for SmallStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for SmallStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SmallStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<&str> for SmallStr {
    fn from(s: &str) -> SmallStr {
        SmallStr::new(s)
    }
}

impl From<String> for SmallStr {
    fn from(s: String) -> SmallStr {
        SmallStr::new(&s)
    }
}

/// The record kinds of the fagmelding (and the CSV rows mapped onto them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Iplos,
    Innhinfo,
    Kontakt,
    Person,
    Personoppl,
    Funksjon,
    Tjeneste,
    Diagnose,
    Dogntilbud,
}

impl Kind {
    /// The element name of the record in the official schema.
    pub fn element(self) -> &'static str {
        match self {
            Kind::Iplos => "IPLOS",
            Kind::Innhinfo => "INNHINFO",
            Kind::Kontakt => "iiKontakt",
            Kind::Person => "PERSON",
            Kind::Personoppl => "PERSONOPPL",
            Kind::Funksjon => "FUNKSJON",
            Kind::Tjeneste => "TJENESTE",
            Kind::Diagnose => "DIAGNOSE",
            Kind::Dogntilbud => "DOGNTILBUD",
        }
    }

    pub fn from_element(name: &str) -> Option<Kind> {
        Some(match name {
            "IPLOS" => Kind::Iplos,
            "INNHINFO" => Kind::Innhinfo,
            "iiKontakt" => Kind::Kontakt,
            "PERSON" => Kind::Person,
            "PERSONOPPL" => Kind::Personoppl,
            "FUNKSJON" => Kind::Funksjon,
            "TJENESTE" => Kind::Tjeneste,
            "DIAGNOSE" => Kind::Diagnose,
            "DOGNTILBUD" => Kind::Dogntilbud,
            _ => return None,
        })
    }
}

/// The schema type of a field's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `xs:string` with no facet: any text, spaces and all.
    Text,
    /// `xs:string` with a length range in characters (spaces count).
    Str { min: u8, max: u8 },
    /// `YYYYMMDD`, a real calendar date.
    Date,
    /// `YYYYMM`.
    YearMonth,
    /// `xs:int`.
    Int,
    /// `xs:short`.
    Short,
    /// `xs:decimal` with at most 5 digits, 2 of them after the `.`.
    Dec52,
    /// One of a list; `later` values are valid from a year on (not in the 2018 schema).
    Enum {
        values: &'static [&'static str],
        later: &'static [(&'static str, u16)],
    },
}

/// Whether a field must be present, and which rule says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Req {
    Optional,
    /// Required by the schema; a missing one is FIL-11.
    Required,
    /// Required, and the named rule reports it missing.
    RequiredBy(&'static str),
}

/// One row of the field table.
#[derive(Debug)]
pub struct FieldDef {
    pub field: Field,
    pub name: &'static str,
    pub kind: Kind,
    /// Attribute of the record's element rather than a child element.
    pub attribute: bool,
    pub ty: Ty,
    pub req: Req,
    /// The rule that judges the value itself; FIL-12 then leaves it alone.
    pub value_rule: Option<&'static str>,
}

const ANY: Ty = Ty::Text;
const YN9: Ty = Ty::Enum {
    values: &["1", "2", "9"],
    later: &[],
};
const MOTTAR: Ty = Ty::Enum {
    values: &["1", "2", "3"],
    later: &[("9", 2019)],
};

macro_rules! fields {
    ($( $var:ident = $name:literal, $kind:ident, $attr:literal, $ty:expr, $req:expr, $rule:expr; )*) => {
        /// Every logical field, named as the official element or attribute.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(non_camel_case_types)]
        pub enum Field { $($var,)* }

        /// The field table, in schema order within each record kind.
        pub static FIELDS: &[FieldDef] = &[
            $(FieldDef { field: Field::$var, name: $name, kind: Kind::$kind, attribute: $attr, ty: $ty, req: $req, value_rule: $rule },)*
        ];
    };
}

use Req::{Optional as O, Required as R, RequiredBy as RB};

fields! {
    versjon = "versjon", Iplos, true, ANY, RB("FIL-15"), Some("FIL-15");
    iiInnhType = "iiInnhType", Innhinfo, false, Ty::Enum { values: &["P"], later: &[] }, RB("FIL-13"), Some("FIL-13");
    iiKomnr = "iiKomnr", Innhinfo, false, Ty::Str { min: 4, max: 4 }, RB("FIL-06"), Some("FIL-06");
    iiBydelsnr = "iiBydelsnr", Innhinfo, false, Ty::Str { min: 2, max: 2 }, R, None;
    iiFraDato = "iiFraDato", Innhinfo, false, Ty::Date, RB("FIL-14"), None;
    iiTilDato = "iiTilDato", Innhinfo, false, Ty::Date, RB("FIL-14"), None;
    iiLagetDato = "iiLagetDato", Innhinfo, false, Ty::Date, R, None;
    iiSysID = "iiSysID", Innhinfo, false, Ty::Str { min: 0, max: 15 }, RB("FIL-07"), None;
    iiSysVersjon = "iiSysVersjon", Innhinfo, false, Ty::Str { min: 0, max: 15 }, RB("FIL-07"), None;
    iiLopenr = "iiLopenr", Innhinfo, false, ANY, R, None;
    Type = "Type", Kontakt, false, Ty::Enum { values: &["1", "2", "3"], later: &[] }, RB("FIL-13"), Some("FIL-13");
    Navn = "Navn", Kontakt, false, ANY, RB("FIL-13"), Some("FIL-13");
    Telefon = "Telefon", Kontakt, false, ANY, RB("FIL-13"), Some("FIL-13");
    Epost = "Epost", Kontakt, false, ANY, RB("FIL-13"), Some("FIL-13");
    pePeID = "pePeID", Person, true, Ty::Int, R, None;
    peFnr = "peFnr", Person, false, ANY, O, Some("PER-01");
    fid = "fid", Person, false, ANY, O, Some("PER-02");
    typeID = "typeID", Person, false, ANY, O, Some("PER-05");
    peAlder = "peAlder", Person, false, Ty::Short, R, None;
    peKjonn = "peKjonn", Person, false, Ty::Enum { values: &["M", "K"], later: &[] }, RB("PER-19"), Some("PER-19");
    peKomnr = "peKomnr", Person, false, Ty::Str { min: 4, max: 4 }, RB("PER-10"), Some("PER-10");
    peBydelsnr = "peBydelsnr", Person, false, Ty::Str { min: 2, max: 2 }, R, Some("PER-13");
    peDiagReserv = "peDiagReserv", Person, false, ANY, O, Some("FIL-09");
    peFraDato = "peFraDato", Person, false, Ty::Date, R, None;
    peDodDato = "peDodDato", Person, false, Ty::Date, O, None;
    peEndrDato = "peEndrDato", Person, false, Ty::Date, RB("PER-27"), None;
    poPeID = "poPeID", Personoppl, true, Ty::Int, R, None;
    poPoID = "poPoID", Personoppl, true, Ty::Int, R, None;
    poHusstand = "poHusstand", Personoppl, false, Ty::Enum { values: &["1", "2", "3"], later: &[] }, O, Some("PER-15");
    poOmsorgBarn = "poOmsorgBarn", Personoppl, false, Ty::Enum { values: &["1", "2"], later: &[] }, O, None;
    poPrivHjelp = "poPrivHjelp", Personoppl, false, Ty::Enum { values: &["1", "2", "3", "4", "5", "6"], later: &[] }, O, None;
    poBoligTilr = "poBoligTilr", Personoppl, false, Ty::Enum { values: &["1", "2"], later: &[] }, O, None;
    poVurdTann = "poVurdTann", Personoppl, false, Ty::YearMonth, O, None;
    poVurdLege = "poVurdLege", Personoppl, false, Ty::YearMonth, O, None;
    poIndPlan = "poIndPlan", Personoppl, false, Ty::Enum { values: &["1", "2", "3", "9"], later: &[("4", 2019)] }, O, None;
    poHarKoordinator = "poHarKoordinator", Personoppl, false, YN9, O, None;
    poArbBistBehov = "poArbBistBehov", Personoppl, false, YN9, O, None;
    poArbBistMottar = "poArbBistMottar", Personoppl, false, MOTTAR, O, None;
    poArbTranspBehov = "poArbTranspBehov", Personoppl, false, YN9, O, None;
    poArbTranspMottar = "poArbTranspMottar", Personoppl, false, MOTTAR, O, None;
    poFriBistBehov = "poFriBistBehov", Personoppl, false, YN9, O, None;
    poFriBistMottar = "poFriBistMottar", Personoppl, false, MOTTAR, O, None;
    poFriTranspBehov = "poFriTranspBehov", Personoppl, false, YN9, O, None;
    poFriTranspMottar = "poFriTranspMottar", Personoppl, false, MOTTAR, O, None;
    poLegeMiddGj = "poLegeMiddGj", Personoppl, false, YN9, O, None;
    poLegeMiddGjDato = "poLegeMiddGjDato", Personoppl, false, Ty::Date, O, None;
    poErnKartlagt = "poErnKartlagt", Personoppl, false, YN9, O, None;
    poErnKartlagtDato = "poErnKartlagtDato", Personoppl, false, Ty::Date, O, None;
    poErnRisiko = "poErnRisiko", Personoppl, false, YN9, O, None;
    poErnRisikoDato = "poErnRisikoDato", Personoppl, false, Ty::Date, O, None;
    poErnPlan = "poErnPlan", Personoppl, false, YN9, O, None;
    poErnPlanDato = "poErnPlanDato", Personoppl, false, Ty::Date, O, None;
    poFraDato = "poFraDato", Personoppl, false, Ty::Date, O, None;
    poTilDato = "poTilDato", Personoppl, false, Ty::Date, O, None;
    fnPeID = "fnPeID", Funksjon, true, Ty::Int, R, None;
    fnFnID = "fnFnID", Funksjon, true, Ty::Int, R, None;
    fnFunkType = "fnFunkType", Funksjon, false, Ty::Short, R, None;
    fnFunkVerdi = "fnFunkVerdi", Funksjon, false, Ty::Enum { values: &["1", "2", "3", "4", "5", "9"], later: &[] }, R, Some("FUN-01");
    fnFraDato = "fnFraDato", Funksjon, false, Ty::Date, RB("FUN-03"), None;
    fnTilDato = "fnTilDato", Funksjon, false, Ty::Date, RB("FUN-03"), None;
    tjPeID = "tjPeID", Tjeneste, true, Ty::Int, R, None;
    tjTjID = "tjTjID", Tjeneste, true, Ty::Int, R, None;
    tjVeID = "tjVeID", Tjeneste, true, Ty::Int, R, None;
    tjVeNrID = "tjVeNrID", Tjeneste, true, Ty::Int, R, None;
    tjTjenType = "tjTjenType", Tjeneste, false, Ty::Short, RB("TJE-01"), None;
    tjTjenUnderType = "tjTjenUnderType", Tjeneste, false, Ty::Short, O, None;
    tjSoknadDato = "tjSoknadDato", Tjeneste, false, Ty::Date, O, None;
    tjVedtDato = "tjVedtDato", Tjeneste, false, Ty::Date, RB("TJE-25"), None;
    tjVedtak = "tjVedtak", Tjeneste, false, Ty::Enum { values: &["1", "2"], later: &[] }, O, None;
    tjTimerUke = "tjTimerUke", Tjeneste, false, Ty::Dec52, O, None;
    tjResTimerUke = "tjResTimerUke", Tjeneste, false, Ty::Dec52, O, None;
    tjRullerende = "tjRullerende", Tjeneste, false, Ty::Enum { values: &["1", "2"], later: &[] }, O, None;
    tjInstOrgnr = "tjInstOrgnr", Tjeneste, false, Ty::Str { min: 0, max: 9 }, O, Some("TJE-14");
    tjFraDato = "tjFraDato", Tjeneste, false, Ty::Date, O, None;
    tjTilDato = "tjTilDato", Tjeneste, false, Ty::Date, O, None;
    tjKlageMottatt = "tjKlageMottatt", Tjeneste, false, Ty::Date, O, None;
    tjKlageBesvart = "tjKlageBesvart", Tjeneste, false, Ty::Date, O, None;
    diPeID = "diPeID", Diagnose, true, Ty::Int, R, None;
    diDiID = "diDiID", Diagnose, true, Ty::Int, R, None;
    diKodeVersjon = "diKodeVersjon", Diagnose, false, Ty::Enum { values: &["ICPC-2", "ICD-10"], later: &[] }, R, Some("DIA-01");
    diDiagKode = "diDiagKode", Diagnose, false, Ty::Str { min: 0, max: 10 }, R, Some("DIA-02");
    diFraDato = "diFraDato", Diagnose, false, Ty::Date, R, None;
    diTilDato = "diTilDato", Diagnose, false, Ty::Date, R, None;
    dgPeID = "dgPeID", Dogntilbud, true, Ty::Int, R, None;
    dgDgID = "dgDgID", Dogntilbud, true, Ty::Int, R, None;
    dgInstOrgnr = "dgInstOrgnr", Dogntilbud, false, Ty::Str { min: 9, max: 9 }, RB("OPP-02"), Some("OPP-01");
    dgFraDato = "dgFraDato", Dogntilbud, false, Ty::Date, RB("OPP-03"), None;
    dgTilDato = "dgTilDato", Dogntilbud, false, Ty::Date, RB("OPP-03"), None;
}

impl Field {
    pub fn def(self) -> &'static FieldDef {
        &FIELDS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The field with this official name, if any. Called for every element
    /// of every file, so it is a hash lookup, not a scan of the table.
    pub fn from_name(name: &str) -> Option<Field> {
        static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, Field, FnvBuild>> =
            std::sync::OnceLock::new();
        MAP.get_or_init(|| FIELDS.iter().map(|d| (d.name, d.field)).collect())
            .get(name)
            .copied()
    }

    /// Where this field stands in its record's schema sequence.
    pub fn order(self) -> usize {
        self as usize
    }
}

/// FNV-1a: a fast hash for the short element names looked up per element.
#[derive(Clone, Copy, Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Builds [`Fnv`] hashers for `HashMap`.
pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// One record: the fields in file order and where it starts.
#[derive(Clone, Debug, Default)]
pub struct Record {
    pub pos: Pos,
    pub fields: Vec<(Field, Val)>,
}

impl Record {
    pub fn new(pos: Pos) -> Record {
        Record {
            pos,
            fields: Vec::with_capacity(8),
        }
    }

    /// The first value of a field.
    pub fn get(&self, f: Field) -> Option<&Val> {
        self.fields.iter().find(|(k, _)| *k == f).map(|(_, v)| v)
    }

    /// The first value's text, `None` when absent or empty.
    pub fn text(&self, f: Field) -> Option<&str> {
        self.get(f)
            .map(|v| v.raw.as_str())
            .filter(|s| !s.is_empty())
    }

    /// Where the field stands, else where the record starts.
    pub fn pos_of(&self, f: Field) -> Pos {
        self.get(f).map(|v| v.pos).unwrap_or(self.pos)
    }

    pub fn set(&mut self, f: Field, raw: impl Into<SmallStr>, pos: Pos) {
        self.fields.push((
            f,
            Val {
                raw: raw.into(),
                pos,
            },
        ));
    }
}

/// The file header: the root's attributes plus `INNHINFO` and its contacts.
#[derive(Clone, Debug, Default)]
pub struct Header {
    /// Root element attributes (`versjon`).
    pub root: Record,
    /// The namespace URI of the root element, if any.
    pub namespace: Option<String>,
    /// `INNHINFO`, when present.
    pub innhinfo: Option<Record>,
    pub kontakter: Vec<Record>,
}

/// One PERSON with everything under it.
#[derive(Clone, Debug, Default)]
pub struct Person {
    /// 1-based number of the person in the file.
    pub index: u32,
    pub rec: Record,
    pub oppl: Vec<Record>,
    pub funksjoner: Vec<Record>,
    pub tjenester: Vec<Record>,
    pub diagnoser: Vec<Record>,
    pub dogntilbud: Vec<Record>,
    /// Where the identity came from when it was joined from the identmelding.
    pub ident_pos: Option<Pos>,
    /// Findings the reader made about this person (PER-21, FIL-11, FIL-12).
    pub notes: Vec<Note>,
}

impl Person {
    /// The identity number, from `peFnr`, a CSV `fid` or the identmelding.
    pub fn fid(&self) -> Option<&str> {
        self.rec
            .text(Field::fid)
            .or_else(|| self.rec.text(Field::peFnr))
    }

    pub fn pe_id(&self) -> Option<&str> {
        self.rec.text(Field::pePeID)
    }

    pub fn records(&self, kind: Kind) -> &[Record] {
        match kind {
            Kind::Personoppl => &self.oppl,
            Kind::Funksjon => &self.funksjoner,
            Kind::Tjeneste => &self.tjenester,
            Kind::Diagnose => &self.diagnoser,
            Kind::Dogntilbud => &self.dogntilbud,
            _ => std::slice::from_ref(&self.rec),
        }
    }

    pub fn records_mut(&mut self, kind: Kind) -> Option<&mut Vec<Record>> {
        match kind {
            Kind::Personoppl => Some(&mut self.oppl),
            Kind::Funksjon => Some(&mut self.funksjoner),
            Kind::Tjeneste => Some(&mut self.tjenester),
            Kind::Diagnose => Some(&mut self.diagnoser),
            Kind::Dogntilbud => Some(&mut self.dogntilbud),
            _ => None,
        }
    }
}

/// What a reader hands over, in file order. A reader that meets a Fatal
/// problem reports it as a note and stops.
pub trait Sink {
    /// The header, once, before the first person.
    fn header(&mut self, header: Header);
    /// One complete person.
    fn person(&mut self, person: Person);
    /// A finding about the file rather than one person.
    fn note(&mut self, note: Note);
    /// Hands persons that are judged and done with back to the reader, to
    /// be filled again (see [`Pool`]). The default has none to give.
    fn recycle(&mut self, _pool: &mut Pool) {}
}

/// Spent persons and records, emptied but with their memory kept, so that
/// a reader in its steady state fills old vectors instead of allocating
/// new ones for every record (allocation was a large part of reading).
#[derive(Debug, Default)]
pub struct Pool {
    persons: Vec<Person>,
    records: Vec<Record>,
}

impl Pool {
    const PERSONS: usize = 256;
    const RECORDS: usize = 8192;

    /// Whether there is no spent person left to reuse.
    pub fn needs_persons(&self) -> bool {
        self.persons.is_empty()
    }

    /// Takes a spent person apart and keeps what fits.
    pub fn give(&mut self, mut p: Person) {
        for v in [
            &mut p.oppl,
            &mut p.funksjoner,
            &mut p.tjenester,
            &mut p.diagnoser,
            &mut p.dogntilbud,
        ] {
            let room = Self::RECORDS.saturating_sub(self.records.len());
            let keep = v.len().min(room);
            for mut r in v.drain(..keep) {
                r.fields.clear();
                self.records.push(r);
            }
            v.clear();
        }
        if self.persons.len() < Self::PERSONS {
            p.rec.fields.clear();
            p.ident_pos = None;
            p.notes.clear();
            self.persons.push(p);
        }
    }

    /// An empty person, reused when one is spent.
    pub fn person(&mut self, index: u32, pos: Pos) -> Person {
        match self.persons.pop() {
            Some(mut p) => {
                p.index = index;
                p.rec.pos = pos;
                p
            }
            None => Person {
                index,
                rec: Record::new(pos),
                ..Person::default()
            },
        }
    }

    /// An empty record, reused when one is spent.
    pub fn record(&mut self, pos: Pos) -> Record {
        match self.records.pop() {
            Some(mut r) => {
                r.pos = pos;
                r
            }
            None => Record::new(pos),
        }
    }
}

/// One `PasientIdent` of the identmelding.
#[derive(Clone, Debug)]
pub struct Ident {
    pub pid: SmallStr,
    pub fid: Option<SmallStr>,
    pub type_id: Option<SmallStr>,
    pub pos: Pos,
}

/// The identmelding's `Melding` header.
#[derive(Clone, Debug, Default)]
pub struct IdentHeader {
    pub pos: Pos,
    /// Attributes of `Melding` by name.
    pub attrs: Vec<(String, String)>,
    pub kontaktpersoner: usize,
    pub namespace: Option<String>,
}

impl IdentHeader {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_table_is_indexed_by_the_enum() {
        for (i, d) in FIELDS.iter().enumerate() {
            assert_eq!(d.field as usize, i, "{}", d.name);
            assert_eq!(Field::from_name(d.name), Some(d.field));
        }
    }
}
