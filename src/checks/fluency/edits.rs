//! Small corrective edits in the spirit of LM-Critic: if one of these makes a sentence far more
//! probable, the original is likely an error. Edits are restricted to families where a large
//! gain means a real error (deleting any rare word always "helps", so that is not a family).
//!
//! `cue_edits` proposes edits only where a textual cue is present, so most sentences cost one
//! model pass; `null_edits` applies the same operations wherever they are possible, and on clean
//! text gives the gain distribution the thresholds are calibrated from.

use crate::document::Span;
use crate::words::{SUBJECT_PRONOUNS, Word, is_function_word, is_preposition, opens_clause, words};

/// The edit families; each has its own calibrated threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Lowercase a capitalised word mid-sentence ("Putin And Kim" → "Putin and Kim").
    Lowercase,
    /// Delete a subject pronoun ("Jane Doe He says" → "Jane Doe says").
    DropPronoun,
    /// Delete a function word: a stray preposition ("By North").
    DropWord,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Lowercase, Family::DropPronoun, Family::DropWord];

    pub fn name(self) -> &'static str {
        match self {
            Family::Lowercase => "lowercase",
            Family::DropPronoun => "drop-pronoun",
            Family::DropWord => "drop-word",
        }
    }
}

/// One edit of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub family: Family,
    /// The words changed, in sentence coordinates.
    pub span: Span,
    /// What replaces `span` ("" for a deletion).
    pub replacement: String,
    /// The whole edited sentence.
    pub edited: String,
}

/// Where an edit starts: a deletion (empty `replacement`) takes the space before the word.
fn edit_start(sentence: &str, span: Span, replacement: &str) -> usize {
    if replacement.is_empty() {
        sentence[..span.start].trim_end().len()
    } else {
        span.start
    }
}

/// `sentence` with `span` replaced; a deletion (empty `replacement`) takes the space before the
/// word with it. What the language model scores; reports take [`suggestion`].
pub fn apply(sentence: &str, span: Span, replacement: &str) -> String {
    let start = edit_start(sentence, span, replacement);
    let mut edited = String::with_capacity(sentence.len());
    edited.push_str(&sentence[..start]);
    edited.push_str(replacement);
    edited.push_str(&sentence[span.end..]);
    edited
}

/// Sentences of more chars than this get only the edited window as a suggestion.
const WHOLE_SENTENCE_CHARS: usize = 300;

/// Chars of context kept on each side of the edit in a long sentence's suggestion.
const CONTEXT_CHARS: usize = 60;

