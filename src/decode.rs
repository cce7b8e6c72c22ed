//! Bytes to text: which encoding a file is in, and where a byte offset is.
//!
//! Detection order (docs/format.md §5): a byte-order mark (UTF-8, UTF-16LE/BE),
//! else strict UTF-8, else Windows-1252 (which covers ISO-8859-1, the
//! identmelding schema's declared encoding). UTF-16 without a mark is
//! recognised from a leading `<` or ASCII letter next to a zero byte. Text
//! that cannot be text (a NUL byte, a broken UTF-16 file) is a Fatal note
//! with its position, never a panic.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::finding::{Note, Pos};

/// A decoded input.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding's name as shown in the report.
    pub encoding: &'static str,
    pub bom: bool,
}

/// Decodes an input file. A Fatal `FIL-01` note when it is not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Note> {
    let (enc, bom_len): (&'static Encoding, usize) = match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (UTF_8, 3),
        [0xFF, 0xFE, ..] => (UTF_16LE, 2),
        [0xFE, 0xFF, ..] => (UTF_16BE, 2),
        [a, 0, ..] if a.is_ascii_graphic() => (UTF_16LE, 0),
        [0, a, ..] if a.is_ascii_graphic() => (UTF_16BE, 0),
        _ => {
            return Ok(match std::str::from_utf8(bytes) {
                Ok(s) => {
                    check_text(s)?;
                    Decoded {
                        text: Cow::Borrowed(s),
                        encoding: "UTF-8",
                        bom: false,
                    }
                }
                Err(_) => {
                    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
                    check_text(&text)?;
                    Decoded {
                        text,
                        encoding: "windows-1252",
                        bom: false,
                    }
                }
            })
        }
    };
    let body = &bytes[bom_len..];
    let text = if enc == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => Cow::Borrowed(s),
            Err(e) => {
                let at = e.valid_up_to();
                let pos = LineIndex::new(&body[..at]).pos(at);
                return Err(Note::new(
                    "FIL-01",
                    pos,
                    format!("Filen sier at den er UTF-8 (BOM), men har en ugyldig byte etter linje {}, kolonne {}.", pos.line, pos.column),
                    format!("The file says it is UTF-8 (BOM) but has an invalid byte after line {}, column {}.", pos.line, pos.column),
                ));
            }
        }
    } else {
        if !body.len().is_multiple_of(2) {
            return Err(Note::new(
                "FIL-01",
                Pos { line: 1, column: 1 },
                format!("Filen ser ut som UTF-16, men har et odde antall byte ({}): den er avkortet eller ødelagt.", body.len()),
                format!("The file looks like UTF-16 but has an odd number of bytes ({}): it is truncated or damaged.", body.len()),
            ));
        }
        match enc.decode_without_bom_handling_and_without_replacement(body) {
            Some(t) => Cow::Owned(t.into_owned()),
            None => {
                return Err(Note::new(
                    "FIL-01",
                    Pos { line: 1, column: 1 },
                    "Filen ser ut som UTF-16, men inneholder ugyldige tegn.".into(),
                    "The file looks like UTF-16 but holds invalid characters.".into(),
                ))
            }
        }
    };
    check_text(&text)?;
    Ok(Decoded {
        text,
        encoding: enc.name(),
        bom: bom_len > 0,
    })
}

/// A NUL byte means a binary file, not a text export.
fn check_text(s: &str) -> Result<(), Note> {
    if let Some(at) = memchr::memchr(0, s.as_bytes()) {
        let pos = LineIndex::new(s.as_bytes()).pos(at);
        return Err(Note::new(
            "FIL-01",
            pos,
            format!("Filen inneholder en NUL-byte (linje {}, kolonne {}): den er ikke en tekstfil, eller den er ødelagt.", pos.line, pos.column),
            format!("The file contains a NUL byte (line {}, column {}): it is not a text file, or it is damaged.", pos.line, pos.column),
        ));
    }
    Ok(())
}

