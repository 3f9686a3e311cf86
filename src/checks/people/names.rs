//! People in a document, shared by the MT2xx checks: person mentions
//! (capitalised name runs with titles, particles, initials and possessives), quote-bearing
//! sentences, who each quote is attributed to, and the name-form tests (case endings left over
//! from the source language, small spelling drift) that decide whether two mentions are one person.
//! Everything here is heuristic and model-free so that it works on stories it has never seen.

use std::collections::HashSet;

use crate::document::{Document, SentenceRef, Span};
use crate::words::{self, Word};

use super::forms::VariantIndex;

/// Titles and roles that introduce a person ("Defense Minister", "spokesperson", "President").
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "president", "minister", "secretary", "adviser", "advisor", "spokesperson", "spokesman",
    "spokeswoman", "chancellor", "governor", "mayor", "senator", "ambassador", "general",
    "director", "chairman", "chairwoman", "chair", "ceo", "chief", "leader", "premier", "prime",
    "king", "queen", "prince", "princess", "pope", "judge", "commissioner", "professor", "captain",
    "colonel", "lieutenant", "sergeant", "inspector", "coach", "manager", "editor", "economist",
    "analyst", "researcher", "deputy", "vice", "foreign", "defense", "defence", "interior",
    "finance", "national", "security", "justice", "health", "trade", "state", "head", "officer",
    "lawyer", "attorney", "prosecutor", "commander", "admiral", "marshal", "envoy", "executive",
    "speaker", "founder", "official", "dr", "prof", "mr", "mrs", "ms", "miss", "sir", "dame",
    "lord", "lady", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "economy", "affairs",
    "labour", "labor", "education", "environment", "energy", "culture", "transport", "agriculture",
    "archbishop", "bishop", "cardinal", "sheikh", "emir", "sultan", "mp", "correspondent",
];

/// Honorifics: they sit before names but do not introduce anyone ("Mr Korhonen said").
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"];

/// Lowercase words that may sit inside a name ("Mark van der Berg", "Ana de la Cruz").
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "dos", "das", "la", "le",
    "bin", "ibn", "ter", "zu",
];

/// Words that end a name run or mark it as an organisation or place rather than a person.
#[rustfmt::skip]
const NOT_PERSON: &[&str] = &[
    "department", "ministry", "council", "union", "agency", "bank", "party", "university",
    "institute", "company", "corporation", "group", "committee", "commission", "court",
    "parliament", "congress", "senate", "government", "office", "service", "news", "times", "post",
    "press", "forces", "force", "army", "navy", "police", "republic", "kingdom", "states",
    "nations", "federation", "peninsula", "sea", "ocean", "river", "island", "islands", "city",
    "province", "region", "county", "street", "square", "airport", "station", "hospital", "school",
    "college", "museum", "foundation", "association", "organisation", "organization", "fund",
    "centre", "center", "house", "palace", "kremlin", "pentagon", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "central", "united", "european", "europe",
    "africa", "african", "asia", "asian", "america", "american", "korea", "korean", "china",
    "chinese", "japan", "japanese", "russia", "russian", "ukraine", "ukrainian", "finland",
    "finnish", "sweden", "swedish", "norway", "germany", "german", "france", "french", "spain",
    "spanish", "italy", "italian", "britain", "british", "india", "indian", "iran", "israel",
    "israeli", "turkey", "turkish", "mexico", "brazil", "canada", "nato", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "according",
    "however", "meanwhile", "speaking", "although", "because", "while", "when", "after", "i",
    "there", "here", "what", "how", "why", "where", "then", "now", "yes", "no", "see", "read",
    "today", "yesterday", "tomorrow", "god", "christmas", "easter", "internet", "later",
    "earlier", "also", "still", "instead", "finally", "afterwards", "next", "recently",
    "previously", "currently", "both", "only", "even", "every", "each", "such", "many", "several",
    "some", "all", "other", "most", "few", "last", "first", "thus", "indeed", "unlike", "asked",
];

/// Verbs of attribution, present and past.
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "added", "adds", "told", "tells", "stressed", "stresses", "noted", "notes",
    "warned", "warns", "explained", "explains", "insisted", "insists", "continued", "continues",
    "wrote", "writes", "replied", "replies", "asked", "asks", "declared", "declares", "recalled",
    "recalls", "argued", "argues", "emphasised", "emphasized", "concluded", "concludes",
];

pub fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w.to_lowercase().as_str())
}

pub fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(&w.to_lowercase().as_str())
}

pub fn is_role_word(w: &str) -> bool {
    ROLE_WORDS.contains(&w.to_lowercase().as_str())
}

fn is_not_person(w: &str) -> bool {
    NOT_PERSON.contains(&w.to_lowercase().as_str())
}

/// A word with a possessive ending removed ("Miller's" → "Miller").
pub fn strip_possessive(w: &str) -> &str {
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(b) = w.strip_suffix(suf) {
            return b;
        }
    }
    w
}