/// The suggestion of a word-level fix: the edited sentence ([`apply`]) when it is at most
/// `WHOLE_SENTENCE_CHARS` chars, else the edit with up to `CONTEXT_CHARS` chars each side, cut at
/// a space and marked `…` where cut. A whole long sentence in every finding made the report
/// O(findings × sentence): 3,000 doubled words in one 51 KB line wrote a 153 MB CSV
/// (RELIABILITY.md, phase 2, item 8). Short sentences keep the whole sentence, as before.
pub fn suggestion(sentence: &str, span: Span, replacement: &str) -> String {
    // `nth` stops after WHOLE_SENTENCE_CHARS chars: a count of a long sentence per finding would
    // be the quadratic cost again.
    if sentence.chars().nth(WHOLE_SENTENCE_CHARS).is_none() {
        return apply(sentence, span, replacement);
    }
    let start = edit_start(sentence, span, replacement);
    let mut from = sentence[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    if from > 0 {
        from = sentence[from..start]
            .find(' ')
            .map_or(from, |i| from + i + 1);
    }
    let mut to = sentence[span.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(sentence.len(), |(i, _)| span.end + i);
    if to < sentence.len() {
        to = sentence[span.end..to]
            .rfind(' ')
            .map_or(to, |i| span.end + i);
    }
    let mut out = String::with_capacity(to - from + replacement.len() + 6);
    if from > 0 {
        out.push('…');
    }
    out.push_str(&sentence[from..start]);
    out.push_str(replacement);
    out.push_str(&sentence[span.end..to]);
    if to < sentence.len() {
        out.push('…');
    }
    out
}

impl Edit {
    fn new(family: Family, sentence: &str, span: Span, replacement: &str) -> Self {
        Edit {
            family,
            span,
            replacement: replacement.to_string(),
            edited: apply(sentence, span, replacement),
        }
    }

    /// "'And' → 'and'" or "delete 'He'".
    pub fn describe(&self, sentence: &str) -> String {
        let from = &sentence[self.span.start..self.span.end];
        if self.replacement.is_empty() {
            format!("delete '{from}'")
        } else {
            format!("'{from}' → '{}'", self.replacement)
        }
    }
}

fn lowercase_first(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Whether a word is a capitalised content word (a name or title), not a function word.
fn is_name_like(w: &Word) -> bool {
    w.is_capitalised() && !is_function_word(&w.lower())
}

/// Edits proposed where a cue is present.
pub fn cue_edits(sentence: &str) -> Vec<Edit> {
    let ws = words(sentence);
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let lower = w.lower();
        let mid = i > 0 && !opens_clause(sentence, w.span.start);
        let prev = if i > 0 { Some(&ws[i - 1]) } else { None };
        let adjacent = prev.is_some_and(|p| sentence[p.span.end..w.span.start].trim().is_empty());
        // A capitalised closed-class word mid-sentence: "Putin And Kim", "Miller He says".
        if mid
            && w.is_capitalised()
            && is_function_word(&lower)
            && w.text.chars().skip(1).all(char::is_lowercase)
        {
            out.push(Edit::new(
                Family::Lowercase,
                sentence,
                w.span,
                &lowercase_first(w.text),
            ));
            if is_preposition(&lower) {
                out.push(Edit::new(Family::DropWord, sentence, w.span, ""));
            }
        }
        // A subject pronoun right after a name: "Jane Doe He says", "Lee he condemned".
        // The name must not itself open the sentence ("When it is…" is no name).
        let prev_is_name = i >= 2
            && prev.is_some_and(|p| is_name_like(p) && !opens_clause(sentence, p.span.start));
        if mid && adjacent && SUBJECT_PRONOUNS.contains(&lower.as_str()) && prev_is_name {
            out.push(Edit::new(Family::DropPronoun, sentence, w.span, ""));
        }
        // A doubled word ("to to the shop") is MT102's, found without the model.
    }
    out
}

/// The same operations applied wherever they are possible, cue or not: on clean text, the gains
/// these get are what a legitimate sentence gains from such an edit by chance.
pub fn null_edits(sentence: &str) -> Vec<Edit> {
    let ws = words(sentence);
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if i == 0 || opens_clause(sentence, w.span.start) {
            continue;
        }
        let lower = w.lower();
        if w.is_capitalised() && w.text.chars().skip(1).all(char::is_lowercase) {
            out.push(Edit::new(
                Family::Lowercase,
                sentence,
                w.span,
                &lowercase_first(w.text),
            ));
        }
        if SUBJECT_PRONOUNS.contains(&lower.as_str()) {
            out.push(Edit::new(Family::DropPronoun, sentence, w.span, ""));
        }
        if is_preposition(&lower) {
            out.push(Edit::new(Family::DropWord, sentence, w.span, ""));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_suggest_the_edited_window() {
        let short = "The report was the the best.";
        let second = Span::new(19, 22);
        assert_eq!(suggestion(short, second, ""), apply(short, second, ""));
        let long = format!(
            "{}the the best {}",
            "word ".repeat(100),
            "more ".repeat(100)
        );
        let at = long.find("the the").unwrap() + 4;
        let s = suggestion(&long, Span::new(at, at + 3), "");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("word the best more"), "{s}");
        assert!(s.chars().count() <= 2 * CONTEXT_CHARS + 2, "{s}");
        // Multi-byte text and an edit at the very end: no cut inside a char, no trailing `…`.
        let tail = format!("{}Ääni Oli", "é ".repeat(200));
        let at = tail.find("Oli").unwrap();
        let s = suggestion(&tail, Span::new(at, tail.len()), "oli");
        assert!(s.starts_with('…') && s.ends_with("Ääni oli"), "{s}");
    }

    fn edited(s: &str) -> Vec<String> {
        cue_edits(s).into_iter().map(|e| e.edited).collect()
    }

    #[test]
    fn capitalised_function_word() {
        let e = edited("Merkel And Macron met in Paris.");
        assert!(
            e.contains(&"Merkel and Macron met in Paris.".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn pronoun_after_name() {
        let e = edited("The minister Anna Berg She said the plan works.");
        assert!(
            e.contains(&"The minister Anna Berg said the plan works.".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn stray_preposition_glued_to_name() {
        let e = edited("Officer Jan Novak By the border was closed.");
        assert!(
            e.contains(&"Officer Jan Novak the border was closed.".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn doubled_word_is_left_to_mt102() {
        assert!(edited("He went to to the shop.").is_empty());
    }

    #[test]
    fn clean_sentences_have_no_cues() {
        for s in [
            "The president said he would visit Berlin in May.",
            "He said: \"The talks will go on.\"",
            "Sales rose in the first quarter, the company said.",
        ] {
            assert!(cue_edits(s).is_empty(), "{s}: {:?}", cue_edits(s));
        }
    }

    #[test]
    fn null_edits_cover_every_candidate() {
        let n = null_edits("The plan, she said, was sent to Berlin by car.");
        assert!(n.iter().any(|e| e.family == Family::DropPronoun));
        assert!(n.iter().any(|e| e.family == Family::Lowercase));
        assert!(n.iter().filter(|e| e.family == Family::DropWord).count() == 2);
    }
}
