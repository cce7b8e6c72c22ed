//! Which column is which field: the header row mapped through the
//! profile, and the notes on columns the reader cannot use (FIL-02, FIL-09).

#[allow(unused_imports)]
use super::*;

/// What one column is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Slot {
    Field(Field),
    Funk(u8),
    Posttype,
}

/// A header name the reader does not use, with how often it occurs.
pub(super) struct Ignored<'h> {
    pub(super) name: &'h str,
    pub(super) count: usize,
    pub(super) first: usize,
    /// The column already read as the same field, for a repeated field.
    pub(super) same_as: Option<usize>,
}

/// The header mapped: for each record kind, which columns fill which fields.
#[derive(Default)]
pub(super) struct Columns {
    pub(super) person: Vec<(usize, Field)>,
    pub(super) oppl: Vec<(usize, Field)>,
    pub(super) tjeneste: Vec<(usize, Field)>,
    pub(super) diagnose: Vec<(usize, Field)>,
    pub(super) dogn: Vec<(usize, Field)>,
    /// FUNKSJON fields other than the dates (one function per row).
    pub(super) funksjon: Vec<(usize, Field)>,
    pub(super) innhinfo: Vec<(usize, Field)>,
    pub(super) funk: Vec<(usize, u8)>,
    pub(super) posttype: Option<usize>,
    /// The column of each field, indexed by the field.
    pub(super) by_field: Vec<Option<usize>>,
    /// The columns whose values a row repeats from the one before when it
    /// only adds a service: person, PERSONOPPL and FUNKSJON columns.
    pub(super) repeated: Vec<usize>,
}

impl Columns {
    /// Maps the header row; notes FIL-09 per unused name (the first
    /// [`MAX_IGNORED_NAMES`], then one note for the rest), or a Fatal FIL-02
    /// (and `None`) when no column is known. Each distinct name is folded
    /// and looked up once, so a header of a million equal names costs one
    /// lookup.
    pub(super) fn map(
        header: &[&str],
        line: u32,
        delim: u8,
        profile: &Profile,
        sink: &mut dyn Sink,
    ) -> Option<Columns> {
        let mut cols = Columns {
            by_field: vec![None; crate::model::FIELDS.len()],
            ..Columns::default()
        };
        let mut cache: HashMap<&str, Option<Slot>, FnvBuild> = HashMap::default();
        let mut used: HashMap<Slot, usize, FnvBuild> = HashMap::default();
        let mut ignored: Vec<Ignored> = Vec::new();
        let mut ignored_at: HashMap<&str, usize, FnvBuild> = HashMap::default();
        for (i, &name) in header.iter().enumerate() {
            let slot = *cache.entry(name).or_insert_with(|| slot_of(profile, name));
            let same_as = match slot {
                Some(s) => match used.get(&s) {
                    Some(&first) => Some(first),
                    None => {
                        used.insert(s, i);
                        cols.add(i, s);
                        continue;
                    }
                },
                None => None,
            };
            match ignored_at.get(name) {
                Some(&k) => ignored[k].count += 1,
                None => {
                    ignored_at.insert(name, ignored.len());
                    ignored.push(Ignored {
                        name,
                        count: 1,
                        first: i,
                        same_as,
                    });
                }
            }
        }
        if used.is_empty() {
            sink.note(no_known_column(&ignored, line, delim));
            return None;
        }
        cols.repeated = (cols.person.iter().chain(&cols.oppl).chain(&cols.funksjon))
            .map(|&(i, _)| i)
            .chain(cols.funk.iter().map(|&(i, _)| i))
            .chain(cols.col(Field::fnFraDato))
            .chain(cols.col(Field::fnTilDato))
            .collect();
        for ig in ignored.iter().take(MAX_IGNORED_NAMES) {
            sink.note(ignored_note(ig, header, line));
        }
        if let Some(rest) = ignored.get(MAX_IGNORED_NAMES..).filter(|r| !r.is_empty()) {
            let columns: usize = rest.iter().map(|ig| ig.count).sum();
            let names = rest.len();
            sink.note(Note::new(
                "FIL-09",
                Pos {
                    line,
                    column: rest[0].first as u32 + 1,
                },
                format!(
                    "Ytterligere {names} kolonnenavn ({columns} kolonner, første er felt {}) blir ikke lest.",
                    rest[0].first + 1
                ),
                format!(
                    "{names} more column names ({columns} columns, the first is field {}) are not read.",
                    rest[0].first + 1
                ),
            ));
        }
        Some(cols)
    }

