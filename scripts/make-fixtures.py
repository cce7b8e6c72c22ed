#!/usr/bin/env python3
"""Writes the described XML fixtures in tests/fixtures/ (synthetic persons only).

Identity numbers use month + 80 (the Tenor convention for synthetic numbers)
with valid check digits; organisation numbers are made up with a valid
mod-11 check digit. Run from the repo root; the output is committed.
"""
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures")
W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def k(digits, weights):
    r = 11 - sum(a * b for a, b in zip(weights, digits)) % 11
    return 0 if r == 11 else r


def synthetic_fnr(day, month, year, individ, male):
    """A synthetic number (month + 80) born on day.month.year."""
    yy = year % 100
    while True:
        if (individ % 2 == 1) != male:
            individ += 1
            continue
        d = [int(c) for c in f"{day:02d}{month + 80:02d}{yy:02d}{individ:03d}"]
        k1 = k(d, W1)
        if k1 != 10:
            k2 = k(d + [k1], W2)
            if k2 != 10:
                return "".join(map(str, d + [k1, k2]))
        individ += 2


def orgnr(prefix8):
    d = [int(c) for c in prefix8]
    c = 11 - sum(a * b for a, b in zip([3, 2, 7, 6, 5, 4, 3, 2], d)) % 11
    c = 0 if c == 11 else c
    assert c != 10, prefix8
    return prefix8 + str(c)


HJEMME = orgnr("99100001")
SYKEHJEM = orgnr("99100003")
NS = "http://www.npr.no/xmlstds/iplos/2018"


def header(year, komnr="4601", bydel="00", lopenr="L-2025-001"):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<IPLOS xmlns="{NS}" versjon="3.5">
  <INNHINFO>
    <iiInnhType>P</iiInnhType>
    <iiKomnr>{komnr}</iiKomnr>
    <iiBydelsnr>{bydel}</iiBydelsnr>
    <iiKontakt><Type>1</Type><Navn>Kari Testansvarlig</Navn><Telefon>55000000</Telefon><Epost>kari@example.invalid</Epost></iiKontakt>
    <iiKontakt><Type>2</Type><Navn>Ola Iploskontakt</Navn><Telefon>55000001</Telefon><Epost>ola@example.invalid</Epost></iiKontakt>
    <iiFraDato>{year}0101</iiFraDato>
    <iiTilDato>{year}1231</iiTilDato>
    <iiLagetDato>{year + 1}0105</iiLagetDato>
    <iiSysID>TESTEPJ</iiSysID>
    <iiSysVersjon>1.0</iiSysVersjon>
    <iiLopenr>{lopenr}</iiLopenr>
  </INNHINFO>
"""


def funksjon(pid, year, n_vars=20, start=1):
    out = []
    for v in range(start, n_vars + 1):
        out.append(
            f'    <FUNKSJON fnPeID="{pid}" fnFnID="{v}"><fnFunkType>{v}</fnFunkType><fnFunkVerdi>{(v % 5) + 1}</fnFunkVerdi>'
            f"<fnFraDato>{year}0210</fnFraDato><fnTilDato>{year}1231</fnTilDato></FUNKSJON>\n"
        )
    return "".join(out)


def person(pid, alder, kjonn, komnr, bydel, body, fnr_elem="", year=2025):
    return (
        f'  <PERSON pePeID="{pid}">\n{fnr_elem}    <peAlder>{alder}</peAlder>\n    <peKjonn>{kjonn}</peKjonn>\n'
        f"    <peKomnr>{komnr}</peKomnr>\n    <peBydelsnr>{bydel}</peBydelsnr>\n    <peFraDato>{year - 5}0301</peFraDato>\n"
        f"    <peEndrDato>{year}0601</peEndrDato>\n{body}  </PERSON>\n"
    )


def oppl(pid, husstand="1", year=2025):
    return (
        f'    <PERSONOPPL poPeID="{pid}" poPoID="1"><poHusstand>{husstand}</poHusstand><poVurdLege>{year}03</poVurdLege>'
        f"<poIndPlan>2</poIndPlan><poFraDato>{year}0101</poFraDato></PERSONOPPL>\n"
    )


def tjeneste(pid, tjid, code, fra, til=None, timer=None, org=None, vedtak="2", rullerende=None, vedt=None):
    vedt = vedt or fra
    parts = [f"<tjTjenType>{code}</tjTjenType>", f"<tjVedtDato>{vedt}</tjVedtDato>", f"<tjVedtak>{vedtak}</tjVedtak>"]
    if timer is not None:
        parts.append(f"<tjTimerUke>{timer}</tjTimerUke>")
    if rullerende is not None:
        parts.append(f"<tjRullerende>{rullerende}</tjRullerende>")
    if org is not None:
        parts.append(f"<tjInstOrgnr>{org}</tjInstOrgnr>")
    parts.append(f"<tjFraDato>{fra}</tjFraDato>")
    if til:
        parts.append(f"<tjTilDato>{til}</tjTilDato>")
    return f'    <TJENESTE tjPeID="{pid}" tjTjID="{tjid}" tjVeID="{tjid}" tjVeNrID="1">{"".join(parts)}</TJENESTE>\n'


def diagnose(pid, code="F03", ver="ICD-10"):
    return (
        f'    <DIAGNOSE diPeID="{pid}" diDiID="1"><diKodeVersjon>{ver}</diKodeVersjon><diDiagKode>{code}</diDiagKode>'
        f"<diFraDato>20240101</diFraDato><diTilDato>20251231</diTilDato></DIAGNOSE>\n"
    )


def ident(persons, lopenr="L-2025-001", year=2025):
    rows = "".join(
        f'      <PasientIdent pid="{pid}" fid="{fid}" typeID="1"/>\n' for pid, fid in persons
    )
    return f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<Melding xmlns="http://www.npr.no/xmlstds/53_1_2_ide" versjon="53.1.2" meldingstype="B" fraDatoPeriode="{year}-01-01" tilDatoPeriode="{year}-12-31" uttakDato="{year + 1}-01-05" leverandor="Testleverandør" navnEPJ="TESTEPJ" versjonEPJ="1.0" versjonUt="1.0" lopenr="{lopenr}">
  <Kontaktperson kontPerson="Kari Testansvarlig" meldEpost1="kari@example.invalid" typeKontaktperson="16"/>
  <Institusjon institusjonID="4601">
{rows}  </Institusjon>
</Melding>
"""


