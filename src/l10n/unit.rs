//! A localisation unit as its file gives it — source and target *before* masking (text and
//! inline codes), review state, context, notes, format flags, plural form, length limit — and
//! what kind of unit it is, so checks built for news prose do not read UI strings as prose:
//! special entries (the PO header, `translator-credits` and KDE's "Your names"/"Your emails"),
//! short UI labels, messages and prose, and Symfony-style plural variants separated by `|` with
//! their interval prefixes (`{0} none|{1} one|]1,Inf[ %count% many`).

use super::Span;
use super::tags::Inline;

/// Where a unit stands in its file's workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum State {
    /// No target, or an empty one.
    Untranslated,
    /// PO `#, fuzzy`; XLIFF 1.2 `needs-*` states or `approved="no"`; XLIFF 2 `initial` with a
    /// target.
    NeedsReview,
    /// Translated, no review state recorded (most files).
    #[default]
    Translated,
    /// XLIFF `final`, `signed-off`, `reviewed`, `approved="yes"`.
    Final,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Untranslated => "untranslated",
            State::NeedsReview => "needs-review",
            State::Translated => "translated",
            State::Final => "final",
        }
    }

    /// XLIFF 1.2 `state` (with `approved`) or XLIFF 2 `state`.
    pub fn from_xliff(state: Option<&str>, approved: Option<&str>) -> State {
        if approved == Some("yes") {
            return State::Final;
        }
        match state {
            Some("final" | "signed-off" | "reviewed") => State::Final,
            Some(s) if s.starts_with("needs-") || s == "new" || s == "initial" => {
                State::NeedsReview
            }
            _ if approved == Some("no") => State::NeedsReview,
            _ => State::Translated,
        }
    }
}

/// One gettext plural form of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralForm {
    /// `n` of `msgstr[n]`.
    pub index: usize,
    /// How many `msgstr[n]` the entry has, empty ones included.
    pub forms: usize,
    /// The header's `nplurals`, when it has one.
    pub nplurals: Option<usize>,
    /// `msgid` (singular), for forms compared with `msgid_plural`, and the reverse: placeholders
    /// may move between the two.
    pub other_source: String,
    /// Indices of the entry's empty forms.
    pub empty: Vec<usize>,
}

/// A length limit from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: usize,
    pub unit: super::length::Unit,
    /// Where it came from (`maxwidth`, `slr:sizeRestriction`, `slr:storageRestriction`).
    pub attribute: &'static str,
}

/// A file's units by state: how many there are, and which were left unchecked or need review
/// (id, line), so a run can say "0 of 12 units translated" instead of nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    pub untranslated: Vec<(String, usize)>,
    /// Units marked as needing review (XLIFF `state`, `approved="no"` is not enough).
    pub needs_review: Vec<(String, usize)>,
    /// PO entries marked `#, fuzzy`: translated, but the translation is a guess gettext does
    /// not use, so they are not checked either.
    pub fuzzy: Vec<(String, usize)>,
    /// Units with a length limit mtlint cannot measure (pixels, points).
    pub unmeasured_limits: usize,
}

impl Tally {
    /// Units with a translation gettext would use (fuzzy entries are not).
    pub fn translated(&self) -> usize {
        self.total
            .saturating_sub(self.untranslated.len() + self.fuzzy.len())
    }
}

/// A unit of a localisation file, unmasked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    pub source: Inline,
    pub target: Inline,
    pub state: State,
    /// PO `msgctxt`, XLIFF `resname`: units with different contexts may translate alike sources
    /// differently.
    pub context: Option<String>,
    /// Translator and developer notes (XLIFF `<note>`, PO `#.` and `# ` comments).
    pub notes: Vec<String>,
    /// PO flags (`c-format`, `python-format`, `no-c-format`).
    pub flags: Vec<String>,
    pub plural: Option<PluralForm>,
    pub limit: Option<Limit>,
    pub special: Option<Special>,
}

impl Unit {
    /// A unit from two strings of a table row or a JSON line, HTML-like tags read as codes.
    pub fn plain(source: &str, target: &str) -> Unit {
        Unit {
            source: Inline::parse_markup(source),
            target: Inline::parse_markup(target),
            state: if target.trim().is_empty() {
                State::Untranslated
            } else {
                State::Translated
            },
            ..Unit::default()
        }
    }

    /// Whether the file says a format flag (`c-format`) and does not deny it (`no-c-format`).
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// Whether the file denies a format (`no-c-format`): its placeholders are then text.
    pub fn denies(&self, name: &str) -> bool {
        self.flags
            .iter()
            .any(|f| f.strip_prefix("no-") == Some(name))
    }
}

