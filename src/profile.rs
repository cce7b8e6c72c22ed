//! Format profiles: which names in a file mean which logical field.
//!
//! A profile is JSON data (docs/format.md §6): its `kind` (which reader), the
//! root elements it accepts, and `fields`, a map from a name used in the
//! file to an official field name of the 2018 schema (or, for CSV, the
//! extra columns `funk1` … `funk20` and `posttype`). Official names are
//! always understood; a profile only adds names. Three are built in; a
//! user's own is checked key by key, and a broken one is an error that
//! names the bad key.

use std::collections::HashMap;

use crate::model::{Field, Kind};
use crate::xmltok::same_name;

/// Which reader a profile is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileKind {
    /// The IPLOS fagmelding as XML.
    FagmeldingXml,
    /// The identmelding as XML.
    IdentXml,
    /// A flat CSV export.
    Csv,
}

impl ProfileKind {
    fn parse(s: &str) -> Option<ProfileKind> {
        match s {
            "fagmelding-xml" => Some(ProfileKind::FagmeldingXml),
            "ident-xml" => Some(ProfileKind::IdentXml),
            "csv" => Some(ProfileKind::Csv),
            _ => None,
        }
    }
}

/// What a name in the file stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A field of the data model.
    Field(Field),
    /// A record element (`PERSON`, `TJENESTE`, …).
    Record(Kind),
    /// CSV: a function score column `funkN`, N in 1..=20.
    Funk(u8),
    /// CSV: the row type column (`posttype`).
    Posttype,
}

impl Target {
    /// The target of an official (canonical) name.
    pub fn from_official(name: &str) -> Option<Target> {
        Target::from_official_bytes(name.as_bytes())
    }

    /// The same, from the raw bytes of a name: one hash lookup, as the XML
    /// reader asks for every element and attribute.
    #[inline(always)]
    pub fn from_official_bytes(name: &[u8]) -> Option<Target> {
        NameTable::get().find(name)
    }
}

/// Every official name in an open-addressing table hashed on the length
/// and three bytes: a lookup is one or two short comparisons, which matters
/// because the XML reader asks for every element and attribute it meets.
struct NameTable {
    slots: Vec<Option<(Vec<u8>, Target)>>,
}

impl NameTable {
    const MASK: usize = 1023;

    #[inline]
    fn slot(name: &[u8]) -> usize {
        let n = name.len();
        if n == 0 {
            return 0;
        }
        let h = n
            .wrapping_mul(0x9E37)
            .wrapping_add(usize::from(name[0]).wrapping_mul(31))
            .wrapping_add(usize::from(name[n / 2]).wrapping_mul(131))
            .wrapping_add(usize::from(name[n - 1]).wrapping_mul(1031));
        (h ^ (h >> 7)) & Self::MASK
    }

    fn get() -> &'static NameTable {
        static TABLE: std::sync::OnceLock<NameTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let mut t = NameTable {
                slots: vec![None; Self::MASK + 1],
            };
            let mut add = |name: Vec<u8>, target: Target| {
                let mut i = Self::slot(&name);
                while t.slots[i].is_some() {
                    i = (i + 1) & Self::MASK;
                }
                t.slots[i] = Some((name, target));
            };
            for d in crate::model::FIELDS {
                add(d.name.as_bytes().to_vec(), Target::Field(d.field));
            }
            for k in [
                Kind::Iplos,
                Kind::Innhinfo,
                Kind::Kontakt,
                Kind::Person,
                Kind::Personoppl,
                Kind::Funksjon,
                Kind::Tjeneste,
                Kind::Diagnose,
                Kind::Dogntilbud,
            ] {
                add(k.element().as_bytes().to_vec(), Target::Record(k));
            }
            add(b"posttype".to_vec(), Target::Posttype);
            for n in 1..=20u8 {
                add(format!("funk{n}").into_bytes(), Target::Funk(n));
            }
            t
        })
    }

    #[inline]
    fn find(&self, name: &[u8]) -> Option<Target> {
        let mut i = Self::slot(name);
        loop {
            match &self.slots[i] {
                None => return None,
                Some((k, t)) if same_name(k, name) => return Some(*t),
                Some(_) => i = (i + 1) & Self::MASK,
            }
        }
    }
}

/// A loaded profile.
#[derive(Clone, Debug)]
pub struct Profile {
    /// The profile's name, as `--profile` and the report give it.
    pub name: String,
    /// What kind of file it reads.
    pub kind: ProfileKind,
    /// The root element names it accepts (XML).
    pub roots: Vec<String>,
    /// Extra names (folded for CSV) to targets.
    names: HashMap<String, Target>,
}

/// The built-in profiles: name and JSON text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("iplos-2018", include_str!("../profiles/iplos-2018.json")),
    ("ident-53", include_str!("../profiles/ident-53.json")),
    ("iplos-csv", include_str!("../profiles/iplos-csv.json")),
];

/// Folds a CSV column name: lower case, æ→ae, ø→o, å→a, no `_`, `-`, spaces.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push('o'),
            'å' => out.push('a'),
            '_' | '-' | ' ' | '\u{feff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Every official name, folded, once.
