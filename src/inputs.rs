//! Files given together, given their roles by content.
//!
//! The command line (`check A B`, `--ident`) and the page (two or three
//! files dropped or chosen together, any order, any names) hand over their
//! files with the slot they were put in, if any. A [`Plan`] looks at the
//! first bytes of each ([`crate::sniff`]) and picks the fagmelding and the
//! identmelding: a pair in swapped slots is put right, and a third file, or
//! a second fagmelding, is named in a FIL-21 finding and left unread. Only
//! the first bytes are needed, so the fagmelding can then be streamed.

use crate::engine::{Options, Session, CHUNK};
use crate::model::{Note, Pos};
use crate::sniff::{self, Kind, Role};
use crate::Input;

/// Where the user put a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Chosen as the IPLOS file (the fagmelding).
    Main,
    /// Chosen as the identmelding.
    Ident,
    /// Given without a role (dropped together, or several on the command line).
    Any,
}

impl Slot {
    /// `"main"`, `"ident"`, anything else is [`Slot::Any`].
    pub fn parse(s: &str) -> Slot {
        match s {
            "main" | "fagmelding" => Slot::Main,
            "ident" | "identmelding" => Slot::Ident,
            _ => Slot::Any,
        }
    }
}

#[derive(Clone, Debug)]
struct File {
    name: String,
    kind: Kind,
    slot: Slot,
}

/// Which file is checked as what.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    files: Vec<File>,
    /// The file checked as the fagmelding (streamed).
    pub main: Option<usize>,
    /// The file read as the identmelding.
    pub ident: Option<usize>,
}

fn name_of(name: &str) -> String {
    crate::container::shown(name)
}

impl Plan {
    pub fn new() -> Plan {
        Plan::default()
    }

    /// Adds a file by its name, its first bytes (up to [`sniff::PREFIX`]) and
    /// its slot; returns its index. Call [`Plan::decide`] after the last.
    pub fn add(&mut self, name: &str, prefix: &[u8], slot: Slot) -> usize {
        let prefix = &prefix[..prefix.len().min(sniff::PREFIX)];
        self.files.push(File {
            name: name.to_string(),
            kind: sniff::classify(prefix),
            slot,
        });
        self.files.len() - 1
    }

    /// What a file was found to be.
    pub fn kind(&self, i: usize) -> &Kind {
        &self.files[i].kind
    }

    pub fn name(&self, i: usize) -> &str {
        &self.files[i].name
    }

    /// Picks the fagmelding and the identmelding.
    pub fn decide(&mut self) {
        let roles: Vec<Role> = self.files.iter().map(|f| f.kind.role()).collect();
        let pick = |want: &dyn Fn(Role) -> bool, slot: Slot, not: Option<usize>| {
            let ok = |i: &usize| want(roles[*i]) && Some(*i) != not;
            (0..roles.len())
                .filter(ok)
                .find(|i| self.files[*i].slot == slot)
                .or_else(|| (0..roles.len()).find(ok))
        };
        // The fagmelding: one that is one, else an archive that may hold it,
        // else whatever is left (its own finding says what it is).
        let main = pick(&|r| r == Role::Fagmelding, Slot::Main, None)
            .or_else(|| pick(&|r| r == Role::Container, Slot::Main, None))
            .or_else(|| pick(&|r| r == Role::Other, Slot::Main, None))
            .or_else(|| pick(&|_| true, Slot::Main, None));
        // The identmelding: one that is one, else an archive put in its slot.
        let ident = pick(&|r| r == Role::Ident, Slot::Ident, main).or_else(|| {
            (0..roles.len()).find(|&i| {
                Some(i) != main && roles[i] == Role::Container && self.files[i].slot == Slot::Ident
            })
        });
        self.main = main;
        self.ident = ident;
    }