/// Entries whose target is not a translation of their source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// The PO header (`msgid ""`).
    PoHeader,
    /// Translator names and addresses: GNOME `translator-credits`, KDE `Your names`/`Your
    /// emails` (context `NAME OF TRANSLATORS`/`EMAIL OF TRANSLATORS`), `translator_credits`.
    TranslatorCredits,
}

/// Whether a unit (its source text and PO context or XLIFF resname) is a special entry.
pub fn special(source: &str, context: Option<&str>) -> Option<Special> {
    let s = source.trim();
    if s.is_empty() && context.is_none() {
        return Some(Special::PoHeader);
    }
    let lower = s.to_ascii_lowercase();
    let ctx = context.unwrap_or("").to_ascii_uppercase();
    let credits = matches!(
        lower.as_str(),
        "translator-credits" | "translator_credits" | "translatorcredits" | "translator credits"
    ) || ctx.contains("NAME OF TRANSLATORS")
        || ctx.contains("EMAIL OF TRANSLATORS")
        || (matches!(lower.as_str(), "your names" | "your emails") && ctx.contains("TRANSLATOR"));
    credits.then_some(Special::TranslatorCredits)
}

/// How a unit reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A button, menu item, column header or field label: up to four words, no sentence end.
    Label,
    /// One or two sentences of UI text (an error, a tooltip).
    Message,
    /// Longer running text.
    Prose,
}

/// Classifies a source text.
pub fn kind(source: &str) -> Kind {
    // Chinese and Japanese have no spaces: about two characters make a word.
    let cjk = source
        .chars()
        .filter(|&c| super::lang::is_cjk(c) && c.is_alphabetic())
        .count();
    let words = super::untranslated::word_spans(source).len() + cjk.div_ceil(2);
    let (end, _) = super::punct::end_of(source, "en");
    let sentence_end = matches!(
        end,
        super::punct::End::Period | super::punct::End::Question | super::punct::End::Exclamation
    );
    if words <= 4 && !sentence_end {
        Kind::Label
    } else if words <= 40 && super::length::sentences(source, "en") <= 2 {
        Kind::Message
    } else {
        Kind::Prose
    }
}

/// Sentence spans of `text` also split where a Symfony plural variant ends, so "…more.|This
/// value…" is read as two sentences and no check takes "This" for a capital inside a sentence.
pub fn split_at_variants(text: &str, sentences: Vec<Span>) -> Vec<Span> {
    let sentences = split_at_lines(text, sentences);
    let Some(variants) = plural_variants(text) else {
        return sentences;
    };
    let bars: Vec<usize> = variants
        .iter()
        .skip(1)
        .map(|v| v.interval.map_or(v.span.start, |i| i.start) - 1)
        .collect();
    let mut out = Vec::with_capacity(sentences.len() + bars.len());
    for s in sentences {
        let mut start = s.start;
        for &b in bars.iter().filter(|&&b| s.start <= b && b < s.end) {
            let piece = Span::new(start, b);
            if !text[piece.start..piece.end].trim().is_empty() {
                out.push(trim(text, piece));
            }
            start = b + 1;
        }
        let rest = Span::new(start, s.end);
        if !text[rest.start..rest.end].trim().is_empty() {
            out.push(trim(text, rest));
        }
    }
    out
}

/// Sentence spans split at line breaks: in a localisation unit a line is a line of a help text
/// or a dialog ("-h --help  Show this help\n-V --version  Show the version"), not a sentence
/// that goes on.
fn split_at_lines(text: &str, sentences: Vec<Span>) -> Vec<Span> {
    if !text.contains('\n') {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut start = s.start;
        for (i, _) in text[s.start..s.end].match_indices('\n') {
            let piece = Span::new(start, s.start + i);
            if !text[piece.start..piece.end].trim().is_empty() {
                out.push(trim(text, piece));
            }
            start = s.start + i + 1;
        }
        let rest = Span::new(start, s.end);
        if !text[rest.start..rest.end].trim().is_empty() {
            out.push(trim(text, rest));
        }
    }
    out
}

fn trim(text: &str, s: Span) -> Span {
    let t = &text[s.start..s.end];
    let lead = t.len() - t.trim_start().len();
    Span::new(s.start + lead, s.start + lead + t.trim().len())
}

/// One `|`-separated plural variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    /// The variant's text, without its interval.
    pub span: Span,
    /// `{0}`, `[1,Inf[`, … when written.
    pub interval: Option<Span>,
}

