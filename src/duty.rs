//! Which duty a file, and each service record in it, fulfils (docs/duties.md):
//! the register(s) of the reporting year, the legal basis, the receiver and
//! channel, the deadline, the identity in the data, and what the file does
//! not cover.
//!
//! Everything that changes with the year is data: [`FILE_DUTIES`] is keyed
//! by year range and [`SERVICE_DUTIES`] by service code and year range, so a
//! correction is a change of one row, never an `if year` in logic. This
//! module judges nothing about the file's correctness; it only explains.
//!
//! Confidence: legal-basis cells other than hol § 3-5, § 3-6, § 3-2 nr. 7,
//! § 3-8, kap. 9 and pbrl kap. 4 A are inferred (docs/duties.md §5) and are shown
//! as "antatt hjemmel". A cell takes the confidence of its main provision:
//! code 3 (§ 3-8, "jf." nr. 6 b) is confirmed, code 4 from 2020 (nr. 6, with
//! nr. 7 only for persons with dementia) is inferred and says so in its
//! note. The file-level rows are shown as facts; their sources and labels
//! are in docs/duties.md §2–§4.

// The report's JSON contract: its fields are documented once, in
// src/types.rs (the TypeScript declarations), not again here.
#![allow(missing_docs)]

use std::collections::BTreeMap;

use serde::Serialize;

use crate::codes::{self, FIRST_YEAR, OPEN};
use crate::finding::Confidence;
use crate::model::Person;
use crate::rules::tjeneste;

/// The IPLOS register (pseudonymous, IPLOS-forskriften).
pub const IPLOS: &str = "IPLOS";
/// Kommunalt pasient- og brukerregister.
pub const KPR: &str = "KPR";

/// One legal source, in Norwegian with English alongside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Basis {
    pub text: &'static str,
    pub text_en: &'static str,
}

/// The identity the data carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// `pseudonymised` or `fodselsnummer`.
    pub kind: &'static str,
    pub text: &'static str,
    pub text_en: &'static str,
}

/// Helsedirektoratet's letter of 21.12.2017 to all municipalities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Letter {
    pub from: &'static str,
    pub reference: &'static str,
    /// ISO date.
    pub date: &'static str,
    pub text: &'static str,
    pub text_en: &'static str,
}

/// Something the file does not cover, and how it reaches KPR instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotCovered {
    pub key: &'static str,
    pub name: &'static str,
    pub name_en: &'static str,
}

/// One row of the file-level duty table (docs/duties.md §2–§4).
#[derive(Debug)]
pub struct FileDuty {
    /// First and last reporting year of the row, inclusive.
    pub from: u16,
    pub to: u16,
    pub registers: &'static [&'static str],
    pub basis: &'static [Basis],
    pub receiver: &'static str,
    pub receiver_en: &'static str,
    pub channel: &'static str,
    pub channel_en: &'static str,
    /// Month and day of the deadline in the year after the reporting year.
    pub deadline: (u8, u8),
    pub deadline_note: Option<(&'static str, &'static str)>,
    pub identity: Identity,
    pub letter: Option<Letter>,
}

const IPLOS_FORSKRIFTEN: Basis = Basis {
    text: "IPLOS-forskriften (FOR-2006-02-17-204)",
    text_en: "The IPLOS Regulation (FOR-2006-02-17-204)",
};
const KPR_FORSKRIFTEN_2017: Basis = Basis {
    text: "KPR-forskriften (FOR-2017-08-25-1292) § 3-1, innhold fastsatt etter § 3-2",
    text_en: "The KPR Regulation (FOR-2017-08-25-1292) § 3-1, content set under § 3-2",
};
const HRL_2016: Basis = Basis {
    text: "helseregisterloven, endret 1. juli 2016 (KPR)",
    text_en: "The Health Registries Act, as amended 1 July 2016 (KPR)",
};
const KPR_FORSKRIFTEN: Basis = Basis {
    text: "KPR-forskriften (FOR-2017-08-25-1292) §§ 3-1 og 3-2",
    text_en: "The KPR Regulation (FOR-2017-08-25-1292) §§ 3-1 and 3-2",
};

