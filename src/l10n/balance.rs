//! Bracket and quote balance: a target whose brackets (`()`, `[]`, `{}`, `（）`, `「」`, `【】`,
//! `《》`, …) or double quotes do not pair up the way its source's do. Quotes are counted in any
//! language's convention (“…”, „…“, «…», »…«, ”…”, "…"): every quotation uses two marks, so an odd
//! count where the source's is even means one was lost. Placeholders, URLs and other protected
//! tokens are left out, and single quotes are not counted (they double as apostrophes).

use super::Span;

/// Bracket pairs, open and close.
pub const BRACKETS: &[(char, char)] = &[
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('（', '）'),
    ('［', '］'),
    ('｛', '｝'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('《', '》'),
    ('〈', '〉'),
    ('〔', '〕'),
];

/// Double-quote marks of every convention.
const DOUBLE_QUOTES: &[char] = &['"', '“', '”', '„', '‟', '〝', '〞', '＂'];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The pair (`('(', ')')`; `('"', '"')` for double quotes, `('«', '»')` for guillemets).
    pub pair: (char, char),
    /// Opening minus closing marks (for quotes: count modulo 2) in the source and the target.
    pub source: i64,
    pub target: i64,
    /// The unmatched mark in the target, when one can be pointed at.
    pub span: Option<Span>,
}