/// Length of an interval prefix (`{0}`, `{1,2,3}`, `]1,Inf]`, `[-Inf,0[`) at the start of `s`,
/// spaces after it included.
fn interval_len(s: &str) -> usize {
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let body = |inner: &str, allow_inf: bool| {
        inner.split(',').all(|p| {
            let p = p.trim();
            (allow_inf && matches!(p, "Inf" | "+Inf" | "-Inf"))
                || (!p.is_empty()
                    && p.trim_start_matches('-')
                        .chars()
                        .all(|c| c.is_ascii_digit())
                    && p != "-")
        })
    };
    let end = if let Some(inner) = t.strip_prefix('{') {
        inner
            .find('}')
            .filter(|&e| body(&inner[..e], false))
            .map(|e| e + 2)
    } else if t.starts_with(['[', ']']) {
        t[1..]
            .find(['[', ']'])
            .filter(|&e| {
                let inner = &t[1..1 + e];
                inner.matches(',').count() == 1 && body(inner, true)
            })
            .map(|e| e + 2)
    } else {
        None
    };
    match end {
        Some(e) => {
            let after = &t[e..];
            lead + e + (after.len() - after.trim_start().len())
        }
        None => 0,
    }
}

/// The variants of a Symfony plural message, or `None` when `text` is not one: a `|` with
/// text on both sides (not inside a placeholder such as `{{ x|upper }}`).
pub fn plural_variants(text: &str) -> Option<Vec<Variant>> {
    // Help texts and usage lines use `|` for alternatives ("[-L|-P]", "{name|descriptor}").
    if text.contains('\n') {
        return None;
    }
    let in_braces = |i: usize| text[..i].matches('{').count() > text[..i].matches('}').count();
    let shield: Vec<Span> = super::placeholders::extract(text)
        .into_iter()
        .map(|p| p.span)
        .collect();
    let bars: Vec<usize> = text
        .match_indices('|')
        .map(|(i, _)| i)
        .filter(|&i| !shield.iter().any(|s| s.start <= i && i < s.end))
        .filter(|&i| {
            let before = text[..i].chars().next_back();
            let after = text[i + 1..].chars().next();
            before.is_some_and(|c| !c.is_whitespace())
                && after.is_some_and(|c| !c.is_whitespace() && !matches!(c, '-' | '+' | '['))
                && !in_braces(i)
        })
        .collect();
    // A lone `{0}` at the start is a .NET placeholder, not an interval.
    if bars.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for end in bars.into_iter().chain(std::iter::once(text.len())) {
        let part = &text[start..end];
        let n = interval_len(part);
        out.push(Variant {
            span: Span::new(start + n, end),
            interval: (n > 0).then(|| Span::new(start, start + part[..n].trim_end().len())),
        });
        start = end + 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials() {
        assert_eq!(
            special("translator-credits", None),
            Some(Special::TranslatorCredits)
        );
        assert_eq!(
            special("Your names", Some("NAME OF TRANSLATORS")),
            Some(Special::TranslatorCredits)
        );
        assert_eq!(special("", None), Some(Special::PoHeader));
        assert_eq!(special("Credits", None), None);
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("Save As…"), Kind::Label);
        assert_eq!(kind("{{ charset }} encoding"), Kind::Label);
        assert_eq!(kind("This value should not be blank."), Kind::Message);
        assert_eq!(kind("强烈的阳光是如此地刺眼，"), Kind::Message);
        assert_eq!(kind("保存"), Kind::Label);
        assert_eq!(
            kind(
                "The quick brown fox jumps over the lazy dog. It was not amused. Then it left. The end came soon after that, and nobody minded at all, least of all the fox."
            ),
            Kind::Prose
        );
    }

    #[test]
    fn sentences_split_at_variants() {
        let t = "Too short. Use {{ limit }} character.|Too short. Use {{ limit }} characters.";
        let s = split_at_variants(t, vec![Span::new(0, 10), Span::new(11, t.len())]);
        let texts: Vec<&str> = s.iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            texts,
            [
                "Too short.",
                "Use {{ limit }} character.",
                "Too short. Use {{ limit }} characters."
            ]
        );
    }

    #[test]
    fn symfony_plurals() {
        let t = "This value is too short. It should have {{ limit }} character or more.|This value is too short. It should have {{ limit }} characters or more.";
        let v = plural_variants(t).unwrap();
        assert_eq!(v.len(), 2);
        assert!(v.iter().all(|x| x.interval.is_none()));
        let t = "{0} No apples|{1} One apple|]1,Inf[ %count% apples";
        let v = plural_variants(t).unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(&t[v[2].span.start..v[2].span.end], "%count% apples");
        assert_eq!(
            &t[v[2].interval.unwrap().start..v[2].interval.unwrap().end],
            "]1,Inf["
        );
        assert_eq!(plural_variants("Name | Value"), None);
        assert_eq!(plural_variants("{{ name|upper }} saved"), None);
        assert_eq!(plural_variants("{0} files deleted"), None);
        assert_eq!(plural_variants("cd [-L|[-P [-e]] [-@]] [dir]"), None);
        assert_eq!(plural_variants("-f, --follow[={name|descriptor}]"), None);
        assert_eq!(plural_variants("compopt [-o|+o option]"), None);
    }
}