    /// FIL-21 findings: a pair put right, and the files left unread.
    pub fn notes(&self) -> Vec<Note> {
        let mut out = Vec::new();
        let name = |i: usize| name_of(&self.files[i].name);
        let swapped_main = self.main.filter(|&i| self.files[i].slot == Slot::Ident);
        let swapped_ident = self.ident.filter(|&i| self.files[i].slot == Slot::Main);
        match (swapped_main, swapped_ident) {
            (Some(m), Some(i)) => out.push(note(
                format!("Filene var valgt i bytte roller: «{}» er fagmeldingen og «{}» er identmeldingen (kjent på innholdet). De er kontrollert riktig vei.", name(m), name(i)),
                format!("The files were given in swapped roles: «{}» is the fagmelding and «{}» is the identmelding (known by their content). They were checked the right way round.", name(m), name(i)),
            )),
            (Some(m), None) => out.push(note(
                format!("«{}» var valgt som identmelding, men er fagmeldingen (kjent på innholdet), og er kontrollert som det.", name(m)),
                format!("«{}» was given as the identmelding but is the fagmelding (known by its content), and was checked as such.", name(m)),
            )),
            (None, Some(i)) => out.push(note(
                format!("«{}» var valgt som IPLOS-fil, men er identmeldingen (kjent på innholdet), og er lest som det.", name(i)),
                format!("«{}» was given as the IPLOS file but is the identmelding (known by its content), and was read as such.", name(i)),
            )),
            (None, None) => {}
        }
        for (i, f) in self.files.iter().enumerate() {
            if Some(i) == self.main || Some(i) == self.ident {
                continue;
            }
            let (kind_nb, kind_en) = f.kind.name();
            let (nb, en) = match f.kind.role() {
                Role::Fagmelding | Role::Container if self.main.is_some() => (
                    format!("«{}» er også {kind_nb} og ble ikke kontrollert: IPLOS-sjekk kontrollerer én fagmelding om gangen. Velg den for seg for å kontrollere den.", name(i)),
                    format!("«{}» is also {kind_en} and was not checked: IPLOS-sjekk checks one fagmelding at a time. Choose it on its own to check it.", name(i)),
                ),
                Role::Ident if self.ident.is_some() => (
                    format!("«{}» er også en identmelding og ble ikke lest; identmeldingen som ble brukt, er «{}».", name(i), self.ident.map(name).unwrap_or_default()),
                    format!("«{}» is also an identmelding and was not read; the identmelding used is «{}».", name(i), self.ident.map(name).unwrap_or_default()),
                ),
                _ => (
                    format!("«{}» er {kind_nb}, ikke en IPLOS-fil eller identmelding, og ble ikke lest.", name(i)),
                    format!("«{}» is {kind_en}, not an IPLOS file or identmelding, and was not read.", name(i)),
                ),
            };
            out.push(note(nb, en));
        }
        out
    }

    /// A streamed check of the planned fagmelding, with the identmelding's
    /// bytes when the plan has one. Push the fagmelding's bytes into it.
    pub fn session(&self, ident: Option<&[u8]>, opts: Options) -> Session {
        let main_name = self.main.map_or("", |i| self.files[i].name.as_str());
        let ident = self
            .ident
            .zip(ident)
            .map(|(i, bytes)| Input::new(&self.files[i].name, bytes));
        let mut s = Session::new(main_name, ident, opts);
        for n in self.notes() {
            s.note(n);
        }
        s
    }
}

fn note(nb: String, en: String) -> Note {
    Note::new("FIL-21", Pos::default(), nb, en)
}

/// Checks files given together, whole: each given its role by content.
pub fn check_files(files: &[(Input, Slot)], opts: &Options) -> crate::Report {
    let mut plan = Plan::new();
    for (f, slot) in files {
        plan.add(f.name, f.bytes, *slot);
    }
    plan.decide();
    let ident = plan.ident.map(|i| files[i].0.bytes);
    let mut s = plan.session(ident, opts.clone());
    if let Some(i) = plan.main {
        for chunk in files[i].0.bytes.chunks(CHUNK) {
            s.push(chunk);
        }
    }
    s.finish()
}
