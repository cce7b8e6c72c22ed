//! The engine: runs the rules over what the readers hand over, and keeps
//! what a report needs.
//!
//! A check is a [`Session`] ([`session`]): the fagmelding pushed in
//! chunks, decoded and read; the readers' header, persons and notes go
//! through the [`pipe`] to the [`Engine`] here, on a thread of its own
//! where there is one. The engine runs the registry's checks on the header
//! and on each person, and the steps of the flow that need more than one
//! record at the points where they can run: the reporting year and the
//! sender when the header comes, the join with the identmelding and the
//! persons seen before for each person, and at the end the empty file,
//! the identmelding's unused entries and the schema summary. Those steps'
//! logic lives with their rules' declarations in [`crate::rules`]; the
//! engine owns when they run, the severity, the person and the masked
//! identity of each finding, and the cap per code. Persons are judged one
//! at a time and then dropped, so memory follows the number of persons,
//! not the size of their records.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::finding::{Finding, Note, Severity, Source};
use crate::fnr;
use crate::ident::IdentFile;
use crate::model::{Field, Header, Person, Sink};
use crate::privacy;
use crate::report::Records;
use crate::rules::ide::IdentJoin;
use crate::rules::person_id::SeenPersons;
use crate::rules::{self, file_header, lost_zeros, schema, Check, Ctx, FlowOut, Hit, Out, RULES};

mod pipe;
mod session;

pub(crate) use session::CHUNK;
pub use session::{check, Input, Options, Progress, Session};

/// A rule's check of one person.
type PersonCheck = fn(&Ctx, &Person, &mut Out);

impl Engine {
    fn apply_csv(&mut self, has_fid: Option<bool>, absent: Vec<Field>) {
        self.csv = true;
        if let Some(f) = has_fid {
            self.csv_has_fid = f;
        }
        if !absent.is_empty() {
            self.csv_needed = rules::file_reading::NEEDED_WHERE
                .iter()
                .filter(|(f, _)| absent.contains(f))
                .map(|&(f, code)| (f, code, 0))
                .collect();
            self.csv_absent = absent;
        }
    }
}