const PSEUDONYMISED: Identity = Identity {
    kind: "pseudonymised",
    text: "Pseudonymisert: fødselsnummeret erstattes av et pseudonym i pseudonymiseringsløsningen.",
    text_en: "Pseudonymised: the national identity number is replaced by a pseudonym in the pseudonymisation system.",
};
const FODSELSNUMMER: Identity = Identity {
    kind: "fodselsnummer",
    text: "Fødselsnummer, i identmeldingen (koblet til fagmeldingen med løpenummer).",
    text_en: "National identity number, in the identity message (linked to the data message by serial number).",
};

/// The letter cited for 2017 (docs/duties.md §2).
pub const LETTER_2017: Letter = Letter {
    from: "Helsedirektoratet",
    reference: "17/36747-1",
    date: "2017-12-21",
    text: "Opplysninger om helse- og omsorgstjenester gitt i 2017 som rapporteres til IPLOS-registeret, skal også rapporteres til KPR. Den ordinære IPLOS-rapporteringen for 2017 oppfyller denne plikten.",
    text_en: "Data on health and care services given in 2017 that are reported to the IPLOS register shall also be reported to KPR. The ordinary IPLOS reporting for 2017 fulfils that duty.",
};

const KPR_CHANNEL: &str = "IPLOS-fagmelding (uten identitet) og identmelding koblet med løpenummer, som XML over Norsk helsenett (AMQP; EDI som reserve)";
const KPR_CHANNEL_EN: &str = "The IPLOS data message (no identities) plus an identity message linked by serial number, as XML over Norsk helsenett (AMQP; EDI as fallback)";
const KPR_CHANNEL_2023: &str = "KPR_IPL (fagmelding) og KPR_IDE (identmelding) i to forsendelser på NHN Tjenestebuss (AMQP; EDI som reserve)";
const KPR_CHANNEL_2023_EN: &str = "KPR_IPL (data message) and KPR_IDE (identity message) in two shipments on the NHN service bus (AMQP; EDI as fallback)";

