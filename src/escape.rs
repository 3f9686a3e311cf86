//! Untrusted text at the tool's edges: bytes read from a file become text (`decode`: UTF-8 with or
//! without a byte-order mark, UTF-16 with one), and text taken from a file is made safe to print
//! (`escape`, `escape_keep_lines`, `excerpt`) so that a translated sentence, a column name or a file
//! name cannot drive the terminal (ESC/CSI/OSC sequences, BEL, backspace), forge log lines (CR,
//! LF) or reorder what a reviewer sees (Unicode bidirectional overrides).
//!
//! Escaping is idempotent: its output holds no character it would escape, so text escaped twice
//! (once where an error is built, once where it is printed) reads the same as text escaped once.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::error::{Error, Result};

/// Whether `c` must not reach a terminal or a log line raw: C0 and C1 controls and DEL (ESC starts
/// CSI/OSC sequences, U+009B is a one-character CSI), and the bidirectional embedding, override
/// and isolate controls that can make text read differently from what it is ("Trojan Source").
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x100 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

fn escape_where(s: &str, unsafe_here: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_here(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` on one line with every control character escaped (`\n`, `\x1b`, `\u{202e}`): for file
/// names, ids and other text placed inside a log line.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_where(s, is_unsafe)
}

/// Like `escape`, but line feeds and tabs stay as they are: for multi-line text a terminal view
/// prints as text (a sentence in `--format text`).
pub fn escape_keep_lines(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| c != '\n' && c != '\t' && is_unsafe(c))
}

/// At most `max_chars` characters of `s` once escaped as by `escape` (an escape counts for the
/// characters it prints), with `…` when cut: what an error message may quote of a file's content
/// (a header, a term, a line), so that a message never carries a whole file (or the whole
/// environment, for `/proc/self/environ`) and stays short whatever the content.
pub fn excerpt(s: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let mut piece = String::new();
    for c in s.chars() {
        piece.clear();
        if is_unsafe(c) {
            push_escaped(&mut piece, c);
        } else {
            piece.push(c);
        }
        let n = piece.chars().count();
        if used + n > max_chars {
            out.push('…');
            return out;
        }
        used += n;
        out.push_str(&piece);
    }
    out
}

/// Up to `max_items` items (each excerpted to `max_chars`), joined with `, `, and how many more
/// there are: a column list in an error message.
pub fn excerpt_list<'a>(
    items: impl IntoIterator<Item = &'a str>,
    max_items: usize,
    max_chars: usize,
) -> String {
    let mut shown = Vec::new();
    let mut more = 0usize;
    for item in items {
        if shown.len() < max_items {
            shown.push(format!("`{}`", excerpt(item, max_chars)));
        } else {
            more += 1;
        }
    }
    let mut s = shown.join(", ");
    if more > 0 {
        let _ = write!(s, " and {more} more");
    }
    s
}

/// 1-based line and byte-in-line of byte `at` of `bytes`; CRLF, LF and a lone CR each end a line.
fn line_and_byte(bytes: &[u8], at: usize) -> (usize, usize) {
    let head = &bytes[..at.min(bytes.len())];
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in head.iter().enumerate() {
        let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends {
            line += 1;
            line_start = i + 1;
        }
    }
    (line, at - line_start + 1)
}

/// What a NUL byte in a text input says; the streaming readers report it per line too.
pub const NUL_MESSAGE: &str =
    "NUL byte: not a text file (or UTF-16 written without a byte-order mark)";

/// A file's bytes as text. UTF-8, with or without a byte-order mark (dropped), and UTF-16 LE or
/// BE with one (as Windows tools write it) are read; anything else is an error naming the line:
/// invalid UTF-8, an unpaired UTF-16 surrogate, or a NUL byte (no text format mtlint reads holds
/// one; it is a binary file, or UTF-16 written without a byte-order mark).
pub fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    let parse = |line: usize, message: String| Error::Parse {
        path: name.to_string(),
        line,
        message,
    };
    let text = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        utf8(name, rest)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        utf16(rest, u16::from_le_bytes).map_err(|(line, m)| parse(line, m))?
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        utf16(rest, u16::from_be_bytes).map_err(|(line, m)| parse(line, m))?
    } else {
        utf8(name, bytes)?
    };
    if let Some(at) = text.find('\0') {
        let (line, _) = line_and_byte(text.as_bytes(), at);
        return Err(parse(line, NUL_MESSAGE.into()));
    }
    Ok(text)
}

fn utf8(name: &str, bytes: &[u8]) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let (line, byte) = line_and_byte(bytes, e.valid_up_to());
            Err(Error::Utf8 {
                path: name.to_string(),
                line,
                byte,
            })
        }
    }
}

/// UTF-16 code units read with `unit`; the error carries the line of the bad unit.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> std::result::Result<String, (usize, String)> {
    let mut out = String::with_capacity(bytes.len() / 2);
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.push(c),
            Err(e) => {
                let (line, _) = line_and_byte(out.as_bytes(), out.len());
                return Err((
                    line,
                    format!(
                        "invalid UTF-16: unpaired surrogate {:#06x}",
                        e.unpaired_surrogate()
                    ),
                ));
            }
        }
    }
    if bytes.len() % 2 == 1 {
        let (line, _) = line_and_byte(out.as_bytes(), out.len());
        return Err((line, "invalid UTF-16: odd number of bytes".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_and_bidi_controls_are_escaped() {
        let hostile = "ok\x1b]8;;http://evil\x07link\x1b[2J\u{9b}31m\r\nnext\u{202e}txt.exe";
        let e = escape(hostile);
        assert_eq!(
            e,
            "ok\\x1b]8;;http://evil\\x07link\\x1b[2J\\x9b31m\\r\\nnext\\u{202e}txt.exe"
        );
        assert!(!e.chars().any(is_unsafe));
        assert_eq!(escape(&e), e, "idempotent");
        assert!(matches!(escape("plain Ääni 😀"), Cow::Borrowed(_)));
    }

    #[test]
    fn keep_lines_keeps_only_newlines_and_tabs() {
        assert_eq!(
            escape_keep_lines("a\tb\nc\x1b[31m\rd"),
            "a\tb\nc\\x1b[31m\\rd"
        );
    }

    #[test]
    fn excerpts_are_short_escaped_and_marked_when_cut() {
        assert_eq!(excerpt("abc", 5), "abc");
        assert_eq!(excerpt("abcdef", 3), "abc…");
        assert_eq!(excerpt("a\0SECRET=1", 8), "a\\x00SEC…");
        assert_eq!(excerpt(&"\x14".repeat(100), 10), "\\x14\\x14…");
        assert_eq!(excerpt("äöü", 2), "äö…");
        let env = "K=V\0".repeat(10_000);
        assert!(excerpt(&env, 40).chars().count() <= 41);
        assert_eq!(
            excerpt_list(["a", "b\x1b", "c", "d"], 2, 10),
            "`a`, `b\\x1b` and 2 more"
        );
    }

    #[test]
    fn decodes_boms_and_utf16() {
        assert_eq!(decode("f", b"\xef\xbb\xbfhi").unwrap(), "hi");
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Hä\n😀".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode("f", &le).unwrap(), "Hä\n😀");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Hä\n😀".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode("f", &be).unwrap(), "Hä\n😀");
    }

    #[test]
    fn bad_bytes_name_the_line() {
        let e = decode("f.txt", b"a\nb\r\nc\rd\xffe")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "f.txt:4: invalid UTF-8 (byte 2 of the line)");
        let e = decode("f.txt", b"a\n\nb\0c").unwrap_err().to_string();
        assert!(e.starts_with("f.txt:3: NUL byte"), "{e}");
        // UTF-16 without a BOM: ASCII is NUL-interleaved, which is valid UTF-8 but not text.
        let e = decode("f.txt", b"h\0i\0").unwrap_err().to_string();
        assert!(e.contains("byte-order mark"), "{e}");
        let lone: Vec<u8> = [0xff, 0xfe, b'a', 0, b'\n', 0, 0x00, 0xd8, b'b', 0].to_vec();
        let e = decode("f.txt", &lone).unwrap_err().to_string();
        assert!(e.starts_with("f.txt:2: invalid UTF-16"), "{e}");
        let e = decode("f.txt", b"\xff\xfea\0b").unwrap_err().to_string();
        assert!(e.contains("odd number"), "{e}");
    }
}