/// Whether an encoding label (from an XML declaration) names what was found.
pub fn label_matches(label: &str, found: &str, text_is_ascii: bool) -> bool {
    match Encoding::for_label(label.trim().as_bytes()) {
        None => false,
        Some(e) if e.name() == found => true,
        // Both are ASCII supersets: pure ASCII text fits either.
        Some(e) => {
            text_is_ascii
                && (e == UTF_8 || e == WINDOWS_1252)
                && (found == "UTF-8" || found == "windows-1252")
                || (e == UTF_16LE || e == UTF_16BE) && found.starts_with("UTF-16")
        }
    }
}

/// The position after `text`, starting at `pos` (column counts characters
/// of UTF-8). This runs over every byte of every file, so newlines are
/// found with memchr and only the last line's characters are counted.
pub fn advance(pos: Pos, text: &[u8]) -> Pos {
    let (newlines, last) = if text.len() <= 128 {
        newlines_short(text)
    } else {
        let mut n = 0u32;
        let mut last = None;
        for i in memchr::memchr_iter(b'\n', text) {
            n += 1;
            last = Some(i);
        }
        (n, last)
    };
    let tail = match last {
        Some(i) => &text[i + 1..],
        None => text,
    };
    let chars = if tail.is_ascii() {
        tail.len()
    } else {
        tail.iter().filter(|&&b| b & 0xC0 != 0x80).count()
    } as u32;
    if newlines == 0 {
        Pos {
            line: pos.line,
            column: pos.column + chars,
        }
    } else {
        Pos {
            line: pos.line + newlines,
            column: 1 + chars,
        }
    }
}

/// The position after `window[from..to]`, starting at `pos`: [`advance`],
/// made for the few dozen bytes between two start tags. Where the window
/// has 64 bytes from `from` on, they are looked at 16 at a time (SSE2, which
/// every x86-64 processor has): newlines and non-ASCII bytes become bit
/// masks, and the count and the last newline come from those.
#[inline]
pub fn advance_in(pos: Pos, window: &[u8], from: usize, to: usize) -> Pos {
    #[cfg(target_arch = "x86_64")]
    if to >= from && to - from <= 64 {
        let bytes = window.get(from..from + 64).and_then(|b| b.try_into().ok());
        if let Some(p) = bytes.and_then(|b| advance_64(pos, b, to - from)) {
            return p;
        }
    }
    advance(pos, &window[from..to])
}

/// [`advance_in`] over the first `n` (at most 64) of `bytes`, for ASCII
/// text; `None` when a byte is not ASCII (the caller counts characters the
/// long way).
#[cfg(target_arch = "x86_64")]
#[inline]
fn advance_64(pos: Pos, bytes: &[u8; 64], n: usize) -> Option<Pos> {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    let (newlines, high) = {
        let at = bytes.as_ptr();
        let mut newlines = 0u64;
        let mut high = 0u64;
        for k in 0..4 {
            // SAFETY: the four unaligned 16-byte loads read the 64 bytes of
            // `bytes`, nothing beyond. SSE2 is part of x86-64 itself, so the
            // intrinsics are always there.
            let (nl, hi) = unsafe {
                let v = _mm_loadu_si128(at.add(16 * k).cast::<__m128i>());
                let nl = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\n' as i8)));
                (nl as u16, _mm_movemask_epi8(v) as u16)
            };
            newlines |= u64::from(nl) << (16 * k);
            high |= u64::from(hi) << (16 * k);
        }
        (newlines, high)
    };
    let keep = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
    if high & keep != 0 {
        return None;
    }
    let newlines = newlines & keep;
    Some(if newlines == 0 {
        Pos {
            line: pos.line,
            column: pos.column + n as u32,
        }
    } else {
        // Bytes after the last newline, up to `n`.
        let last = 63 - newlines.leading_zeros();
        Pos {
            line: pos.line + newlines.count_ones(),
            column: 1 + (n as u32 - last - 1),
        }
    })
}