fn shield(text: &str) -> Vec<Span> {
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

/// `(char, byte)` of the text outside protected tokens, brackets quoted as characters of their
/// own ("expected `)'", "« ) » attendu") left out.
fn visible(text: &str) -> Vec<(usize, char)> {
    let s = shield(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let quote = |c: Option<char>| {
        c.is_some_and(|c| {
            matches!(
                c,
                '`' | '\'' | '"' | '‘' | '’' | '“' | '”' | '«' | '»' | '„' | '「' | '」'
            )
        })
    };
    let near = |k: usize, step: isize| {
        let mut j = k as isize + step;
        while j >= 0 && (j as usize) < chars.len() && chars[j as usize].1 == ' ' {
            j += step;
        }
        (j >= 0 && (j as usize) < chars.len()).then(|| chars[j as usize].1)
    };
    chars
        .iter()
        .enumerate()
        .filter(|(_, (i, _))| !s.iter().any(|sp| sp.start <= *i && *i < sp.end))
        .filter(|&(k, &(_, c))| {
            let bracket = BRACKETS.iter().any(|&(o, cl)| c == o || c == cl);
            !(bracket && quote(near(k, -1)) && quote(near(k, 1)))
        })
        .map(|(_, &x)| x)
        .collect()
}

/// Whether a `)` closes a list marker ("1)", "a)") or an emoticon (":)") rather than a bracket.
fn marker(chars: &[(usize, char)], k: usize) -> bool {
    let prev = k.checked_sub(1).map(|p| chars[p].1);
    let prev2 = k.checked_sub(2).map(|p| chars[p].1);
    match prev {
        Some(':' | ';') => true,
        Some(p) if p.is_ascii_alphanumeric() => {
            prev2.is_none_or(|q| q.is_whitespace() || q == '\n')
                && (p.is_ascii_digit() || p.is_ascii_lowercase())
        }
        _ => false,
    }
}

/// Per bracket pair, opening minus closing marks and the mark to point at; the parity of double
/// quotes and the last one; guillemets opening minus closing and the last unmatched one.
struct Counts {
    brackets: Vec<(i64, Option<usize>)>,
    quotes: i64,
    quote_at: Option<usize>,
    guillemets: i64,
    guillemet_at: Option<usize>,
}

fn counts(text: &str) -> Counts {
    let chars = visible(text);
    let mut per = Vec::new();
    for &(open, close) in BRACKETS {
        let mut stack: Vec<usize> = Vec::new();
        let mut unmatched_close = None;
        let mut diff = 0i64;
        for (k, &(i, c)) in chars.iter().enumerate() {
            if c == open {
                stack.push(i);
                diff += 1;
            } else if c == close && !(close == ')' && stack.is_empty() && marker(&chars, k)) {
                diff -= 1;
                if stack.pop().is_none() && unmatched_close.is_none() {
                    unmatched_close = Some(i);
                }
            }
        }
        per.push((diff, stack.first().copied().or(unmatched_close)));
    }
    let quotes: Vec<usize> = chars
        .iter()
        .filter(|(_, c)| DOUBLE_QUOTES.contains(c))
        .map(|(i, _)| *i)
        .collect();
    let q = (quotes.len() % 2) as i64;
    let g_open: Vec<usize> = chars
        .iter()
        .filter(|(_, c)| *c == '«')
        .map(|(i, _)| *i)
        .collect();
    let g_close: Vec<usize> = chars
        .iter()
        .filter(|(_, c)| *c == '»')
        .map(|(i, _)| *i)
        .collect();
    let g = g_open.len() as i64 - g_close.len() as i64;
    let g_at = if g > 0 {
        g_open.last().copied()
    } else {
        g_close.last().copied()
    };
    Counts {
        brackets: per,
        quotes: q,
        quote_at: quotes.last().copied(),
        guillemets: g,
        guillemet_at: g_at,
    }
}

/// The pairs that balance differently in the target than in the source.
pub fn diff(source: &str, target: &str) -> Vec<Issue> {
    let Counts {
        brackets: sb,
        quotes: sq,
        guillemets: sg,
        ..
    } = counts(source);
    let Counts {
        brackets: tb,
        quotes: tq,
        quote_at: tq_at,
        guillemets: tg,
        guillemet_at: tg_at,
    } = counts(target);
    let span = |at: Option<usize>| {
        at.map(|i| {
            let len = target[i..].chars().next().map_or(1, char::len_utf8);
            Span::new(i, i + len)
        })
    };
    let mut out = Vec::new();
    for (k, &(open, close)) in BRACKETS.iter().enumerate() {
        let (s, t) = (sb[k].0, tb[k].0);
        // Full-width and ASCII brackets stand for each other across scripts.
        let alt = match open {
            '(' => Some(3),
            '（' => Some(0),
            '[' => Some(4),
            '［' => Some(1),
            _ => None,
        };
        let same = match alt {
            Some(a) => s + sb[a].0 == t + tb[a].0 || s == t,
            None => s == t,
        };
        if !same && t != 0 {
            out.push(Issue {
                pair: (open, close),
                source: s,
                target: t,
                span: span(tb[k].1),
            });
        }
    }
    if sq == 0 && tq == 1 {
        out.push(Issue {
            pair: ('"', '"'),
            source: sq,
            target: tq,
            span: span(tq_at),
        });
    }
    if sg != tg && tg != 0 && sg == 0 {
        out.push(Issue {
            pair: ('«', '»'),
            source: sg,
            target: tg,
            span: span(tg_at),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_translations_pass() {
        assert!(diff("Save (all) files", "Alle Dateien speichern (alle)").is_empty());
        assert!(diff("Say \"hello\"", "Sagen Sie „Hallo“").is_empty());
        assert!(diff("Say \"hello\"", "Dites « bonjour »").is_empty());
        assert!(diff("Say \"hello\"", "「こんにちは」と言う").is_empty());
        assert!(diff("Open (x)", "打开（x）").is_empty());
        assert!(diff("1) First 2) Second", "1) Erstens 2) Zweitens").is_empty());
        assert!(diff("{0} items", "{0} Elemente").is_empty());
        assert!(diff("Smile :)", "Lächeln :)").is_empty());
        assert!(diff("expected `)'", "« ) » attendu").is_empty());
    }

    #[test]
    fn unbalanced_targets_are_caught() {
        let d = diff("Save (all) files", "Alle Dateien speichern (alle");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].pair, d[0].source, d[0].target), (('(', ')'), 0, 1));
        assert_eq!(d[0].span, Some(Span::new(23, 24)));
        let d = diff("Say \"hello\"", "Sagen Sie „Hallo");
        assert_eq!(d[0].pair, ('"', '"'));
        let d = diff("Say \"hello\"", "Dites « bonjour");
        assert_eq!(d[0].pair, ('«', '»'));
        let d = diff("Open [x]", "「x」を開く]");
        assert_eq!(d[0].pair, ('[', ']'));
    }
}
