//! Sentence splitter for news prose: abbreviations (U.S., Dr., Jan.), initials, quotes that close
//! after the full stop, dash-led quotes, and headline or list lines that carry no full stop; and
//! the source-side splitter, which also splits after CJK full stops and before Finnish, Swedish
//! and German opening quotes.

use crate::document::Span;

/// Words that end in a full stop without ending the sentence (compared case-insensitively,
/// without the dot). Titles, months, corporate suffixes and Latin shorthands of news copy.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "rev", "hon", "pres", "supt", "insp", "det", "inc",
    "ltd", "co", "corp", "bros", "plc", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "no", "nos", "vol", "p", "pp", "fig", "approx", "est", "dept", "univ",
    "assn", "ave", "blvd", "rd", "mt", "ft", "al", "cf", "ca", "min", "max", "op", "ed", "eds",
];

/// Words that open sentences often enough that a capitalised one after "U.S." or "a.m." means a
/// new sentence started (otherwise the dotted abbreviation is read as mid-sentence).
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "There",
    "Some",
    "Many",
    "Most",
    "According",
    "However",
    "Meanwhile",
    "Still",
    "Yet",
    "So",
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

/// Whether a sentence may start with `c`: capitals, digits, opening quotes and brackets, dashes.
fn is_opener(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(
            c,
            '"' | '“' | '‘' | '«' | '\'' | '(' | '[' | '–' | '—' | '-' | '¿' | '¡'
        )
        || (c.is_alphabetic() && !c.is_lowercase())
}

/// The word (letters, digits and inner dots) that ends right before byte `end` of `text`.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &head[start..]
}

fn word_after(text: &str, start: usize) -> &str {
    let tail = &text[start..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map(|(i, _)| i)
        .unwrap_or(tail.len());
    &tail[..end]
}

/// Whether the full stop at byte `dot` of `text` ends a sentence, given the next word starts at `next`.
fn dot_ends_sentence(text: &str, dot: usize, next: usize) -> bool {
    let word = word_before(text, dot);
    let next_word = word_after(text, next);
    let bare = word.trim_start_matches(['-', '.']);
    if bare.is_empty() {
        return true;
    }
    // A single capital is an initial ("J. K. Rowling"), unless a sentence opener follows it.
    if bare.chars().count() == 1 && bare.chars().all(char::is_uppercase) {
        return SENTENCE_OPENERS.contains(&next_word);
    }
    let lower = bare.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "Jan. 5", "No. 3", "Dr. Smith": never a boundary; months and the like before a
        // sentence opener are rare enough to accept.
        return SENTENCE_OPENERS.contains(&next_word) && !is_title(&lower);
    }
    // Dotted abbreviations: "U.S.", "e.g.", "a.m.".
    if bare.contains('.') && bare.split('.').all(|p| p.chars().count() <= 2) {
        return SENTENCE_OPENERS.contains(&next_word);
    }
    true
}

fn is_title(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "sen"
            | "rep"
            | "gov"
            | "gen"
            | "col"
            | "lt"
            | "sgt"
            | "capt"
            | "st"
            | "rev"
            | "hon"
            | "no"
    )
}

/// The length of the line break (LF, CRLF or a lone CR) starting at byte `pos`, if one does.
fn line_break(text: &str, pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b.get(pos)? {
        b'\n' => Some(1),
        b'\r' if b.get(pos + 1) == Some(&b'\n') => Some(2),
        b'\r' => Some(1),
        _ => None,
    }
}

