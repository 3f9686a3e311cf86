//! What a run checked, per file: how many units each check family saw, how many units a
//! localisation file has and how many are translated or need review, and which files most
//! selected checks skipped (the target language has no support for them). The summary prints
//! it, a file where most checks were skipped is a warning `-q` does not hide, and
//! `--require-checks` makes that warning an error.

use serde::Serialize;

use crate::document::{Document, Lang};

/// Check families by code prefix, in report order.
pub const FAMILIES: &[(&str, &str)] = &[
    ("MT1", "fluency"),
    ("MT2", "people"),
    ("MT3", "meaning"),
    ("MT4", "localisation"),
];

/// The family of a check code (`MT304` → `meaning`).
pub fn family(code: &str) -> &'static str {
    FAMILIES
        .iter()
        .find(|(p, _)| code.starts_with(p))
        .map_or("other", |(_, f)| f)
}

/// Whether a check compares a unit with its source and so sees nothing in a unit without one:
/// MT304–MT309 and the localisation checks but MT407 and MT408 (punctuation spacing and
/// unbalanced pairs also read a target alone, as MT301–MT303 do).
pub fn compares_with_source(code: &str) -> bool {
    (code.starts_with("MT4") && !matches!(code, "MT407" | "MT408"))
        || code
            .strip_prefix("MT30")
            .and_then(|n| n.parse::<u8>().ok())
            .is_some_and(|n| (4..=9).contains(&n))
}

/// One file's coverage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileCoverage {
    pub file: String,
    pub lang: Lang,
    /// Units of a localisation file (`None` for prose and tables).
    pub units: Option<UnitCounts>,
    /// Units (segments) each family of selected checks ran on, in `FAMILIES` order; families
    /// with no selected check are left out.
    pub families: Vec<(&'static str, usize)>,
    /// Selected checks that ran on the file's documents and had text to read, and all selected
    /// checks.
    pub checks_run: usize,
    pub checks_selected: usize,
    /// Selected checks skipped because they do not support the target language.
    pub skipped_for_lang: usize,
    /// Selected checks that compare with a source the file's units do not have.
    pub without_source: usize,
}

/// A localisation file's units by state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UnitCounts {
    pub total: usize,
    pub translated: usize,
    pub untranslated: usize,
    /// PO entries marked fuzzy (translated, not checked).
    pub fuzzy: usize,
    /// Units marked as needing review (checked).
    pub needs_review: usize,
    /// Units with a length limit in pixels or points, which mtlint cannot measure.
    pub unmeasured_limits: usize,
    /// Every unit that is not plainly translated, in file order: JSON Lines reports write one
    /// `unit-state` line each; the summary keeps only the counts (a template has thousands).
    #[serde(skip)]
    pub states: Vec<UnitState>,
}

/// A unit that is untranslated, fuzzy or needs review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitState {
    pub id: String,
    pub line: usize,
    /// `untranslated`, `fuzzy` or `needs-review`.
    pub state: &'static str,
}

impl FileCoverage {
    /// Whether most selected checks that could run on this file were skipped. Checks that need a
    /// source are left out of the count for a file without one: target-only is a mode the user
    /// chose (the coverage line still names them), not text the checks failed to read.
    pub fn mostly_skipped(&self) -> bool {
        let could = self.checks_selected.saturating_sub(self.without_source);
        could > 0 && self.checks_run * 2 < could
    }

