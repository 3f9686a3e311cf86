//! Quotes and who they are attributed to: quote-bearing sentences (quote marks or a dash-led
//! line) and named attributions ("…, X said", "said X", "X says, “…”", "according to X").

use super::names::{Mention, is_role_word, is_speech_verb};
use crate::document::{Document, SentenceRef, Span};
use crate::words;

/// Whether a sentence carries a direct quote: quote marks, or a dash-led line.
pub fn is_quote(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['–', '—', '-'])
        || text.contains(['“', '”', '"', '«', '»'])
        || text.contains(" ‘")
        || text.starts_with('‘')
}

/// Who a quote is attributed to by name in one sentence.
#[derive(Debug, Clone)]
pub struct Attribution {
    pub at: SentenceRef,
    pub sent_no: usize,
    /// The speaker's name in segment coordinates.
    pub span: Span,
    pub tokens: Vec<String>,
    /// A full name, a role, or an apposition ("said Chen, the adviser") introduces the speaker.
    pub introduces: bool,
}

/// Named attributions of quote-bearing sentences: "…, X said", "said X", "X says, “…”",
/// "according to X". Pronoun and role-only attributions ("he said", "the minister said") carry
/// no name and are not returned.
pub fn attributions(doc: &Document, ms: &[Mention]) -> Vec<Attribution> {
    let mut out = Vec::new();
    for (sent_no, (at, text)) in doc.sentences().enumerate() {
        let para_quote = doc.segments[at.segment]
            .text
            .trim_start()
            .starts_with(['–', '—']);
        if !(is_quote(text) || para_quote) {
            continue;
        }
        let base = doc.sentence_span(at).start;
        let ws = words::words(text);
        // Mentions come in reading order: this sentence's are one run, found by bisection
        // rather than a scan of every mention for every quote.
        let first = ms.partition_point(|m| m.sent_no < sent_no);
        let here = ms[first..].iter().take_while(|m| m.sent_no == sent_no);
        for m in here.filter(|m| m.at == at) {
            let (s, e) = (m.span.start - base, m.span.end - base);
            let wi = ws.iter().position(|w| w.span.start == s);
            let wj = ws.iter().position(|w| w.span.start >= e);
            let before = wi.and_then(|i| i.checked_sub(1)).map(|i| ws[i]);
            let after = wj.map(|j| ws[j]);
            let gap_before = before.map(|b| &text[b.span.end..s]).unwrap_or(&text[..s]);
            let gap_after = after.map(|a| &text[e..a.span.start]).unwrap_or("");
            let title_start = m.title.as_ref().and_then(|_| {
                ws.iter()
                    .rposition(|w| w.span.end <= s && !is_role_word(w.text))
                    .map(|i| ws[i])
            });
            // "…, X said" / "” X said": the name follows a comma or closing quote.
            let lead = if m.title.is_some() {
                title_start
                    .map(|w| &text[w.span.end..s])
                    .unwrap_or(gap_before)
            } else {
                gap_before
            };
            let post = after.is_some_and(|a| is_speech_verb(a.text) && gap_after.trim().is_empty())
                && (lead.contains([',', '”', '"', '’'])
                    || m.title.is_some() && title_start.is_some_and(|w| is_speech_verb(w.text)));
            // "said X" only where the name closes the clause: "Officials said X lied" is reported speech.
            let closes = text[e..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ',' | '.' | ';' | '!' | '?'));
            let pre = closes
                && before.is_some_and(|b| {
                    is_speech_verb(b.text) && gap_before.trim().is_empty()
                        || b.text.eq_ignore_ascii_case("to")
                            && wi
                                .and_then(|i| i.checked_sub(2))
                                .is_some_and(|k| ws[k].text.eq_ignore_ascii_case("according"))
                });
            let opener = after
                .is_some_and(|a| is_speech_verb(a.text) && gap_after.trim().is_empty())
                && text[after.map(|a| a.span.end).unwrap_or(e)..]
                    .trim_start()
                    .starts_with([',', ':'])
                && text.contains(['“', '"', '«']);
            if !(post || pre || opener) {
                continue;
            }
            // "said Chen, the national security adviser": the attribution introduces the speaker.
            let apposition = text[e..].trim_start().strip_prefix(',').is_some_and(|r| {
                let next = r.trim_start().to_lowercase();
                ["the ", "a ", "an ", "who ", "head ", "chief "]
                    .iter()
                    .any(|p| next.starts_with(p))
                    || next.split_whitespace().next().is_some_and(is_role_word)
            });
            out.push(Attribution {
                at,
                sent_no,
                span: m.span,
                tokens: m.tokens.clone(),
                introduces: m.introduces() || apposition,
            });
        }
    }
    out
}
