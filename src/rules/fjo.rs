//! FJO: this year's file compared with last year's, when one is given.
//!
//! Plausibility, not validity: the receiver asks municipalities to explain
//! jumps like these, and an extract that is well-formed but misses half the
//! home-nursing clients passes every rule on one file. The comparison and
//! the join are [`crate::compare`]'s; these rules judge its figures against
//! the thresholds of [`crate::compare::THRESHOLDS`], which are INFERRED
//! (the receiver's own are not public) and named in every message.

use super::{Check, Rule, FROM_2017};
use crate::codes;
use crate::compare::{shown, Comparison, Join, JoinKey, THRESHOLDS};
use crate::finding::{Confidence, Severity};

const WHY_NB: &str = "Mottakeren ber kommunen forklare store sprang fra ett år til det neste før tallene publiseres, fordi et uttrekk som er formelt riktig, men ufullstendig, gir gale tall. Antatt: terskelen er vår egen; mottakerens er ikke offentlige.";
const WHY_EN: &str = "The receiver asks the municipality to explain large jumps from one year to the next before the figures are published, because an extract that is formally correct but incomplete gives wrong figures. Inferred: the threshold is our own; the receiver's are not public.";

/// The FJO rules: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "FJO-01",
        severity: Severity::Warning,
        years: FROM_2017,
        title_nb: "Antall personer med en tjeneste har endret seg mye fra i fjor",
        title_en: "The persons with a service changed a lot since last year",
        why_nb: WHY_NB,
        why_en: WHY_EN,
        fix_nb: "Finn ut om endringen er virkelig (ny organisering, nytt tilbud, en tjeneste lagt ned) eller et feil uttrekk: sjekk utvalget for uttrekket i fagsystemet (enheter, tjenestetyper, periode) og sammenlign med antall vedtak i fagsystemet. Er den virkelig, skriv en kort forklaring til mottakeren.",
        fix_en: "Find out whether the change is real (new organisation, a new service, a service closed) or a faulty extract: check the extract's selection in the EPJ system (units, service types, period) and compare with the number of decisions in the EPJ system. If it is real, write a short explanation for the receiver.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "FJO-02",
        severity: Severity::Warning,
        years: FROM_2017,
        title_nb: "En tjeneste er borte i år, eller ny med mange personer",
        title_en: "A service is gone this year, or new with many persons",
        why_nb: WHY_NB,
        why_en: WHY_EN,
        fix_nb: "Endringer i kodeverket mellom årene (12 og 13 telles som 29 fra 2019, 16 gikk ut i 2019) er regnet med. Sjekk ellers om tjenestetypen er koblet til riktig IPLOS-kode i fagsystemet og er med i uttrekket, eller om tilbudet virkelig er lagt ned eller nytt.",
        fix_en: "Changes of the code list between the years (12 and 13 counted as 29 from 2019, 16 leaving in 2019) are accounted for. Otherwise check whether the service type is mapped to the right IPLOS code in the EPJ system and included in the extract, or whether the service really closed or is new.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "FJO-03",
        severity: Severity::Warning,
        years: FROM_2017,
        title_nb: "Antall personer i filen har endret seg mye fra i fjor",
        title_en: "The number of persons in the file changed a lot since last year",
        why_nb: WHY_NB,
        why_en: WHY_EN,
        fix_nb: "Sjekk at uttrekket gjelder hele året og alle enheter, og at ingen personer er filtrert bort (for eksempel dem uten vedtak i år). Sammenlign med antall tjenestemottakere i fagsystemet.",
        fix_en: "Check that the extract covers the whole year and every unit, and that no persons are filtered out (for example those without a decision this year). Compare with the number of service recipients in the EPJ system.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "FJO-04",
        severity: Severity::Warning,
        years: FROM_2017,
        title_nb: "Person med løpende tjeneste i fjor mangler i år uten dødsdato",
        title_en: "Person with an open-ended service last year missing this year",
        why_nb: "En person med en tjeneste uten til-dato i fjorårets fil skal normalt være med i år også, med til-dato eller dødsdato om tjenesten sluttet. Mangler mange, er uttrekket trolig ufullstendig, og mottakeren ber kommunen forklare det. Antatt: terskelen er vår egen; mottakerens er ikke offentlige.",
        why_en: "A person with a service without an end date in last year's file should normally be in this year's file too, with an end date or a date of death if the service ended. If many are missing, the extract is probably incomplete, and the receiver asks the municipality to explain. Inferred: the threshold is our own; the receiver's are not public.",
        fix_nb: "Slå opp hver person i fagsystemet med pePeID fra fjorårets fil. Har personen fortsatt tjenesten, mangler den i uttrekket: rett utvalget og lag et nytt uttrekk. Er tjenesten avsluttet eller personen død, registrer til-dato eller dødsdato.",
        fix_en: "Look each person up in the EPJ system by the pePeID of last year's file. If the person still has the service, it is missing from the extract: correct the selection and make a new extract. If the service ended or the person died, record the end date or date of death.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "FJO-05",
        severity: Severity::Info,
        years: FROM_2017,
        title_nb: "Samme fødselsnummer har et annet pePeID enn i fjor",
        title_en: "The same identity number has another pePeID than last year",
        why_nb: "Et bytte av fagsystem eller en flytting av data gir ofte personene nye nummer (pePeID). Registeret kobler årene på fødselsnummeret, så det er ikke en feil, men det er godt å vite når tallene skal forklares. Antatt: at et nytt nummer kommer av en migrering, er vår tolkning.",
        why_en: "A change of EPJ system or a data migration often gives persons new numbers (pePeID). The register joins the years on the identity number, so it is not an error, but it is good to know when the figures are to be explained. Inferred: that a new number comes from a migration is our reading.",
        fix_nb: "Ingenting å rette om fagsystemet er byttet eller data flyttet. Ellers: sjekk at personen ikke er registrert to ganger i fagsystemet.",
        fix_en: "Nothing to fix if the EPJ system was changed or data moved. Otherwise: check that the person is not registered twice in the EPJ system.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "FJO-06",
        severity: Severity::Warning,
        years: FROM_2017,
        title_nb: "Snittskåren for en funksjonsvariabel har endret seg mye",
        title_en: "The mean score of a function variable changed a lot",
        why_nb: WHY_NB,
        why_en: WHY_EN,
        fix_nb: "Et stort sprang kommer oftere av endret praksis for kartlegging eller av feil kobling av skårene i uttrekket enn av at brukerne har endret seg. Sjekk koblingen av funksjonsvariablene i fagsystemet og spør dem som kartlegger om praksis er endret.",
        fix_en: "A large jump comes more often from a changed assessment practice or a wrong mapping of the scores in the extract than from the users having changed. Check the mapping of the function variables in the EPJ system and ask those who assess whether the practice changed.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
];

