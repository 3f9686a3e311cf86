//! End punctuation and punctuation spacing by target language and script: a source's final
//! `.`, `?`, `!`, `:` or `…` kept in the target in the target's own form (`。？！：` in Chinese and
//! Japanese, `;` for a Greek question, `؟` in Arabic, `।` in Hindi), Spanish `¿…?` and `¡…!`
//! opened as well as closed, the French space before `: ; ! ?` and inside `« »`, and no space
//! before those marks in languages that do not write one.

use super::Span;
use super::lang;

/// What a text ends with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Period,
    Question,
    Exclamation,
    Colon,
    Semicolon,
    Ellipsis,
    /// A letter, digit or anything else: no end punctuation.
    None,
}

impl End {
    pub fn as_str(self) -> &'static str {
        match self {
            End::Period => "full stop",
            End::Question => "question mark",
            End::Exclamation => "exclamation mark",
            End::Colon => "colon",
            End::Semicolon => "semicolon",
            End::Ellipsis => "ellipsis",
            End::None => "no end punctuation",
        }
    }
}

/// Closing quotes and brackets that may follow the end punctuation.
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', '«', '“', ')', ']', '」', '』', '）', '】', '》', '〉',
];

/// The end punctuation of `text` (after trailing spaces and closing quotes or brackets) and its
/// byte span.
pub fn end_of(text: &str, tag: &str) -> (End, Span) {
    let mut t = text.trim_end();
    let mut closed = false;
    while let Some(c) = t.chars().next_back().filter(|c| CLOSERS.contains(c)) {
        t = t[..t.len() - c.len_utf8()].trim_end();
        closed = true;
    }
    // A quoted punctuation mark ("should be ':'") is the text's subject, not its end.
    let mut rev = t.chars().rev();
    if closed
        && rev.next().is_some_and(|c| c.is_ascii_punctuation())
        && rev.next().is_some_and(|c| {
            CLOSERS.contains(&c) || matches!(c, '\'' | '"' | '`' | '‘' | '“' | '«' | '„' | '「')
        })
    {
        return (End::None, Span::new(t.len(), t.len()));
    }
    let greek = lang::primary(tag) == "el";
    for (mark, end) in [
        ("...", End::Ellipsis),
        ("……", End::Ellipsis),
        ("…", End::Ellipsis),
        ("⋯", End::Ellipsis),
    ] {
        if t.ends_with(mark) {
            return (end, Span::new(t.len() - mark.len(), t.len()));
        }
    }
    let Some(c) = t.chars().next_back() else {
        return (End::None, Span::new(0, 0));
    };
    let span = Span::new(t.len() - c.len_utf8(), t.len());
    let end = match c {
        '.' | '。' | '．' | '।' | '።' | '۔' => End::Period,
        '?' | '？' | '؟' | ';' if c != ';' || greek => End::Question,
        '\u{37e}' => End::Question,
        '!' | '！' => End::Exclamation,
        ':' | '：' => End::Colon,
        ';' | '；' | '؛' => End::Semicolon,
        _ => End::None,
    };
    (
        end,
        if end == End::None {
            Span::new(t.len(), t.len())
        } else {
            span
        },
    )
}

