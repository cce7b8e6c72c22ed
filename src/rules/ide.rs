//! IDE rules: the identmelding and whether it belongs with the fagmelding.
//!
//! A PERSON without its `PasientIdent` (IDE-01), a `PasientIdent` without
//! its PERSON (IDE-02), a `pid` twice (IDE-03), two messages that disagree
//! on serial number or period (IDE-04), and an incomplete identmelding
//! header (IDE-05). They apply from the 2018 data year, when the identity
//! numbers moved into a message of their own.

use super::ids::IdTable;
use super::{date, Check, FlowOut, Rule, FROM_2018};
use crate::date::Date;
use crate::finding::{Confidence, Pos, Severity, Source};
use crate::model::{Field, Header, Ident, IdentHeader, Person, SmallStr};

/// The IDE rules: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "IDE-01",
        severity: Severity::Error,
        years: FROM_2018,
        title_nb: "Personen mangler i identmeldingen",
        title_en: "The person is missing from the identity message",
        why_nb: "Hver person i IPLOS-filen må ha en `PasientIdent` med samme nummer i identmeldingen; ellers kan mottakeren ikke knytte opplysningene til et fødselsnummer, og personen faller ut. Kilde: skjemaet for identmeldingen 2018 (sikkert); at koblingen går via `pid` = `pePeID`, er antatt.",
        why_en: "Every person in the IPLOS file needs a `PasientIdent` with the same number in the identity message; otherwise the receiver cannot tie the data to an identity number, and the person drops out. Source: the identity message schema 2018 (confirmed); that the link is `pid` = `pePeID` is inferred.",
        fix_nb: "Lag IPLOS-filen og identmeldingen i samme uttrekk, slik at de hører sammen. Mangler personen fortsatt, sjekk at personen har fødselsnummer eller D-nummer i fagsystemet, og meld fra til leverandøren.",
        fix_en: "Make the IPLOS file and the identity message in the same extract, so that they belong together. If the person is still missing, check that the person has an identity number in the EPJ system, and tell the vendor.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "IDE-02",
        severity: Severity::Warning,
        years: FROM_2018,
        title_nb: "Identitet uten person i IPLOS-filen",
        title_en: "Identity with no person in the IPLOS file",
        why_nb: "Identmeldingen har en `PasientIdent` som ingen person i IPLOS-filen peker på. Det tyder på at filene kommer fra ulike uttrekk, eller at personer har falt ut av IPLOS-filen. Antatt: at koblingen går via `pid` = `pePeID`, står ikke i noen kilde vi har sett.",
        why_en: "The identity message has a `PasientIdent` that no person in the IPLOS file points to. This suggests the files come from different extracts, or that persons have dropped out of the IPLOS file. Inferred: that the link is `pid` = `pePeID` is not stated in any source we have seen.",
        fix_nb: "Lag begge filene på nytt i samme uttrekk i fagsystemet, og kontroller dem sammen.",
        fix_en: "Make both files again in the same extract from the EPJ system, and check them together.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "IDE-03",
        severity: Severity::Error,
        years: FROM_2018,
        title_nb: "Samme pid to ganger i identmeldingen",
        title_en: "The same pid twice in the identity message",
        why_nb: "`pid` skal være unik i identmeldingen. To like gjør at mottakeren ikke vet hvilket fødselsnummer som hører til personen, og meldingen validerer ikke. Kilde: skjemaet for identmeldingen, NPR ide 53.1.2 (sikkert).",
        why_en: "`pid` must be unique in the identity message. Two equal ones leave the receiver unable to tell which identity number belongs to the person, and the message fails validation. Source: the identity message schema, NPR ide 53.1.2 (confirmed).",
        fix_nb: "Dette er en feil i uttrekket. Meld fra til leverandøren av fagsystemet, og lag et nytt uttrekk når den er rettet.",
        fix_en: "This is an error in the extract. Tell the vendor of the EPJ system, and make a new extract once it is fixed.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "IDE-04",
        severity: Severity::Error,
        years: FROM_2018,
        title_nb: "IPLOS-filen og identmeldingen hører ikke sammen",
        title_en: "The IPLOS file and the identity message do not match",
        why_nb: "Løpenummeret i identmeldingen (`lopenr`) skal være det samme som i IPLOS-filen (`iiLopenr`), og periodene skal være like. Ellers kan mottakeren ikke koble filene, og de vil trolig bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The serial number in the identity message (`lopenr`) must equal the one in the IPLOS file (`iiLopenr`), and the periods must be the same. Otherwise the receiver cannot link the files, and they will probably be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Send de to filene fra samme uttrekk. Er du i tvil, lag et nytt uttrekk av begge i fagsystemet.",
        fix_en: "Send the two files from the same extract. If in doubt, make a new extract of both in the EPJ system.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "IDE-05",
        severity: Severity::Error,
        years: FROM_2018,
        title_nb: "Hodet i identmeldingen er ufullstendig",
        title_en: "The identity message header is incomplete",
        why_nb: "Skjemaet for identmeldingen krever blant annet periode, uttaksdato, fagsystem og løpenummer i `Melding`, og minst én `Kontaktperson`. Mangler noe, validerer ikke meldingen, og den vil trolig bli avvist. Kilde: skjemaet for identmeldingen, NPR ide 53.1.2 (sikkert).",
        why_en: "The identity message schema requires, among other things, the period, extract date, EPJ system and serial number in `Melding`, and at least one `Kontaktperson`. If anything is missing, the message fails validation and will probably be rejected. Source: the identity message schema, NPR ide 53.1.2 (confirmed).",
        fix_nb: "Legg inn kontaktperson for identmeldingen i oppsettet for uttrekket i fagsystemet, eller meld fra til leverandøren om feltene som mangler. Lag så et nytt uttrekk.",
        fix_en: "Enter a contact person for the identity message in the extract settings of the EPJ system, or tell the vendor about the missing fields. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
];

