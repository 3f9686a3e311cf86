//! MT301 page-furniture: lines that belong to the web page, not the story (related-article links,
//! comment forms, share widgets, "continues after the video" markers, photo captions and credits),
//! found by a short phrase list combined with structural cues.

use std::sync::LazyLock;

use crate::checks::{Check, CheckMeta, Context, ENGLISH, Example, Needs, Output, Severity};
use crate::document::{Document, SentenceRef, Span};
use crate::words::words;

pub struct PageFurniture;

static META: CheckMeta = CheckMeta {
    code: "MT301",
    name: "page-furniture",
    // Furniture is text the story does not contain; MQM files such text under Addition.
    category: "Accuracy/Addition",
    severity: Severity::Major,
    summary: "Navigation, comment-form, share-widget or photo-credit text left inside the article",
    docs: r#"## What it does
Flags lines that come from the web page around the article rather than from the article: links to
other stories ("See also …", "Read also:"), comment forms ("Leave a Reply", "Your email address
will not be published"), share and subscription widgets, markers where a video or advertisement
interrupted the text ("The story continues after the film."), and photo captions with their
credit lines ("NAME SURNAME / Agency / Pool, EPA"). It combines a short phrase list
(`src/checks/data/furniture.txt`) with structural cues: slash-separated lists of capitalised
credits, runs of all-caps names, short unpunctuated lines that open with an interface verb
(Leave, Share, Subscribe, Follow, Click, Read).

## Why is this bad?
Scraped articles carry page furniture into the translation. A reader of the translated article
meets a headline of an unrelated story or a comment form in the middle of the text, and the
translation is charged for words that were never part of the story.

## Example
```text
See also Band member quits band - singer talks future
```
Delete the line; it links to another article."#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // English-only: its phrase list is English.
    langs: ENGLISH,
    settings: &[],
    examples: &[
        Example {
            text: "The minister resigned on Monday.\n\nSee also Band member quits band - singer talks future\n\nThe vote is on Friday.",
            flagged: true,
            source: None,
        },
        Example {
            text: "Ministers met in Brussels.\n\nLeaders at the summit on Tuesday. JOHN SMITH / Reuters / Pool, EPA / AOP",
            flagged: true,
            source: None,
        },
        Example {
            text: "The minister resigned on Monday.\n\nThe opposition is reconsidering its position\n\nThe vote is on Friday.",
            flagged: false,
            source: None,
        },
        Example {
            text: "Readers can see also the full report, the ministry said. The 50/50 split was agreed in May.",
            flagged: false,
            source: None,
        },
    ],
};

/// Phrases from the data file: (lowercase phrase, anchored at sentence start).
static PHRASES: LazyLock<Vec<(String, bool)>> = LazyLock::new(|| {
    include_str!("data/furniture.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.strip_prefix('^') {
            Some(p) => (p.to_string(), true),
            None => (l.to_string(), false),
        })
        .collect()
});

/// Verbs that open interface labels ("Share", "Leave a Reply"); in news text a short line that
/// starts with one and has no final punctuation is a button, not a sentence.
const UI_VERBS: &[&str] = &[
    "leave",
    "share",
    "subscribe",
    "follow",
    "click",
    "read",
    "sign",
    "log",
    "download",
    "comment",
    "print",
    "tweet",
];

/// Words that follow an interface verb in a button label.
const UI_OBJECTS: &[&str] = &[
    "a", "an", "the", "this", "us", "on", "to", "our", "your", "more", "also", "here", "it", "in",
    "up", "now",
];

/// Photo and wire agencies that appear in credit lines.
const AGENCIES: &[&str] = &[
    "AFP",
    "AP",
    "EPA",
    "Reuters",
    "Getty",
    "Lehtikuva",
    "AOP",
    "Sputnik",
    "TASS",
    "Xinhua",
    "dpa",
    "ANP",
    "ANSA",
    "Shutterstock",
    "Pool",
    "STT",
    "NTB",
    "TT",
    "Ritzau",
    "Scanpix",
    "Imago",
    "Alamy",
    "Unsplash",
];

/// Words that introduce a credit ("Photo: …") in English and the source languages MT leaves them in.
const CREDIT_LABELS: &[&str] = &[
    "photo", "photos", "picture", "image", "kuva", "foto", "bild", "video", "graphic",
];