struct Engine {
    /// Findings kept per code, and those left out over the cap.
    kept: HashMap<&'static str, usize, crate::model::FnvBuild>,
    /// Findings over the cap, per code: (count, of which schema violations).
    /// Per code: how many, of which schema violations in the fagmelding
    /// and in the identmelding.
    omitted: HashMap<&'static str, (usize, usize, usize), crate::model::FnvBuild>,
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
    /// The columns the schema requires that the CSV lacks (FIL-20).
    csv_absent: Vec<Field>,
    /// The service columns the CSV lacks that only some services need,
    /// with the rule that finds each service without it and how many it
    /// found (counted into FIL-20, not listed).
    csv_needed: Vec<(Field, &'static str, usize)>,
    /// CSV codes that lost their leading zeros (FIL-19), and per code how
    /// many findings they explain that were over the cap.
    lost_zeros: lost_zeros::Tally,
    lost_zero_omitted: HashMap<&'static str, usize, crate::model::FnvBuild>,
    /// The identmelding, for the join (IDE).
    ident: Option<IdentJoin>,
    /// Every `pePeID` and identity number seen (PER-08, PER-09).
    seen: SeenPersons,
    persons: usize,
    records: Records,
    person_kommuner: BTreeSet<String>,
    any_pe_fnr: bool,
    hits: Vec<Hit>,
    duty: crate::duty::DutyAcc,
    stats: Option<crate::stats::StatsAcc>,
    record_duties: Option<Vec<crate::report::RecordDutyRow>>,
    /// What a comparison with another year needs (`Options::comparable`).
    roster: Option<crate::compare::Roster>,
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
            csv_absent: Vec::new(),
            csv_needed: Vec::new(),
            lost_zeros: Default::default(),
            lost_zero_omitted: HashMap::default(),
            ident: None,
            seen: SeenPersons::default(),
            persons: 0,
            records: Records::default(),
            person_kommuner: BTreeSet::new(),
            any_pe_fnr: false,
            hits: Vec::new(),
            duty: crate::duty::DutyAcc::new(),
            stats: None,
            record_duties: opts.record_duties.then(Vec::new),
            roster: None,
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

    /// The finding of `hit`, about `person` when given.
    fn push(&mut self, hit: Hit, person: Option<&Person>) {
        let Hit {
            code,
            pos,
            nb,
            en,
            schema,
            file,
            tj_tjen_type,
        } = hit;
        let severity = rules::rule(code).map_or(Severity::Error, |r| r.severity);
        if severity == Severity::Fatal {
            self.stopped = true;
        }
        // Every text of a finding passes the one masking step here
        // (`privacy`): identity numbers wherever they stand, control
        // characters, long values.
        self.findings.push(Finding {
            code,
            severity,
            message: privacy::message(nb, privacy::Lang::Nb),
            message_en: privacy::message(en, privacy::Lang::En),
            line: Some(pos.line).filter(|l| *l > 0),
            column: Some(pos.column).filter(|c| *c > 0),
            file,
            person: person.map(|p| p.index),
            pe_pe_id: person
                .and_then(|p| p.pe_id())
                .map(|id| privacy::field(id, privacy::Lang::Nb)),
            fid: person
                .and_then(|p| p.fid())
                .map(|fid| privacy::field(&fnr::mask(fid), privacy::Lang::Nb)),
            fid_full: person
                .filter(|_| self.opts.reveal_identities)
                .and_then(|p| p.fid())
                .map(str::to_string),
            tj_tjen_type: tj_tjen_type.map(|t| privacy::field(&t, privacy::Lang::Nb)),
            schema,
            lost_zero: false,
        });
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
                self.count_omitted(f.code, f.file, f.schema);
            }
        }
        self.capped_upto = self.findings.len();
    }

    /// Counts a finding over the cap, with whether it broke the schema of
    /// its file (for FIL-17).
    fn count_omitted(&mut self, code: &'static str, file: Source, schema: bool) {
        let o = self.omitted.entry(code).or_default();
        o.0 += 1;
        if file == Source::Ident {
            o.2 += usize::from(schema);
        } else {
            o.1 += usize::from(schema);
        }
    }

    fn file_note(&mut self, n: Note, file: Source) {
        if !self.applies(n.code) {
            return;
        }
        self.push(Hit::from_note(n, file), None);
    }

    fn load_ident(&mut self, f: IdentFile) {
        for n in f.notes {
            self.file_note(n, Source::Ident);
        }
        if f.fatal {
            return;
        }
        self.ident = Some(IdentJoin::new(f.header, f.idents, f.schema_dups));
    }
}