    /// The columns the schema requires that the header lacks: the
    /// person's always (every row is a person), and those of a record kind
    /// (service, diagnosis, stay, the dates of an assessment) when the file
    /// has columns of that kind; and `poHusstand`, which every person must
    /// have (PER-14); and the service columns only some services need
    /// ([`NEEDED_WHERE`]). Their absence is one FIL-20 for the file, and
    /// the per-record findings it explains are not listed.
    pub(super) fn absent_required(&self) -> Vec<Field> {
        let services = !self.tjeneste.is_empty();
        let diagnoses = !self.diagnose.is_empty();
        let stays = !self.dogn.is_empty();
        let functions = !self.funk.is_empty() || !self.funksjon.is_empty();
        crate::model::FIELDS
            .iter()
            .filter(|d| {
                d.field == Field::poHusstand
                    || (!d.attribute && !matches!(d.req, crate::model::Req::Optional))
            })
            .filter(|d| match d.kind {
                Kind::Person | Kind::Personoppl => true,
                Kind::Tjeneste => services,
                Kind::Diagnose => diagnoses,
                Kind::Dogntilbud => stays,
                Kind::Funksjon => {
                    functions && matches!(d.field, Field::fnFraDato | Field::fnTilDato)
                }
                _ => false,
            })
            .map(|d| d.field)
            .chain(NEEDED_WHERE.iter().map(|&(f, _)| f).filter(|_| services))
            .filter(|f| self.by_field[*f as usize].is_none())
            .collect()
    }

    pub(super) fn add(&mut self, i: usize, slot: Slot) {
        let f = match slot {
            Slot::Funk(n) => return self.funk.push((i, n)),
            Slot::Posttype => return self.posttype = Some(i),
            Slot::Field(f) => f,
        };
        self.by_field[f as usize] = Some(i);
        let list = match f.def().kind {
            Kind::Person => &mut self.person,
            Kind::Personoppl => &mut self.oppl,
            Kind::Tjeneste => &mut self.tjeneste,
            Kind::Diagnose => &mut self.diagnose,
            Kind::Dogntilbud => &mut self.dogn,
            Kind::Innhinfo => &mut self.innhinfo,
            Kind::Funksjon if matches!(f, Field::fnFraDato | Field::fnTilDato) => return,
            Kind::Funksjon => &mut self.funksjon,
            Kind::Iplos | Kind::Kontakt => return,
        };
        list.push((i, f));
    }

    pub(super) fn col(&self, f: Field) -> Option<usize> {
        self.by_field.get(f as usize).copied().flatten()
    }
}

/// What a header name is read as. `versjon` and the contact fields (`Navn`,
/// `Telefon`, …) belong to the XML header and are not read from a row: a
/// `Navn` column in an export is far more likely the person's name.
pub(super) fn slot_of(profile: &Profile, name: &str) -> Option<Slot> {
    match profile.csv_target(name)? {
        Target::Field(f) => match f.def().kind {
            Kind::Iplos | Kind::Kontakt => None,
            _ => Some(Slot::Field(f)),
        },
        Target::Funk(n) => Some(Slot::Funk(n)),
        Target::Posttype => Some(Slot::Posttype),
        Target::Record(_) => None,
    }
}

/// A name as shown in a message: never endless.
pub(super) fn shown(name: &str) -> Cow<'_, str> {
    const MAX: usize = 60;
    match name.char_indices().nth(MAX) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &name[..cut])),
        None => Cow::Borrowed(name),
    }
}

pub(super) fn delimiter_name(d: u8) -> (&'static str, &'static str) {
    match d {
        b'\t' => ("tabulator", "tab"),
        b',' => ("komma (,)", "comma (,)"),
        b'|' => ("loddrett strek (|)", "vertical bar (|)"),
        _ => ("semikolon (;)", "semicolon (;)"),
    }
}

pub(super) fn no_known_column(ignored: &[Ignored], line: u32, delim: u8) -> Note {
    let names: Vec<String> = ignored
        .iter()
        .filter(|ig| !ig.name.is_empty())
        .take(5)
        .map(|ig| format!("«{}»", shown(ig.name)))
        .collect();
    let more = if ignored.iter().filter(|ig| !ig.name.is_empty()).count() > names.len() {
        " …"
    } else {
        ""
    };
    let (found_nb, found_en) = if names.is_empty() {
        (
            "ingen kolonnenavn".to_string(),
            "no column names".to_string(),
        )
    } else {
        (
            format!("{}{more}", names.join(", ")),
            format!("{}{more}", names.join(", ")),
        )
    };
    let (d_nb, d_en) = delimiter_name(delim);
    Note::new(
        "FIL-02",
        Pos { line, column: 1 },
        format!(
            "Ingen kolonne i overskriftsraden på linje {line} er et kjent IPLOS-felt (fant {found_nb}; skilletegn {d_nb}). Kolonnene må hete som feltene i IPLOS-meldingen (for eksempel pePeID, peKomnr, tjTjenType) eller et kjent alias."
        ),
        format!(
            "No column of the header row on line {line} is a known IPLOS field (found {found_en}; delimiter {d_en}). Columns must be named like the IPLOS message's fields (e.g. pePeID, peKomnr, tjTjenType) or a known alias."
        ),
    )
}