def write(name, text, encoding="utf-8"):
    with open(os.path.join(OUT, name), "w", encoding=encoding, newline="\n") as f:
        f.write(text)


def clean_2025():
    p1 = synthetic_fnr(12, 3, 1938, 101, False)  # 87 at 31.12.2025, K
    p2 = synthetic_fnr(5, 11, 1950, 211, True)  # 75, M
    p3 = synthetic_fnr(23, 7, 1990, 321, True)  # 35, M
    body1 = oppl(1001) + funksjon(1001, 2025) + tjeneste(1001, 1, 15, "20250115", timer="7.5", org=HJEMME) + tjeneste(1001, 2, 6, "20250115") + diagnose(1001)
    body2 = oppl(1002, "2") + funksjon(1002, 2025) + tjeneste(1002, 3, 21, "20240601", org=SYKEHJEM) + diagnose(1002, "K86", "ICPC-2")
    body3 = oppl(1003, "3") + funksjon(1003, 2025) + tjeneste(1003, 4, 9, "20250301", "20251130", timer="3") + tjeneste(1003, 5, 8, "20250401", "20250414", org=SYKEHJEM, rullerende="2")
    xml = header(2025, bydel="00") + person(1001, 87, "K", "4601", "03", body1) + person(1002, 75, "M", "4601", "08", body2) + person(1003, 35, "M", "4601", "01", body3) + "</IPLOS>\n"
    write("klar-2025.xml", xml)
    write("klar-2025-ident.xml", ident([(1001, p1), (1002, p2), (1003, p3)]), "iso-8859-1")
    return xml, [(1001, p1), (1002, p2), (1003, p3)]


def errors_2025():
    p1 = synthetic_fnr(2, 4, 1945, 131, True)
    p2 = synthetic_fnr(30, 9, 1961, 241, False)
    p3 = synthetic_fnr(14, 1, 1933, 351, False)
    # Person 1: 200 hours a week (TJE-09) on home health care.
    body1 = oppl(2001) + funksjon(2001, 2025) + tjeneste(2001, 1, 15, "20250115", timer="200", org=HJEMME)
    # Person 2: service ends before it starts (TJE-05); code 16 not valid in 2025 (TJE-03).
    body2 = oppl(2002, "2") + funksjon(2002, 2025) + tjeneste(2002, 2, 1, "20250601", "20250301", timer="4", org=HJEMME) + tjeneste(2002, 3, 16, "20250101")
    # Person 3: clean.
    body3 = oppl(2003) + funksjon(2003, 2025) + tjeneste(2003, 4, 21, "20230101", org=SYKEHJEM)
    xml = header(2025, lopenr="L-2025-002") + person(2001, 80, "M", "4601", "02", body1) + person(2002, 64, "K", "4601", "05", body2) + person(2003, 92, "K", "4601", "07", body3) + "</IPLOS>\n"
    write("feil-i-poster-2025.xml", xml)
    write("feil-i-poster-2025-ident.xml", ident([(2001, p1), (2002, p2), (2003, p3)], "L-2025-002"), "iso-8859-1")


def schema_2025():
    # A sex code outside the schema's list and a decimal comma: the receiver rejects the file.
    body = oppl(3001) + funksjon(3001, 2025) + tjeneste(3001, 1, 15, "20250115", timer="7,5", org=HJEMME)
    xml = header(2025, lopenr="L-2025-003") + person(3001, 70, "X", "4601", "04", body) + "</IPLOS>\n"
    write("avvises-2025.xml", xml)


def truncated(xml):
    cut = xml.index("<tjTjenType>21")
    write("trunkert-2025.xml", xml[:cut])


def before_2018():
    p1 = synthetic_fnr(9, 6, 1940, 141, False)
    fnr_elem = f"    <peFnr>{p1}</peFnr>\n"
    body = oppl(1, year=2017) + funksjon(1, 2017, 17) + tjeneste(1, 1, 15, "20170110", timer="5", org=HJEMME) + tjeneste(1, 2, 12, "20160101")
    xml = header(2017, komnr="0301", bydel="05", lopenr="2017-1").replace(f' xmlns="{NS}" versjon="3.5"', ' versjon="3.3"')
    xml = xml.replace("<iiKontakt>", "<iiKontakt>", 1)
    xml += person(1, 77, "K", "0301", "05", body, fnr_elem, 2017) + "</IPLOS>\n"
    write("iplos-2017-pefnr.xml", xml)


if __name__ == "__main__":
    xml, _ = clean_2025()
    errors_2025()
    schema_2025()
    truncated(xml)
    before_2018()
