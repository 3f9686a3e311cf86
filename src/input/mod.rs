//! Reads what the user points at (files, directories, stdin) into documents: prose articles,
//! CSV/TSV tables, localisation files (XLIFF, TMX, PO, SRT) and JSON Lines. A bad file becomes an
//! error for that file; the others are still read. Every document leaves here with its target
//! language resolved (see `lang`).

mod inline;
pub mod jsonl;
pub mod lang;
pub mod limit;
mod po;
mod prose_stream;
mod srt;
mod table;
mod table_stream;
mod text;
mod tmx;
mod xliff;
mod xml;

use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::{Error, Result};

pub use prose_stream::{ProseStream, SECTION_BYTES};
pub use table::read_table;
pub use table_stream::TableStream;
pub use text::{parse_prose, read_prose};

/// Column choices for tabular input and the optional line-aligned source file.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    pub id_column: Option<String>,
    pub target_column: Option<String>,
    pub source_column: Option<String>,
    pub doc_column: Option<String>,
    /// A source text, paragraph-aligned with the (single) prose input.
    pub source_file: Option<PathBuf>,
    /// `--target-lang`: the target language of files that do not declare one.
    pub target_lang: Option<String>,
    /// `--source-lang`/`source-lang`: the source language of files that do not declare one.
    pub source_lang: Option<String>,
    /// `--max-input-size`: the most bytes of one input read whole (None: no limit).
    pub max_input_bytes: Option<u64>,
}

/// How a path is read, decided by its extension (see `FORMATS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Prose,
    Tsv,
    Csv,
    Xliff,
    Tmx,
    Po,
    Srt,
    Jsonl,
}

/// Reads one decoded file (name as given, text, options) into its documents.
type Reader = fn(&str, &str, &InputOptions) -> Result<Vec<Document>>;

/// One input format: the extensions that select it (lowercase, matched in any case) and its
/// reader.
pub struct InputFormat {
    pub format: Format,
    pub extensions: &'static [&'static str],
    read: Reader,
}

/// Every input format: the one list that both reading a named file and walking a directory use.
/// A file named on the command line with an extension not listed here is read as prose; inside
/// a directory it is skipped.
pub static FORMATS: &[InputFormat] = &[
    InputFormat {
        format: Format::Prose,
        extensions: &["txt", "md"],
        read: read_prose_file,
    },
    InputFormat {
        format: Format::Tsv,
        extensions: &["tsv", "tab"],
        read: |name, text, opts| read_table(name, text, b'\t', opts),
    },
    InputFormat {
        format: Format::Csv,
        extensions: &["csv"],
        read: |name, text, opts| read_table(name, text, b',', opts),
    },
    InputFormat {
        format: Format::Xliff,
        extensions: &["xlf", "xliff", "sdlxliff", "mqxliff"],
        read: |name, text, _| xliff::read_xliff(name, text),
    },
    InputFormat {
        format: Format::Tmx,
        extensions: &["tmx"],
        read: |name, text, opts| {
            tmx::read_tmx(
                name,
                text,
                opts.target_lang.as_deref(),
                opts.source_lang.as_deref(),
            )
        },
    },
    InputFormat {
        format: Format::Po,
        extensions: &["po", "pot"],
        read: |name, text, _| po::read_po(name, text),
    },
    InputFormat {
        format: Format::Srt,
        extensions: &["srt"],
        read: |name, text, _| srt::read_srt(name, text),
    },
    InputFormat {
        format: Format::Jsonl,
        extensions: &["jsonl", "ndjson"],
        read: |name, text, _| jsonl::read_jsonl(name, text),
    },
];

/// The input format a path's extension selects, in any case (`a.XLF`, `b.sdlxliff`), if any.
pub fn known_format(path: &Path) -> Option<&'static InputFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    FORMATS
        .iter()
        .find(|f| f.extensions.contains(&ext.as_str()))
}

/// How a named file is read: by its extension, else as prose.
pub fn format_of(path: &Path) -> Format {
    known_format(path).map_or(Format::Prose, |f| f.format)
}

/// Expands directories (sorted, hidden entries skipped) into the files to read.
pub fn expand(paths: &[PathBuf]) -> Vec<std::result::Result<PathBuf, Error>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(Ok(p.clone()));
            continue;
        }
        walk(p, &mut out);
    }
    out
}

/// Like ripgrep without `-L`, the walk keeps regular files only: it follows no symbolic link (a
/// `loop -> ..` would recurse until the kernel's link limit, and `notes.txt -> ~/.ssh/id_rsa`
/// would put a secret in the report) and skips FIFOs and devices (reading one blocks or never
/// ends). Paths named on the command line are read as given.
fn walk(dir: &Path, out: &mut Vec<std::result::Result<PathBuf, Error>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(Error::Read {
                path: dir.display().to_string(),
                source,
            }));
            return;
        }
    };
    let mut found: Vec<(PathBuf, std::fs::FileType)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, kind) in found {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if kind.is_dir() {
            walk(&p, out);
        } else if kind.is_file() && known_format(&p).is_some() {
            out.push(Ok(p));
        }
    }
}