pub(super) fn ignored_note(ig: &Ignored, header: &[&str], line: u32) -> Note {
    let pos = Pos {
        line,
        column: ig.first as u32 + 1,
    };
    let field = ig.first + 1;
    let (count_nb, count_en) = if ig.count > 1 {
        (
            format!(
                "{} kolonner med dette navnet, første er felt {field}",
                ig.count
            ),
            format!(
                "{} columns with this name, the first is field {field}",
                ig.count
            ),
        )
    } else {
        (
            format!("1 kolonne, felt {field}"),
            format!("1 column, field {field}"),
        )
    };
    if let Some(k) = ig.same_as {
        let other = shown(header.get(k).copied().unwrap_or(""));
        let name = shown(ig.name);
        return Note::new(
            "FIL-09",
            pos,
            format!(
                "Kolonnen «{name}» ({count_nb}) gir samme felt som kolonnen «{other}» (felt {}) og blir ikke lest.",
                k + 1
            ),
            format!(
                "Column «{name}» ({count_en}) gives the same field as column «{other}» (field {}) and is not read.",
                k + 1
            ),
        );
    }
    if ig.name.is_empty() {
        return Note::new(
            "FIL-09",
            pos,
            format!("Kolonner uten navn blir ikke lest ({count_nb})."),
            format!("Columns without a name are not read ({count_en})."),
        );
    }
    let name = shown(ig.name);
    Note::new(
        "FIL-09",
        pos,
        format!("Ukjent kolonne «{name}» blir ikke lest ({count_nb})."),
        format!("Unknown column «{name}» is not read ({count_en})."),
    )
}

/// FIL-20 at the end of the file: the columns of `absent` the schema
/// requires, named as the CSV names them, with the records that must have
/// a value in them; and the columns of `needed` ([`NEEDED_WHERE`]) with
/// how many services needed them (left out when none did). `None` when
/// nothing is missing.
pub(crate) fn absent_note(absent: &[Field], needed: &[(Field, usize)]) -> Option<Note> {
    let required: Vec<Field> = absent
        .iter()
        .copied()
        .filter(|f| !NEEDED_WHERE.iter().any(|(n, _)| n == f))
        .collect();
    let needed: Vec<(Field, usize)> = needed.iter().copied().filter(|(_, n)| *n > 0).collect();
    let all: Vec<&str> = required
        .iter()
        .chain(needed.iter().map(|(f, _)| f))
        .map(|f| f.name())
        .collect();
    if all.is_empty() {
        return None;
    }
    let join = |words: &[&str], and: &str| match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        _ => words.concat(),
    };
    let (mut nb, mut en) = if all.len() == 1 {
        (
            format!("Kolonnen {} mangler i filen.", all[0]),
            format!("The column {} is missing from the file.", all[0]),
        )
    } else {
        (
            format!("Kolonnene {} mangler i filen.", all.join(", ")),
            format!("The columns {} are missing from the file.", all.join(", ")),
        )
    };
    if !required.is_empty() {
        // The records that must have the values, each named once.
        let mut whose: Vec<(&str, &str)> = Vec::new();
        for f in &required {
            let w = match f.def().kind {
                Kind::Tjeneste => ("hver tjeneste", "every service"),
                Kind::Diagnose => ("hver diagnose", "every diagnosis"),
                Kind::Dogntilbud => ("hvert opphold", "every stay"),
                Kind::Funksjon => ("hver funksjonsvurdering", "every function assessment"),
                _ => ("hver person", "every person"),
            };
            if !whose.contains(&w) {
                whose.push(w);
            }
        }
        let whose_nb = join(&whose.iter().map(|w| w.0).collect::<Vec<_>>(), "og");
        let whose_en = join(&whose.iter().map(|w| w.1).collect::<Vec<_>>(), "and");
        let names: Vec<&str> = required.iter().map(|f| f.name()).collect();
        if names.len() == all.len() {
            let (it, it_en) = if names.len() == 1 {
                ("Den", "It")
            } else {
                ("De", "They")
            };
            let (v, v_en) = if names.len() == 1 {
                ("verdien", "the value is")
            } else {
                ("verdiene", "the values are")
            };
            nb += &format!(" {it} skal ha en verdi for {whose_nb}, så {v} mangler overalt.");
            en += &format!(
                " {it_en} must have a value for {whose_en}, so {v_en} missing everywhere."
            );
        } else {
            let names_nb = join(&names, "og");
            let names_en = join(&names, "and");
            nb += &format!(
                " {names_nb} skal ha en verdi for {whose_nb}, så verdien mangler overalt."
            );
            en += &format!(
                " {names_en} must have a value for {whose_en}, so the value is missing everywhere."
            );
        }
    }
    for (f, n) in &needed {
        let name: &str = f.name();
        let (what_nb, what_en) = if *f == Field::tjFraDato {
            ("innvilgede tjenester", "granted services")
        } else {
            (
                "innvilgede tjenester av en type som skal ha den",
                "granted services of a kind that needs it",
            )
        };
        let (it, it_en) = if all.len() == 1 {
            ("Den", "It")
        } else {
            (name, name)
        };
        nb += &format!(" {it} skulle hatt en verdi for {n} {what_nb}.");
        en += &format!(" {it_en} should have had a value for {n} {what_en}.");
    }
    nb += " Funnene dette gir på hver rad, er samlet her og ikke listet hver for seg.";
    en += " The findings this gives on every row are gathered here and not listed one by one.";
    Some(Note::new("FIL-20", Pos { line: 1, column: 1 }, nb, en))
}