/// The file-level duty table, by reporting year (docs/duties.md §2–§4). Rows cover
/// every year from 0 to [`OPEN`] without gaps or overlaps (tested).
pub static FILE_DUTIES: &[FileDuty] = &[
    FileDuty {
        from: 0,
        to: 2016,
        registers: &[IPLOS],
        basis: &[IPLOS_FORSKRIFTEN],
        receiver: "IPLOS-registeret, med SSB som databehandler",
        receiver_en: "The IPLOS register, with Statistics Norway (SSB) as data processor",
        channel: "Via pseudonymiseringsløsningen til SSB",
        channel_en: "Through the pseudonymisation system to SSB",
        deadline: (1, 15),
        deadline_note: None,
        identity: PSEUDONYMISED,
        letter: None,
    },
    FileDuty {
        from: 2017,
        to: 2017,
        registers: &[IPLOS, KPR],
        basis: &[IPLOS_FORSKRIFTEN, KPR_FORSKRIFTEN_2017, HRL_2016],
        receiver: "IPLOS-registeret, med SSB som databehandler; samme leveranse oppfyller KPR-plikten",
        receiver_en: "The IPLOS register, with SSB as data processor; the same delivery fulfils the KPR duty",
        channel: "Én ordinær IPLOS-leveranse via pseudonymiseringsløsningen oppfyller begge pliktene (brev 21.12.2017)",
        channel_en: "One ordinary IPLOS delivery through the pseudonymisation system fulfils both duties (letter of 21.12.2017)",
        deadline: (1, 15),
        deadline_note: None,
        identity: PSEUDONYMISED,
        letter: Some(LETTER_2017),
    },
    FileDuty {
        from: 2018,
        to: 2018,
        registers: &[KPR],
        basis: &[KPR_FORSKRIFTEN],
        receiver: "Helsedirektoratet (KPR)",
        receiver_en: "The Norwegian Directorate of Health (KPR)",
        channel: KPR_CHANNEL,
        channel_en: KPR_CHANNEL_EN,
        deadline: (1, 15),
        deadline_note: Some((
            "Kommuner som ikke rakk å oppgradere, kunne få utsatt frist til 15.02.2019.",
            "Municipalities that could not upgrade in time could get an extension to 15.02.2019.",
        )),
        identity: FODSELSNUMMER,
        letter: None,
    },
    FileDuty {
        from: 2019,
        to: 2022,
        registers: &[KPR],
        basis: &[KPR_FORSKRIFTEN],
        receiver: "Helsedirektoratet (KPR)",
        receiver_en: "The Norwegian Directorate of Health (KPR)",
        channel: KPR_CHANNEL,
        channel_en: KPR_CHANNEL_EN,
        deadline: (1, 15),
        deadline_note: None,
        identity: FODSELSNUMMER,
        letter: None,
    },
    // The receiver follows the day the file is sent (January of the next
    // year), not the data year: KPR moved to FHI on 1 January 2024, so the
    // 2023 file, sent in January 2024, went to FHI (inferred from the date).
    FileDuty {
        from: 2023,
        to: OPEN,
        registers: &[KPR],
        basis: &[KPR_FORSKRIFTEN],
        receiver: "Folkehelseinstituttet (FHI), som overtok KPR fra Helsedirektoratet 1.1.2024",
        receiver_en: "The Norwegian Institute of Public Health (FHI), which took KPR over from the Directorate of Health on 1.1.2024",
        channel: KPR_CHANNEL_2023,
        channel_en: KPR_CHANNEL_2023_EN,
        deadline: (1, 15),
        deadline_note: None,
        identity: FODSELSNUMMER,
        letter: None,
    },
];

/// What no IPLOS file covers, in any year (docs/duties.md §6).
pub static NOT_COVERED: &[NotCovered] = &[
    NotCovered {
        key: "kuhr",
        name: "KUHR-refusjonsdata (fastlege, legevakt, fysioterapi m.m.), som Helfo sender",
        name_en: "KUHR refund data (GPs, emergency clinics, physiotherapy etc.), sent by Helfo",
    },
    NotCovered {
        key: "dental",
        name: "Tannhelsetjenester (tannhelsetjenesteloven § 1-3)",
        name_en: "Dental services (the Dental Health Services Act § 1-3)",
    },
    NotCovered {
        key: "private_without_agreement",
        name: "Private tilbydere uten avtale med kommunen; de når KPR på andre måter",
        name_en: "Private providers without an agreement with the municipality; they reach KPR by other routes",
    },
];

/// One row of the service duty table (docs/duties.md §5).
#[derive(Debug)]
pub struct ServiceDutyRow {
    pub code: u16,
    /// Reporting years the row holds for, inclusive.
    pub from: u16,
    pub to: u16,
    pub basis: &'static str,
    pub basis_en: &'static str,
    pub confidence: Confidence,
    /// Inside IPLOS-forskriften § 1-1a; `None` when uncertain.
    pub scope: Option<bool>,
    pub note: Option<(&'static str, &'static str)>,
}

const fn row(
    code: u16,
    (from, to): (u16, u16),
    (basis, basis_en): (&'static str, &'static str),
    confidence: Confidence,
    scope: Option<bool>,
    note: Option<(&'static str, &'static str)>,
) -> ServiceDutyRow {
    ServiceDutyRow {
        code,
        from,
        to,
        basis,
        basis_en,
        confidence,
        scope,
        note,
    }
}

const ALL: (u16, u16) = (FIRST_YEAR, OPEN);
const TO_2018: (u16, u16) = (FIRST_YEAR, 2018);
const FROM_2019: (u16, u16) = (2019, OPEN);