/// Lowercase, with every run of whitespace (non-breaking spaces included) collapsed to one space,
/// and a map from each byte of the result back to a byte of the original.
fn normalise(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut last_space = true;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                map.push(i);
            }
            last_space = true;
            continue;
        }
        last_space = false;
        for l in c.to_lowercase() {
            let before = out.len();
            out.push(l);
            map.extend(std::iter::repeat_n(i, out.len() - before));
        }
    }
    (out, map)
}

/// The first furniture phrase in a sentence: byte offset in the sentence where it starts.
fn phrase_at(sentence: &str) -> Option<(usize, &'static str)> {
    let (norm, map) = normalise(sentence);
    // Dash-led quotes and bullets come before anchored phrases in scraped text.
    let lead = norm.len()
        - norm
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let n_words = norm.split(' ').count();
    for (phrase, anchored) in PHRASES.iter() {
        let found = if *anchored {
            norm[lead..].starts_with(phrase.as_str()).then_some(lead)
        } else if n_words <= 20 {
            norm.find(phrase.as_str())
        } else {
            None
        };
        let Some(at) = found else { continue };
        let end = at + phrase.len();
        // Whole words only: "see also" must not match "see alsoyou".
        if norm[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        return Some((map.get(at).copied().unwrap_or(0), phrase.as_str()));
    }
    None
}

fn is_credit_word(w: &str) -> bool {
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    first_upper || AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(w))
}

/// A credit line: two or more slash-separated parts, each a short run of capitalised words, with
/// an agency or an all-caps name among them; or "Photo: Name / Agency". Returns where it starts.
fn credit_at(sentence: &str) -> Option<usize> {
    let parts: Vec<&str> = sentence.split('/').collect();
    if parts.len() < 2 {
        return None;
    }
    // The credit may follow a caption in the same sentence: take the last words before the first
    // slash that are capitalised.
    let head = words(parts[0]);
    let tail_start = head
        .iter()
        .rposition(|w| !is_credit_word(w.text))
        .map(|i| i + 1)
        .unwrap_or(0);
    let head_credit = &head[tail_start..];
    if head_credit.is_empty() || head_credit.len() > 4 {
        return None;
    }
    let mut agency = false;
    let mut caps_name = head_credit.len() >= 2 && head_credit.iter().all(|w| is_all_caps(w.text));
    for part in &parts[1..] {
        let ws = words(part);
        if ws.is_empty() || ws.len() > 5 || !ws.iter().all(|w| is_credit_word(w.text)) {
            return None;
        }
        agency |= ws.iter().any(|w| AGENCIES.contains(&w.text));
        caps_name |= ws.len() >= 2 && ws.iter().all(|w| is_all_caps(w.text));
    }
    agency |= head_credit.iter().any(|w| AGENCIES.contains(&w.text));
    let labelled = tail_start > 0
        && CREDIT_LABELS.contains(&head[tail_start - 1].text.to_lowercase().as_str())
        && parts[0][head[tail_start - 1].span.end..]
            .trim_start()
            .starts_with(':');
    let start = if labelled {
        head[tail_start - 1].span.start
    } else {
        head_credit[0].span.start
    };
    (agency || caps_name || labelled || parts.len() >= 3).then_some(start)
}

fn is_all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

fn ends_like_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', '"', '”', '»', ':', ')'])
}