/// The number of newlines in a short text and where the last one is,
/// eight bytes at a time (the text between two tags is a few dozen bytes,
/// too short for memchr's set-up to pay off).
fn newlines_short(text: &[u8]) -> (u32, Option<usize>) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NL: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut n = 0u32;
    let mut last = None;
    let mut chunks = text.chunks_exact(8);
    let mut base = 0usize;
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let x = w ^ NL;
        // The high bit of each byte that was a newline (exact, no carries).
        let hits = !(((x & LOW7) + LOW7) | x | LOW7);
        if hits != 0 {
            n += hits.count_ones();
            last = Some(base + (63 - hits.leading_zeros() as usize) / 8);
        }
        base += 8;
    }
    let rest = chunks.remainder().len();
    if rest > 0 && text.len() >= 8 {
        // The last eight bytes, of which the first `8 - rest` were counted
        // already: one more word instead of a loop over the rest.
        let start = text.len() - 8;
        let c = &text[start..];
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let x = w ^ NL;
        let hits = !(((x & LOW7) + LOW7) | x | LOW7) & (!0u64 << ((8 - rest) * 8));
        if hits != 0 {
            n += hits.count_ones();
            last = Some(start + (63 - hits.leading_zeros() as usize) / 8);
        }
    } else {
        for (i, &b) in chunks.remainder().iter().enumerate() {
            if b == b'\n' {
                n += 1;
                last = Some(base + i);
            }
        }
    }
    (n, last)
}

/// Turns byte offsets into line and column, fast for offsets that only grow.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a [u8],
    at: usize,
    line: u32,
    line_start: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a [u8]) -> LineIndex<'a> {
        LineIndex {
            text,
            at: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// Line and column (1-based, column in characters) of a byte offset.
    pub fn pos(&mut self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            self.at = 0;
            self.line = 1;
            self.line_start = 0;
        }
        for (i, &b) in self.text[self.at..offset].iter().enumerate() {
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.at + i + 1;
            }
        }
        self.at = offset;
        let col = self.text[self.line_start..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        Pos {
            line: self.line,
            column: col as u32 + 1,
        }
    }
}

/// How many bytes [`StreamDecoder::sniff`] wants to see before it decides
/// between strict UTF-8 and Windows-1252 (fewer when the file is shorter).
pub const SNIFF_LEN: usize = 64 * 1024;

/// Decodes a file chunk by chunk, for the streaming check. The encoding is
/// decided from the first [`SNIFF_LEN`] bytes; UTF-8 that turns invalid
/// later is a Fatal note (the file mixes encodings) rather than a silent
/// switch, since part of it has been read already.
pub struct StreamDecoder {
    /// The encoding's name as shown in the report.
    pub encoding: &'static str,
    utf8: bool,
    /// The file started with a byte-order mark.
    bom: bool,
    /// Bytes of a BOM still to skip at the start.
    skip: usize,
    carry: Vec<u8>,
    decoder: Option<encoding_rs::Decoder>,
    body_len: u64,
    /// Line and column (characters) at the end of the text decoded so far.
    line: u32,
    column: u32,
    finished: bool,
    /// Any character beyond ASCII decoded so far.
    non_ascii: bool,
}