const NR6: (&str, &str) = (
    "hol § 3-2 første ledd nr. 6",
    "Health and Care Services Act § 3-2 first paragraph no. 6",
);
const NR6A: (&str, &str) = (
    "hol § 3-2 første ledd nr. 6 a",
    "Health and Care Services Act § 3-2 first paragraph no. 6 a",
);
const NR6B: (&str, &str) = (
    "hol § 3-2 første ledd nr. 6 b",
    "Health and Care Services Act § 3-2 first paragraph no. 6 b",
);
const NR6C: (&str, &str) = (
    "hol § 3-2 første ledd nr. 6 c",
    "Health and Care Services Act § 3-2 first paragraph no. 6 c",
);
const P37: (&str, &str) = ("hol § 3-7", "Health and Care Services Act § 3-7");

const OUTSIDE: Option<(&str, &str)> = Some((
    "Utenfor IPLOS-forskriften § 1-1a, men likevel en del av IPLOS-meldingen; ikke en feil.",
    "Outside the IPLOS Regulation § 1-1a, but still part of the IPLOS message; not an error.",
));
const UNCERTAIN: Option<(&str, &str)> = Some((
    "Usikkert om tjenesten er innenfor IPLOS-forskriften § 1-1a: ikke klart lovfestet som individuell tjeneste, hjemmelen følger kommunal praksis.",
    "Uncertain whether the service is inside the IPLOS Regulation § 1-1a: not clearly statutory as an individual service; the basis follows municipal practice.",
));
const CODES_14_23: Option<(&str, &str)> = Some((
    "Utenfor IPLOS-forskriften § 1-1a, men likevel en del av IPLOS-meldingen. Kap. 9 er sikkert; kildene er uenige om hvilken av kodene 14 og 23 som er planlagte tiltak og nødssituasjoner.",
    "Outside the IPLOS Regulation § 1-1a, but still part of the IPLOS message. Chapter 9 is confirmed; the sources disagree on which of codes 14 and 23 is planned measures and which emergencies.",
));
const RESPITE: Option<(&str, &str)> = Some((
    "Usikkert om nr. 6 d ble stående etter at § 3-6 ble pårørendestøtte 1.10.2017.",
    "Uncertain whether no. 6 d remained after § 3-6 became carer support on 1.10.2017.",
));
const RETIRED_2018: Option<(&str, &str)> = Some((
    "Utenfor IPLOS-forskriften § 1-1a, men likevel en del av IPLOS-meldingen. Koden gjelder til og med 2018; fra 2019 erstattet av 29.",
    "Outside the IPLOS Regulation § 1-1a, but still part of the IPLOS message. The code is valid up to 2018; replaced by 29 from 2019.",
));

use Confidence::{Confirmed as C, Inferred as I};

