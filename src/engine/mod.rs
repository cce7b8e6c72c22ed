//! The check pipeline: decode, read, judge, report.
//!
//! The engine owns what no single record can say: the reporting year and
//! the sender (FIL-04, -05, -06), the join with the identmelding (IDE,
//! PER-08, PER-09), the empty file (FIL-08, FIL-16) and the schema summary
//! (FIL-17). Persons are judged one at a time as the reader hands them
//! over and then dropped, so memory follows the number of persons, not the
//! size of their records.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::codes::{self, KommuneStatus, FIRST_YEAR, LAST_YEAR};
use crate::date::Date;
use crate::finding::{Finding, Note, Pos, Severity, Source};
use crate::fnr;
use crate::ident::IdentFile;
use crate::model::{Field, Header, Ident, Person, Sink, SmallStr};
use crate::report::Records;
use crate::rules::{self, Check, Ctx, Hit, Out, RULES};

mod pipe;
mod session;

pub use session::{check, Input, Options, Progress, Session};

/// A rule's check of one person.
type PersonCheck = fn(&Ctx, &Person, &mut Out);

impl Engine {
    fn apply_csv(&mut self, has_fid: Option<bool>) {
        self.csv = true;
        if let Some(f) = has_fid {
            self.csv_has_fid = f;
        }
    }
}

/// Identifiers seen, each with a value: digits as a number (with their
/// count, so `0123` and `123` stay apart) in a table of plain numbers,
/// anything else as text in a table of its own. A person costs one number
/// and its value, not an enum the size of a boxed string.
struct IdTable<V> {
    nums: HashMap<u64, V, crate::model::FnvBuild>,
    text: HashMap<Box<str>, V, crate::model::FnvBuild>,
}

impl<V: Copy> Default for IdTable<V> {
    fn default() -> Self {
        IdTable {
            nums: HashMap::default(),
            text: HashMap::default(),
        }
    }
}

impl<V: Copy> IdTable<V> {
    fn number(s: &str) -> Option<u64> {
        ((1..=17).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| {
            let n = s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
            n * 32 + s.len() as u64
        })
    }

    fn get(&self, s: &str) -> Option<V> {
        match Self::number(s) {
            Some(n) => self.nums.get(&n).copied(),
            None => self.text.get(s).copied(),
        }
    }

    /// Keeps `v` for `s` unless `s` has a value already.
    fn keep_first(&mut self, s: &str, v: V) {
        match Self::number(s) {
            Some(n) => {
                self.nums.entry(n).or_insert(v);
            }
            None if self.text.contains_key(s) => {}
            None => {
                self.text.insert(s.into(), v);
            }
        }
    }
}