/// One FJO detection, with the person it is about when it is one.
pub(crate) struct FjoHit {
    pub(crate) code: &'static str,
    pub(crate) nb: String,
    pub(crate) en: String,
    /// A line in this year's file, when the finding points at one.
    pub(crate) line: Option<u32>,
    pub(crate) person: Option<u32>,
    /// Masked already (`compare::shown`).
    pub(crate) pe_pe_id: Option<String>,
    pub(crate) fid: Option<String>,
    pub(crate) service: Option<u16>,
}

impl FjoHit {
    /// A hit over one of our thresholds, which are inferred (the
    /// receiver's are not public): `[what, threshold]` in each language,
    /// and the message says the threshold is a guess.
    fn beyond(code: &'static str, nb: [String; 2], en: [String; 2]) -> FjoHit {
        let [what, limit] = nb;
        let [what_en, limit_en] = en;
        FjoHit::new(
            code,
            format!("{what} Terskel: {limit} (antatt)."),
            format!("{what_en} Threshold: {limit_en} (inferred)."),
        )
    }

    fn new(code: &'static str, nb: String, en: String) -> FjoHit {
        FjoHit {
            code,
            nb,
            en,
            line: None,
            person: None,
            pe_pe_id: None,
            fid: None,
            service: None,
        }
    }
}

/// A share as a whole percent: "31 %".
fn pct(x: f64) -> String {
    format!("{} %", (x * 100.0).round())
}

