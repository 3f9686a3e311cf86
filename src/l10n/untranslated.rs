//! Source words left in a target of another language: runs of three or more words copied from
//! the source in order (two in a target of another script), at least one of them a common English
//! word when the source is English, so names, product names and terms a target keeps ("Google
//! Drive", "Open Source") are not taken for untranslated text. A same-language pair (en → en_GB)
//! never reports anything.

use super::{Span, lang};

/// Common English words of sentences and UI labels that every other language translates (checked
/// lowercase). Words many languages borrow ("status", "filter") are not here.
const COMMON_EN: &[&str] = &[
    "a",
    "about",
    "account",
    "add",
    "added",
    "after",
    "again",
    "all",
    "already",
    "also",
    "an",
    "and",
    "any",
    "apply",
    "are",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "between",
    "but",
    "by",
    "can",
    "cancel",
    "cannot",
    "change",
    "changes",
    "choose",
    "clear",
    "click",
    "close",
    "confirm",
    "contains",
    "continue",
    "copy",
    "could",
    "create",
    "current",
    "date",
    "day",
    "default",
    "delete",
    "description",
    "disable",
    "disabled",
    "do",
    "does",
    "done",
    "edit",
    "empty",
    "enable",
    "enabled",
    "enter",
    "error",
    "every",
    "exist",
    "exists",
    "exit",
    "failed",
    "file",
    "files",
    "find",
    "first",
    "folder",
    "for",
    "found",
    "from",
    "has",
    "have",
    "help",
    "here",
    "hide",
    "how",
    "if",
    "in",
    "into",
    "invalid",
    "is",
    "it",
    "its",
    "language",
    "last",
    "least",
    "less",
    "loading",
    "long",
    "may",
    "message",
    "more",
    "most",
    "move",
    "must",
    "name",
    "new",
    "next",
    "no",
    "none",
    "not",
    "now",
    "number",
    "of",
    "on",
    "one",
    "only",
    "open",
    "or",
    "other",
    "out",
    "page",
    "password",
    "paste",
    "please",
    "previous",
    "print",
    "quit",
    "remove",
    "rename",
    "replace",
    "required",
    "save",
    "search",
    "select",
    "selected",
    "send",
    "settings",
    "should",
    "show",
    "sign",
    "size",
    "so",
    "some",
    "than",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "this",
    "those",
    "time",
    "to",
    "too",
    "try",
    "type",
    "undo",
    "unknown",
    "up",
    "use",
    "used",
    "user",
    "valid",
    "value",
    "values",
    "view",
    "want",
    "warning",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "window",
    "with",
    "would",
    "yes",
    "you",
    "your",
];

/// Whether `word` (any case) is a common English word of `COMMON_EN`.
pub fn is_common_english(word: &str) -> bool {
    let w = word.to_lowercase();
    COMMON_EN.binary_search(&w.as_str()).is_ok()
}

/// Words of the target language spelled like a common English word, which a copied run must not
/// count on ("in", "die", "so" are German too; "on", "a" French; "no", "a" Spanish).
fn homograph(word: &str, tag: &str) -> bool {
    let w = word.to_lowercase();
    let l = lang::primary(tag);
    let list: &[&str] = match l.as_str() {
        "de" => &[
            "in", "so", "was", "will", "also", "man", "hat", "um", "am", "an", "war", "bin", "die",
            "name", "warning", "default", "help", "all", "most", "time",
        ],
        "nl" => &[
            "in", "is", "was", "we", "been", "door", "over", "also", "had", "de", "of", "op", "an",
        ],
        "fr" => &[
            "a",
            "on",
            "as",
            "est",
            "de",
            "en",
            "date",
            "page",
            "message",
            "type",
            "description",
            "long",
            "plus",
            "copy",
            "nouvelle",
            "valid",
            "change",
            "to",
        ],
        "es" => &[
            "a", "no", "de", "en", "once", "con", "sin", "fin", "son", "he", "me", "mi", "date",
            "use", "page",
        ],
        "it" => &["a", "no", "in", "come", "con", "data", "per", "use", "file"],
        "pt" => &["a", "no", "do", "as", "em", "de", "com", "data", "use"],
        "fi" => &["on", "no", "se", "me", "te", "he", "all", "ale"],
        "sv" => &[
            "in", "an", "for", "is", "man", "under", "vill", "so", "dag", "rename",
        ],
        _ => &[],
    };
    list.contains(&w.as_str())
}

/// Shell and programming keywords a help text names and keeps ("for, while, or until loops").
fn keyword(word: &str) -> bool {
    matches!(
        word,
        "for"
            | "while"
            | "until"
            | "if"
            | "then"
            | "else"
            | "do"
            | "done"
            | "in"
            | "case"
            | "select"
            | "function"
            | "return"
            | "exit"
            | "break"
            | "continue"
            | "set"
            | "unset"
            | "help"
            | "type"
            | "test"
            | "true"
            | "false"
            | "read"
            | "wait"
            | "kill"
            | "time"
            | "not"
            | "and"
            | "or"
            | "new"
            | "delete"
            | "print"
            | "open"
            | "close"
            | "use"
            | "find"
            | "copy"
            | "move"
            | "view"
            | "edit"
            | "search"
            | "show"
            | "hide"
            | "send"
    )
}