/// Splits `text` into sentence spans (trimmed of surrounding whitespace, never empty).
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Index of the first non-whitespace char after the current line break: found once per run
    // of whitespace, not once per line break in it (which was quadratic on long blank runs).
    let mut next_visible = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        // CRLF is one break, taken at its LF; a lone CR (classic Mac text) is a break of its own.
        let breaks = c == '\n' || (c == '\r' && line_break(text, pos) == Some(1));
        if breaks {
            // A line break ends a sentence when the line before it has no closing punctuation and
            // is short, as headlines, captions and list items are; long lines are hard-wrapped prose.
            let line_end = if c == '\n' && text[..pos].ends_with('\r') {
                pos - 1
            } else {
                pos
            };
            let line_start = text[..line_end]
                .rfind(['\n', '\r'])
                .map(|p| p + 1)
                .unwrap_or(0);
            let line = text[line_start..line_end].trim_end();
            let ends_open = line
                .chars()
                .last()
                .is_some_and(|l| !is_terminal(l) && !is_closer(l));
            if next_visible <= i {
                next_visible = i + 1;
                while next_visible < chars.len() && chars[next_visible].1.is_whitespace() {
                    next_visible += 1;
                }
            }
            let next_opens = chars.get(next_visible).is_some_and(|&(_, c)| is_opener(c));
            // A blank line (the next line is empty) always ends a sentence.
            let blank = line_break(text, pos + 1).is_some();
            if (ends_open && line.chars().count() < 70 && next_opens) || blank {
                push(&mut out, text, start, pos);
                start = pos;
            }
            i += 1;
            continue;
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // Consume a run of terminals and closing quotes: `?!`, `...`, `."`, `.”)`.
        let mut j = i + 1;
        while j < chars.len() && (is_terminal(chars[j].1) || is_closer(chars[j].1)) {
            j += 1;
        }
        let end = if j < chars.len() {
            chars[j].0
        } else {
            text.len()
        };
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k == j && j < chars.len() {
            // No space after the stop ("3.5", "example.com"): not a boundary.
            i = j;
            continue;
        }
        if k >= chars.len() {
            break;
        }
        let next = chars[k].0;
        let opener = chars[k].1;
        let ellipsis = c == '…' || text[pos..end].starts_with("...");
        let boundary = if !is_opener(opener) {
            false
        } else if ellipsis {
            // "… maybe more" trails off mid-sentence; a capital after it starts a new one.
            opener.is_uppercase()
        } else if c == '.' {
            dot_ends_sentence(text, pos, next)
        } else {
            true
        };
        if boundary {
            push(&mut out, text, start, end);
            start = end;
            i = k;
        } else {
            // The whitespace after the stop is read char by char, so a blank line in it (a
            // paragraph break after "no." or "Jr.") still ends the sentence.
            i = j;
        }
    }
    push(&mut out, text, start, text.len());
    out
}

fn push(out: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

pub(crate) fn is_cjk_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

pub(crate) fn is_cjk_closer(c: char) -> bool {
    matches!(
        c,
        '」' | '』' | '”' | '’' | '）' | '"' | '\'' | ')' | '】' | '》'
    )
}

/// Quotation marks that open a quote in Finnish, Swedish, German and CJK text but that the news
/// splitter reads as closers only (Finnish quotes open with ”, Swedish with », German with „).
fn is_source_quote_opener(c: char) -> bool {
    matches!(c, '”' | '»' | '„' | '「' | '『')
}

/// Whether `piece[i..]`, right after a full stop, is whitespace and then a quote opening a new
/// sentence: `. ”Meillä`.
fn quote_opens_after(piece: &str, i: usize) -> bool {
    let rest = &piece[i..];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return false;
    }
    let mut cs = trimmed.chars();
    cs.next().is_some_and(is_source_quote_opener) && cs.next().is_some_and(char::is_uppercase)
}

/// Sentences of a source text, which may be in any language (unaligned `--source` articles): the news splitter, then a further
/// split after Chinese and Japanese full stops (。！？), which need no space after them, and
/// before quotes that open with ” » „ after a full stop.
pub fn split_source_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for span in split_sentences(text) {
        let piece = &text[span.start..span.end];
        let mut start = 0;
        let mut chars = piece.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let end = i + c.len_utf8();
            if matches!(c, '.' | '!' | '?') && quote_opens_after(piece, end) {
                push_trimmed(&mut out, piece, start, end, span.start);
                start = end;
                continue;
            }
            if !is_cjk_stop(c) {
                continue;
            }
            let mut end = end;
            while let Some(&(k, d)) = chars.peek() {
                if is_cjk_stop(d) || is_cjk_closer(d) {
                    end = k + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push_trimmed(&mut out, piece, start, end, span.start);
            start = end;
        }
        push_trimmed(&mut out, piece, start, piece.len(), span.start);
    }
    out
}