impl Engine {
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
            self.push(hit, None);
        }
        self.hits = hits;
    }

    /// Findings of the hits a step of the flow raised, for the rules that
    /// apply to the year.
    fn raise(&mut self, hits: &mut Vec<Hit>) {
        for hit in hits.drain(..) {
            if self.applies(hit.code) {
                self.push(hit, None);
            }
        }
    }

    /// The findings that break the schema of `file`, per code, those over
    /// the cap included (for FIL-17).
    fn schema_violations(&mut self, file: Source) -> BTreeMap<&'static str, usize> {
        let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
        self.enforce_cap();
        for f in self.findings.iter().filter(|f| f.schema && f.file == file) {
            *by_code.entry(f.code).or_default() += 1;
        }
        for (code, (_, fag, ident)) in &self.omitted {
            let n = if file == Source::Ident { *ident } else { *fag };
            if n > 0 {
                *by_code.entry(code).or_default() += n;
            }
        }
        by_code
    }

    fn count(&mut self, p: &Person) {
        self.persons += 1;
        self.records.personoppl += p.oppl.len();
        self.records.funksjon += p.funksjoner.len();
        self.records.tjeneste += p.tjenester.len();
        self.records.diagnose += p.diagnoser.len();
        self.records.dogntilbud += p.dogntilbud.len();
    }

    /// FIL-19: the findings the lost zeros explain leave the list (and the
    /// counts of those over the cap), and one finding says why.
    fn fold_lost_zeros(&mut self, hits: &mut Vec<Hit>) {
        self.enforce_cap();
        let before = self.findings.len();
        self.findings.retain(|f| !f.lost_zero);
        let mut folded = before - self.findings.len();
        self.capped_upto = self.findings.len();
        for (code, n) in std::mem::take(&mut self.lost_zero_omitted) {
            if let Some(o) = self.omitted.get_mut(code) {
                let n = n.min(o.0);
                o.0 -= n;
                folded += n;
            }
        }
        self.omitted.retain(|_, o| o.0 > 0);
        self.lost_zeros.finding(folded, &mut FlowOut { hits });
        self.raise(hits);
    }

    /// End of input: file-level rules and the FIL-17 summary. Returns the sender.
    fn finish(&mut self) -> Option<String> {
        let ctx = self.ctx.clone()?;
        let mut hits = std::mem::take(&mut self.hits);
        let o = &mut FlowOut { hits: &mut hits };
        if !self.stopped {
            file_header::no_persons(self.persons, o);
            self.seen.pe_ids_as_identities(o);
            if let Some(ident) = self.ident.as_ref().filter(|_| !ctx.pair_mismatch) {
                ident.unused(o);
            }
            file_header::no_ident(&ctx, self.any_pe_fnr, self.persons, o);
        }
        let mut kommune = ctx.kommune.clone();
        if self.csv && kommune.is_none() {
            kommune = file_header::sender_of_persons(&self.person_kommuner, self.persons, o);
        }
        self.raise(&mut hits);
        // FIL-20: the columns the CSV lacks, with the services that needed
        // them.
        let needed: Vec<(Field, usize)> = self.csv_needed.iter().map(|n| (n.0, n.2)).collect();
        if let Some(n) = crate::csv_reader::absent_note(&self.csv_absent, &needed) {
            self.file_note(n, Source::Fagmelding);
        }
        if self.csv && self.lost_zeros.is_pattern(self.persons) {
            self.fold_lost_zeros(&mut hits);
            // The sender is the municipality with its zero put back.
            if let Some(k) = lost_zeros::sender(&ctx, kommune.as_deref()) {
                kommune = Some(k);
            }
        }
        if schema::summary_due(&ctx) {
            if !ctx.csv {
                let by_code = self.schema_violations(Source::Fagmelding);
                schema::summary(
                    &ctx,
                    Source::Fagmelding,
                    &by_code,
                    &mut FlowOut { hits: &mut hits },
                );
            }
            if self.ident.is_some() {
                let by_code = self.schema_violations(Source::Ident);
                schema::summary(
                    &ctx,
                    Source::Ident,
                    &by_code,
                    &mut FlowOut { hits: &mut hits },
                );
            }
            self.raise(&mut hits);
        }
        self.hits = hits;
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
        let mut hits = std::mem::take(&mut self.hits);
        let year =
            file_header::reporting_year(&h, self.opts.year, &mut FlowOut { hits: &mut hits });
        self.raise(&mut hits);
        self.hits = hits;
        let Some(year) = year else {
            return;
        };
        let strict_2018 = h.root.text(Field::versjon) == Some("3.5")
            || h.namespace.as_deref().is_some_and(|n| n.ends_with("/2018"));
        let ctx = std::sync::Arc::new(Ctx {
            year,
            kommune: None,
            csv: self.csv,
            csv_has_fid: self.csv_has_fid,
            csv_absent: self.csv_absent.clone(),
            has_ident: self.ident.is_some(),
            strict_2018,
            pair_mismatch: false,
        });
        self.ctx = Some(std::sync::Arc::clone(&ctx));
        // Findings made before the year was known, for rules that do not apply to it.
        self.findings
            .retain(|f| rules::rule(f.code).is_none_or(|r| r.applies(year)));
        let mut hits = std::mem::take(&mut self.hits);
        let o = &mut FlowOut { hits: &mut hits };
        let kommune = file_header::sender(&ctx, &h, &self.opts.kommune, o);
        if let Some(ident) = self.ident.as_mut() {
            ident.duplicate_pids(o);
            ident.pair_disagrees(&h, o);
        }
        let pair_mismatch = self.applies("IDE-04") && hits.iter().any(|hit| hit.code == "IDE-04");
        let from = self.findings.len();
        self.raise(&mut hits);
        self.hits = hits;
        // A CSV's sender that lost its leading zero: its FIL-06 is folded
        // under FIL-19 when the persons show the pattern.
        let ii_komnr = h.innhinfo.as_ref().and_then(|ii| ii.text(Field::iiKomnr));
        if let (Some(given), Some(restored)) = (ii_komnr, lost_zeros::sender(&ctx, ii_komnr)) {
            self.lost_zeros.sender_lost(given, restored);
            for f in self.findings[from..]
                .iter_mut()
                .filter(|f| f.code == "FIL-06")
            {
                f.lost_zero = true;
            }
        }
        drop(ctx);
        if let Some(c) = self.ctx.as_mut() {
            let c = std::sync::Arc::make_mut(c);
            c.kommune = kommune;
            c.pair_mismatch = pair_mismatch;
        }
        self.stats = Some(crate::stats::StatsAcc::new(year));
        self.roster = self
            .opts
            .comparable
            .then(|| crate::compare::Roster::new(year));
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
        let mut hits = std::mem::take(&mut self.hits);
        if let Some(ident) = self.ident.as_mut() {
            ident.join(p, ctx.pair_mismatch, &mut FlowOut { hits: &mut hits });
        }
        self.seen.check(p, &mut FlowOut { hits: &mut hits });
        if let Some(k) = p.rec.text(Field::peKomnr) {
            if self.csv && !self.person_kommuner.contains(k) {
                self.person_kommuner.insert(k.to_string());
            }
        }
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
                hits.push(Hit::from_note(n, Source::Fagmelding));
            }
        }
        // A CSV code that lost its leading zero (FIL-19, judged at the end).
        let lost = lost_zeros::lost(&ctx, p);
        self.lost_zeros
            .add(lost, lost_zeros::kept(&ctx, p), p.rec.pos);
        // Severities of this person's hits, also of those over the cap.
        let (mut hit_error, mut hit_fatal) = (false, false);
        for hit in hits.drain(..) {
            // A value the CSV cannot have, as it lacks the column: counted
            // into FIL-20.
            if let Some(n) = self.csv_needed.iter_mut().find(|n| n.1 == hit.code) {
                n.2 += 1;
                continue;
            }
            let rule = rules::rule(hit.code);
            // The flow's hits (IDE-01, PER-08, PER-09) are held to the year here.
            if rule.is_some_and(|r| !r.applies(ctx.year)) {
                continue;
            }
            let severity = rule.map_or(Severity::Error, |r| r.severity);
            hit_error |= severity == Severity::Error;
            hit_fatal |= severity == Severity::Fatal;
            let explained = lost.any() && lost.explains(&hit);
            if severity != Severity::Fatal && self.over_cap(hit.code) {
                // Only counted: no finding is built for it (a file where
                // every person has the same fault stays fast).
                if explained {
                    *self.lost_zero_omitted.entry(hit.code).or_default() += 1;
                }
                self.count_omitted(hit.code, hit.file, hit.schema);
            } else {
                self.push(hit, Some(&*p));
                if explained {
                    if let Some(f) = self.findings.last_mut() {
                        f.lost_zero = true;
                    }
                }
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
        if let Some(r) = self.roster.as_mut() {
            r.add(&*p, has_error);
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