    /// The summary line: `ui.de.xlf: 38 of 40 units translated (1 needs review); checked by
    /// meaning 38, localisation 38 (24 of 35 checks)`.
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if let Some(u) = &self.units {
            let mut s = format!("{} of {} units translated", u.translated, u.total);
            let mut marked = Vec::new();
            if u.fuzzy > 0 {
                marked.push(format!("{} fuzzy, not checked", u.fuzzy));
            }
            if u.needs_review > 0 {
                marked.push(format!("{} need review", u.needs_review));
            }
            if !marked.is_empty() {
                s.push_str(&format!(" ({})", marked.join(", ")));
            }
            parts.push(s);
        }
        let fam: Vec<String> = self
            .families
            .iter()
            .map(|(f, n)| format!("{f} {n}"))
            .collect();
        // No family ran at all (every selected check skips this language): say so in words.
        let by = if fam.is_empty() {
            "no check".to_string()
        } else {
            fam.join(", ")
        };
        let no_source = if self.without_source > 0 {
            format!("; {} need a source", self.without_source)
        } else {
            String::new()
        };
        parts.push(format!(
            "units checked by {} ({} of {} checks ran{no_source}, target language `{}`)",
            by, self.checks_run, self.checks_selected, self.lang.code
        ));
        format!("{}: {}", self.file, parts.join("; "))
    }

    /// The warning for a file where most checks were skipped.
    pub fn warning(&self) -> Option<String> {
        self.mostly_skipped().then(|| {
            let mut why = Vec::new();
            if self.skipped_for_lang > 0 {
                why.push(format!(
                    "{} do not support target language `{}`",
                    self.skipped_for_lang, self.lang.code
                ));
            }
            format!(
                "{}: only {} of {} selected checks ran ({}); most of this file was not checked",
                self.file,
                self.checks_run,
                self.checks_selected,
                why.join("; ")
            )
        })
    }
}