struct Engine {
    /// Findings kept per code, and those left out over the cap.
    kept: HashMap<&'static str, usize, crate::model::FnvBuild>,
    /// Findings over the cap, per code: (count, of which schema violations).
    omitted: HashMap<&'static str, (usize, usize), crate::model::FnvBuild>,
    /// `findings[..capped_upto]` have been held to the cap.
    capped_upto: usize,
    persons_with_errors: usize,
    opts: Options,
    findings: Vec<Finding>,
    /// Shared, so that judging a person does not copy it.
    ctx: Option<std::sync::Arc<Ctx>>,
    /// The per-person checks of the year (0 until known).
    person_checks: (u16, Vec<(&'static str, PersonCheck)>),
    stopped: bool,
    csv: bool,
    csv_has_fid: bool,
    idents: Option<Vec<Ident>>,
    ident_index: IdTable<u32>,
    ident_used: Vec<bool>,
    ident_header: Option<crate::model::IdentHeader>,
    /// Every `pePeID` and identity number seen, for PER-08 and PER-09
    /// (memory per person: a number, not a string, for the usual digits).
    /// `pePeID`: the person's index and the line of its start.
    pe_ids: IdTable<(u32, u32)>,
    fids: IdTable<u32>,
    persons: usize,
    records: Records,
    person_kommuner: BTreeSet<String>,
    any_pe_fnr: bool,
    hits: Vec<Hit>,
    /// Duplicate `pid`s (first, again), reported once the year is known.
    pending_dups: Vec<(usize, usize)>,
    duty: crate::duty::DutyAcc,
    stats: Option<crate::stats::StatsAcc>,
    record_duties: Option<Vec<crate::report::RecordDutyRow>>,
}

impl Engine {
    fn new(opts: Options) -> Engine {
        Engine {
            findings: Vec::new(),
            ctx: None,
            person_checks: (0, Vec::new()),
            stopped: false,
            csv: false,
            csv_has_fid: false,
            idents: None,
            ident_index: IdTable::default(),
            ident_used: Vec::new(),
            ident_header: None,
            pe_ids: IdTable::default(),
            fids: IdTable::default(),
            persons: 0,
            records: Records::default(),
            person_kommuner: BTreeSet::new(),
            any_pe_fnr: false,
            hits: Vec::new(),
            pending_dups: Vec::new(),
            duty: crate::duty::DutyAcc::new(),
            stats: None,
            record_duties: opts.record_duties.then(Vec::new),
            kept: HashMap::default(),
            omitted: HashMap::default(),
            capped_upto: 0,
            persons_with_errors: 0,
            opts,
        }
    }

    fn applies(&self, code: &str) -> bool {
        let r = rules::rule(code).expect("registered");
        self.ctx.as_ref().is_none_or(|c| r.applies(c.year))
    }

    fn push(
        &mut self,
        code: &'static str,
        pos: Pos,
        nb: String,
        en: String,
        file: Source,
        person: Option<&Person>,
    ) -> &mut Finding {
        let severity = rules::rule(code).map_or(Severity::Error, |r| r.severity);
        if severity == Severity::Fatal {
            self.stopped = true;
        }
        self.findings.push(Finding {
            code,
            severity,
            message: nb,
            message_en: en,
            line: Some(pos.line).filter(|l| *l > 0),
            column: Some(pos.column).filter(|c| *c > 0),
            file,
            person: person.map(|p| p.index),
            pe_pe_id: person.and_then(|p| p.pe_id()).map(str::to_string),
            fid: person.and_then(|p| p.fid()).map(fnr::mask),
            fid_full: person
                .filter(|_| self.opts.reveal_identities)
                .and_then(|p| p.fid())
                .map(str::to_string),
            tj_tjen_type: None,
            schema: false,
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// Whether `code` has as many findings kept as the cap allows.
    fn over_cap(&self, code: &str) -> bool {
        self.opts
            .max_findings_per_code
            .is_some_and(|cap| self.kept.get(code).is_some_and(|&n| n >= cap))
    }

    /// Holds the findings added since the last call to the cap per code:
    /// those over it are counted (with whether they broke the schema, for
    /// FIL-17) and dropped.
    fn enforce_cap(&mut self) {
        let Some(cap) = self.opts.max_findings_per_code else {
            return;
        };
        let tail = self
            .findings
            .split_off(self.capped_upto.min(self.findings.len()));
        for f in tail {
            let n = self.kept.entry(f.code).or_default();
            if *n < cap {
                *n += 1;
                self.findings.push(f);
            } else {
                let o = self.omitted.entry(f.code).or_default();
                o.0 += 1;
                o.1 += usize::from(f.schema);
            }
        }
        self.capped_upto = self.findings.len();
    }

    fn file_note(&mut self, n: Note, file: Source) {
        if !self.applies(n.code) {
            return;
        }
        let schema = n.schema;
        self.push(n.code, n.pos, n.nb, n.en, file, None).schema = schema;
    }

    fn load_ident(&mut self, f: IdentFile) {
        for n in f.notes {
            self.file_note(n, Source::Ident);
        }
        if f.fatal {
            return;
        }
        let mut dups: Vec<(usize, usize)> = Vec::new();
        for (i, id) in f.idents.iter().enumerate() {
            match self.ident_index.get(&id.pid) {
                Some(first) => dups.push((first as usize, i)),
                None => self.ident_index.keep_first(&id.pid, i as u32),
            }
        }
        self.ident_used = vec![false; f.idents.len()];
        // IDE-03 needs the year, which the fagmelding brings: kept until then.
        self.ident_header = Some(f.header);
        self.idents = Some(f.idents);
        self.pending_dups = dups;
    }
}

impl Engine {
    fn year_from(h: &Header) -> Option<u16> {
        let ii = h.innhinfo.as_ref()?;
        [Field::iiFraDato, Field::iiTilDato]
            .iter()
            .find_map(|f| rules::date(ii, *f).map(|d| d.year))
    }

    fn ident_pair_checks(&mut self, h: &Header) {
        let Some(ih) = self.ident_header.clone() else {
            return;
        };
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
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|a| ih.attr(a).is_none())
            .collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            self.push(
                "IDE-05",
                ih.pos,
                format!("Identmeldingens <Melding> mangler {list}."),
                format!("The identmelding's <Melding> lacks {list}."),
                Source::Ident,
                None,
            )
            .schema = true;
        }
        if ih.kontaktpersoner == 0 {
            self.push(
                "IDE-05",
                ih.pos,
                "Identmeldingen har ingen <Kontaktperson>.".into(),
                "The identmelding has no <Kontaktperson>.".into(),
                Source::Ident,
                None,
            )
            .schema = true;
        }
        // IDE-04: the pair disagrees.
        let Some(ii) = h.innhinfo.as_ref() else {
            return;
        };
        if let (Some(a), Some(b)) = (ii.text(Field::iiLopenr), ih.attr("lopenr")) {
            if a != b {
                self.push(
                    "IDE-04",
                    ii.pos_of(Field::iiLopenr),
                    format!("Løpenummeret i IPLOS-meldingen ({a}) er ikke det samme som i identmeldingen ({b}): filene hører ikke sammen."),
                    format!("The serial number in the IPLOS message ({a}) differs from the identmelding's ({b}): the files do not belong together."),
                    Source::Fagmelding,
                    None,
                );
            }
        }
        for (f, attr) in [
            (Field::iiFraDato, "fraDatoPeriode"),
            (Field::iiTilDato, "tilDatoPeriode"),
        ] {
            let ours = rules::date(ii, f);
            let theirs = ih.attr(attr).and_then(|v| Date::parse(&v.replace('-', "")));
            if let (Some(a), Some(b)) = (ours, theirs) {
                if a != b {
                    self.push(
                        "IDE-04",
                        ii.pos_of(f),
                        format!("Perioden er ulik: {} er {a} i IPLOS-meldingen, men {attr} er {b} i identmeldingen.", f.name()),
                        format!("The periods differ: {} is {a} in the IPLOS message, but {attr} is {b} in the identmelding.", f.name()),
                        Source::Fagmelding,
                        None,
                    );
                }
            }
        }
    }

    fn sender_check(&mut self, h: &Header) -> Option<String> {
        let ii_komnr = h.innhinfo.as_ref().and_then(|ii| {
            ii.text(Field::iiKomnr)
                .map(|v| (v.to_string(), ii.pos_of(Field::iiKomnr)))
        });
        let (nr, pos) = match ii_komnr {
            Some(x) => x,
            None if self.csv => {
                let nr = self.opts.kommune.clone()?;
                (nr, Pos::default())
            }
            None => {
                let pos = h.innhinfo.as_ref().map_or(h.root.pos, |ii| ii.pos);
                self.push(
                    "FIL-06",
                    pos,
                    "Avsenderkommunen (iiKomnr) mangler i INNHINFO.".into(),
                    "The sending municipality (iiKomnr) is missing in INNHINFO.".into(),
                    Source::Fagmelding,
                    None,
                )
                .schema = true;
                return self.opts.kommune.clone();
            }
        };
        let year = self.ctx.as_ref().map_or(LAST_YEAR, |c| c.year);
        if !matches!(codes::kommune(&nr, year), KommuneStatus::Valid { .. }) {
            let f = self.push(
                "FIL-06",
                pos,
                format!("Avsenderkommunen «{nr}» er ikke en kommune i {year}."),
                format!("The sending municipality «{nr}» is not a municipality in {year}."),
                Source::Fagmelding,
                None,
            );
            f.schema = !nr.is_empty() && nr.chars().count() != 4;
        }
        Some(nr)
    }

    fn run_header_rules(&mut self, h: &Header) {
        let Some(ctx) = self.ctx.clone() else { return };
        let mut hits = std::mem::take(&mut self.hits);
        for r in RULES.iter().filter(|r| r.applies(ctx.year)) {
            let f = match r.check {
                Check::Header(f) | Check::HeaderAndPerson(f, _) => f,
                _ => continue,
            };
            f(
                &ctx,
                h,
                &mut Out {
                    code: r.code,
                    hits: &mut hits,
                },
            );
        }
        for hit in hits.drain(..) {
            self.push_hit(hit, None);
        }
        self.hits = hits;
    }

    fn push_hit(&mut self, hit: Hit, person: Option<&Person>) {
        let f = self.push(hit.code, hit.pos, hit.nb, hit.en, hit.file, person);
        f.schema = hit.schema;
        f.tj_tjen_type = hit.tj_tjen_type;
    }

    fn join_ident(&mut self, p: &mut Person) {
        let Some(idents) = self.idents.as_ref() else {
            return;
        };
        let Some(pid) = p.pe_id() else { return };
        match self.ident_index.get(pid).map(|i| i as usize) {
            Some(i) => {
                self.ident_used[i] = true;
                let id = &idents[i];
                if let Some(fid) = &id.fid {
                    p.rec.set(Field::fid, fid.clone(), id.pos);
                }
                if let Some(t) = &id.type_id {
                    p.rec.set(Field::typeID, t.clone(), id.pos);
                }
                p.ident_pos = Some(id.pos);
            }
            None => {
                if self.applies("IDE-01") {
                    let pos = p.rec.pos;
                    self.push(
                        "IDE-01",
                        pos,
                        format!("Personen med pePeID {pid} finnes ikke i identmeldingen (ingen PasientIdent med pid {pid})."),
                        format!("The person with pePeID {pid} is not in the identmelding (no PasientIdent with pid {pid})."),
                        Source::Fagmelding,
                        Some(p),
                    );
                }
            }
        }
    }

    fn cross_person(&mut self, p: &Person) {
        let mut same_pe_id = false;
        if let Some(id) = p.pe_id() {
            if let Some((first, line)) = self.pe_ids.get(id) {
                same_pe_id = true;
                self.push(
                    "PER-09",
                    p.rec.pos,
                    format!("pePeID {id} er brukt før, på person nr. {first} (linje {line})."),
                    format!("pePeID {id} was used before, on person no. {first} (line {line})."),
                    Source::Fagmelding,
                    Some(p),
                );
            } else {
                self.pe_ids.keep_first(id, (p.index, p.rec.pos.line));
            }
        }
        if let Some(fid) = p.fid() {
            // The same pePeID and number again is one problem (PER-09), not two.
            if let Some(first) = self.fids.get(fid).filter(|_| !same_pe_id) {
                let pos = p.ident_pos.unwrap_or(p.rec.pos);
                let file = if p.ident_pos.is_some() {
                    Source::Ident
                } else {
                    Source::Fagmelding
                };
                self.push(
                    "PER-08",
                    pos,
                    format!("Fødselsnummeret {} er brukt på mer enn én person (også person nr. {first}).", fnr::mask(fid)),
                    format!("Identity number {} is used on more than one person (also person no. {first}).", fnr::mask(fid)),
                    file,
                    Some(p),
                );
            } else if fid.len() == 11 {
                self.fids.keep_first(fid, p.index);
            }
        }
    }

    fn count(&mut self, p: &Person) {
        self.persons += 1;
        self.records.personoppl += p.oppl.len();
        self.records.funksjon += p.funksjoner.len();
        self.records.tjeneste += p.tjenester.len();
        self.records.diagnose += p.diagnoser.len();
        self.records.dogntilbud += p.dogntilbud.len();
    }

    /// End of input: file-level rules and the FIL-17 summary. Returns the sender.
    fn finish(&mut self) -> Option<String> {
        let ctx = self.ctx.clone()?;
        if !self.stopped {
            if self.persons == 0 {
                self.push(
                    "FIL-08",
                    Pos { line: 1, column: 1 },
                    "Filen har ingen personer (PERSON). En tom fil må også sendes, men sjekk at uttrekket er riktig.".into(),
                    "The file has no persons (PERSON). An empty file must also be sent, but check the extract.".into(),
                    Source::Fagmelding,
                    None,
                );
            }
            if let (Some(idents), true) = (self.idents.as_ref(), self.applies("IDE-02")) {
                let unused: Vec<(SmallStr, Pos)> = idents
                    .iter()
                    .zip(&self.ident_used)
                    .filter(|(_, used)| !**used)
                    .map(|(id, _)| (id.pid.clone(), id.pos))
                    .collect();
                for (pid, pos) in unused {
                    self.push(
                        "IDE-02",
                        pos,
                        format!("PasientIdent med pid {pid} har ingen person i IPLOS-meldingen."),
                        format!("PasientIdent with pid {pid} has no person in the IPLOS message."),
                        Source::Ident,
                        None,
                    );
                }
            }
            if !self.csv
                && self.idents.is_none()
                && !self.any_pe_fnr
                && self.applies("FIL-16")
                && self.persons > 0
            {
                self.push(
                    "FIL-16",
                    Pos { line: 1, column: 1 },
                    "Ingen identmelding er lagt ved: fødselsnumrene er ikke kontrollert. Legg ved identmeldingen for en full kontroll.".into(),
                    "No identmelding was given: identity numbers were not checked. Add the identmelding for a full check.".into(),
                    Source::Fagmelding,
                    None,
                );
            }
        }
        let mut kommune = ctx.kommune.clone();
        if self.csv && kommune.is_none() {
            if self.person_kommuner.len() == 1 {
                kommune = self.person_kommuner.iter().next().cloned();
            } else if self.persons > 0 {
                self.push(
                    "FIL-06",
                    Pos::default(),
                    "Avsenderkommunen er ukjent: CSV-filen har ingen kommunekolonne for avsender, og personene hører til flere kommuner. Oppgi kommunen (--kommune).".into(),
                    "The sending municipality is unknown: the CSV has no sender column, and the persons belong to several municipalities. Give the municipality (--kommune).".into(),
                    Source::Fagmelding,
                    None,
                );
            }
        }
        if !self.csv && ctx.year >= 2018 {
            let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
            self.enforce_cap();
            for f in self.findings.iter().filter(|f| f.schema) {
                *by_code.entry(f.code).or_default() += 1;
            }
            for (code, (_, schema)) in &self.omitted {
                if *schema > 0 {
                    *by_code.entry(code).or_default() += schema;
                }
            }
            let total: usize = by_code.values().sum();
            if total > 0 {
                let list = by_code
                    .iter()
                    .map(|(c, n)| format!("{c} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let (nb_note, en_note) = if ctx.strict_2018 {
                    (String::new(), String::new())
                } else {
                    (
                        " Skjemaet for versjon 3.7 er ikke offentlig; filen er kontrollert mot 2018-skjemaet så langt strukturen er den samme.".to_string(),
                        " The schema for version 3.7 is not public; the file was checked against the 2018 schema as far as the structure is the same.".to_string(),
                    )
                };
                self.push(
                    "FIL-17",
                    Pos { line: 1, column: 1 },
                    format!("Filen bryter det offisielle IPLOS-skjemaet {total} {} ({list}). Mottakeren kontrollerer mot skjemaet og vil trolig avvise hele filen.{nb_note}", if total == 1 { "gang" } else { "ganger" }),
                    format!("The file breaks the official IPLOS schema {total} {} ({list}). The receiver validates against the schema and will probably reject the whole file.{en_note}", if total == 1 { "time" } else { "times" }),
                    Source::Fagmelding,
                    None,
                );
            }
        }
        self.findings.sort_by_key(|f| {
            (
                f.file == Source::Ident,
                f.line.unwrap_or(0),
                f.column.unwrap_or(0),
            )
        });
        kommune
    }
}

impl Sink for Engine {
    fn header(&mut self, h: Header) {
        if self.stopped {
            return;
        }
        let file_year = Self::year_from(&h);
        let pos = h
            .innhinfo
            .as_ref()
            .map_or(h.root.pos, |ii| ii.pos_of(Field::iiFraDato));
        if let (Some(fy), Some(uy)) = (file_year, self.opts.year) {
            if fy != uy {
                self.push(
                    "FIL-05",
                    pos,
                    format!("Du valgte rapporteringsår {uy}, men filen gjelder {fy}. Filen er kontrollert for {fy}."),
                    format!("You chose reporting year {uy}, but the file is for {fy}. The file was checked for {fy}."),
                    Source::Fagmelding,
                    None,
                );
            }
        }
        let Some(year) = file_year.or(self.opts.year) else {
            self.push(
                "FIL-04",
                pos,
                "Filen har ingen rapporteringsperiode, og ingen rapporteringsår er valgt. Velg året filen gjelder.".into(),
                "The file has no reporting period, and no reporting year was chosen. Choose the year the file is for.".into(),
                Source::Fagmelding,
                None,
            );
            return;
        };
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            self.push(
                "FIL-04",
                pos,
                format!("Rapporteringsåret {year} støttes ikke; IPLOS-sjekk kjenner årene {FIRST_YEAR}–{LAST_YEAR}."),
                format!("Reporting year {year} is not supported; IPLOS-sjekk knows the years {FIRST_YEAR}–{LAST_YEAR}."),
                Source::Fagmelding,
                None,
            );
            return;
        }
        let strict_2018 = h.root.text(Field::versjon) == Some("3.5")
            || h.namespace.as_deref().is_some_and(|n| n.ends_with("/2018"));
        self.ctx = Some(std::sync::Arc::new(Ctx {
            year,
            kommune: None,
            csv: self.csv,
            csv_has_fid: self.csv_has_fid,
            has_ident: self.idents.is_some(),
            strict_2018,
        }));
        // Findings made before the year was known, for rules that do not apply to it.
        self.findings
            .retain(|f| rules::rule(f.code).is_none_or(|r| r.applies(year)));
        let kommune = self.sender_check(&h);
        if let Some(c) = self.ctx.as_mut() {
            std::sync::Arc::make_mut(c).kommune = kommune;
        }
        if self.applies("IDE-03") {
            for (first, dup) in std::mem::take(&mut self.pending_dups) {
                let idents = self.idents.as_ref().expect("dups imply idents");
                let (pid, pos, first_line) = (
                    idents[dup].pid.clone(),
                    idents[dup].pos,
                    idents[first].pos.line,
                );
                self.push(
                    "IDE-03",
                    pos,
                    format!(
                        "pid {pid} står to ganger i identmeldingen (også på linje {first_line})."
                    ),
                    format!(
                        "pid {pid} appears twice in the identmelding (also on line {first_line})."
                    ),
                    Source::Ident,
                    None,
                )
                .schema = true;
            }
        }
        if self.applies("IDE-04") {
            self.ident_pair_checks(&h);
        }
        self.stats = Some(crate::stats::StatsAcc::new(year));
        self.run_header_rules(&h);
    }

    fn person(&mut self, mut p: Person) {
        self.judge(&mut p);
    }

    fn note(&mut self, n: Note) {
        self.file_note(n, Source::Fagmelding);
    }
}

impl Engine {
    /// Judges one person (the caller keeps it, to drop where it was made).
    fn judge(&mut self, p: &mut Person) {
        self.count(p);
        if self.stopped {
            return;
        }
        let Some(ctx) = self.ctx.clone() else { return };
        let findings_before = self.findings.len();
        if p.rec.get(Field::peFnr).is_some() {
            self.any_pe_fnr = true;
        }
        self.join_ident(p);
        self.cross_person(&*p);
        if let Some(k) = p.rec.text(Field::peKomnr) {
            if self.csv && !self.person_kommuner.contains(k) {
                self.person_kommuner.insert(k.to_string());
            }
        }
        let mut hits = std::mem::take(&mut self.hits);
        if self.person_checks.0 != ctx.year {
            self.person_checks = (
                ctx.year,
                RULES
                    .iter()
                    .filter(|r| r.applies(ctx.year))
                    .filter_map(|r| match r.check {
                        Check::Person(f) | Check::HeaderAndPerson(_, f) => Some((r.code, f)),
                        _ => None,
                    })
                    .collect(),
            );
        }
        for &(code, f) in &self.person_checks.1 {
            f(
                &ctx,
                &*p,
                &mut Out {
                    code,
                    hits: &mut hits,
                },
            );
        }
        for n in std::mem::take(&mut p.notes) {
            if self.applies(n.code) {
                hits.push(Hit {
                    code: n.code,
                    pos: n.pos,
                    nb: n.nb,
                    en: n.en,
                    schema: n.schema,
                    file: Source::Fagmelding,
                    tj_tjen_type: None,
                });
            }
        }
        // Severities of this person's hits, also of those over the cap.
        let (mut hit_error, mut hit_fatal) = (false, false);
        for hit in hits.drain(..) {
            let severity = rules::rule(hit.code).map_or(Severity::Error, |r| r.severity);
            hit_error |= severity == Severity::Error;
            hit_fatal |= severity == Severity::Fatal;
            if severity != Severity::Fatal && self.over_cap(hit.code) {
                // Only counted: no finding is built for it (a file where
                // every person has the same fault stays fast).
                let o = self.omitted.entry(hit.code).or_default();
                o.0 += 1;
                o.1 += usize::from(hit.schema);
            } else {
                self.push_hit(hit, Some(&*p));
            }
        }
        self.hits = hits;
        let new = &self.findings[findings_before..];
        let has_error = hit_error || hit_fatal || new.iter().any(|f| f.severity <= Severity::Error);
        if hit_error || new.iter().any(|f| f.severity == Severity::Error) {
            self.persons_with_errors += 1;
        }
        self.enforce_cap();
        self.duty.add(&*p);
        if let Some(s) = self.stats.as_mut() {
            s.add(&*p, has_error);
        }
        if let Some(rows) = self.record_duties.as_mut() {
            for t in &*p.tjenester {
                let Some(duty) = crate::rules::tjeneste::code(t)
                    .and_then(|c| crate::duty::record_duty(ctx.year, c))
                else {
                    continue;
                };
                rows.push(crate::report::RecordDutyRow {
                    person: p.index,
                    pe_pe_id: p.pe_id().map(str::to_string),
                    line: t.pos.line,
                    duty,
                });
            }
        }
    }
}