/// The service duty table (docs/duties.md §5), sorted by code then year. For
/// every reporting year each code valid that year has exactly one row
/// (tested).
#[rustfmt::skip]
pub static SERVICE_DUTIES: &[ServiceDutyRow] = &[
    row(1, ALL, NR6B, I, Some(true), None),
    row(2, ALL, NR6B, I, Some(true), None),
    row(3, ALL, ("hol § 3-8 (jf. § 3-2 første ledd nr. 6 b)",
        "Health and Care Services Act § 3-8 (cf. § 3-2 first paragraph no. 6 b)"), C, Some(true), None),
    row(4, (FIRST_YEAR, 2019), NR6, I, Some(true), None),
    row(4, (2020, OPEN), ("hol § 3-2 første ledd nr. 6; for hjemmeboende personer med demens nr. 7",
        "Health and Care Services Act § 3-2 first paragraph no. 6; for home-dwelling persons with dementia no. 7"),
        I, Some(true), Some((
            "Nr. 7 (fra 1.1.2020) er sikkert; nr. 6 for andre brukere er antatt.",
            "No. 7 (from 1.1.2020) is confirmed; no. 6 for other users is inferred."))),
    row(5, ALL, ("hol § 3-1 / § 3-2 første ledd nr. 6 b (kommunal praksis)",
        "Health and Care Services Act § 3-1 / § 3-2 first paragraph no. 6 b (municipal practice)"), I, None, UNCERTAIN),
    row(6, ALL, ("hol § 3-1 / § 3-2 første ledd nr. 6 b (kommunal praksis)",
        "Health and Care Services Act § 3-1 / § 3-2 first paragraph no. 6 b (municipal practice)"), I, None, UNCERTAIN),
    row(7, ALL, ("hol § 3-2 første ledd nr. 6 d",
        "Health and Care Services Act § 3-2 first paragraph no. 6 d"), I, Some(true), RESPITE),
    row(8, ALL, ("hol § 3-2 første ledd nr. 6 c og d",
        "Health and Care Services Act § 3-2 first paragraph no. 6 c and d"), I, Some(true), RESPITE),
    row(9, ALL, NR6B, I, Some(true), None),
    row(11, ALL, ("hol § 3-6 (pårørendestøtte fra 1.10.2017)",
        "Health and Care Services Act § 3-6 (carer support since 1.10.2017)"), C, Some(true), None),
    row(12, TO_2018, P37, I, Some(false), RETIRED_2018),
    row(13, TO_2018, P37, I, Some(false), RETIRED_2018),
    row(14, ALL, ("hol kap. 9, § 9-5 tredje ledd b–c",
        "Health and Care Services Act chapter 9, § 9-5 third paragraph b–c"), C, Some(false), CODES_14_23),
    row(15, ALL, NR6A, I, Some(true), None),
    row(16, TO_2018, ("hol § 3-2 første ledd nr. 5",
        "Health and Care Services Act § 3-2 first paragraph no. 5"), I, Some(true), Some((
            "Fra 2019 et ja/nei-spørsmål på personen, ikke en tjeneste.",
            "From 2019 a yes/no item on the person, not a service."))),
    row(17, ALL, NR6C, I, Some(true), None),
    row(18, ALL, NR6C, I, Some(true), None),
    row(19, ALL, NR6C, I, Some(true), None),
    row(20, ALL, NR6C, I, Some(true), None),
    row(21, ALL, ("hol § 3-2 første ledd nr. 6 c og § 3-2 a",
        "Health and Care Services Act § 3-2 first paragraph no. 6 c and § 3-2 a"), I, Some(true), None),
    row(22, ALL, NR6C, I, Some(true), None),
    row(23, ALL, ("hol kap. 9, § 9-5 tredje ledd a",
        "Health and Care Services Act chapter 9, § 9-5 third paragraph a"), C, Some(false), CODES_14_23),
    row(24, ALL, ("pasient- og brukerrettighetsloven kap. 4 A",
        "Patients' and Users' Rights Act chapter 4 A"), C, Some(false), OUTSIDE),
    row(25, (FIRST_YEAR, 2016), ("hol § 3-5 tredje ledd (somatikk fra 1.1.2016)",
        "Health and Care Services Act § 3-5 third paragraph (somatic care from 1.1.2016)"), C, Some(false), OUTSIDE),
    row(25, (2017, OPEN), ("hol § 3-5 tredje ledd (somatikk fra 1.1.2016; psykisk helse og rus fra 1.1.2017)",
        "Health and Care Services Act § 3-5 third paragraph (somatic care from 1.1.2016; mental health and substance use from 1.1.2017)"),
        C, Some(false), OUTSIDE),
    row(26, ALL, NR6, I, Some(true), None),
    row(27, FROM_2019, NR6A, I, Some(true), None),
    row(28, FROM_2019, NR6, I, Some(true), None),
    row(29, FROM_2019, P37, I, Some(false), OUTSIDE),
];

