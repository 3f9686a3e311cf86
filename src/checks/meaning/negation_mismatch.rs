//! MT306 negation-mismatch: a translation whose polarity differs from its source's ("ei tullut"
//! → "came", "sollte nicht leer" → "sollte leer"), found by counting negation cues on both sides
//! with per-language cue lists (`data/negation.tsv`): the source language's (declared or guessed)
//! and the target language's, for every target language with a list.

use super::negation_cues::{LEXICONS, Lexicon, Polarity, source_lang};
use crate::checks::{Check, CheckMeta, Context, Example, Needs, Output, Severity, Violation};
use crate::document::{Document, SentenceRef, SourceArticle, Span};
use crate::segment::split_sentences;

pub struct NegationMismatch;

/// Languages with a cue list, so also the target languages the check reads
/// (`every_language_has_cues_and_loads` keeps this in step with `data/negation.tsv`).
const TARGET_LANGS: &[&str] = &[
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "ru", "fi", "et", "sv", "zh", "ja", "hi",
];

static META: CheckMeta = CheckMeta {
    code: "MT306",
    name: "negation-mismatch",
    category: "Accuracy/Mistranslation",
    severity: Severity::Major,
    summary: "The translation is negated where the source is not, or the reverse",
    docs: r#"## What it does
With a source text, counts the negations on both sides: the words and endings that negate in
the source language (Finnish "ei", "en", "eivät"; German "nicht", "kein", "nie"; French "pas",
"jamais"; Chinese 不, 没有; Japanese ない, ません; …) and in the translation, with the cue list of
its language (English "not", "n't", "no", "never", "without"; any of the 16 languages of the
lists). It reports a **polarity flip**, where one side is negated and
the other is not, as major, and a different number of negations on two negated sides as minor.
Phrases that contain a cue without negating ("not only … but also", 不断, "No. 5", 有没有) are
left out, a cue next to a negative affix ("not impossible") cancels out, and a negation the
other side writes as an affix ("nicht möglich" → "impossible") is accepted.

The source language is the one the file declares (XLIFF `source-language`/`srcLang`, TMX
`srclang`) or `--source-lang` gives, else a guess from the source text; where it cannot be told,
or has no cue list, the check says nothing. Sources with as many sentences as their translation
are compared sentence by sentence, and a source article aligned by the engine (`--source`) link
by link; other segments are compared as a whole and the finding is placed on the sentence
holding the extra or missing negation. A translation identical to its source has nothing to
compare, and a pair in one language (en → en_GB) reads both sides with one list. Into languages
other than English only a lost negation is reported — the source negated, nothing negating left
in the translation — since those languages often negate with a word ("introuvable", "отсутствует",
"ません" for "missing"), which the lists count as standing for a negation. The cue lists live in
`data/negation.tsv`.

## Why is this bad?
A dropped or added "not" turns a sentence into its opposite while reading perfectly fluently;
fluency checks and a quick reader both pass it, and it is among the costliest errors a
translation can make.

## Example
Source: `Hän ei tullut kokoukseen.`
```text
She came to the meeting.
```
Use instead:
```text
She did not come to the meeting.
```"#,
    needs: Needs {
        lm: false,
        encoder: false,
        qe: false,
    },
    // The target languages with a cue list in data/negation.tsv.
    langs: TARGET_LANGS,
    // Without a source the check never reports.
    settings: &[],
    examples: &[
        Example {
            text: "The minister said that the government will raise taxes next year.",
            flagged: true,
            source: Some("Ministeri sanoi, että hallitus ei nosta veroja ensi vuonna."),
        },
        Example {
            text: "The man does not work as a volunteer for the diocese of Nantes.",
            flagged: true,
            source: Some("Der Mann arbeitet als Freiwilliger für die Diözese Nantes."),
        },
        Example {
            text: "The minister said that the government won't raise taxes next year.",
            flagged: false,
            source: Some("Ministeri sanoi, että hallitus ei nosta veroja ensi vuonna."),
        },
        Example {
            text: "The man works as a volunteer for the diocese of Nantes.",
            flagged: false,
            source: Some("Der Mann arbeitet als Freiwilliger für die Diözese Nantes."),
        },
        Example {
            text: "The minister said that the government will not raise taxes next year.",
            flagged: false,
            source: None,
        },
    ],
};