fn is_possessive(w: &str) -> bool {
    strip_possessive(w).len() != w.len()
}

/// A word that can be part of a name: capitalised, not an acronym, not closed-class.
pub fn name_like(w: &str) -> bool {
    let bare = strip_possessive(w);
    let lower = bare.to_lowercase();
    if ["al-", "el-"].iter().any(|p| lower.starts_with(p)) && bare.len() > 4 {
        return true;
    }
    let mut cs = bare.chars();
    let Some(first) = cs.next() else { return false };
    if !first.is_uppercase() || bare.chars().any(|c| c.is_numeric()) {
        return false;
    }
    let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    !words::is_function_word(&lower)
        && !["according", "i", "there", "however"].contains(&lower.as_str())
}

/// Whether a sentence is a headline: all caps, or title case (nearly every content word capitalised).
pub fn is_headline(text: &str) -> bool {
    let ws: Vec<Word> = words::words(text)
        .into_iter()
        .filter(|w| w.text.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if ws.len() < 3 {
        return false;
    }
    if text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return true;
    }
    // Title case capitalises every content word; prose always has lowercase verbs and nouns.
    let content: Vec<&Word> = ws
        .iter()
        .filter(|w| !words::is_function_word(&w.lower()))
        .collect();
    let caps = content.iter().filter(|w| w.is_capitalised()).count();
    !content.is_empty() && caps * 10 >= content.len() * 9
}

/// A person's name as written in one sentence.
#[derive(Debug, Clone)]
pub struct Mention {
    pub at: SentenceRef,
    /// 0-based position of the sentence in the whole document.
    pub sent_no: usize,
    /// The name in segment coordinates (title and possessive ending excluded).
    pub span: Span,
    /// Name tokens, possessive endings removed.
    pub tokens: Vec<String>,
    /// Segment spans of each token.
    pub token_spans: Vec<Span>,
    /// Title or role written before the name ("Defense Minister", "spokesperson").
    pub title: Option<String>,
}

impl Mention {
    pub fn name(&self) -> String {
        self.tokens.join(" ")
    }
    /// Whether the mention introduces someone: a full name or a role beyond an honorific.
    pub fn introduces(&self) -> bool {
        self.tokens.len() >= 2
            || self.title.as_deref().is_some_and(|t| {
                t.split_whitespace()
                    .any(|w| is_role_word(w) && !HONORIFICS.contains(&w.to_lowercase().as_str()))
            })
    }
}

/// Capitalised name runs of one sentence: (token words, title words).
fn name_runs<'a>(text: &'a str, ws: &[Word<'a>]) -> Vec<(Vec<Word<'a>>, Vec<Word<'a>>)> {
    let mut runs = Vec::new();
    let mut cur: Vec<Word> = Vec::new();
    let flush = |cur: &mut Vec<Word<'a>>, runs: &mut Vec<(Vec<Word<'a>>, Vec<Word<'a>>)>| {
        while cur.last().is_some_and(|w| PARTICLES.contains(&w.text)) {
            cur.pop();
        }
        if cur.is_empty() {
            return;
        }
        // Title words before the name: the last role word splits the run.
        let cut = cur
            .iter()
            .rposition(|w| is_role_word(w.text) && !is_possessive(w.text))
            .map(|i| i + 1)
            .unwrap_or(0);
        let mut title: Vec<Word> = cur[..cut].to_vec();
        let mut name: Vec<Word> = cur[cut..].to_vec();
        // Places and organisations before the name ("South Korea Park Dong-hun").
        if let Some(p) = name
            .iter()
            .rposition(|w| is_not_person(strip_possessive(w.text)))
        {
            name.drain(..=p);
        }
        while name.first().is_some_and(|w| PARTICLES.contains(&w.text)) {
            name.remove(0);
        }
        if title.is_empty() && !name.is_empty() {
            let first = name[0].span.start;
            let before = &text[..first];
            // A lowercase role right before the name: "spokesperson John Miller".
            if let Some(prev) = ws.iter().rev().find(|w| w.span.end <= first)
                && before[prev.span.end..].trim().is_empty()
                && is_role_word(prev.text)
                && !prev.is_capitalised()
            {
                title.push(*prev);
            }
        }
        if !name.is_empty() {
            runs.push((name, title));
        }
        cur.clear();
    };
    for (i, w) in ws.iter().enumerate() {
        let joined = cur.last().is_some_and(|p: &Word| {
            let gap = &text[p.span.end..w.span.start];
            gap.trim().is_empty() || (gap.trim() == "." && p.text.chars().count() == 1)
        });
        if !joined {
            flush(&mut cur, &mut runs);
        }
        let particle = !cur.is_empty()
            && PARTICLES.contains(&w.text)
            && ws
                .get(i + 1)
                .is_some_and(|n| name_like(n.text) || PARTICLES.contains(&n.text));
        let role = w.is_capitalised() && is_role_word(w.text);
        if name_like(w.text) || particle || role {
            cur.push(*w);
            if is_possessive(w.text) {
                flush(&mut cur, &mut runs);
            }
        } else {
            flush(&mut cur, &mut runs);
        }
    }
    flush(&mut cur, &mut runs);
    runs
}