fn folded_official() -> &'static HashMap<String, Target> {
    static MAP: std::sync::OnceLock<HashMap<String, Target>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for d in crate::model::FIELDS {
            m.insert(fold(d.name), Target::Field(d.field));
        }
        m.insert("posttype".to_string(), Target::Posttype);
        for n in 1..=20u8 {
            m.insert(format!("funk{n}"), Target::Funk(n));
        }
        m
    })
}

impl Profile {
    /// A built-in profile by name.
    pub fn builtin(name: &str) -> Option<Profile> {
        let (_, json) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        Some(Profile::from_json(json).expect("built-in profiles are valid"))
    }

    /// Loads a profile from JSON text; the error names the bad key.
    pub fn from_json(text: &str) -> Result<Profile, String> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("profilen er ikke gyldig JSON: {e}"))?;
        let obj = v.as_object().ok_or("profilen må være et JSON-objekt")?;
        for key in obj.keys() {
            if !["name", "kind", "description", "roots", "fields"].contains(&key.as_str()) {
                return Err(format!("ukjent nøkkel «{key}» i profilen"));
            }
        }
        let name = obj
            .get("name")
            .and_then(|n| n.as_str())
            .ok_or("nøkkelen «name» mangler eller er ikke tekst")?
            .to_string();
        let kind_s = obj
            .get("kind")
            .and_then(|n| n.as_str())
            .ok_or("nøkkelen «kind» mangler eller er ikke tekst")?;
        let kind = ProfileKind::parse(kind_s).ok_or_else(|| {
            format!("«kind» må være fagmelding-xml, ident-xml eller csv, ikke «{kind_s}»")
        })?;
        let mut roots = Vec::new();
        if let Some(r) = obj.get("roots") {
            let arr = r.as_array().ok_or("«roots» må være en liste med tekster")?;
            for (i, x) in arr.iter().enumerate() {
                roots.push(
                    x.as_str()
                        .ok_or_else(|| format!("«roots[{i}]» må være tekst"))?
                        .to_string(),
                );
            }
        }
        let mut names = HashMap::new();
        if let Some(f) = obj.get("fields") {
            let map = f.as_object().ok_or("«fields» må være et JSON-objekt")?;
            for (k, val) in map {
                let official = val
                    .as_str()
                    .ok_or_else(|| format!("«fields.{k}» må være tekst"))?;
                let target = Target::from_official(official).ok_or_else(|| {
                    format!("«fields.{k}»: «{official}» er ikke et kjent feltnavn")
                })?;
                let key = if kind == ProfileKind::Csv {
                    fold(k)
                } else {
                    k.clone()
                };
                names.insert(key, target);
            }
        }
        Ok(Profile {
            name,
            kind,
            roots,
            names,
        })
    }

    /// What an XML element or attribute name stands for.
    pub fn xml_target(&self, local: &str) -> Option<Target> {
        self.xml_target_bytes(local.as_bytes())
    }

    /// The same, from the raw bytes of the name.
    #[inline(always)]
    pub fn xml_target_bytes(&self, local: &[u8]) -> Option<Target> {
        if !self.names.is_empty() {
            if let Some(t) = std::str::from_utf8(local)
                .ok()
                .and_then(|l| self.names.get(l))
            {
                return Some(*t);
            }
        }
        Target::from_official_bytes(local)
    }

    /// What a CSV column name stands for (folded match on both sides).
    pub fn csv_target(&self, column: &str) -> Option<Target> {
        let folded = fold(column);
        if let Some(t) = self.names.get(&folded) {
            return Some(*t);
        }
        folded_official().get(folded.as_str()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load() {
        for (name, _) in BUILTIN {
            assert_eq!(Profile::builtin(name).unwrap().name, *name);
        }
    }

    #[test]
    fn csv_names_fold() {
        let p = Profile::builtin("iplos-csv").unwrap();
        assert_eq!(p.csv_target("Kjønn"), Some(Target::Field(Field::peKjonn)));
        assert_eq!(
            p.csv_target("Fødselsnummer"),
            Some(Target::Field(Field::fid))
        );
        assert_eq!(
            p.csv_target("fra dato"),
            Some(Target::Field(Field::tjFraDato))
        );
        assert_eq!(
            p.csv_target("TJ_TJEN_TYPE"),
            Some(Target::Field(Field::tjTjenType))
        );
        assert_eq!(p.csv_target("funk12"), Some(Target::Funk(12)));
        assert_eq!(p.csv_target("funk21"), None);
        assert_eq!(p.csv_target("brukerNr"), Some(Target::Field(Field::pePeID)));
    }

    #[test]
    fn broken_profiles_name_the_key() {
        let cases = [
            ("{", "JSON"),
            (r#"{"name":"x","kind":"csv","felter":{}}"#, "felter"),
            (r#"{"kind":"csv"}"#, "name"),
            (r#"{"name":"x","kind":"pdf"}"#, "kind"),
            (
                r#"{"name":"x","kind":"csv","fields":{"Kommune":"peKommune"}}"#,
                "fields.Kommune",
            ),
            (r#"{"name":"x","kind":"csv","roots":[1]}"#, "roots[0]"),
        ];
        for (json, key) in cases {
            let err = Profile::from_json(json).unwrap_err();
            assert!(err.contains(key), "{json}: {err}");
        }
    }
}