impl StreamDecoder {
    /// Decides the encoding from the first bytes; `whole` when they are the whole file.
    pub fn sniff(prefix: &[u8], whole: bool) -> StreamDecoder {
        let (enc, skip): (&'static Encoding, usize) = match prefix {
            [0xEF, 0xBB, 0xBF, ..] => (UTF_8, 3),
            [0xFF, 0xFE, ..] => (UTF_16LE, 2),
            [0xFE, 0xFF, ..] => (UTF_16BE, 2),
            [a, 0, ..] if a.is_ascii_graphic() => (UTF_16LE, 0),
            [0, a, ..] if a.is_ascii_graphic() => (UTF_16BE, 0),
            _ => match std::str::from_utf8(prefix) {
                Ok(_) => (UTF_8, 0),
                Err(e) if e.error_len().is_none() && !whole => (UTF_8, 0),
                Err(_) => (WINDOWS_1252, 0),
            },
        };
        let utf8 = enc == UTF_8;
        StreamDecoder {
            encoding: if enc == WINDOWS_1252 {
                "windows-1252"
            } else {
                enc.name()
            },
            utf8,
            bom: skip > 0,
            skip,
            carry: Vec::new(),
            decoder: (!utf8).then(|| enc.new_decoder_without_bom_handling()),
            body_len: 0,
            line: 1,
            column: 1,
            finished: false,
            non_ascii: false,
        }
    }

    /// Whether everything decoded so far was ASCII.
    pub fn is_ascii(&self) -> bool {
        !self.non_ascii
    }

    fn position_after(&self, text: &str) -> Pos {
        advance(
            Pos {
                line: self.line,
                column: self.column,
            },
            text.as_bytes(),
        )
    }

    /// `text` is decoded: whether it is ASCII, and where it ends.
    fn passed(&mut self, text: &str) {
        if !self.non_ascii {
            self.non_ascii = !text.is_ascii();
        }
        let end = self.position_after(text);
        self.line = end.line;
        self.column = end.column;
    }