/// The identmelding, kept for the join with the fagmelding's persons.
pub(crate) struct IdentJoin {
    idents: Vec<Ident>,
    /// Where each `pid` first stands in `idents`.
    index: IdTable<u32>,
    /// Which `PasientIdent`s a person has taken (IDE-02 for the rest).
    used: Vec<bool>,
    header: IdentHeader,
    /// Duplicate `pid`s (first, again), reported once the year is known.
    pending_dups: Vec<(usize, usize)>,
    /// The repeated pids that break the identmelding's schema (the same
    /// `Institusjon`, the same text): see `IdentFile::schema_dups`.
    schema_dups: Vec<usize>,
}

impl IdentJoin {
    /// Indexes a readable identmelding's `PasientIdent`s by `pid`.
    pub(crate) fn new(
        header: IdentHeader,
        idents: Vec<Ident>,
        schema_dups: Vec<usize>,
    ) -> IdentJoin {
        let mut index = IdTable::default();
        let mut dups: Vec<(usize, usize)> = Vec::new();
        for (i, id) in idents.iter().enumerate() {
            match index.get(&id.pid) {
                Some(first) => dups.push((first as usize, i)),
                None => index.keep_first(&id.pid, i as u32),
            }
        }
        IdentJoin {
            used: vec![false; idents.len()],
            idents,
            index,
            header,
            // IDE-03 needs the year, which the fagmelding brings: kept until then.
            pending_dups: dups,
            schema_dups,
        }
    }

    /// IDE-03: a `pid` twice, found when the identmelding was read and
    /// raised once the fagmelding has given the year.
    pub(crate) fn duplicate_pids(&mut self, o: &mut FlowOut) {
        for (first, dup) in std::mem::take(&mut self.pending_dups) {
            let idents = &self.idents;
            let (pid, pos, first_line) = (
                idents[dup].pid.clone(),
                idents[dup].pos,
                idents[first].pos.line,
            );
            o.push(
                "IDE-03",
                pos,
                format!("pid {pid} står to ganger i identmeldingen (også på linje {first_line})."),
                format!("pid {pid} appears twice in the identmelding (also on line {first_line})."),
                Source::Ident,
            )
            .schema = self.schema_dups.contains(&dup);
        }
    }