impl Check for PageFurniture {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        for (si, seg) in doc.segments.iter().enumerate() {
            // A localisation unit is UI text: "Sign in" and "Print" are its buttons, not residue
            // of a scraped web page.
            if seg.unit.is_some() {
                continue;
            }
            for (ti, span) in seg.sentences.iter().enumerate() {
                let at = SentenceRef {
                    segment: si,
                    sentence: ti,
                };
                let text = &seg.text[span.start..span.end];
                let end = text.trim_end().len();
                let n_words = words(text).len();
                if let Some((start, phrase)) = phrase_at(text) {
                    let nbsp = text.contains('\u{a0}');
                    out.finding(
                        &META,
                        at,
                        Span::new(start, end).offset(span.start),
                        format!("'{phrase}' is page furniture, not part of the article"),
                    )
                    .evidence(
                        "phrase",
                        format!("matches '{phrase}' from the furniture list"),
                    )
                    .evidence(
                        "shape",
                        format!(
                            "{n_words} words{}",
                            if nbsp {
                                ", contains a non-breaking space (HTML residue)"
                            } else {
                                ""
                            }
                        ),
                    )
                    .suggest("delete this line")
                    .confidence(if n_words <= 15 { 0.9 } else { 0.7 });
                    continue;
                }
                if let Some(start) = credit_at(text) {
                    out.finding(
                        &META,
                        at,
                        Span::new(start, end).offset(span.start),
                        "photo credit line left in the article text",
                    )
                    .evidence(
                        "shape",
                        "slash-separated list of capitalised credits or agencies",
                    )
                    .suggest("delete the photo credit")
                    .confidence(0.85);
                    // Short sentences before the credit in the same paragraph are its caption.
                    for (ci, cspan) in seg.sentences[..ti].iter().enumerate() {
                        let cap = &seg.text[cspan.start..cspan.end];
                        if words(cap).len() <= 14 {
                            let at = SentenceRef {
                                segment: si,
                                sentence: ci,
                            };
                            out.finding(
                                &META,
                                at,
                                Span::new(cspan.start, cspan.start + cap.trim_end().len()),
                                "photo caption left in the article text",
                            )
                            .evidence("shape", "short line directly before a photo credit")
                            .suggest("delete the caption or move it out of the article text")
                            .confidence(0.6);
                        }
                    }
                    continue;
                }
                // An interface label: a short unpunctuated line that opens with a UI verb and stands
                // alone as a paragraph (not the headline).
                let ws = words(text);
                let first = ws.first().map(|w| w.lower()).unwrap_or_default();
                // "Share prices fall" is a subheading; "Share this", "Follow us", "Leave a Reply" are buttons.
                let ui_object = ws
                    .get(1)
                    .is_none_or(|w| UI_OBJECTS.contains(&w.lower().as_str()));
                if si > 0
                    && seg.sentences.len() == 1
                    && n_words <= 6
                    && !ends_like_sentence(text)
                    && UI_VERBS.contains(&first.as_str())
                    && ui_object
                {
                    out.finding(&META, at, Span::new(span.start, span.start + end), format!("'{}' reads as a page button or link, not article text", text.trim()))
                        .evidence("shape", format!("{n_words}-word paragraph without final punctuation opening with the interface verb '{first}'"))
                        .suggest("delete this line")
                        .confidence(0.6);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_prose;

    fn run(text: &str) -> Vec<(String, String)> {
        let doc = parse_prose("t.txt", text);
        let out = crate::checks::run_without_models(&PageFurniture, &doc);
        out.findings
            .iter()
            .map(|f| {
                (
                    doc.segments[f.at.segment].text[f.span.start..f.span.end].to_string(),
                    f.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn examples_behave() {
        for ex in META.examples {
            assert_eq!(!run(ex.text).is_empty(), ex.flagged, "{}", ex.text);
        }
    }

    #[test]
    fn see_also_with_nbsp_spans_the_headline() {
        let f = run("Title\n\nSee also\u{a0} Singer quits band - talks future");
        assert_eq!(f.len(), 1);
        assert!(
            f[0].0.starts_with("See also") && f[0].0.ends_with("future"),
            "{f:?}"
        );
    }

    #[test]
    fn comment_form_and_story_marker() {
        let f = run(
            "Title\n\nThe story continues after the video.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *",
        );
        assert_eq!(f.len(), 4, "{f:?}");
    }

    #[test]
    fn credit_with_caption() {
        let f = run("Title\n\nLeaders in Rome on Friday. ANNA VIRTA / Lehtikuva");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].0, "ANNA VIRTA / Lehtikuva");
        let f = run("Title\n\nPhoto: Anna Virta / Reuters");
        assert_eq!(f[0].0, "Photo: Anna Virta / Reuters");
    }

    #[test]
    fn ordinary_text_is_clean() {
        for t in [
            "Title\n\nFollow the money, the prosecutor said.",
            "Title\n\nThe EU/US talks resume on Monday, officials said.",
            "Title\n\nShare prices fall in Helsinki\n\nShe left early.",
        ] {
            assert!(run(t).is_empty(), "{t}: {:?}", run(t));
        }
    }

    #[test]
    fn spans_are_in_segment_coordinates() {
        let doc = parse_prose("t.txt", "Title\n\nIt rained. See also Other story here");
        let out = crate::checks::run_without_models(&PageFurniture, &doc);
        let f = &out.findings[0];
        assert_eq!(
            &doc.segments[1].text[f.span.start..f.span.end],
            "See also Other story here"
        );
    }
}