/// The file-level row for a reporting year.
pub fn file_duty(year: u16) -> &'static FileDuty {
    FILE_DUTIES
        .iter()
        .find(|d| d.from <= year && year <= d.to)
        .expect("the file duty table covers every year")
}

/// The service row for a code in a year; for a code used outside its years,
/// the row of the nearest year, so the record can still be explained.
pub fn service_row(code: u16, year: u16) -> Option<&'static ServiceDutyRow> {
    let rows = SERVICE_DUTIES.iter().filter(|r| r.code == code);
    rows.min_by_key(|r| {
        if year < r.from {
            r.from - year
        } else {
            year.saturating_sub(r.to)
        }
    })
}

/// "hjemmel" or "antatt hjemmel", as the product shows the confidence.
pub fn basis_label(c: Confidence) -> (&'static str, &'static str) {
    match c {
        Confidence::Confirmed => ("hjemmel", "legal basis"),
        Confidence::Inferred => ("antatt hjemmel", "inferred legal basis"),
    }
}

/// The duty panel for a file (docs/duties.md §7).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Duties {
    pub year: u16,
    pub registers: Vec<&'static str>,
    pub basis: Vec<Basis>,
    pub receiver: &'static str,
    pub receiver_en: &'static str,
    pub channel: &'static str,
    pub channel_en: &'static str,
    /// ISO date `YYYY-MM-DD`.
    pub deadline: String,
    pub deadline_note: Option<&'static str>,
    pub deadline_note_en: Option<&'static str>,
    /// The sending municipality: "4601 Bergen", or the number when unknown.
    pub sender: Option<String>,
    /// Who must send, in every year.
    pub sender_rule: &'static str,
    pub sender_rule_en: &'static str,
    pub not_covered: Vec<NotCovered>,
    pub letter: Option<Letter>,
    pub identity: Identity,
    /// How to read `basisConfidence` and `inIplosScope`.
    pub basis_note: &'static str,
    pub basis_note_en: &'static str,
    pub by_service: Vec<ServiceDuty>,
}

/// The duty of one service code in the file (docs/duties.md §5).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceDuty {
    pub code: u16,
    pub name: &'static str,
    pub name_en: &'static str,
    pub records: usize,
    pub persons: usize,
    pub registers: Vec<&'static str>,
    pub basis: &'static str,
    pub basis_en: &'static str,
    pub basis_confidence: Confidence,
    /// "hjemmel" or "antatt hjemmel".
    pub basis_label: &'static str,
    pub basis_label_en: &'static str,
    /// Inside IPLOS-forskriften § 1-1a; `null` when uncertain.
    pub in_iplos_scope: Option<bool>,
    /// The code is valid in the reporting year (else TJE-03 says so).
    pub valid_in_year: bool,
    pub note: Option<&'static str>,
    pub note_en: Option<&'static str>,
}

/// The duty of one service record, for the JSON export and record view.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordDuty {
    pub code: u16,
    pub registers: Vec<&'static str>,
    pub basis: &'static str,
    pub basis_en: &'static str,
    pub basis_confidence: Confidence,
    pub basis_label: &'static str,
    pub in_iplos_scope: Option<bool>,
}

/// The duty of a service record with code `code` in reporting year `year`;
/// `None` for a code that is not in code list 9151.
pub fn record_duty(year: u16, code: u16) -> Option<RecordDuty> {
    let r = service_row(code, year)?;
    Some(RecordDuty {
        code,
        registers: file_duty(year).registers.to_vec(),
        basis: r.basis,
        basis_en: r.basis_en,
        basis_confidence: r.confidence,
        basis_label: basis_label(r.confidence).0,
        in_iplos_scope: r.scope,
    })
}

