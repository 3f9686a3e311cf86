//! Whitespace rules: leading and trailing spaces kept as in the source (a UI string concatenated
//! with another needs its space), doubled spaces the source does not have, and spaces where a
//! CJK target needs none. Newlines and tabs are `escapes`' business; no-break spaces count as
//! spaces.

use super::Span;
use super::lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// Leading spaces differ (`source` and `target` are the space runs).
    Leading { source: String, target: String },
    /// Trailing spaces differ.
    Trailing { source: String, target: String },
    /// Two or more spaces in a row in the target that the source does not have anywhere.
    Doubled { span: Span },
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{3000}')
}

fn lead(s: &str) -> &str {
    let n = s.len() - s.trim_start_matches(is_space).len();
    &s[..n]
}

fn trail(s: &str) -> &str {
    &s[s.trim_end_matches(is_space).len()..]
}

/// Compares the spacing of a source and its target in `tag`.
pub fn diff(source: &str, target: &str, tag: &str) -> Vec<Issue> {
    let mut out = Vec::new();
    if target.trim().is_empty() {
        return out;
    }
    let (sl, tl) = (lead(source), lead(target));
    // A help text's lines are indented and re-wrapped by the translator: its edges are layout.
    let multi_line = source.trim().contains('\n');
    if sl.is_empty() != tl.is_empty() && !multi_line {
        out.push(Issue::Leading {
            source: sl.to_string(),
            target: tl.to_string(),
        });
    }
    let (st, tt) = (trail(source), trail(target));
    // "Name: " before a value may lose its space in Chinese or Japanese, whose full-width colon
    // carries its own spacing.
    let cjk_drop = !lang::spaced(tag)
        && tt.is_empty()
        && target.trim_end().ends_with(|c: char| lang::is_cjk(c));
    if st.is_empty() != tt.is_empty() && !cjk_drop && !multi_line {
        out.push(Issue::Trailing {
            source: st.to_string(),
            target: tt.to_string(),
        });
    }
    let source_doubles = source.trim().contains("  ");
    if !source_doubles {
        let body_start = tl.len();
        let body_end = target.len() - tt.len();
        let body = &target[body_start..body_end];
        let mut run_start = None;
        for (i, c) in body.char_indices() {
            // Ideographic spaces are one character wide each; only ASCII doubles count.
            if c == ' ' {
                run_start.get_or_insert(i);
            } else if let Some(s) = run_start.take()
                && i - s >= 2
            {
                out.push(Issue::Doubled {
                    span: Span::new(body_start + s, body_start + i),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_trailing_doubled() {
        assert!(diff("Name: ", "Nom : ", "fr").is_empty());
        assert!(matches!(
            &diff("Name: ", "Nom :", "fr")[..],
            [Issue::Trailing { .. }]
        ));
        assert!(matches!(
            &diff("  indented", "eingerückt", "de")[..],
            [Issue::Leading { .. }]
        ));
        assert!(diff("Name: ", "名前：", "ja").is_empty());
        assert_eq!(
            diff("Save the file", "Datei  speichern", "de"),
            [Issue::Doubled {
                span: Span::new(5, 7)
            }]
        );
        assert!(diff("Col1  Col2", "Sp1  Sp2", "de").is_empty());
        assert!(diff("a", "   ", "de").is_empty());
    }
}
