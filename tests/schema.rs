//! Our XML fixtures are real IPLOS files, not our idea of them: each is
//! validated against the official schemas with `xmllint --schema`, and the
//! checker's FIL-17 ("breaks the official schema") must agree with xmllint
//! on every 2018 fixture. The schemas are not copied into the repository
//! (see `common::official_schemas`): without them these tests are skipped,
//! visibly, and in CI they fail.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs xmllint: whether `file` is valid, or a panic saying what is missing.
fn xmllint(xsd_dir: &Path, schema: &str, file: &Path) -> bool {
    let xsd = xsd_dir.join(schema);
    assert!(
        xsd.exists(),
        "the official schema {} is missing",
        xsd.display()
    );
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(&xsd)
        .arg(file)
        .current_dir(xsd_dir)
        .output()
        .expect("xmllint is installed by `npm test` (Debian libxml2-utils)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("failed to load") && !stderr.contains("WXS schema"),
        "xmllint could not load {schema}: {stderr}"
    );
    out.status.success()
}

fn names(suffix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    v.sort();
    v
}

#[test]
fn identmelding_fixtures_follow_the_official_schema() {
    let Some(xsd) =
        common::official_schemas("schema::identmelding_fixtures_follow_the_official_schema")
    else {
        return;
    };
    let idents = names("-ident.xml");
    assert!(!idents.is_empty());
    for f in idents {
        assert!(
            xmllint(&xsd, "XPR(ide).xsd", &f),
            "{} breaks the identmelding schema",
            f.display()
        );
    }
}

#[test]
fn fil_17_agrees_with_xmllint() {
    let Some(xsd) = common::official_schemas("schema::fil_17_agrees_with_xmllint") else {
        return;
    };
    let mut checked = 0;
    for f in names(".xml") {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with("-ident.xml") {
            continue;
        }
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        // Only files that declare the 2018 schema can be judged by it.
        if !text.contains("xmlstds/iplos/2018") {
            continue;
        }
        let report = iplos_sjekk::check(
            iplos_sjekk::Input::new(&name, &bytes),
            None,
            &Default::default(),
        );
        let fatal = report.counts.fatal > 0;
        let ours = report.findings.iter().any(|x| x.code == "FIL-17");
        let theirs = !xmllint(&xsd, "IPLOS(2018)rev2018_10_10.xsd", &f);
        if fatal {
            assert!(
                theirs,
                "{name}: we could not read it, but xmllint validates it"
            );
        } else {
            assert_eq!(
                ours, theirs,
                "{name}: FIL-17 {ours} but xmllint says invalid={theirs}: {:#?}",
                report.findings
            );
        }
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} 2018 fixtures");
}

/// The clean fixtures must validate outright.
#[test]
fn clean_fixtures_validate() {
    let Some(xsd) = common::official_schemas("schema::clean_fixtures_validate") else {
        return;
    };
    for name in ["klar-2025.xml", "feil-i-poster-2025.xml"] {
        assert!(
            xmllint(&xsd, "IPLOS(2018)rev2018_10_10.xsd", &fixtures().join(name)),
            "{name}"
        );
    }
}

mod common;