fn service_duty(year: u16, code: u16, records: usize, persons: usize) -> Option<ServiceDuty> {
    let t = codes::tjeneste(code)?;
    let r = service_row(code, year)?;
    let (label, label_en) = basis_label(r.confidence);
    Some(ServiceDuty {
        code,
        name: t.name_nb,
        name_en: t.name_en,
        records,
        persons,
        registers: file_duty(year).registers.to_vec(),
        basis: r.basis,
        basis_en: r.basis_en,
        basis_confidence: r.confidence,
        basis_label: label,
        basis_label_en: label_en,
        in_iplos_scope: r.scope,
        valid_in_year: t.valid_in(year),
        note: r.note.map(|n| n.0),
        note_en: r.note.map(|n| n.1),
    })
}

/// "4601 Bergen" for a known municipality number, else the text as given.
fn sender_label(sender: Option<&str>) -> Option<String> {
    let s = sender?.trim();
    if s.is_empty() {
        return None;
    }
    Some(match codes::kommune_name(s) {
        Some(name) => format!("{s} {name}"),
        None => s.to_string(),
    })
}

fn duties(year: u16, sender: Option<&str>, by_service: Vec<ServiceDuty>) -> Duties {
    let d = file_duty(year);
    Duties {
        year,
        registers: d.registers.to_vec(),
        basis: d.basis.to_vec(),
        receiver: d.receiver,
        receiver_en: d.receiver_en,
        channel: d.channel,
        channel_en: d.channel_en,
        deadline: format!("{:04}-{:02}-{:02}", year + 1, d.deadline.0, d.deadline.1),
        deadline_note: d.deadline_note.map(|n| n.0),
        deadline_note_en: d.deadline_note.map(|n| n.1),
        sender: sender_label(sender),
        sender_rule: "Kommunen sender, aldri den enkelte institusjon eller en privat tilbyder.",
        sender_rule_en: "The municipality sends, never a single institution or a private provider.",
        not_covered: NOT_COVERED.to_vec(),
        letter: d.letter,
        identity: d.identity,
        basis_note: "«Antatt hjemmel» er vår lesning av regelverket, ikke bekreftet av en offisiell kilde. Tjenester utenfor IPLOS-forskriften § 1-1a er likevel en del av IPLOS-meldingen. Står omfanget som usikkert, avgjør ikke kildene om tjenesten er innenfor § 1-1a.",
        basis_note_en: "\"Inferred legal basis\" is our reading of the law, not confirmed by an official source. Services outside the IPLOS Regulation § 1-1a are still part of the IPLOS message. Where the scope is uncertain, the sources do not settle whether the service is inside § 1-1a.",
        by_service,
    }
}

/// The duty table for a reporting year, listing every service code valid
/// that year (with no records).
pub fn duties_for_year(year: u16, sender: Option<&str>) -> Duties {
    let rows = codes::TJENESTEKODER
        .iter()
        .filter(|t| t.valid_in(year))
        .filter_map(|t| service_duty(year, t.code, 0, 0))
        .collect();
    duties(year, sender, rows)
}

/// Counts records and persons per service code as persons stream past.
/// Holds one entry per distinct code, never the persons.
#[derive(Debug, Default)]
pub struct DutyAcc {
    /// code → (records, persons).
    by_code: BTreeMap<u16, (usize, usize)>,
}

impl DutyAcc {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every service record counts, avslag included: it is part of the
    /// file the municipality sends.
    pub fn add(&mut self, p: &Person) {
        let mut seen: Vec<u16> = Vec::new();
        for code in p.tjenester.iter().filter_map(tjeneste::code) {
            let e = self.by_code.entry(code).or_default();
            e.0 += 1;
            if !seen.contains(&code) {
                seen.push(code);
                e.1 += 1;
            }
        }
    }

    /// The duty panel with one row per code that occurs in the file, sorted
    /// by code. Codes not in code list 9151 have no duty and are left out
    /// (TJE-02 reports them).
    pub fn finish(self, year: u16, sender: Option<&str>) -> Duties {
        let rows = self
            .by_code
            .into_iter()
            .filter_map(|(code, (records, persons))| service_duty(year, code, records, persons))
            .collect();
        duties(year, sender, rows)
    }
}