    /// The text of `bytes` as it stands, not copied, when that is simple:
    /// UTF-8 with no character carried over from the chunk before, the whole
    /// chunk valid (not ending inside a character) and without a NUL byte.
    /// Then it counts as decoded, as [`StreamDecoder::decode`] would have it;
    /// `None` leaves everything to [`StreamDecoder::decode`].
    pub fn borrow<'b>(&mut self, bytes: &'b [u8], last: bool) -> Option<&'b str> {
        if self.finished || !self.utf8 || !self.carry.is_empty() || self.skip > 0 {
            return None;
        }
        let text = std::str::from_utf8(bytes).ok()?;
        if memchr::memchr(0, bytes).is_some() {
            return None;
        }
        self.finished = last;
        self.body_len += bytes.len() as u64;
        self.passed(text);
        Some(text)
    }

    /// Appends the text of `bytes` to `out`. `last` marks the end of the file.
    /// On an error, `out` holds the good text before it, so a reader can
    /// still judge what came first.
    pub fn decode(&mut self, bytes: &[u8], last: bool, out: &mut String) -> Result<(), Note> {
        if self.finished {
            return Ok(());
        }
        self.finished = last;
        let skip = self.skip.min(bytes.len());
        self.skip -= skip;
        let bytes = &bytes[skip..];
        self.body_len += bytes.len() as u64;
        let start = out.len();
        if self.utf8 {
            // Only a character split by the last chunk needs copying.
            let joined;
            let buf: &[u8] = if self.carry.is_empty() {
                bytes
            } else {
                let mut b = std::mem::take(&mut self.carry);
                b.extend_from_slice(bytes);
                joined = b;
                &joined
            };
            match std::str::from_utf8(buf) {
                Ok(s) => out.push_str(s),
                Err(e) => {
                    let valid = std::str::from_utf8(&buf[..e.valid_up_to()]).expect("valid prefix");
                    if e.error_len().is_none() && !last {
                        out.push_str(valid);
                        self.carry = buf[e.valid_up_to()..].to_vec();
                    } else if self.is_ascii() && valid.is_ascii() && self.skip == 0 && !self.bom {
                        // ASCII so far reads the same in Windows-1252: the file
                        // was never UTF-8, its first other character came late.
                        out.push_str(valid);
                        self.utf8 = false;
                        self.encoding = "windows-1252";
                        let mut dec = WINDOWS_1252.new_decoder_without_bom_handling();
                        let rest = &buf[e.valid_up_to()..];
                        out.reserve(rest.len() * 3);
                        let _ = dec.decode_to_string_without_replacement(rest, out, last);
                        self.decoder = Some(dec);
                    } else {
                        out.push_str(valid);
                        let pos = self.position_after(&out[start..]);
                        return Err(Note::new(
                            "FIL-01",
                            pos,
                            format!("Filen er lest som UTF-8, men har en ugyldig byte på linje {}, kolonne {}: den blander tegnsett eller er ødelagt.", pos.line, pos.column),
                            format!("The file is read as UTF-8 but has an invalid byte at line {}, column {}: it mixes encodings or is damaged.", pos.line, pos.column),
                        ));
                    }
                }
            }
        } else if let Some(dec) = self.decoder.as_mut() {
            if last && self.encoding.starts_with("UTF-16") && !self.body_len.is_multiple_of(2) {
                return Err(Note::new(
                    "FIL-01",
                    Pos { line: 1, column: 1 },
                    format!("Filen ser ut som UTF-16, men har et odde antall byte ({}): den er avkortet eller ødelagt.", self.body_len),
                    format!("The file looks like UTF-16 but has an odd number of bytes ({}): it is truncated or damaged.", self.body_len),
                ));
            }
            if let Some(n) = dec.max_utf8_buffer_length_without_replacement(bytes.len()) {
                out.reserve(n);
            }
            let (result, _) = dec.decode_to_string_without_replacement(bytes, out, last);
            if let encoding_rs::DecoderResult::Malformed(_, _) = result {
                let pos = self.position_after(&out[start..]);
                let (enc, line, col) = (self.encoding, pos.line, pos.column);
                return Err(Note::new(
                    "FIL-01",
                    pos,
                    format!("Filen har ugyldige tegn for {enc} etter linje {line}, kolonne {col}."),
                    format!("The file has characters invalid in {enc} after line {line}, column {col}."),
                ));
            }
        }
        let new = &out[start..];
        if let Some(at) = memchr::memchr(0, new.as_bytes()) {
            let pos = self.position_after(&new[..at]);
            out.truncate(start + at);
            return Err(Note::new(
                "FIL-01",
                pos,
                format!("Filen inneholder en NUL-byte (linje {}, kolonne {}): den er ikke en tekstfil, eller den er ødelagt.", pos.line, pos.column),
                format!("The file contains a NUL byte (line {}, column {}): it is not a text file, or it is damaged.", pos.line, pos.column),
            ));
        }
        self.passed(new);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        assert_eq!(decode("æøå".as_bytes()).unwrap().encoding, "UTF-8");
        let bom = [&[0xEF, 0xBB, 0xBF][..], "<a/>".as_bytes()].concat();
        let d = decode(&bom).unwrap();
        assert_eq!((d.encoding, d.bom, &*d.text), ("UTF-8", true, "<a/>"));
        let cp = [b'K', 0xF8, b'y'];
        let d = decode(&cp).unwrap();
        assert_eq!((d.encoding, &*d.text), ("windows-1252", "Køy"));
        let mut le = vec![0xFF, 0xFE];
        for u in "<æ>".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(&*decode(&le).unwrap().text, "<æ>");
        let mut be = vec![0xFE, 0xFF];
        for u in "<ø>".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
        let no_bom: Vec<u8> = "<a>".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&no_bom).unwrap().encoding, "UTF-16LE");
    }

    #[test]
    fn advance_in_a_window_agrees_with_advance() {
        // Windows of newlines, spaces, ASCII and two- and three-byte
        // characters, every span of up to 70 bytes from every offset: the
        // 16-byte path, its edges (64 bytes, the window's end) and the
        // fallback for non-ASCII text all give what `advance` gives.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let pieces = ["\n", " ", "a", "<", "\r\n", "æ", "€", "\t"];
        for round in 0..40 {
            let mut w = String::new();
            while w.len() < 150 {
                // Mostly ASCII in most windows, as in real files.
                let k = (next() % if round % 4 == 0 { 8 } else { 5 }) as usize;
                w.push_str(pieces[k]);
            }
            let b = w.as_bytes();
            let start = Pos { line: 3, column: 7 };
            for from in (0..=b.len()).filter(|&i| w.is_char_boundary(i)) {
                for to in (from..=(from + 70).min(b.len())).filter(|&i| w.is_char_boundary(i)) {
                    assert_eq!(
                        advance_in(start, b, from, to),
                        advance(start, &b[from..to]),
                        "{:?}",
                        &w[from..to]
                    );
                }
            }
        }
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(&[0xFF, 0xFE, b'<']).unwrap_err().code, "FIL-01");
        let n = decode(b"ab\ncd\0").unwrap_err();
        assert_eq!(n.pos, Pos { line: 2, column: 3 });
        let bad = [0xEF, 0xBB, 0xBF, b'a', b'\n', 0xC3, 0x28];
        assert_eq!(decode(&bad).unwrap_err().pos.line, 2);
    }

    #[test]
    fn advance_short_and_long_paths_agree() {
        // Split a text at every point: two short steps must land where one
        // step over the whole text (the memchr path when long) lands.
        let text = "<a>\næ</a>\n  <b x=\"ø\">vær så god</b>\n<c/>\n".repeat(3);
        let start = Pos { line: 3, column: 5 };
        let whole = advance(start, text.as_bytes());
        assert_eq!(whole.line, 3 + 12);
        for cut in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let (a, b) = text.as_bytes().split_at(cut);
            assert_eq!(advance(advance(start, a), b), whole, "cut at {cut}");
        }
        assert_eq!(advance(start, b"ab\xc3\xa6"), Pos { line: 3, column: 8 });
    }

    #[test]
    fn newlines_counted_eight_bytes_at_a_time() {
        // Every length up to 40 and every placement of a few newlines and
        // bytes next to them in value (\t, \x0b, 0x8a, 0xff).
        let alphabet = [b'\n', b'a', b'\t', 0x0b, 0x8a, 0xff, b'\r'];
        let mut seed = 7u64;
        for len in 0..40 {
            for _ in 0..50 {
                let text: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        alphabet[(seed % alphabet.len() as u64) as usize]
                    })
                    .collect();
                let n = text.iter().filter(|&&b| b == b'\n').count() as u32;
                let last = text.iter().rposition(|&b| b == b'\n');
                assert_eq!(newlines_short(&text), (n, last), "{text:?}");
            }
        }
        // Short and long paths land on the same position.
        let long = "<a>\næ</a>\n  <b x=\"ø\">vær så god</b>\n<c/>\n".repeat(6);
        let start = Pos { line: 3, column: 5 };
        let whole = advance(start, long.as_bytes());
        for cut in (0..long.len()).filter(|&i| long.is_char_boundary(i)) {
            let (a, b) = long.as_bytes().split_at(cut);
            assert_eq!(advance(advance(start, a), b), whole, "cut at {cut}");
        }
    }

    #[test]
    fn positions_in_characters() {
        let t = "ab\næøx\ny";
        let mut li = LineIndex::new(t.as_bytes());
        assert_eq!(li.pos(0), Pos { line: 1, column: 1 });
        assert_eq!(li.pos(t.find('x').unwrap()), Pos { line: 2, column: 3 });
        assert_eq!(li.pos(t.find('y').unwrap()), Pos { line: 3, column: 1 });
        assert_eq!(li.pos(1), Pos { line: 1, column: 2 });
    }

    #[test]
    fn declaration_labels() {
        assert!(label_matches("ISO-8859-1", "windows-1252", false));
        assert!(label_matches("utf-8", "windows-1252", true));
        assert!(!label_matches("UTF-8", "windows-1252", false));
        assert!(!label_matches("ISO-8859-1", "UTF-8", false));
    }
}