fn push_trimmed(out: &mut Vec<Span>, text: &str, start: usize, end: usize, base: usize) {
    let part = &text[start..end];
    let lead = part.len() - part.trim_start().len();
    let trimmed = part.trim();
    if !trimmed.is_empty() {
        let s = base + start + lead;
        out.push(Span::new(s, s + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("One here. Two there! Three?"),
            vec!["One here.", "Two there!", "Three?"]
        );
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            split("Dr. Smith met J. K. Rowling in the U.S. capital on Jan. 5. Then he left."),
            vec![
                "Dr. Smith met J. K. Rowling in the U.S. capital on Jan. 5.",
                "Then he left."
            ]
        );
        assert_eq!(
            split("She moved to the U.S. The move was hard."),
            vec!["She moved to the U.S.", "The move was hard."]
        );
    }

    #[test]
    fn quotes_close_after_stop() {
        assert_eq!(
            split("\"We will win.\" He smiled. \"Will you?\" she asked."),
            vec!["\"We will win.\"", "He smiled.", "\"Will you?\" she asked."]
        );
        assert_eq!(
            split("“It is over,” he said. “Go.”"),
            vec!["“It is over,” he said.", "“Go.”"]
        );
    }

    #[test]
    fn dash_led_quotes() {
        assert_eq!(
            split("The minister spoke. – We will review it, she said."),
            vec!["The minister spoke.", "– We will review it, she said."]
        );
    }

    #[test]
    fn headline_lines_without_stop() {
        assert_eq!(
            split("Storm hits coast\nThe storm hit the coast on Monday."),
            vec!["Storm hits coast", "The storm hit the coast on Monday."]
        );
    }

    #[test]
    fn numbers_and_ellipsis() {
        assert_eq!(
            split("It grew 3.5 percent... maybe more. Fine."),
            vec!["It grew 3.5 percent... maybe more.", "Fine."]
        );
    }

    #[test]
    fn spans_are_trimmed_and_on_boundaries() {
        let text = "  Ääni. Öljy on kallista.  ";
        for s in split_sentences(text) {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert_eq!(&text[s.start..s.end], text[s.start..s.end].trim());
        }
    }

    #[test]
    fn cjk_full_stops_split() {
        let text = "欧盟峰会周二开幕。各国领导人讨论难民政策！“会谈顺利吗？”他问。 Then English. Two. ”Lainaus alkaa.” Loppu.";
        let got: Vec<&str> = split_source_sentences(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            vec![
                "欧盟峰会周二开幕。",
                "各国领导人讨论难民政策！",
                "“会谈顺利吗？”",
                "他问。",
                "Then English.",
                "Two.",
                "”Lainaus alkaa.”",
                "Loppu."
            ]
        );
    }

    #[test]
    fn crlf_and_lone_cr_break_lines_like_lf() {
        let lf = "Storm hits coast\nThe storm hit.\n\nnext para starts lower";
        let want = split(lf);
        assert_eq!(
            want,
            [
                "Storm hits coast",
                "The storm hit.",
                "next para starts lower"
            ]
        );
        for eol in ["\r\n", "\r"] {
            let t = lf.replace('\n', eol);
            let got: Vec<String> = split(&t).iter().map(|s| s.replace(eol, "\n")).collect();
            assert_eq!(got, want, "{eol:?}");
        }
    }

    #[test]
    fn a_blank_line_after_an_abbreviation_ends_the_sentence() {
        assert_eq!(
            split("See item no.\n\nthe next paragraph."),
            vec!["See item no.", "the next paragraph."]
        );
        assert_eq!(
            split("See no.\nthe same one."),
            vec!["See no.\nthe same one."]
        );
    }

    #[test]
    fn long_blank_runs_are_linear() {
        // Every line break used to scan the rest of the whitespace run: quadratic.
        let text = format!("Head\n{}End.", " \n".repeat(200_000));
        let t = std::time::Instant::now();
        assert_eq!(split(&text), vec!["Head", "End."]);
        assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
    }
}