/// How much source text the language identifier reads per document.
const SAMPLE_BYTES: usize = 4096;

fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    Span::new(span.start, span.start + s.trim_end().len())
}

/// One comparison: a source text against the target sentences that translate it.
struct Unit {
    /// Target sentences and their polarity.
    targets: Vec<(SentenceRef, Polarity)>,
    source: Polarity,
    /// Where in the target a missing negation belongs, when the source cannot say better.
    missing_at: SentenceRef,
}

/// Which cue list reads a source: the declared language's, else a guess per text (a sure one
/// of the text itself, else the document's, else the text's unsure one).
struct SourceLang {
    declared: Option<&'static Lexicon>,
    doc_guess: Option<&'static str>,
}

impl SourceLang {
    /// `None` when the document declares a language without a cue list.
    fn new<'s>(doc: &Document, sources: impl Iterator<Item = &'s str>) -> Option<SourceLang> {
        // A language the file or `--source-lang` declares beats any guess.
        let declared = match doc.source_lang.as_deref() {
            Some(l) => Some(LEXICONS.get(l)?),
            None => None,
        };
        // Several segments are identified more surely than one short one.
        let mut sample = String::new();
        for s in sources {
            if sample.len() >= SAMPLE_BYTES {
                break;
            }
            sample.push_str(s);
            sample.push('\n');
        }
        Some(SourceLang {
            declared,
            doc_guess: source_lang(&sample).map(|g| g.0),
        })
    }

    /// Per text first: a table without a document column is one document, whatever languages
    /// its rows are in.
    fn of(&self, text: &str) -> Option<&'static Lexicon> {
        if self.declared.is_some() {
            return self.declared;
        }
        match source_lang(text) {
            Some((l, true)) => Some(l),
            guess => self.doc_guess.or(guess.map(|g| g.0)),
        }
        .and_then(|l| LEXICONS.get(l))
    }
}

impl Check for NegationMismatch {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Output) {
        // The translation's cues are read with its own language's list.
        let Some(target) = LEXICONS.get(doc.lang.code.as_str()) else {
            return;
        };
        // A source article the engine aligned sentence by sentence: compare each link.
        let units = match doc.source_article.as_ref().filter(|a| !a.links.is_empty()) {
            Some(article) => link_units(doc, article, target),
            None => segment_units(doc, target),
        };
        for unit in units {
            report(doc, unit, out);
        }
    }
}

/// A target sentence and its polarity, read with the target language's list.
fn polarity(doc: &Document, target: &Lexicon, at: SentenceRef) -> (SentenceRef, Polarity) {
    (at, Polarity::of(target, doc.sentence_text(at)))
}

/// One unit per link of a source article the engine aligned.
fn link_units(doc: &Document, article: &SourceArticle, target: &Lexicon) -> Vec<Unit> {
    let sentences = article.sentences.iter().map(|(_, s)| s.as_str());
    let Some(langs) = SourceLang::new(doc, sentences) else {
        return Vec::new();
    };
    let refs: Vec<SentenceRef> = doc.sentences().map(|(at, _)| at).collect();
    let mut units = Vec::new();
    for link in &article.links {
        let targets: Vec<(SentenceRef, Polarity)> = link
            .target
            .iter()
            .filter_map(|&t| refs.get(t).copied())
            .map(|at| polarity(doc, target, at))
            .collect();
        let source: Vec<&str> = link
            .source
            .iter()
            .filter_map(|&i| article.sentences.get(i).map(|(_, s)| s.as_str()))
            .collect();
        let (Some(first), Some(lex)) = (targets.first(), langs.of(&source.join(" "))) else {
            continue;
        };
        let mut src = Polarity::default();
        source.iter().for_each(|s| src.add(Polarity::of(lex, s)));
        let missing_at = first.0;
        units.push(Unit {
            targets,
            source: src,
            missing_at,
        });
    }
    units
}