/// Adds one document to the coverage of its file: `ran` are the codes of the selected checks
/// that support its language, `skipped` those that do not.
pub fn add(cov: &mut Vec<FileCoverage>, doc: &Document, ran: &[&'static str], skipped: usize) {
    let pos = match cov.iter().position(|c| c.file == doc.file) {
        Some(p) => p,
        None => {
            cov.push(FileCoverage {
                file: doc.file.clone(),
                lang: doc.lang.clone(),
                checks_selected: ran.len() + skipped,
                ..FileCoverage::default()
            });
            cov.len() - 1
        }
    };
    // A PO plural entry is one unit with a segment per form (`id#plural[n]`).
    let count = |f: &dyn Fn(&crate::document::Segment) -> bool| {
        let mut ids: Vec<&str> = doc
            .segments
            .iter()
            .filter(|s| !s.sentences.is_empty() && f(s))
            .map(|s| {
                s.id.split_once("#plural[")
                    .map_or(s.id.as_str(), |(b, _)| b)
            })
            .collect();
        ids.dedup();
        ids.len()
    };
    let with_text = count(&|_| true);
    let with_source = count(&|s| s.source.as_deref().is_some_and(|x| !x.trim().is_empty()));
    let seen = |code: &str| {
        if compares_with_source(code) {
            with_source
        } else {
            with_text
        }
    };
    // A template (no unit translated) has nothing to read, yet every check ran on it.
    let reads = |code: &&&str| with_text == 0 || seen(code) > 0;
    let c = &mut cov[pos];
    let run = ran.iter().filter(reads).count();
    // Documents of one file may differ (an XLIFF `<file>` with sources, one without): the file
    // keeps its best-covered document's counts.
    if run >= c.checks_run {
        c.checks_run = run;
        c.skipped_for_lang = skipped;
        c.without_source = ran.len() - run;
    }
    for (prefix, name) in FAMILIES {
        let units = ran
            .iter()
            .filter(|code| code.starts_with(prefix))
            .map(|code| seen(code))
            .max();
        match (c.families.iter_mut().find(|(f, _)| f == name), units) {
            (Some((_, n)), Some(u)) => *n += u,
            (None, Some(u)) => c.families.push((name, u)),
            _ => {}
        }
    }
    c.families
        .sort_by_key(|(f, _)| FAMILIES.iter().position(|(_, n)| n == f));
    if let Some(t) = &doc.tally {
        let u = c.units.get_or_insert_with(UnitCounts::default);
        u.total += t.total;
        u.translated += t.translated();
        u.untranslated += t.untranslated.len();
        u.fuzzy += t.fuzzy.len();
        u.needs_review += t.needs_review.len();
        u.unmeasured_limits += t.unmeasured_limits;
        let marked = [
            ("untranslated", &t.untranslated),
            ("fuzzy", &t.fuzzy),
            ("needs-review", &t.needs_review),
        ];
        let mut states: Vec<UnitState> = marked
            .iter()
            .flat_map(|(state, units)| {
                units.iter().map(|(id, line)| UnitState {
                    id: id.clone(),
                    line: *line,
                    state,
                })
            })
            .collect();
        states.sort_by_key(|s| s.line);
        u.states.extend(states);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{LangOrigin, Segment, Span};
    use crate::l10n::unit::Tally;

    fn doc(lang: &str, tally: Option<Tally>) -> Document {
        Document {
            file: "ui.xlf".into(),
            lang: Lang::declared(lang, LangOrigin::File).unwrap(),
            segments: vec![Segment {
                id: "a".into(),
                text: "Hallo".into(),
                sentences: vec![Span::new(0, 5)],
                source: Some("Hello".into()),
                ..Segment::default()
            }],
            tally,
            ..Document::default()
        }
    }

    #[test]
    fn families_units_and_warning() {
        let mut cov = Vec::new();
        let tally = Tally {
            total: 3,
            untranslated: vec![("b".into(), 4), ("c".into(), 6)],
            needs_review: vec![("a".into(), 2)],
            fuzzy: Vec::new(),
            unmeasured_limits: 0,
        };
        add(
            &mut cov,
            &doc("de", Some(tally)),
            &["MT304", "MT401", "MT402"],
            7,
        );
        let c = &cov[0];
        assert_eq!(c.families, [("meaning", 1), ("localisation", 1)]);
        assert_eq!(
            c.line(),
            "ui.xlf: 1 of 3 units translated (1 need review); units checked by meaning 1, localisation 1 (3 of 10 checks ran, target language `de`)"
        );
        assert!(c.mostly_skipped());
        assert_eq!(
            c.warning().unwrap(),
            "ui.xlf: only 3 of 10 selected checks ran (7 do not support target language `de`); most of this file was not checked"
        );
        let mut all = Vec::new();
        add(&mut all, &doc("de", None), &["MT304", "MT401", "MT402"], 1);
        assert!(!all[0].mostly_skipped() && all[0].units.is_none());
        assert_eq!(family("MT205"), "people");
    }

    #[test]
    fn a_template_has_nothing_translated() {
        let mut d = doc(
            "de",
            Some(Tally {
                total: 2,
                untranslated: vec![("a".into(), 1), ("b".into(), 2)],
                ..Tally::default()
            }),
        );
        d.segments.clear();
        let mut cov = Vec::new();
        add(&mut cov, &d, &["MT401"], 0);
        assert!(cov[0].line().starts_with("ui.xlf: 0 of 2 units translated"));
        assert!(!cov[0].mostly_skipped());
    }

    #[test]
    fn checks_that_compare_with_a_source_do_not_run_without_one() {
        let mut d = doc("de", None);
        d.segments[0].source = None;
        let mut cov = Vec::new();
        add(
            &mut cov,
            &d,
            &["MT302", "MT303", "MT304", "MT401", "MT402"],
            0,
        );
        assert_eq!(cov[0].families, [("meaning", 1), ("localisation", 0)]);
        assert_eq!((cov[0].checks_run, cov[0].without_source), (2, 3));
        // Target-only is the user's mode: named on the line, not a warning.
        assert!(cov[0].warning().is_none());
        assert!(
            cov[0]
                .line()
                .contains("(2 of 5 checks ran; 3 need a source,")
        );
        assert!(compares_with_source("MT309") && !compares_with_source("MT303"));
        assert!(compares_with_source("MT401") && !compares_with_source("MT407"));
    }
}