/// One change at a time to the clean baseline: our FIL-17 and xmllint agree.
#[test]
fn fil_17_agrees_with_xmllint_on_single_changes() {
    let Some(xsd) =
        common::official_schemas("schema::fil_17_agrees_with_xmllint_on_single_changes")
    else {
        return;
    };
    let edits: &[(&str, &str)] = &[
        ("<peKjonn>K</peKjonn>", "<peKjonn>X</peKjonn>"),
        ("<tjTimerUke>7.5</tjTimerUke>", "<tjTimerUke>7,5</tjTimerUke>"),
        ("<tjTimerUke>7.5</tjTimerUke>", "<tjTimerUke>200</tjTimerUke>"),
        ("<tjTimerUke>7.5</tjTimerUke>", "<tjTimerUke>7.125</tjTimerUke>"),
        ("<poHusstand>1</poHusstand>", "<poHusstand>4</poHusstand>"),
        ("<tjVedtDato>20250110</tjVedtDato>", ""),
        ("<tjVedtDato>20250110</tjVedtDato>", "<tjVedtDato>20250231</tjVedtDato>"),
        ("<tjVedtDato>20250110</tjVedtDato>", "<tjVedtDato>2025-01-10</tjVedtDato>"),
        ("<peEndrDato>20250601</peEndrDato>\n", ""),
        ("<peFraDato>20200301</peFraDato>\n", ""),
        ("<peBydelsnr>03</peBydelsnr>", "<peBydelsnr>3</peBydelsnr>"),
        ("<peBydelsnr>03</peBydelsnr>", "<peBydelsnr>99</peBydelsnr>"),
        ("<peKomnr>4601</peKomnr>\n<peBydelsnr>03", "<peKomnr>9998</peKomnr>\n<peBydelsnr>03"),
        ("<peKomnr>4601</peKomnr>\n<peBydelsnr>03", "<peKomnr>460</peKomnr>\n<peBydelsnr>03"),
        ("<peAlder>87</peAlder>", "<peAlder>åtti</peAlder>"),
        ("<peAlder>87</peAlder>", "<peAlder>130</peAlder>"),
        ("<peAlder>87</peAlder>\n<peKjonn>K</peKjonn>", "<peKjonn>K</peKjonn>\n<peAlder>87</peAlder>"),
        ("<peAlder>87</peAlder>", "<peAlder>87</peAlder><peAlder>87</peAlder>"),
        ("<peAlder>87</peAlder>", "<peAlder>87</peAlder><peSkostorrelse>41</peSkostorrelse>"),
        ("<iiInnhType>P</iiInnhType>", "<iiInnhType>Q</iiInnhType>"),
        ("<iiSysID>TESTEPJ</iiSysID>\n", ""),
        ("<iiKontakt><Type>2</Type><Navn>Ola</Navn><Telefon>55000001</Telefon><Epost>ola@example.invalid</Epost></iiKontakt>\n", ""),
        ("<Type>2</Type>", "<Type>4</Type>"),
        ("versjon=\"3.5\"", "versjon=\"3.7\""),
        ("<tjTjenType>15</tjTjenType>", "<tjTjenType>10</tjTjenType>"),
        ("<tjTjenType>15</tjTjenType>", "<tjTjenType>femten</tjTjenType>"),
        ("<tjTjenType>15</tjTjenType>", ""),
        ("<tjInstOrgnr>991000011</tjInstOrgnr>", "<tjInstOrgnr>9910000111</tjInstOrgnr>"),
        ("<tjInstOrgnr>991000011</tjInstOrgnr>", "<tjInstOrgnr>991000012</tjInstOrgnr>"),
        ("<diKodeVersjon>ICD-10</diKodeVersjon>", "<diKodeVersjon>ICD10</diKodeVersjon>"),
        ("<diDiagKode>F03</diDiagKode>", "<diDiagKode>F03.12345678</diDiagKode>"),
        ("<poVurdLege>202503</poVurdLege>", "<poVurdLege>202513</poVurdLege>"),
        ("<poVurdLege>202503</poVurdLege>", "<poVurdLege>202603</poVurdLege>"),
        ("<fnFunkVerdi>3</fnFunkVerdi><fnFraDato>20250210</fnFraDato><fnTilDato>20251231</fnTilDato></FUNKSJON>\n<FUNKSJON fnPeID=\"1001\" fnFnID=\"2\">", "<fnFunkVerdi>7</fnFunkVerdi><fnFraDato>20250210</fnFraDato><fnTilDato>20251231</fnTilDato></FUNKSJON>\n<FUNKSJON fnPeID=\"1001\" fnFnID=\"2\">"),
        ("<fnFraDato>20250210</fnFraDato><fnTilDato>20251231</fnTilDato></FUNKSJON>\n<FUNKSJON fnPeID=\"1001\" fnFnID=\"2\">", "<fnFraDato>20250210</fnFraDato></FUNKSJON>\n<FUNKSJON fnPeID=\"1001\" fnFnID=\"2\">"),
        ("<TJENESTE tjPeID=\"1001\" tjTjID=\"1\" tjVeID=\"1\" tjVeNrID=\"1\">", "<TJENESTE tjPeID=\"1001\" tjTjID=\"1\" tjVeID=\"1\">"),
        ("<TJENESTE tjPeID=\"1001\" tjTjID=\"1\"", "<TJENESTE tjPeID=\"1001\" tjTjID=\"en\""),
    ];
    let dir = std::env::temp_dir().join(format!("iplos-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut disagreements = Vec::new();
    for (i, (from, to)) in edits.iter().enumerate() {
        let text = common::replace_once(&common::fagmelding(), from, to, to);
        let path = dir.join(format!("case{i}.xml"));
        std::fs::write(&path, &text).unwrap();
        let report = iplos_sjekk::check(
            iplos_sjekk::Input::new("x.xml", text.as_bytes()),
            None,
            &Default::default(),
        );
        let ours = report.findings.iter().any(|x| x.code == "FIL-17");
        let theirs = !xmllint(&xsd, "IPLOS(2018)rev2018_10_10.xsd", &path);
        if ours != theirs {
            let codes: Vec<_> = report.findings.iter().map(|f| f.code).collect();
            disagreements.push(format!(
                "«{from}» → «{to}»: ours {ours}, xmllint {theirs}; {codes:?}"
            ));
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

/// The three cases, by name: an empty code, an empty code version
/// and a padded service code each break the schema, so FIL-17 is raised
/// and the file is not "klar" (the differential test covers thousands
/// more, against xmllint).
#[test]
fn empty_and_padded_values_break_the_schema() {
    let fag = common::fagmelding();
    let ident = common::identmelding();
    for (from, to) in [
        ("<fnFunkVerdi>3</fnFunkVerdi>", "<fnFunkVerdi/>"),
        (
            "<diKodeVersjon>ICD-10</diKodeVersjon>",
            "<diKodeVersjon></diKodeVersjon>",
        ),
        (
            "<tjTjenType>15</tjTjenType>",
            "<tjTjenType> 15 </tjTjenType>",
        ),
    ] {
        assert!(fag.contains(from), "the baseline holds {from}");
        let bad = fag.replacen(from, to, 1);
        let r = iplos_sjekk::check(
            iplos_sjekk::Input::new("fag.xml", bad.as_bytes()),
            Some(iplos_sjekk::Input::new("ident.xml", ident.as_bytes())),
            &iplos_sjekk::Options::default(),
        );
        assert!(
            r.findings.iter().any(|f| f.code == "FIL-17"),
            "{to}: no FIL-17 in {:?}",
            r.findings.iter().map(|f| f.code).collect::<Vec<_>>()
        );
        assert_ne!(r.verdict, iplos_sjekk::report::Verdict::Klar, "{to}");
    }
}
