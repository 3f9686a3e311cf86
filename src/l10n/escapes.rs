//! Newlines, tabs and backslash escapes: a target that starts or ends with a newline the source
//! does not (gettext's `msgfmt -c` rejects that), loses or adds line or paragraph breaks, tabs,
//! or literal escape sequences (`\n`, `\t`, `\"`, `\\`, `\u00e9`) that a resource format
//! (`.properties`, `.strings`, JSON) will decode. Long help texts may be re-wrapped: with four or
//! more lines in the source only paragraph breaks must match.

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
    let (sp, tp) = (si.matches("\n\n").count(), ti.matches("\n\n").count());
    let (sn, tn) = (si.matches('\n').count(), ti.matches('\n').count());
    if sp != tp {
        out.push(Issue::Lines {
            paragraphs: true,
            source: sp,
            target: tp,
        });
    } else if sn != tn && (sn < 4 || tn == 0) {
        out.push(Issue::Lines {
            paragraphs: false,
            source: sn,
            target: tn,
        });
    }
    let (stab, ttab) = (source.matches('\t').count(), target.matches('\t').count());
    if stab != ttab {
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
        assert_eq!(
            diff("a\nb", "a b"),
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