/// Word tokens of `text` with their spans, protected tokens (placeholders, URLs, tags, code)
/// left out. Hyphens and apostrophes stay inside words.
pub fn word_spans(text: &str) -> Vec<(Span, String)> {
    let mut shield: Vec<Span> = super::placeholders::extract(text)
        .into_iter()
        .map(|p| p.span)
        .chain(super::tokens::all(text).into_iter().map(|t| t.span))
        .collect();
    // HTML-like tags.
    let mut i = 0;
    while let Some(lt) = text[i..].find('<') {
        let at = i + lt;
        // Only up to the next `<`: a run of unclosed `<a` stays linear.
        match text[at + 1..]
            .find(['<', '>'])
            .filter(|&e| text.as_bytes()[at + 1 + e] == b'>')
            .map(|e| e + 1)
        {
            Some(gt)
                if text[at + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') =>
            {
                shield.push(Span::new(at, at + gt + 1));
                i = at + gt + 1;
            }
            _ => i = at + 1,
        }
    }
    let mut out = Vec::new();
    let mut start = None;
    let word_char = |c: char| c.is_alphanumeric() && !lang::is_cjk(c);
    let push = |s: usize, e: usize, out: &mut Vec<(Span, String)>| {
        if !shield.iter().any(|sp| sp.start <= s && s < sp.end) {
            out.push((Span::new(s, e), text[s..e].to_string()));
        }
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|n| word_char(n.1));
        if word_char(c) || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(s, i, &mut out);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// Spans of target text copied from the source and left untranslated, each a run of words.
pub fn copied_runs(source: &str, target: &str, source_tag: &str, tag: &str) -> Vec<Span> {
    if lang::same_language(source_tag, tag) {
        return Vec::new();
    }
    let english_source = lang::primary(source_tag) == "en";
    // Three words in a row, whatever the script: two ("for, while", "help help") are as often
    // names of commands a help text keeps.
    let min_run = 3;
    let sw: Vec<String> = word_spans(source)
        .into_iter()
        .map(|(_, w)| w.to_lowercase())
        .collect();
    let tw = word_spans(target);
    let lower: Vec<String> = tw.iter().map(|(_, w)| w.to_lowercase()).collect();
    // Only words separated by spaces or light punctuation run on.
    let adjacent = |a: usize, b: usize| {
        let gap = &target[tw[a].0.end..tw[b].0.start];
        gap.chars().all(|c| c == ' ' || c == ',' || c == '\u{a0}')
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tw.len() {
        // The longest run starting at target word i that occurs in the source in order.
        let mut best = 0;
        for s in 0..sw.len() {
            let mut n = 0;
            while i + n < tw.len()
                && s + n < sw.len()
                && lower[i + n] == sw[s + n]
                && (n == 0 || adjacent(i + n - 1, i + n))
            {
                n += 1;
            }
            best = best.max(n);
        }
        if best >= min_run {
            let run = &tw[i..i + best];
            let common = run
                .iter()
                .filter(|(_, w)| is_common_english(w) && !homograph(w, tag) && !keyword(w))
                .count();
            let names = run
                .iter()
                .all(|(_, w)| w.chars().next().is_some_and(char::is_uppercase));
            let lowercase_words = run
                .iter()
                .filter(|(_, w)| w.chars().next().is_some_and(char::is_lowercase))
                .count();
            let enough = if english_source {
                common >= 1 && (common >= 2 || best >= 4)
            } else {
                lowercase_words >= 2
            };
            if enough && !names {
                out.push(Span::new(run[0].0.start, run[best - 1].0.end));
                i += best;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(s: &str, t: &str, tag: &str) -> Vec<String> {
        copied_runs(s, t, "en", tag)
            .into_iter()
            .map(|sp| t[sp.start..sp.end].to_string())
            .collect()
    }

    #[test]
    fn common_list_is_sorted() {
        let mut v = COMMON_EN.to_vec();
        v.sort_unstable();
        assert_eq!(v, COMMON_EN);
        assert!(is_common_english("The") && !is_common_english("status"));
    }

    #[test]
    fn copied_english_is_found() {
        let s = "This value should not be blank.";
        assert_eq!(
            runs(s, "This value should not be blank.", "de"),
            ["This value should not be blank"]
        );
        assert_eq!(
            runs(
                "Please enter a valid email address.",
                "Bitte please enter a valid E-Mail-Adresse.",
                "de"
            ),
            ["please enter a valid"]
        );
        assert_eq!(
            runs(
                "Click Save to continue",
                "「Save to continue」をクリック",
                "ja"
            ),
            ["Save to continue"]
        );
        assert_eq!(
            runs(
                "The file is too large.",
                "ファイルが too large です。",
                "ja"
            ),
            Vec::<String>::new(),
            "one common word in two is not enough"
        );
    }

    #[test]
    fn names_and_same_language_pass() {
        assert!(
            runs(
                "Open Google Drive Sync Settings",
                "Google Drive Sync öffnen",
                "de"
            )
            .is_empty()
        );
        assert!(
            runs(
                "The file {{ file }} is in the folder.",
                "Die Datei {{ file }} ist im Ordner.",
                "de"
            )
            .is_empty()
        );
        assert!(copied_runs("Color of the file", "Colour of the file", "en", "en-GB").is_empty());
        assert!(
            runs("Name in die Liste", "Name in die Liste", "de").is_empty(),
            "German homographs"
        );
    }
}
