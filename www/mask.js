// The page's copy of the engine's masking rule (src/privacy.rs, `mask`),
// for the texts the page writes itself rather than takes from a report: the
// chosen file's name, an error's message, and, as a last guard, every string
// of the summary a host page gets. The engine masks everything it returns.
//
// What reads as an identity number:
// - a run of 11 or more digits: the first six are kept, the rest become
//   `*****` (as the report's masked `fid`, `050180*****`);
// - a run of exactly six digits, one space, dash or dot, and five or more
//   digits (`991234 56789`): the six and the separator are kept.
// Control characters (C0, DEL, C1, and the bidirectional marks that can make
// text read otherwise than it holds) are shown as `\x1b` / `\u{202e}`.

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const isDigit = (c) => c >= 48 && c <= 57;

function digitRun(text, from) {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i - from;
}

function visible(ch) {
  const c = ch.codePointAt(0);
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u{${c.toString(16).padStart(4, '0')}}`;
}

/** `text` with identity numbers masked and control characters made visible. */
export function maskIdentities(value) {
  const text = String(value ?? '');
  if (!/\d{6}/.test(text) && !CONTROL.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      const run = digitRun(text, i);
      const end = i + run;
      if (run >= 11) {
        out += `${text.slice(i, i + 6)}*****`;
        i = end;
        continue;
      }
      const sep = text[end];
      if (run === 6 && (sep === ' ' || sep === '-' || sep === '.')) {
        const second = digitRun(text, end + 1);
        if (second >= 5) {
          out += `${text.slice(i, end + 1)}*****`;
          i = end + 1 + second;
          continue;
        }
      }
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i));
    out += CONTROL.test(ch) ? visible(ch) : ch;
    i += ch.length;
  }
  return out;
}