/// Units of segments with their own source: sentence by sentence where the sentence counts
/// agree, else the segment as a whole.
fn segment_units(doc: &Document, target: &Lexicon) -> Vec<Unit> {
    let sources = doc.segments.iter().filter_map(|s| s.source.as_deref());
    let Some(langs) = SourceLang::new(doc, sources) else {
        return Vec::new();
    };
    // A pair in one language (en → en_GB) reads both sides with the target's list.
    let same_language = doc
        .source_lang
        .as_deref()
        .is_some_and(|s| s == doc.lang.code);
    let mut units = Vec::new();
    for (si, seg) in doc.segments.iter().enumerate() {
        let Some(source) = seg.source.as_deref() else {
            continue;
        };
        // Identical text has the same polarity on both sides, whatever the lists say.
        if source.trim() == seg.text.trim() {
            continue;
        }
        let lex = if same_language {
            target
        } else {
            let Some(lex) = langs.of(source) else {
                continue;
            };
            lex
        };
        let at = |sentence| SentenceRef {
            segment: si,
            sentence,
        };
        let src_sents = split_sentences(source);
        let tgt: Vec<(SentenceRef, Polarity)> = (0..seg.sentences.len())
            .map(|i| polarity(doc, target, at(i)))
            .collect();
        if tgt.is_empty() {
            continue;
        }
        if src_sents.len() == tgt.len() {
            // Sentence-aligned: compare pair by pair.
            for ((t, pol), s) in tgt.into_iter().zip(&src_sents) {
                units.push(Unit {
                    targets: vec![(t, pol)],
                    source: Polarity::of(lex, &source[s.start..s.end]),
                    missing_at: t,
                });
            }
            continue;
        }
        // Otherwise the segment as a whole; a missing negation is placed on the target
        // sentence at the same relative position as the source sentence that holds it.
        let mut src = Polarity::default();
        let mut busiest = (0usize, 0usize);
        for (i, s) in src_sents.iter().enumerate() {
            let p = Polarity::of(lex, &source[s.start..s.end]);
            if p.negations.len() > busiest.1 {
                busiest = (i, p.negations.len());
            }
            src.add(p);
        }
        let n = tgt.len();
        let missing_at = at((busiest.0 * n / src_sents.len().max(1)).min(n - 1));
        units.push(Unit {
            targets: tgt,
            source: src,
            missing_at,
        });
    }
    units
}

/// Which side has a negation the other lacks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    /// The source: the translation dropped it.
    Source,
    /// The translation: it added one.
    Translation,
}

/// How two polarities disagree: the side with the extra negation, and whether the other side
/// has none at all (a flip, major) rather than fewer (minor). `None` where they agree.
fn compare(source: &Polarity, target: &Polarity) -> Option<(Side, bool)> {
    let (s_src, w_src) = (source.negations.len(), source.affixes.len());
    let (s_tgt, w_tgt) = (target.negations.len(), target.affixes.len());
    if s_src > s_tgt + w_tgt {
        Some((Side::Source, s_tgt == 0 && w_tgt == 0))
    } else if s_tgt > s_src + w_src {
        Some((Side::Translation, s_src == 0 && w_src == 0))
    } else {
        None
    }
}

/// What MT306 reports: the fields its message is written from.
struct Mismatch<'u> {
    negated: Side,
    /// The other side has no negation at all.
    flip: bool,
    source: &'u Polarity,
    target: &'u Polarity,
}

impl Violation for Mismatch<'_> {
    fn message(&self) -> String {
        let (s, t) = (self.source, self.target);
        match (self.negated, self.flip) {
            (Side::Source, true) => {
                format!(
                    "the source is negated ({}), the translation is not",
                    s.short()
                )
            }
            (Side::Source, false) => {
                format!(
                    "the source has {}, the translation {}",
                    s.amount(),
                    t.amount()
                )
            }
            (Side::Translation, true) => {
                format!(
                    "the translation is negated ({}), the source is not",
                    t.short()
                )
            }
            (Side::Translation, false) => {
                format!(
                    "the translation has {}, the source {}",
                    t.amount(),
                    s.amount()
                )
            }
        }
    }
    fn evidence(&self) -> Vec<(&'static str, String)> {
        vec![
            ("source cues", self.source.describe()),
            ("translation cues", self.target.describe()),
        ]
    }
    fn suggestion(&self) -> Option<String> {
        Some(match self.negated {
            Side::Source => "check whether the translation keeps the source's negation".into(),
            Side::Translation => "check whether this negation is in the source".into(),
        })
    }
    fn confidence(&self) -> f32 {
        if self.flip { 0.8 } else { 0.35 }
    }
    fn severity(&self) -> Option<Severity> {
        (!self.flip).then_some(Severity::Minor)
    }
}