/// The FJO rules on a comparison of the year `year` with the one before.
pub(crate) fn judge(cmp: &Comparison, j: &Join, year: u16) -> Vec<FjoHit> {
    let t = THRESHOLDS;
    let prev = cmp.previous_year;
    let mut out = Vec::new();
    for s in &cmp.by_service {
        let (a, b) = (s.persons_last_year, s.persons_this_year);
        // FJO-02: gone, or new with many, in a code valid in both years
        // (12 and 13 are already counted as 29; a code that left or came
        // with the code list is no finding).
        let valid_now = codes::tjeneste_valid_in(s.code, year);
        let valid_before = codes::tjeneste_valid_in(s.code, prev) || !s.mapped_from.is_empty();
        let gone = a >= t.service_vanished_persons && b == 0 && valid_now;
        let came = a == 0 && b >= t.service_vanished_persons && valid_before;
        if gone || came {
            let (code, min) = (s.code, t.service_vanished_persons);
            let mut h = FjoHit::beyond(
                "FJO-02",
                [
                    format!(
                        "Tjeneste {code} ({}) hadde {a} personer i {prev} og har {b} i {year}.",
                        s.name
                    ),
                    format!("minst {min} personer det ene året og ingen det andre"),
                ],
                [
                    format!(
                        "Service {code} ({}) had {a} persons in {prev} and has {b} in {year}.",
                        s.name_en
                    ),
                    format!("at least {min} persons one year and none the other"),
                ],
            );
            h.service = Some(s.code);
            out.push(h);
            continue;
        }
        if !valid_now {
            // Left the code list: not an extract error.
            continue;
        }
        let change = b.abs_diff(a);
        if a > 0
            && change >= t.service_change_persons
            && change as f64 > t.service_change_share * a as f64
        {
            let share = change as f64 / a as f64;
            let (up_nb, up_en) = if b > a {
                ("økt", "risen")
            } else {
                ("falt", "fallen")
            };
            let (code, change) = (s.code, pct(share));
            let (over, min) = (pct(t.service_change_share), t.service_change_persons);
            let mut h = FjoHit::beyond(
                "FJO-01",
                [
                    format!("Personer med tjeneste {code} ({}) har {up_nb} fra {a} i {prev} til {b} i {year} ({change}).", s.name),
                    format!("mer enn {over} og minst {min} personer"),
                ],
                [
                    format!("Persons with service {code} ({}) have {up_en} from {a} in {prev} to {b} in {year} ({change}).", s.name_en),
                    format!("more than {over} and at least {min} persons"),
                ],
            );
            h.service = Some(s.code);
            out.push(h);
        }
    }

    let (a, b) = (cmp.persons.last_year, cmp.persons.this_year);
    if a > 0 && b.abs_diff(a) as f64 > t.total_change_share * a as f64 {
        let share = pct(b.abs_diff(a) as f64 / a as f64);
        let over = pct(t.total_change_share);
        out.push(FjoHit::beyond(
            "FJO-03",
            [
                format!("Filen har {b} personer i {year} mot {a} i {prev} ({share} endring)."),
                format!("mer enn {over}"),
            ],
            [
                format!(
                    "The file has {b} persons in {year} against {a} in {prev} (a {share} change)."
                ),
                format!("more than {over}"),
            ],
        ));
    }

    let m = &cmp.missing_open_ended;
    if m.open_ended_last_year > 0 && m.share > t.open_missing_share {
        let key_nb = match j.key {
            JoinKey::Identity => "fødselsnummeret",
            JoinKey::PePeId => "pePeID",
        };
        let key_en = match j.key {
            JoinKey::Identity => "the identity number",
            JoinKey::PePeId => "pePeID",
        };
        for e in &j.missing {
            let (pe_pe_id, fid) = shown(e);
            let mut h = FjoHit::new(
                "FJO-04",
                format!(
                    "Personen hadde en tjeneste uten til-dato i fjorårets fil ({prev}, linje {}), men finnes ikke i årets fil (koblet på {key_nb}) og har ingen dødsdato. {} av {} slike personer ({}) mangler i år. Terskel: mer enn {} (antatt).",
                    e.line,
                    m.count,
                    m.open_ended_last_year,
                    pct(m.share),
                    pct(t.open_missing_share)
                ),
                format!(
                    "The person had a service without an end date in last year's file ({prev}, line {}), but is not in this year's file (joined on {key_en}) and has no date of death. {} of {} such persons ({}) are missing this year. Threshold: more than {} (inferred).",
                    e.line,
                    m.count,
                    m.open_ended_last_year,
                    pct(m.share),
                    pct(t.open_missing_share)
                ),
            );
            h.pe_pe_id = pe_pe_id;
            h.fid = fid;
            out.push(h);
        }
    }

    for (before, now) in &j.renumbered {
        let (old_id, _) = shown(before);
        let (new_id, fid) = shown(now);
        let mut h = FjoHit::new(
            "FJO-05",
            format!(
                "Samme fødselsnummer hadde pePeID «{}» i {prev} og har «{}» i {year}.",
                old_id.as_deref().unwrap_or("(mangler)"),
                new_id.as_deref().unwrap_or("(mangler)")
            ),
            format!(
                "The same identity number had pePeID \"{}\" in {prev} and has \"{}\" in {year}.",
                old_id.as_deref().unwrap_or("(missing)"),
                new_id.as_deref().unwrap_or("(missing)")
            ),
        );
        h.line = Some(now.line).filter(|l| *l > 0);
        h.person = Some(now.index);
        h.pe_pe_id = new_id;
        h.fid = fid;
        out.push(h);
    }

    for f in &cmp.function_scores {
        let (Some(x), Some(y)) = (f.mean_last_year, f.mean_this_year) else {
            continue;
        };
        let enough = f.scores_last_year.iter().sum::<usize>() >= t.function_min_scores
            && f.scores_this_year.iter().sum::<usize>() >= t.function_min_scores;
        if enough && (y - x).abs() > t.function_mean_change {
            let (var, over) = (f.variable, t.function_mean_change);
            out.push(FjoHit::beyond(
                "FJO-06",
                [
                    format!("Snittskåren for funksjonsvariabel {var} ({}) er {y:.2} i {year} mot {x:.2} i {prev}.", f.name),
                    format!("mer enn {over}"),
                ],
                [
                    format!("The mean score of function variable {var} ({}) is {y:.2} in {year} against {x:.2} in {prev}.", f.name_en),
                    format!("more than {over}"),
                ],
            ));
        }
    }
    out
}
