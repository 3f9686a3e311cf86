//! No input panics a check, and every finding's span lies on char boundaries of its segment:
//! odd Unicode, unbalanced quotes, lone dashes, very long lines, numbers and scripts mixed.

use mtlint::checks::registry::REGISTRY;
use mtlint::checks::run_without_models;
use mtlint::input::parse_prose;

const ODD: &[&str] = &[
    "",
    "–",
    "\"",
    "“Unclosed quote, he said.",
    "…",
    "A. B. C. D.",
    "Ääkkönen Öljynen Åström. Hän sanoi: „Ja.“",
    "😀 Emoji 👍🏽 mid sentence And More 🎉.",
    "e\u{301}te\u{301} combining accents, Mr. Ré said.",
    "北京 2023年10月1日 — 中国 said 1,2 % and 10 000 people.",
    "Москва And Kyiv: 3,5 miljoonaa / 5.000 / 1.234,5 / ½ / ٣٤",
    "– – – , , , said said said He He He",
    "   \t  \n\n   ",
    "X He says. Y She says. Z It says.",
];

#[test]
fn rule_checks_never_panic_and_spans_are_on_char_boundaries() {
    let long = "Word And ".repeat(2000);
    let mut inputs: Vec<String> = ODD.iter().map(|s| s.to_string()).collect();
    inputs.push(long);
    inputs.push(ODD.join("\n\n"));
    for text in &inputs {
        let mut doc = parse_prose("odd.txt", text);
        for seg in &mut doc.segments {
            seg.source = Some(format!("{} 12 000 Ääni", seg.text));
        }
        for check in REGISTRY {
            let out = run_without_models(*check, &doc);
            for f in &out.findings {
                let seg = &doc.segments[f.at.segment].text;
                assert!(
                    f.span.start <= f.span.end && f.span.end <= seg.len(),
                    "{}: span {:?} outside segment on {text:?}",
                    check.meta().code,
                    f.span
                );
                assert!(
                    seg.is_char_boundary(f.span.start) && seg.is_char_boundary(f.span.end),
                    "{}: span {:?} not on char boundaries on {text:?}",
                    check.meta().code,
                    f.span
                );
            }
        }
    }
}

#[test]
fn the_engine_with_real_models_handles_odd_input() {
    let engine =
        mtlint::engine::Engine::new(REGISTRY.to_vec(), &mtlint::models::models_dir(None)).unwrap();
    let docs: Vec<_> = ODD
        .iter()
        .enumerate()
        .map(|(i, t)| parse_prose(&format!("odd{i}.txt"), t))
        .collect();
    let results = engine.run(&docs).unwrap();
    for (doc, res) in docs.iter().zip(&results) {
        for f in &res.findings {
            let seg = &doc.segments[f.at.segment].text;
            assert!(
                seg.is_char_boundary(f.span.start)
                    && seg.is_char_boundary(f.span.end)
                    && f.span.end <= seg.len()
            );
        }
        for s in res.scores.values() {
            assert!((0.0..=1.0).contains(s), "score {s}");
        }
    }
}