fn report(doc: &Document, unit: Unit, out: &mut Output) {
    let mut target = Polarity::default();
    let mut busiest: Option<(SentenceRef, Span, usize)> = None;
    for (at, p) in unit.targets {
        if let Some(first) = p.negations.first().and_then(|g| g.first())
            && busiest.is_none_or(|b| p.negations.len() > b.2)
        {
            // Cues were found in the sentence alone; findings are in segment coordinates.
            let span = first.span.offset(doc.sentence_span(at).start);
            busiest = Some((at, span, p.negations.len()));
        }
        target.add(p);
    }
    let Some((negated, flip)) = compare(&unit.source, &target) else {
        return;
    };
    // Into languages other than English, negation is often lexical ("not found" → "introuvable",
    // "missing" → "ません"): only a lost negation with no negating word left is reported.
    if doc.lang.code != "en" && !(negated == Side::Source && flip) {
        return;
    }
    let (at, span) = match negated {
        // The source has a negation the translation lacks: point at the whole sentence.
        Side::Source => {
            let at = unit.missing_at;
            (
                at,
                trimmed(&doc.segments[at.segment].text, doc.sentence_span(at)),
            )
        }
        // The translation's: point at its first cue in the sentence with the most.
        Side::Translation => {
            let Some((at, cue, _)) = busiest else { return };
            (at, cue)
        }
    };
    let mismatch = Mismatch {
        negated,
        flip,
        source: &unit.source,
        target: &target,
    };
    out.report(&META, at, span, &mismatch);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::meaning::negation_cues::*;
    use crate::input::parse_prose;

    /// (severity, offending text, message) of each finding on `target` translating `source`.
    fn run(source: &str, target: &str) -> Vec<(Severity, String, String)> {
        let mut doc = parse_prose("t.txt", target);
        doc.segments[0].source = Some(source.to_string());
        let out = crate::checks::run_without_models(&NegationMismatch, &doc);
        out.findings
            .iter()
            .map(|f| {
                (
                    f.severity,
                    doc.segments[0].text[f.span.start..f.span.end].to_string(),
                    f.message.clone(),
                )
            })
            .collect()
    }

    fn flagged(source: &str, target: &str) -> bool {
        !run(source, target).is_empty()
    }

    #[test]
    fn examples_behave() {
        for ex in META.examples {
            let mut doc = parse_prose("t.txt", ex.text);
            doc.segments[0].source = ex.source.map(str::to_string);
            let out = crate::checks::run_without_models(&NegationMismatch, &doc);
            assert_eq!(!out.findings.is_empty(), ex.flagged, "{}", ex.text);
        }
    }

    #[test]
    fn every_language_has_cues_and_loads() {
        let mut listed: Vec<&str> = LEXICONS.keys().copied().collect();
        let mut declared = TARGET_LANGS.to_vec();
        listed.sort_unstable();
        declared.sort_unstable();
        assert_eq!(listed, declared, "TARGET_LANGS and data/negation.tsv");
        for l in TARGET_LANGS {
            let lex = LEXICONS.get(l).expect(l);
            assert!(lex.patterns.iter().any(|p| p.kind == Kind::Strong), "{l}");
        }
        // Tokens are lowercased before matching, so a pattern with a capital would never match.
        for (l, lex) in LEXICONS.iter() {
            for p in &lex.patterns {
                for w in &p.words {
                    assert_eq!(*w, w.to_lowercase(), "{l}: {w}");
                }
            }
        }
    }

    #[test]
    fn translations_into_other_languages() {
        let run_in = |lang: &str, source: &str, target: &str| {
            let mut doc = parse_prose("t.txt", target);
            doc.lang.code = lang.into();
            doc.source_lang = Some("en".into());
            doc.segments[0].source = Some(source.into());
            crate::checks::run_without_models(&NegationMismatch, &doc)
                .findings
                .len()
        };
        let s = "This value should not be blank.";
        assert_eq!(run_in("de", s, "Dieser Wert sollte leer sein."), 1);
        assert_eq!(run_in("de", s, "Dieser Wert sollte nicht leer sein."), 0);
        assert_eq!(run_in("ja", s, "この値は空にしてください。"), 1);
        assert_eq!(run_in("ja", s, "この値は空であってはなりません。"), 0);
        assert_eq!(run_in("fr", s, "Cette valeur ne doit pas être vide."), 0);
        assert_eq!(
            run_in("ko", s, "값은 비워 둘 수 없습니다."),
            0,
            "no Korean list: nothing said"
        );
        let same = "No temporary folder was found, so the file does not exist.";
        assert_eq!(run_in("en", same, same), 0);
        assert_eq!(
            run_in(
                "en",
                same,
                "No temporary folder was found, so the file doesn't exist."
            ),
            0
        );
    }

    #[test]
    fn finnish_negative_verb() {
        let src = "Ministeri sanoi, että hallitus ei nosta veroja ensi vuonna.";
        let f = run(
            src,
            "The minister said that the government will raise taxes next year.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, Severity::Major);
        assert_eq!(
            f[0].2,
            "the source is negated («ei»), the translation is not"
        );
        assert!(f[0].1.starts_with("The minister said"), "{f:?}");
        assert!(!flagged(
            src,
            "The minister said that the government will not raise taxes next year."
        ));
        let src = "Poliisi kertoi, että he eivät löytäneet mitään todisteita talosta.";
        assert!(!flagged(
            src,
            "The police said that they found no evidence in the house."
        ));
        assert!(flagged(
            src,
            "The police said that they found evidence in the house."
        ));
    }

    #[test]
    fn estonian() {
        let src = "Valitsus ei kavatse järgmisel aastal makse tõsta, ütles minister teisipäeval.";
        assert!(!flagged(
            src,
            "The government does not plan to raise taxes next year, the minister said on Tuesday."
        ));
        assert!(flagged(
            src,
            "The government plans to raise taxes next year, the minister said on Tuesday."
        ));
    }

    #[test]
    fn german_added_and_dropped() {
        let src = "Der Mann arbeitet als Freiwilliger für die Diözese und war für die Schließung verantwortlich.";
        let f = run(
            src,
            "The man does not work as a volunteer for the diocese and was responsible for the closure.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].0, f[0].1.as_str()), (Severity::Major, "not"));
        assert_eq!(
            f[0].2,
            "the translation is negated («not»), the source is not"
        );
        let src = "Das Hurricane Center sagt, dass Jerry zu diesem Zeitpunkt keine Gefahr für die Landung darstellt.";
        assert!(flagged(
            src,
            "The Hurricane Center says Jerry poses a threat to the landfall at this time."
        ));
        assert!(!flagged(
            src,
            "The Hurricane Center says Jerry poses no threat to the landfall at this time."
        ));
    }

    #[test]
    fn french_ne_pas_and_jamais() {
        let src = "Le ministre n'a jamais dit que le gouvernement augmenterait les impôts.";
        assert!(!flagged(
            src,
            "The minister never said that the government would raise taxes."
        ));
        assert!(flagged(
            src,
            "The minister said that the government would raise taxes."
        ));
        let src = "Les enquêteurs ont découvert que des cristaux s'étaient formés dans l'urine des chats.";
        assert!(flagged(
            src,
            "Investigators did not find that crystals had formed in the cats' urine."
        ));
        assert!(!flagged(
            src,
            "Investigators found that crystals had formed in the cats' urine."
        ));
    }

    #[test]
    fn chinese_substrings_and_false_friends() {
        let src = "我不知道你有没有意识到，从中美洲进口到这个国家的大部分货物都是免关税的。";
        assert!(!flagged(
            src,
            "I don't know if you realize that most of the goods imported into this country from Central America are duty free."
        ));
        assert!(flagged(
            src,
            "I know that you realize that most of the goods imported into this country from Central America are duty free."
        ));
        let src = "香港岛大部分的城市发展都集中在北岸的填海土地上。";
        assert!(flagged(
            src,
            "Much of the urban development on Hong Kong Island is not concentrated on reclaimed land on the north shore."
        ));
        // 不断 "continuously" and 特别 "especially" carry 不 and 别 without negating.
        let src = "政府不断提高税收，特别是对大公司。";
        assert!(!flagged(
            src,
            "The government keeps raising taxes, especially on large companies."
        ));
    }

    #[test]
    fn japanese_obligation_is_not_negation() {
        let src = "熊や狼からは最低でも100ヤードの距離を保たなければいけません！";
        assert!(!flagged(
            src,
            "You must keep at least 100 yards from bears and wolves!"
        ));
        assert!(flagged(
            src,
            "You must not keep at least 100 yards from bears and wolves!"
        ));
    }

    #[test]
    fn english_contractions() {
        let src = "Ministeri sanoi, että hallitus ei nosta veroja ensi vuonna.";
        for t in [
            "The minister said that the government won't raise taxes next year.",
            "The minister said that the government won’t raise taxes next year.",
            "The minister said the government can't raise taxes next year.",
            "The minister said the government isn't raising taxes next year.",
            "The minister said the government cannot raise taxes next year.",
        ] {
            assert!(!flagged(src, t), "{t}");
        }
        let src = "Der Minister sagte, die Regierung werde die Steuern im nächsten Jahr erhöhen.";
        let f = run(
            src,
            "The minister said the government doesn’t raise taxes next year.",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1, "doesn’t");
    }

    #[test]
    fn not_only_and_numbered_no_are_not_negations() {
        let src = "Die Regierung erhöht die Steuern und die Preise für Energie.";
        assert!(!flagged(
            src,
            "The government is raising not only taxes but also energy prices."
        ));
        let src = "Die Straßenbahn der Linie 5 fährt heute wieder durch die Innenstadt.";
        assert!(!flagged(
            src,
            "Tram No. 5 runs through the city centre again today."
        ));
    }

    #[test]
    fn double_negation_and_concord() {
        // "nicht unmöglich" is a double negation: "possible" translates it, "not possible" does not.
        let src = "Es ist nicht unmöglich, dass die Regierung die Steuern im nächsten Jahr erhöht.";
        assert!(!flagged(
            src,
            "It is possible that the government will raise taxes next year."
        ));
        assert!(!flagged(
            src,
            "It is not impossible that the government will raise taxes next year."
        ));
        assert!(flagged(
            src,
            "It is not possible that the government will raise taxes next year."
        ));
        // Negative concord: никто, ничего and не are one negation.
        let src = "Никто ничего не сказал о повышении налогов в следующем году.";
        assert!(!flagged(
            src,
            "Nobody said anything about raising taxes next year."
        ));
        assert!(flagged(
            src,
            "Everybody said something about raising taxes next year."
        ));
    }

    #[test]
    fn affixal_negation_accounts_for_a_negation() {
        let src =
            "Der Minister sagte, es sei nicht möglich, die Steuern im nächsten Jahr zu senken.";
        assert!(!flagged(
            src,
            "The minister said it was impossible to cut taxes next year."
        ));
    }

    #[test]
    fn czech_negative_adjectives_are_affixal_and_negated_verbs_are_not() {
        // "nepředstavitelný" (unimaginable) and "nebezpečně" (dangerously) are words, not
        // negations; "nemá" (has not) is a negated verb.
        assert!(!flagged(
            "Ten nepředstavitelný hluk byl slyšet až na náměstí.",
            "That unimaginable noise could be heard as far as the square."
        ));
        assert!(!flagged(
            "Řidič jel nebezpečně rychle.",
            "The driver was going dangerously fast."
        ));
        assert!(flagged(
            "Vláda nemá dost peněz na opravu mostu.",
            "The government has enough money to repair the bridge."
        ));
        assert!(flagged(
            "Ministr řekl, že situace není vážná.",
            "The minister said the situation is serious."
        ));
    }

    #[test]
    fn too_to_stands_for_a_chinese_cannot() {
        assert!(!flagged(
            "字太小了，我根本看不清。",
            "The print is too small for me to read."
        ));
    }

    #[test]
    fn negations_in_different_clauses_are_counted_apart() {
        // Two "not"s three words apart but across a dash are two negations, as in the source.
        let src = "Некоторые не смогли – у них не было денег.";
        assert!(!flagged(
            src,
            "Some could not - they did not have the money."
        ));
        let src = "Jotkut eivät voineet, heillä ei ollut rahaa.";
        assert!(!flagged(
            src,
            "Some could not, they did not have the money."
        ));
        // Within a clause, nearby cues are still one negation (negative concord).
        assert!(!flagged("Никто ничего не сказал.", "Nobody said anything."));
    }

    #[test]
    fn different_counts_are_minor() {
        let src = "Der Kongress begann im August mit der Finanzierung und legte nicht fest, wie viele Agenten es gibt.";
        let f = run(
            src,
            "Congress did not begin funding in August and did not specify how many agents there are.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, Severity::Minor);
        assert_eq!(
            f[0].2,
            "the translation has 2 negations («not», «not»), the source 1 negation («nicht»)"
        );
    }

    #[test]
    fn multi_sentence_segment_reports_the_sentence() {
        // Three target sentences for two source sentences: compared as a whole; the missing
        // negation of the second source sentence is placed on the matching target sentence.
        let src = "Der Minister kam am Montag nach Berlin. Er sagte über die Steuern nichts.";
        let f = run(
            src,
            "The minister came to Berlin on Monday. He spoke about taxes. It was a long day.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "He spoke about taxes.");
        // Aligned sentences are compared pair by pair.
        let f = run(
            src,
            "The minister did not come to Berlin on Monday. He said nothing about taxes.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "not");
        // A cue in a later sentence is reported at its place in the segment.
        let f = run(
            src,
            "The minister came to Berlin on Monday. He did not say anything about taxes.",
        );
        assert!(f.is_empty(), "{f:?}");
        let f = run(
            "Der Minister kam am Montag nach Berlin. Er sprach über die Steuern.",
            "The minister came to Berlin on Monday. He did not speak about taxes.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "not");
    }

    #[test]
    fn no_source_or_unknown_language_says_nothing() {
        let doc = parse_prose("t.txt", "The government will not raise taxes.");
        let out = crate::checks::run_without_models(&NegationMismatch, &doc);
        assert!(out.findings.is_empty());
        assert!(!flagged(
            "12 345 — 67",
            "The government will not raise taxes."
        ));
        // Korean has no cue list.
        assert!(!flagged(
            "정부는 내년에 세금을 인상할 것이라고 장관이 말했다.",
            "The minister said the government will not raise taxes next year."
        ));
    }

    #[test]
    fn declared_source_language_beats_the_guess() {
        let target = "She came to the meeting on Tuesday morning.";
        let mut doc = parse_prose("t.txt", target);
        // Too short to identify; as Estonian, "ei" still negates.
        doc.segments[0].source = Some("Ei tulnud.".into());
        doc.source_lang = Some("et".into());
        let out = crate::checks::run_without_models(&NegationMismatch, &doc);
        assert_eq!(out.findings.len(), 1);
        // A declared language without a cue list: nothing is said.
        doc.source_lang = Some("hu".into());
        let out = crate::checks::run_without_models(&NegationMismatch, &doc);
        assert!(out.findings.is_empty());
    }

    #[test]
    fn aligned_source_article_is_compared_link_by_link() {
        use crate::document::Link;
        use crate::document::SourceArticle;
        let mut doc = parse_prose(
            "t.txt",
            "The minister came to Berlin on Monday.\n\nHe spoke about taxes for an hour.",
        );
        let link = |s: &[usize], t: &[usize]| Link {
            source: s.to_vec(),
            target: t.to_vec(),
            cosine: 0.9,
            margin: 0.1,
            nearest: None,
        };
        doc.source_article = Some(SourceArticle {
            file: "s.txt".into(),
            sentences: vec![
                (1, "Der Minister kam am Montag nach Berlin.".into()),
                (
                    2,
                    "Er sprach eine Stunde lang nicht über die Steuern.".into(),
                ),
            ],
            links: vec![link(&[0], &[0]), link(&[1], &[1])],
        });
        let out = crate::checks::run_without_models(&NegationMismatch, &doc);
        assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
        let f = &out.findings[0];
        assert_eq!(
            f.at,
            SentenceRef {
                segment: 1,
                sentence: 0
            }
        );
        assert_eq!(
            &doc.segments[1].text[f.span.start..f.span.end],
            "He spoke about taxes for an hour."
        );
    }

    #[test]
    fn evidence_lists_both_sides() {
        let mut doc = parse_prose("t.txt", "She came to the meeting on Tuesday morning.");
        doc.segments[0].source = Some("Hän ei tullut kokoukseen tiistaiaamuna.".into());
        let out = crate::checks::run_without_models(&NegationMismatch, &doc);
        let ev: Vec<(&str, &str)> = out.findings[0]
            .evidence
            .iter()
            .map(|e| (e.label, e.value.as_str()))
            .collect();
        assert_eq!(
            ev,
            vec![("source cues", "«ei»"), ("translation cues", "none")]
        );
    }
}