/// Every person mention of the document, in reading order. A run counts as a person when it has
/// a title, two or more name tokens, sits next to a speech verb, or repeats a token of a person
/// already accepted ("Miller" after "John Miller"). Localisation units are UI text, not
/// reporting: their capitalised words ("Updates", "Graphics") are labels, not people.
pub fn mentions(doc: &Document) -> Vec<Mention> {
    let mut cands: Vec<(Mention, bool)> = Vec::new();
    for (sent_no, (at, text)) in doc.sentences().enumerate() {
        if doc.segments[at.segment].unit.is_some() {
            continue;
        }
        let base = doc.sentence_span(at).start;
        let ws = words::words(text);
        for (name, title) in name_runs(text, &ws) {
            let first = name[0].span.start;
            let last = name[name.len() - 1];
            let after = ws.iter().find(|w| w.span.start >= last.span.end);
            let before = ws.iter().rev().find(|w| w.span.end <= first);
            let gap_after = after
                .map(|a| &text[last.span.end..a.span.start])
                .unwrap_or("");
            let speaks = after
                .is_some_and(|a| is_speech_verb(a.text) && !gap_after.contains(['.', ';']))
                || before.is_some_and(|b| is_speech_verb(b.text));
            let person = !title.is_empty() || name.len() >= 2 || speaks;
            let tokens: Vec<String> = name
                .iter()
                .map(|w| strip_possessive(w.text).to_string())
                .collect();
            let token_spans = name
                .iter()
                .map(|w| {
                    Span::new(w.span.start, w.span.start + strip_possessive(w.text).len())
                        .offset(base)
                })
                .collect();
            let end = last.span.start + strip_possessive(last.text).len();
            let m = Mention {
                at,
                sent_no,
                span: Span::new(first, end).offset(base),
                tokens,
                token_spans,
                title: (!title.is_empty())
                    .then(|| title.iter().map(|w| w.text).collect::<Vec<_>>().join(" ")),
            };
            cands.push((m, person));
        }
    }
    let known: Vec<String> = cands
        .iter()
        .filter(|(m, p)| *p && m.tokens.len() >= 2)
        .flat_map(|(m, _)| m.tokens.iter().map(|t| t.to_lowercase()))
        .collect();
    // Distinct known tokens, bucketed: a scan of every known token for every candidate was
    // O(mentions²) in a long article.
    let exact: HashSet<&str> = known.iter().map(String::as_str).collect();
    let known = VariantIndex::new(known.iter().map(String::as_str));
    cands
        .into_iter()
        .filter(|(m, p)| {
            // A lone token is a person when it repeats a known name, or inflects one ("Virtasen").
            let repeats = |t: &String| {
                let t = t.to_lowercase();
                exact.contains(t.as_str()) || !known.variants(&t).is_empty()
            };
            *p || m.tokens.iter().all(repeats)
        })
        .map(|(m, _)| m)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::people::inflection::{case_ending_bases, korean_garble, variant_of};
    use crate::checks::people::quotes::attributions;
    use crate::input::parse_prose;

    fn names(text: &str) -> Vec<String> {
        mentions(&parse_prose("t.txt", text))
            .iter()
            .map(|m| m.name())
            .collect()
    }

    #[test]
    fn finds_people_with_titles_and_particles() {
        assert_eq!(
            names(
                "Finland's Foreign Minister Anna Virtanen met Mark van der Berg and J. K. Rowling."
            ),
            vec!["Anna Virtanen", "Mark van der Berg", "J K Rowling"]
        );
        assert_eq!(
            names("South Korea's National Security Adviser Kim Dae-jung He spoke."),
            vec!["Kim Dae-jung"]
        );
        assert_eq!(
            names("The State Department said so. Miller's office declined."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn case_endings_and_korean() {
        assert!(
            case_ending_bases("Virtasen")
                .iter()
                .any(|(b, _)| b == "Virtanen")
        );
        assert_eq!(
            korean_garble("Dong-Hunin").map(|g| g.0),
            Some("Dong-hun".to_string())
        );
        assert_eq!(korean_garble("Jae-In"), None);
        assert_eq!(korean_garble("Jean-Martin"), None);
        assert!(variant_of("Virtanen", "Virtasen"));
        assert!(!variant_of("Chen", "Chan"));
    }

    #[test]
    fn attributions_by_name() {
        let d = parse_prose(
            "t.txt",
            "Spokesperson John Miller spoke. – It is fine, Miller says. “Go,” said Mark Chen, the adviser.",
        );
        let ms = mentions(&d);
        let a = attributions(&d, &ms);
        assert_eq!(a.len(), 2);
        assert!(!a[0].introduces && a[1].introduces);
    }
}