    /// IDE-05, the identmelding's header incomplete, and IDE-04, the two
    /// messages disagreeing on serial number or period.
    pub(crate) fn pair_disagrees(&self, h: &Header, o: &mut FlowOut) {
        let ih = &self.header;
        // IDE-05: the header of the identmelding.
        const REQUIRED: &[&str] = &[
            "versjon",
            "meldingstype",
            "fraDatoPeriode",
            "uttakDato",
            "leverandor",
            "navnEPJ",
            "versjonEPJ",
            "versjonUt",
            "lopenr",
            "tilDatoPeriode",
        ];
        // Missing breaks the schema; empty is allowed there (a string),
        // but the header is still incomplete.
        let absent = |a: &&str| !ih.attrs.iter().any(|(k, _)| k == a);
        let missing: Vec<&str> = REQUIRED.iter().copied().filter(absent).collect();
        let empty: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|a| !absent(a) && ih.attr(a).is_none())
            .collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            o.push(
                "IDE-05",
                ih.pos,
                format!("Identmeldingens <Melding> mangler {list}."),
                format!("The identmelding's <Melding> lacks {list}."),
                Source::Ident,
            )
            .schema = true;
        }
        if !empty.is_empty() {
            let list = empty.join(", ");
            o.push(
                "IDE-05",
                ih.pos,
                format!("Identmeldingens <Melding> har tom {list}."),
                format!("The identmelding's <Melding> has an empty {list}."),
                Source::Ident,
            );
        }
        if ih.kontaktpersoner == 0 {
            o.push(
                "IDE-05",
                ih.pos,
                "Identmeldingen har ingen <Kontaktperson>.".into(),
                "The identmelding has no <Kontaktperson>.".into(),
                Source::Ident,
            )
            .schema = true;
        }
        // IDE-04: the pair disagrees.
        let Some(ii) = h.innhinfo.as_ref() else {
            return;
        };
        if let (Some(a), Some(b)) = (ii.text(Field::iiLopenr), ih.attr("lopenr")) {
            // Spaces around either are not taken for a different number.
            let (a, b) = (a.trim(), b.trim());
            if a != b {
                o.push(
                    "IDE-04",
                    ii.pos_of(Field::iiLopenr),
                    format!("Løpenummeret i IPLOS-meldingen ({a}) er ikke det samme som i identmeldingen ({b}): filene hører ikke sammen.{PAIR_SKIPPED_NB}"),
                    format!("The serial number in the IPLOS message ({a}) differs from the identmelding's ({b}): the files do not belong together.{PAIR_SKIPPED_EN}"),
                    Source::Fagmelding,
                );
            }
        }
        for (f, attr) in [
            (Field::iiFraDato, "fraDatoPeriode"),
            (Field::iiTilDato, "tilDatoPeriode"),
        ] {
            let ours = date(ii, f);
            let theirs = ih.attr(attr).and_then(|v| Date::parse(&v.replace('-', "")));
            if let (Some(a), Some(b)) = (ours, theirs) {
                if a != b {
                    o.push(
                        "IDE-04",
                        ii.pos_of(f),
                        format!("Perioden er ulik: {} er {a} i IPLOS-meldingen, men {attr} er {b} i identmeldingen.{PAIR_SKIPPED_NB}", f.name()),
                        format!("The periods differ: {} is {a} in the IPLOS message, but {attr} is {b} in the identmelding.{PAIR_SKIPPED_EN}", f.name()),
                        Source::Fagmelding,
                    );
                }
            }
        }
    }

    /// Gives the person its identity number and type from its
    /// `PasientIdent`; IDE-01 when there is none (unless the pair does not
    /// belong together: `mismatch`, IDE-04).
    pub(crate) fn join(&mut self, p: &mut Person, mismatch: bool, o: &mut FlowOut) {
        let idents = &self.idents;
        let Some(pid) = p.pe_id() else { return };
        match self.index.get(pid).map(|i| i as usize) {
            Some(i) => {
                self.used[i] = true;
                let id = &idents[i];
                if let Some(fid) = &id.fid {
                    p.rec.set(Field::fid, fid.clone(), id.pos);
                }
                if let Some(t) = &id.type_id {
                    p.rec.set(Field::typeID, t.clone(), id.pos);
                }
                p.ident_pos = Some(id.pos);
            }
            None if mismatch => {}
            None => {
                let pos = p.rec.pos;
                o.push(
                    "IDE-01",
                    pos,
                    format!("Personen med pePeID {pid} finnes ikke i identmeldingen (ingen PasientIdent med pid {pid})."),
                    format!("The person with pePeID {pid} is not in the identmelding (no PasientIdent with pid {pid})."),
                    Source::Fagmelding,
                );
            }
        }
    }

    /// IDE-02: the `PasientIdent`s no person took, at the end of the file.
    pub(crate) fn unused(&self, o: &mut FlowOut) {
        let unused: Vec<(SmallStr, Pos)> = self
            .idents
            .iter()
            .zip(&self.used)
            .filter(|(_, used)| !**used)
            // A pid given twice for a person who exists is IDE-03's alone:
            // its second entry is unused, not unmatched.
            .filter(|(id, _)| {
                !self
                    .index
                    .get(&id.pid)
                    .is_some_and(|i| self.used[i as usize])
            })
            .map(|(id, _)| (id.pid.clone(), id.pos))
            .collect();
        for (pid, pos) in unused {
            o.push(
                "IDE-02",
                pos,
                format!("PasientIdent med pid {pid} har ingen person i IPLOS-meldingen."),
                format!("PasientIdent with pid {pid} has no person in the IPLOS message."),
                Source::Ident,
            );
        }
    }
}

/// IDE-04's note on what it stops: the checks that join the pair person by
/// person would only repeat the mismatch.
const PAIR_SKIPPED_NB: &str = " Kontrollene som kobler filene person for person (PER-25, PER-26, TJE-29 fra fødselsdatoen, IDE-01 og IDE-02) er derfor ikke kjørt.";
const PAIR_SKIPPED_EN: &str = " The checks that join the files person by person (PER-25, PER-26, TJE-29 from the birth date, IDE-01 and IDE-02) were therefore not run.";
