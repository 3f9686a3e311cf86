//! The output formats: one table of names and the file endings that imply them, and what a
//! renderer needs besides rows and summary.

/// Every output format; the names are the `--format` values and the `FMT=` of `--output FMT=PATH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
    Jsonl,
    Sarif,
    Github,
    Text,
    Html,
}

/// One output format: its name (the `--format` value and the `FMT=` of `--output FMT=PATH`) and
/// the file-name endings that imply it for a bare `--output PATH`.
pub struct OutputFormat {
    pub format: Format,
    pub name: &'static str,
    /// Matched in any case, the longest that fits winning (`.sarif.json` is SARIF).
    pub extensions: &'static [&'static str],
}

/// Every output format, in the order help lists them: the one list names and extensions come
/// from.
pub static FORMATS: &[OutputFormat] = &[
    OutputFormat {
        format: Format::Csv,
        name: "csv",
        extensions: &["csv"],
    },
    OutputFormat {
        format: Format::Xlsx,
        name: "xlsx",
        extensions: &["xlsx"],
    },
    OutputFormat {
        format: Format::Json,
        name: "json",
        extensions: &["json"],
    },
    OutputFormat {
        format: Format::Jsonl,
        name: "jsonl",
        extensions: &["jsonl", "ndjson"],
    },
    OutputFormat {
        format: Format::Sarif,
        name: "sarif",
        extensions: &["sarif", "sarif.json"],
    },
    // Annotations are for a CI log, never a file a name implies.
    OutputFormat {
        format: Format::Github,
        name: "github",
        extensions: &[],
    },
    OutputFormat {
        format: Format::Text,
        name: "text",
        extensions: &["text", "txt"],
    },
    OutputFormat {
        format: Format::Html,
        name: "html",
        extensions: &["html", "htm"],
    },
];

impl Format {
    fn info(self) -> &'static OutputFormat {
        // Every variant has its row in FORMATS (tested below).
        FORMATS
            .iter()
            .find(|f| f.format == self)
            .unwrap_or(&FORMATS[0])
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn from_name(name: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.format)
    }

    /// The format a file name implies (`.sarif.json` is SARIF), if any.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        FORMATS
            .iter()
            .flat_map(|f| f.extensions.iter().map(move |e| (f.format, *e)))
            .filter(|(_, e)| {
                name.len() > e.len()
                    && name.ends_with(e)
                    && name.as_bytes()[name.len() - e.len() - 1] == b'.'
            })
            .max_by_key(|(_, e)| e.len())
            .map(|(f, _)| f)
    }
}

/// What renderers need besides rows and summary.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// CSV: start with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Text: ANSI colours.
    pub color: bool,
    /// GitHub: where the full report was written, named in the notice after the cap.
    pub full_report: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_format_has_one_row_and_names_round_trip() {
        for f in [
            Format::Csv,
            Format::Xlsx,
            Format::Json,
            Format::Jsonl,
            Format::Sarif,
            Format::Github,
            Format::Text,
            Format::Html,
        ] {
            assert_eq!(FORMATS.iter().filter(|o| o.format == f).count(), 1);
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
    }

    #[test]
    fn file_names_imply_formats() {
        for (name, want) in [
            ("r.csv", Some(Format::Csv)),
            ("r.CSV", Some(Format::Csv)),
            ("r.sarif.json", Some(Format::Sarif)),
            ("r.sarif", Some(Format::Sarif)),
            ("r.json", Some(Format::Json)),
            ("r.ndjson", Some(Format::Jsonl)),
            ("r.htm", Some(Format::Html)),
            ("r.txt", Some(Format::Text)),
            ("r.text", Some(Format::Text)),
            (".csv", Some(Format::Csv)),
            ("r.github", None),
            ("csv", None),
            ("r.yaml", None),
        ] {
            assert_eq!(Format::from_path(Path::new(name)), want, "{name}");
        }
    }
}
