// The summary an embedding host gets (the <iplos-sjekk> element's
// iplos-result event, the iframe's answer): the verdict, the counts, the
// year and the duties per service code. Built from a list of allowed keys,
// never by deleting from the report, so a field the engine adds later cannot
// slip through: no findings, no fid, no pePeID, no file name, no hash. As a
// last guard every string is masked again (mask.js: 11 digits, or 6 + 5
// split by a space, dash or dot), and a number of 11 digits or more is dropped.

import { maskIdentities } from './mask.js';

const COUNT_KEYS = ['fatal', 'error', 'warning', 'info'];
const PERSON_KEYS = ['thisYear', 'lastYear', 'inBoth', 'onlyLastYear', 'onlyThisYear', 'renumbered'];
const SERVICE_KEYS = ['code', 'name', 'nameEn', 'records', 'persons', 'registers', 'basis', 'basisEn', 'basisConfidence', 'inIplosScope', 'validInYear'];

/** The host-safe summary of a report (the JSON contract). */
export function summarize(report) {
  const r = report ?? {};
  const d = r.duties ?? null;
  const prov = r.provenance ?? {};
  const summary = {
    verdict: r.verdict ?? null,
    verdictText: r.verdictText ?? null,
    verdictTextEn: r.verdictTextEn ?? null,
    counts: Object.fromEntries(COUNT_KEYS.map((k) => [k, Number(r.counts?.[k] ?? 0)])),
    persons: Number(r.persons ?? 0),
    personsWithErrors: Number(r.personsWithErrors ?? 0),
    records: r.records && typeof r.records === 'object' ? { ...r.records } : {},
    year: r.year ?? null,
    kommune: r.kommune ?? null,
    duties: d && {
      year: d.year ?? null,
      registers: d.registers ?? [],
      deadline: d.deadline ?? null,
      receiver: d.receiver ?? null,
      receiverEn: d.receiverEn ?? null,
      byService: (d.byService ?? []).map((row) => Object.fromEntries(SERVICE_KEYS.filter((k) => k in row).map((k) => [k, row[k]]))),
    },
    // Counts only: no person of either year, no file name.
    comparison: r.comparison
      ? {
          year: r.comparison.year ?? null,
          previousYear: r.comparison.previousYear ?? null,
          persons: Object.fromEntries(PERSON_KEYS.map((k) => [k, Number(r.comparison.persons?.[k] ?? 0)])),
          findings: (r.comparison.findings ?? []).map((n) => ({ code: String(n.code), count: Number(n.count ?? 0) })),
        }
      : null,
    format: prov.format ?? null,
    encoding: prov.encoding ?? null,
    rulesVersion: prov.rulesVersion ?? null,
    engineVersion: prov.engineVersion ?? null,
  };
  return scrub(summary);
}

/** A deep copy with every string masked and no number that could be an identity number. */
function scrub(value) {
  if (typeof value === 'string') return maskIdentities(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) >= 1e10) return null;
  return value;
}
