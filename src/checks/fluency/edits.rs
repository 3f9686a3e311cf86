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

/// `sentence` with `span` replaced; a deletion (empty `replacement`) takes the space before the
/// word with it. The suggestion of every word-level fix.
pub fn apply(sentence: &str, span: Span, replacement: &str) -> String {
    let start = if replacement.is_empty() {
        sentence[..span.start].trim_end().len()
    } else {
        span.start
    };
    let mut edited = String::with_capacity(sentence.len());
    edited.push_str(&sentence[..start]);
    edited.push_str(replacement);
    edited.push_str(&sentence[span.end..]);
    edited
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
