// The programmatic check, shared by the embedding module's check() and the
// iframe page: input as File, Blob, ArrayBuffer or a typed array; options
// {year, ident, identName, name, previous, previousIdent, previousName,
// previousIdentName, profile, kommune, checkedAt, chunkSize, onProgress,
// signal}; resolves to the whole report (the JSON contract).

/** A File with a name, whatever bytes-like `input` is. */
export function toFile(input, name = 'fil') {
  if (typeof File !== 'undefined' && input instanceof File) return input;
  if (input instanceof Blob) return new File([input], input.name ?? name, { type: input.type });
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return new File([input], name);
  throw new TypeError('input must be a File, Blob, ArrayBuffer or Uint8Array (fil, Blob, ArrayBuffer eller Uint8Array)');
}

/**
 * A profile for the engine's options: a built-in name (`builtIn` maps names
 * to JSON text), a profile object, or JSON text; null when none is given.
 */
export function resolveProfile(profile, builtIn = {}) {
  if (profile == null || profile === '') return null;
  if (typeof profile === 'object') return JSON.stringify(profile);
  const text = String(profile).trim();
  if (Object.hasOwn(builtIn, text)) return builtIn[text];
  if (text.startsWith('{')) return text;
  throw new Error(`ukjent profil (unknown profile) "${text}"; innebygde: ${Object.keys(builtIn).join(', ')}`);
}

/**
 * Runs one check on `engine` (engine.js). Only the options named here reach
 * the engine, always in its masked 'report' mode: no option of check()
 * reveals identity numbers.
 */
export async function checkWith(engine, input, options = {}, builtInProfiles = {}) {
  const { year, ident, identName, name, previous, previousIdent, previousName, previousIdentName, profile, kommune, checkedAt, chunkSize, onProgress, signal } = options;
  signal?.throwIfAborted();
  const main = toFile(input, name ?? 'fil');
  const identFile = ident ? toFile(ident, identName ?? 'identmelding.xml') : null;
  // Last year's file and its identmelding: roles by content, like this year's.
  const lastYear = [previous && toFile(previous, previousName ?? 'fjoraaret'), previousIdent && toFile(previousIdent, previousIdentName ?? 'fjoraaret-identmelding.xml')].filter(Boolean);
  const engineOptions = { checkedAt: checkedAt ?? new Date().toISOString() };
  if (year != null && year !== '') engineOptions.year = Number(year);
  if (kommune) engineOptions.kommune = String(kommune);
  const profileText = resolveProfile(profile, builtInProfiles);
  if (profileText) engineOptions.profile = profileText;
  await engine.ensure();
  signal?.throwIfAborted();
  const job = engine.run({ main, ident: identFile, previous: lastYear, options: engineOptions, chunkSize, onProgress });
  const abort = () => job.cancel();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const { report } = await job.promise;
    return report;
  } catch (e) {
    if (e.cancelled && signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
    if (e.panic) engine.restart().catch(() => {});
    throw e;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}