/// The marks a target in `tag` may end with for a source ending `end` (the first is the one to
/// suggest).
pub fn accepted(end: End, tag: &str) -> &'static [&'static str] {
    let l = lang::primary(tag);
    match (end, l.as_str()) {
        (End::Period, "zh") => &["。", "．"],
        (End::Period, "ja") => &["。", "．"],
        (End::Period, "hi" | "mr" | "ne") => &["।", "."],
        (End::Period, "am") => &["።"],
        (End::Period, "ur") => &["۔", "."],
        (End::Period, "th" | "lo") => &["", "."],
        (End::Period, _) => &["."],
        (End::Question, "zh") => &["？"],
        (End::Question, "ja") => &["？", "?"],
        (End::Question, "el") => &[";", "\u{37e}"],
        (End::Question, "ar" | "fa" | "ur") => &["؟"],
        (End::Question, _) => &["?"],
        (End::Exclamation, "zh") => &["！"],
        (End::Exclamation, "ja") => &["！", "!"],
        (End::Exclamation, _) => &["!"],
        (End::Colon, "zh") => &["："],
        (End::Colon, "ja") => &["：", ":"],
        (End::Colon, _) => &[":"],
        (End::Semicolon, "zh" | "ja") => &["；", ";"],
        (End::Semicolon, "ar" | "fa") => &["؛"],
        (End::Semicolon, _) => &[";"],
        (End::Ellipsis, "zh") => &["……", "…", "..."],
        (End::Ellipsis, _) => &["…", "...", "……"],
        (End::None, _) => &[""],
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// The source ends with `source`; the target ends with nothing.
    Missing { source: End, expected: &'static str },
    /// The target ends with punctuation the source does not have.
    Added { found: End, span: Span },
    /// Another mark, or the right one in another script's form (`.` for `。`).
    Wrong {
        source: End,
        found: String,
        expected: &'static str,
        span: Span,
    },
    /// Spanish `?`/`!` without its opening `¿`/`¡` in the same sentence.
    NoOpening {
        mark: char,
        opening: char,
        span: Span,
    },
    /// French `: ; ! ?` or `»` without the space before it (or `«` without one after).
    NoSpace { mark: char, span: Span },
    /// A space before `: ; ! ?` in a language that writes none.
    SpaceBefore { mark: char, span: Span },
}

/// Compares the end punctuation of a source and its target in `tag`.
pub fn diff_end(source: &str, target: &str, source_tag: &str, tag: &str) -> Option<Issue> {
    let (se, _) = end_of(source, source_tag);
    let (te, tspan) = end_of(target, tag);
    let found = target.get(tspan.start..tspan.end).unwrap_or("").to_string();
    let ok = accepted(se, tag);
    if se == te {
        // After Latin text ("… --allow-change-held-packages.") Chinese and Japanese keep the
        // half-width mark.
        let latin_before = target[..tspan.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if se == End::None || ok.contains(&found.as_str()) || latin_before && found.is_ascii() {
            return None;
        }
        return Some(Issue::Wrong {
            source: se,
            found,
            expected: ok[0],
            span: tspan,
        });
    }
    match (se, te) {
        // Thai and Lao end sentences with a space, not a mark.
        (End::Period, End::None) if ok.contains(&"") => None,
        (_, End::None) => Some(Issue::Missing {
            source: se,
            expected: ok[0],
        }),
        // A full stop added to a message is house style (German catalogues add them); an added
        // question or exclamation mark or colon changes what the text is.
        (End::None, End::Period) => None,
        (End::None, _) => Some(Issue::Added {
            found: te,
            span: tspan,
        }),
        // "Loading..." may become "Wird geladen …" or "Chargement…"; "Note:" may end a Japanese
        // label as "注意"; a colon introducing a list may be a full stop's job elsewhere — these
        // swaps are style, and only the script form is checked.
        (End::Ellipsis, End::Period) | (End::Period, End::Ellipsis) => None,
        _ => Some(Issue::Wrong {
            source: se,
            found,
            expected: ok[0],
            span: tspan,
        }),
    }
}

/// Spans inside which punctuation is not prose (URLs, paths, placeholders, times).
fn shielded(text: &str) -> Vec<Span> {
    super::tokens::all(text)
        .into_iter()
        .map(|t| t.span)
        .chain(
            super::placeholders::extract(text)
                .into_iter()
                .map(|p| p.span),
        )
        .collect()
}

fn inside(spans: &[Span], at: usize) -> bool {
    spans.iter().any(|s| s.start <= at && at < s.end)
}

/// Spanish (and Galician, Asturian) questions and exclamations need their opening mark.
pub fn spanish_openings(target: &str, tag: &str) -> Vec<Issue> {
    if !matches!(lang::primary(tag).as_str(), "es" | "gl" | "ast") {
        return Vec::new();
    }
    let shield = shielded(target);
    let mut out = Vec::new();
    let mut sentence_start = 0;
    for (i, c) in target.char_indices() {
        if inside(&shield, i) {
            continue;
        }
        let next = target[i + c.len_utf8()..].chars().next();
        let opening = match c {
            '?' | '!' if !ends_clause(next) => continue,
            '?' => '¿',
            '!' => '¡',
            _ => {
                if matches!(c, '.' | '\n') {
                    sentence_start = i + 1;
                }
                continue;
            }
        };
        if !target[sentence_start..i].contains(opening) {
            out.push(Issue::NoOpening {
                mark: c,
                opening,
                span: Span::new(i, i + 1),
            });
        }
        sentence_start = i + 1;
    }
    out
}

/// Whether the character after a punctuation mark lets it end a clause.
fn ends_clause(next: Option<char>) -> bool {
    next.is_none_or(|n| {
        n.is_whitespace()
            || CLOSERS.contains(&n)
            || matches!(n, '.' | '?' | '!' | '…' | super::tags::MARK)
    })
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// French: a space (no-break or narrow no-break ideally) before `: ; ! ?` and `»` and after
/// `«`; Canadian French only before `:` and inside guillemets. `source` exempts marks the source
/// writes glued the same way (a ratio "1:2", "?!" runs).
pub fn french_spacing(target: &str, tag: &str) -> Vec<Issue> {
    if lang::primary(tag) != "fr" {
        return Vec::new();
    }
    let canada = lang::region(tag).as_deref() == Some("CA");
    let shield = shielded(target);
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = target.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if inside(&shield, i) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        // Prose punctuation is followed by a space, a quote or the end; "USER:GROUP",
        // "a;b;c" and "[-o|+o]" are code.
        if matches!(c, ':' | ';' | '!' | '?') && !ends_clause(next) {
            continue;
        }
        // "cmp: EOF on %s", "%s: invalid option": the GNU "program: message" prefix keeps its
        // colon glued, whatever the language.
        let program = !target[..i].contains(char::is_whitespace)
            && target[..i]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let leading_placeholder = i > 0
            && shield
                .iter()
                .any(|s| s.end == i && target[..s.start].trim().is_empty());
        let prefix = c == ':' && (program || leading_placeholder);
        if prefix {
            continue;
        }
        let wants_space = match c {
            ':' => true,
            ';' | '!' | '?' => !canada,
            '»' => true,
            '«' => {
                if next.is_some_and(|n| !is_space(n)) {
                    out.push(Issue::NoSpace {
                        mark: c,
                        span: Span::new(i, i + c.len_utf8()),
                    });
                }
                continue;
            }
            _ => false,
        };
        let Some(p) = prev else {
            continue;
        };
        // Doubled marks ("?!") take one space; digits around a colon are a ratio or a time.
        let glued_ok =
            matches!(
                p,
                '?' | '!' | ':' | ';' | '.' | '…' | '(' | '[' | '/' | '\n'
            ) || (c == ':' && p.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()));
        if wants_space && !is_space(p) && !glued_ok {
            out.push(Issue::NoSpace {
                mark: c,
                span: Span::new(i, i + c.len_utf8()),
            });
        }
    }
    out
}

/// Languages other than French: a space before `: ; ! ?` that the source does not have.
pub fn space_before(source: &str, target: &str, tag: &str) -> Vec<Issue> {
    if lang::primary(tag) == "fr" || !lang::spaced(tag) {
        return Vec::new();
    }
    let shield = shielded(target);
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut prev2: Option<char> = None;
    for (i, c) in target.char_indices() {
        let before_word = prev2.is_some_and(|p| p.is_alphanumeric());
        if matches!(c, ':' | ';' | '!' | '?')
            && prev.is_some_and(is_space)
            && before_word
            && !inside(&shield, i)
            && ends_clause(target[i + 1..].chars().next())
        {
            let pattern = format!(" {c}");
            if !source.contains(&pattern) && !source.contains(&format!("\u{a0}{c}")) {
                out.push(Issue::SpaceBefore {
                    mark: c,
                    span: Span::new(i - 1, i + 1),
                });
            }
        }
        prev2 = prev;
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_classes() {
        assert_eq!(end_of("Done.", "en").0, End::Period);
        assert_eq!(end_of("完了しました。", "ja").0, End::Period);
        assert_eq!(end_of("He said \"yes?\" ", "en").0, End::Question);
        assert_eq!(end_of("Loading...", "en").0, End::Ellipsis);
        assert_eq!(end_of("Θέλετε να συνεχίσετε;", "el").0, End::Question);
        assert_eq!(end_of("a; b;", "de").0, End::Semicolon);
        assert_eq!(end_of("Save", "en").0, End::None);
    }

    #[test]
    fn end_by_script() {
        assert_eq!(
            diff_end("File saved.", "ファイルを保存しました。", "en", "ja"),
            None
        );
        assert!(matches!(
            diff_end("File saved.", "ファイルを保存しました.", "en", "ja"),
            Some(Issue::Wrong {
                expected: "。", ..
            })
        ));
        assert!(matches!(
            diff_end("Continue?", "继续?", "en", "zh"),
            Some(Issue::Wrong {
                expected: "？", ..
            })
        ));
        assert_eq!(diff_end("Continue?", "続行しますか?", "en", "ja"), None);
        assert!(matches!(
            diff_end("File saved.", "Datei gespeichert", "en", "de"),
            Some(Issue::Missing { expected: ".", .. })
        ));
        assert!(matches!(
            diff_end("Save", "Speichern:", "en", "de"),
            Some(Issue::Added { .. })
        ));
        assert!(matches!(
            diff_end("Delete it?", "Löschen.", "en", "de"),
            Some(Issue::Wrong { .. })
        ));
        assert_eq!(diff_end("Open...", "Öffnen…", "en", "de"), None);
        assert_eq!(diff_end("Continue?", "Συνέχεια;", "en", "el"), None);
        assert_eq!(diff_end("Done.", "เสร็จแล้ว", "en", "th"), None);
    }

    #[test]
    fn spanish_openings_needed() {
        assert!(spanish_openings("¿Desea continuar? ¡Hecho!", "es").is_empty());
        let v = spanish_openings("Desea continuar? Hecho.", "es");
        assert!(matches!(&v[..], [Issue::NoOpening { opening: '¿', .. }]));
        assert!(spanish_openings("Ver https://x.es/?q=1", "es").is_empty());
        assert!(spanish_openings("Desea continuar?", "de").is_empty());
    }

    #[test]
    fn french_spacing_rules() {
        assert!(french_spacing("Nom\u{a0}: « texte » ; fini\u{202f}! Vraiment ?", "fr").is_empty());
        let v = french_spacing("Nom: fini! Voir https://a.fr/x?y=1 à 10:30", "fr");
        assert_eq!(
            v.iter()
                .map(|i| match i {
                    Issue::NoSpace { mark, .. } => *mark,
                    _ => ' ',
                })
                .collect::<String>(),
            ":!"
        );
        assert!(french_spacing("Continuer?", "fr-CA").is_empty());
        assert!(french_spacing("cmp: fin de fichier sur %s: octet %s", "fr").len() == 1);
        assert_eq!(french_spacing("Nom:", "fr-CA").len(), 1);
        assert_eq!(french_spacing("«texte»", "fr").len(), 2);
    }

    #[test]
    fn space_before_marks() {
        assert_eq!(space_before("Name:", "Name :", "de").len(), 1);
        assert!(space_before("Name :", "Name :", "de").is_empty());
        assert!(space_before("Name:", "Nom :", "fr").is_empty());
        assert!(space_before("a - b", "a - b", "de").is_empty());
    }
}