/// Reads one input path (or `-` for stdin) into its documents, target languages resolved.
pub fn read_path(path: &Path, opts: &InputOptions) -> Result<Vec<Document>> {
    match read_path_lines(path, opts)? {
        (docs, errors) if errors.is_empty() => Ok(docs),
        (_, mut errors) => Err(errors.remove(0)),
    }
}

/// Like `read_path`, but a JSON Lines file's malformed lines are returned as errors beside the
/// documents of its good lines (one bad line is that line's error, not the file's); other
/// formats are read whole or not at all.
pub fn read_path_lines(path: &Path, opts: &InputOptions) -> Result<(Vec<Document>, Vec<Error>)> {
    let (mut docs, errors) = read_docs(path, opts)?;
    for d in &mut docs {
        lang::resolve(d, opts.target_lang.as_deref());
        lang::resolve_source(d, opts.source_lang.as_deref());
    }
    Ok((docs, errors))
}

fn read_docs(path: &Path, opts: &InputOptions) -> Result<(Vec<Document>, Vec<Error>)> {
    let name = path.display().to_string();
    let bytes = limit::read_whole(path, &name, opts.max_input_bytes)?;
    let text = crate::escape::decode(&name, &bytes)?;
    if text.trim().is_empty() {
        return Err(Error::Empty { path: name });
    }
    // Stdin has no extension: JSON Lines are told apart by their first character.
    let format = if path.as_os_str() == "-" && text.trim_start().starts_with('{') {
        Format::Jsonl
    } else {
        format_of(path)
    };
    if format == Format::Jsonl {
        return Ok(jsonl::read_jsonl_lines(&name, &text));
    }
    let read = FORMATS
        .iter()
        .find(|f| f.format == format)
        .map_or(read_prose_file as Reader, |f| f.read);
    Ok((read(&name, &text, opts)?, Vec::new()))
}

/// A prose article, with the paragraph-aligned `--source` file when one is given.
fn read_prose_file(name: &str, text: &str, opts: &InputOptions) -> Result<Vec<Document>> {
    let source = match &opts.source_file {
        Some(src) => {
            let sname = src.display().to_string();
            let bytes = limit::read_whole(src, &sname, opts.max_input_bytes)?;
            Some((sname.clone(), crate::escape::decode(&sname, &bytes)?))
        }
        None => None,
    };
    Ok(vec![read_prose(
        name,
        text,
        source.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
    )?])
}

fn is_code(t: &str) -> bool {
    let digits = t.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    digits.len() < t.len() && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Adds the check codes an inline `mtlint-disable MT101,MT204` in `comment` names (`*` when it
/// names none: every check).
pub(crate) fn parse_suppressions(comment: &str, out: &mut Vec<String>) {
    const MARK: &str = "mtlint-disable";
    let mut rest = comment;
    while let Some(at) = rest.find(MARK) {
        let after = &rest[at + MARK.len()..];
        let line = after.lines().next().unwrap_or("");
        // `mtlint-disabled` or `mtlint-disable-next…` are other words, not this directive.
        if line.starts_with(|c: char| c.is_alphanumeric() || c == '-') {
            rest = after;
            continue;
        }
        let codes: Vec<String> = line
            .split(|c: char| c == ',' || c.is_whitespace())
            // Codes (`MT101`) up to the first other word: the rest of a note is prose.
            .take_while(|t| t.is_empty() || is_code(t))
            .filter(|t| !t.is_empty())
            .map(str::to_ascii_uppercase)
            .collect();
        if codes.is_empty() {
            out.push("*".into());
        }
        for c in codes {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        rest = after;
    }
}

/// The document key for a file: its stem (`article-fi-en` for `dir/article-fi-en.txt`).
pub(crate) fn doc_key(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty() && *s != "-")
        .unwrap_or("stdin")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_comments() {
        let mut s = Vec::new();
        parse_suppressions("ok: mtlint-disable MT101, mt204 because reviewed", &mut s);
        assert_eq!(s, ["MT101", "MT204"]);
        let mut all = Vec::new();
        parse_suppressions("mtlint-disable", &mut all);
        assert_eq!(all, ["*"]);
        let mut none = Vec::new();
        parse_suppressions("mtlint-disabled here; mtlint-disable-next MT1", &mut none);
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn localisation_extensions() {
        for (p, f) in [
            ("a.xlf", Format::Xliff),
            ("a.XLIFF", Format::Xliff),
            ("a.XLF", Format::Xliff),
            ("a.sdlxliff", Format::Xliff),
            ("a.mqxliff", Format::Xliff),
            ("a.ndjson", Format::Jsonl),
            ("a.TSV", Format::Tsv),
            ("a.tmx", Format::Tmx),
            ("a.po", Format::Po),
            ("a.pot", Format::Po),
            ("a.srt", Format::Srt),
            ("a.jsonl", Format::Jsonl),
            ("a.txt", Format::Prose),
        ] {
            assert_eq!(format_of(Path::new(p)), f, "{p}");
            assert!(known_format(Path::new(p)).is_some(), "{p} is walked");
        }
        assert_eq!(format_of(Path::new("notes")), Format::Prose);
        assert!(known_format(Path::new("notes")).is_none());
        assert!(known_format(Path::new("data.json")).is_none());
    }
}
