//! Newlines, tabs and backslash escapes: a target that starts or ends with a newline the source
//! does not (gettext's `msgfmt -c` rejects that), loses or adds line or paragraph breaks, tabs,
//! or literal escape sequences (`\n`, `\t`, `\"`, `\\`, `\u00e9`) that a resource format
//! (`.properties`, `.strings`, JSON) will decode. Lines may be re-wrapped to the translation's
//! width; only paragraph breaks (blank lines) must match, and a text may not lose all its breaks.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// Starts with a newline on one side only.
    Leading { source: bool, target: bool },
    /// Ends with a newline on one side only.
    Trailing { source: bool, target: bool },
    /// Line breaks inside the text (or paragraph breaks, `\n\n`) differ.
    Lines {
        paragraphs: bool,
        source: usize,
        target: usize,
    },
    /// Tab characters differ.
    Tabs { source: usize, target: usize },
    /// A literal escape sequence (`\n` written as two characters) occurs a different number of
    /// times.
    Escape {
        sequence: String,
        source: usize,
        target: usize,
    },
}

/// Whether a line break of `text` separates items ("Acme Editor\nVersion 2.4.1", a list) rather
/// than wrapping a sentence ("usernames which\nconsist of"): the next line starts with a capital,
/// a digit or a bullet, or the line before ends a clause.
fn structural_break(text: &str) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    lines.windows(2).any(|w| {
        let before = w[0].trim_end().chars().next_back();
        let after = w[1].trim_start().chars().next();
        before.is_some_and(|c| matches!(c, '.' | ':' | '!' | '?' | '。' | '：'))
            || after.is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '*' | '•' | '%')
            })
    })
}

/// Blank lines (a newline, spaces or tabs, a newline): paragraph breaks.
fn paragraph_breaks(text: &str) -> usize {
    let lines: Vec<&str> = text.split('\n').collect();
    lines
        .iter()
        .skip(1)
        .take(lines.len().saturating_sub(2))
        .filter(|l| l.trim().is_empty())
        .count()
}

fn inner(text: &str) -> &str {
    text.trim_matches(|c| c == '\n' || c == '\r')
}

/// Literal escape sequences and how often each occurs.
pub fn escapes(text: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let seq = match b[i + 1] {
            b'n' | b't' | b'r' | b'"' | b'\'' | b'\\' => Some(text[i..i + 2].to_string()),
            b'u' if b.len() >= i + 6
                && text
                    .get(i + 2..i + 6)
                    .is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit())) =>
            {
                Some(text[i..i + 6].to_string())
            }
            _ => None,
        };
        match seq {
            Some(s) => {
                i += s.len();
                match out.iter_mut().find(|(k, _)| *k == s) {
                    Some((_, n)) => *n += 1,
                    None => out.push((s, 1)),
                }
            }
            None => i += 1,
        }
    }
    out
}

/// Compares newlines, tabs and literal escapes of a source and its target.
pub fn diff(source: &str, target: &str) -> Vec<Issue> {
    let mut out = Vec::new();
    let (sl, tl) = (source.starts_with('\n'), target.starts_with('\n'));
    if sl != tl {
        out.push(Issue::Leading {
            source: sl,
            target: tl,
        });
    }
    let (st, tt) = (source.ends_with('\n'), target.ends_with('\n'));
    if st != tt {
        out.push(Issue::Trailing {
            source: st,
            target: tt,
        });
    }
    let (si, ti) = (inner(source), inner(target));
    let (sp, tp) = (paragraph_breaks(si), paragraph_breaks(ti));
    let (sn, tn) = (si.matches('\n').count(), ti.matches('\n').count());
    if sp != tp {
        out.push(Issue::Lines {
            paragraphs: true,
            source: sp,
            target: tp,
        });
    } else if sn > 0 && tn == 0 && structural_break(si) {
        // Lines may be re-wrapped (a help text to the translation's width) but not all joined
        // where a break separates items rather than wrapping a sentence.
        out.push(Issue::Lines {
            paragraphs: false,
            source: sn,
            target: tn,
        });
    }
    let (stab, ttab) = (source.matches('\t').count(), target.matches('\t').count());
    // In a multi-line help text tabs are layout, which a translation redoes with spaces.
    if stab != ttab && !inner(source).contains('\n') {
        out.push(Issue::Tabs {
            source: stab,
            target: ttab,
        });
    }
    let se = escapes(source);
    let te = escapes(target);
    let mut keys: Vec<&String> = se
        .iter()
        .map(|(k, _)| k)
        .chain(te.iter().map(|(k, _)| k))
        .collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let count = |v: &[(String, usize)]| v.iter().find(|(x, _)| x == k).map_or(0, |(_, n)| *n);
        let (a, b) = (count(&se), count(&te));
        // `\u00e9` may be written as the character itself.
        if a != b && !(k.starts_with("\\u") && b < a) {
            out.push(Issue::Escape {
                sequence: k.clone(),
                source: a,
                target: b,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_and_tabs() {
        assert!(diff("Line one\nLine two\n", "Zeile eins\nZeile zwei\n").is_empty());
        assert_eq!(
            diff("Error\n", "Fehler"),
            [Issue::Trailing {
                source: true,
                target: false
            }]
        );
        assert_eq!(
            diff("\nDone", "Fertig"),
            [Issue::Leading {
                source: true,
                target: false
            }]
        );
        assert!(diff("usernames which\nconsist of digits", "用户名仅包含数字").is_empty());
        assert_eq!(
            diff("Acme\nVersion 2", "Acme Version 2"),
            [Issue::Lines {
                paragraphs: false,
                source: 1,
                target: 0
            }]
        );
        assert_eq!(
            diff("Name:\tvalue", "Name: Wert"),
            [Issue::Tabs {
                source: 1,
                target: 0
            }]
        );
        let long = "one two\nthree four\nfive six\nseven\neight\n\nnine";
        let rewrapped = "eins zwei drei\nvier fünf sechs\nsieben acht\n\nneun";
        assert!(diff(long, rewrapped).is_empty());
        assert_eq!(
            diff(long, "eins zwei drei vier\nfünf\nsechs sieben acht neun").len(),
            1
        );
    }

    #[test]
    fn literal_escapes() {
        assert_eq!(
            escapes(r#"a\nb\t\"c\" \u00e9 C:\Users"#),
            [
                ("\\n".to_string(), 1),
                ("\\t".into(), 1),
                ("\\\"".into(), 2),
                ("\\u00e9".into(), 1)
            ]
        );
        assert_eq!(
            diff(r"Line\nbreak", r"Zeile Umbruch"),
            [Issue::Escape {
                sequence: "\\n".into(),
                source: 1,
                target: 0
            }]
        );
        assert!(diff(r"Caf\u00e9", "Café").is_empty());
    }
}
