//! Keyboard accelerators in UI labels: `&File` (Windows, Qt, KDE), `_File` (GTK), `~File`
//! (LibreOffice). The marker is learnt from the source: a target must have exactly one, before a
//! character it actually has, and none when the source has none. CJK targets write the key after
//! the label, `ファイル(&F)`, which counts as one.

use super::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accel {
    /// The marker character: `&`, `_` or `~`.
    pub marker: char,
    /// The marked key.
    pub key: char,
    /// The marker and its key.
    pub span: Span,
}

/// Markers recognised, in order of preference when a source could use several.
pub const MARKERS: &[char] = &['&', '_', '~'];

/// The accelerators in `text` written with `marker`. `&&` and `&amp;`-style entities are not
/// accelerators, nor is `_` inside an identifier (`file_name`) or `~` before a slash (`~/`).
pub fn find(text: &str, marker: char) -> Vec<Accel> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c != marker {
            k += 1;
            continue;
        }
        let next = chars.get(k + 1).map(|n| n.1);
        if next == Some(marker) {
            // A doubled marker is the marker character itself.
            k += 2;
            continue;
        }
        let Some(key) = next.filter(|n| n.is_alphanumeric()) else {
            k += 1;
            continue;
        };
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let ok = match marker {
            '&' => {
                // `&amp;`, `&nbsp;`, `&#39;` are entities.
                let rest = &text[i + 1..];
                let entity = rest.find(';').is_some_and(|n| {
                    n <= 8
                        && rest[..n]
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '#')
                });
                // "R&D", "AT&T": an ampersand between capitals is an abbreviation.
                let abbreviation = prev.is_some_and(char::is_uppercase) && key.is_uppercase();
                !entity && !abbreviation
            }
            '_' => prev.is_none_or(|p| !(p.is_alphanumeric() || p == '_')),
            '~' => prev.is_none_or(|p| !p.is_alphanumeric()),
            _ => false,
        };
        if ok {
            out.push(Accel {
                marker,
                key,
                span: Span::new(i, i + c.len_utf8() + key.len_utf8()),
            });
        }
        k += 2;
    }
    out
}

/// The marker a source uses: the first of `&`, `_`, `~` with exactly one accelerator in it.
pub fn marker_of(source: &str) -> Option<char> {
    MARKERS
        .iter()
        .copied()
        .find(|&m| find(source, m).len() == 1)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// The source has an accelerator, the target none.
    Missing { marker: char, source_key: char },
    /// The target has several.
    Several { marker: char, spans: Vec<Span> },
    /// The target has one and the source none (likely a stray `&` or `_`); only reported when
    /// the caller knows the file uses this marker.
    Extra { accel: Accel },
}

/// Compares accelerators; `file_marker` is the marker the file's other sources use, which makes
/// a target-only one in a source without any worth reporting.
pub fn diff(source: &str, target: &str, file_marker: Option<char>) -> Option<Issue> {
    match marker_of(source) {
        Some(m) => {
            let t = find(target, m);
            match t.len() {
                0 => Some(Issue::Missing {
                    marker: m,
                    source_key: find(source, m)[0].key,
                }),
                1 => None,
                _ => Some(Issue::Several {
                    marker: m,
                    spans: t.iter().map(|a| a.span).collect(),
                }),
            }
        }
        None => {
            let m = file_marker?;
            if !find(source, m).is_empty() {
                return None;
            }
            find(target, m).first().map(|&accel| Issue::Extra { accel })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markers() {
        assert_eq!(find("&File", '&')[0].key, 'F');
        assert!(find("Save && Quit", '&').is_empty());
        assert!(find("Tom &amp; Jerry &#39;", '&').is_empty());
        assert!(find("R&D at AT&T", '&').is_empty());
        assert_eq!(find("_Open", '_')[0].key, 'O');
        assert!(find("file_name", '_').is_empty());
        assert!(find("~/docs", '~').is_empty());
        assert_eq!(find("ファイル(&F)", '&')[0].key, 'F');
        assert_eq!(marker_of("Save &As..."), Some('&'));
        assert_eq!(marker_of("Save As"), None);
    }

    #[test]
    fn compares() {
        assert_eq!(diff("&File", "&Datei", None), None);
        assert_eq!(diff("&File", "ファイル(&F)", None), None);
        assert!(matches!(
            diff("&File", "Datei", None),
            Some(Issue::Missing {
                marker: '&',
                source_key: 'F'
            })
        ));
        assert!(matches!(
            diff("&File", "&Da&tei", None),
            Some(Issue::Several { .. })
        ));
        assert!(matches!(
            diff("File", "&Datei", Some('&')),
            Some(Issue::Extra { .. })
        ));
        assert_eq!(diff("File", "&Datei", None), None);
        assert_eq!(
            diff("Save && Quit", "Speichern && Beenden", Some('&')),
            None
        );
    }
}
