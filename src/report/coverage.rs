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
    /// Selected checks that ran on the file's documents, and all selected checks.
    pub checks_run: usize,
    pub checks_selected: usize,
}

/// A localisation file's units by state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UnitCounts {
    pub total: usize,
    pub translated: usize,
    /// Ids of units without a translation.
    pub untranslated: Vec<String>,
    /// Ids of units marked fuzzy or needing review.
    pub needs_review: Vec<String>,
    /// Units with a length limit in pixels or points, which mtlint cannot measure.
    pub unmeasured_limits: usize,
}

impl FileCoverage {
    /// Whether most selected checks were skipped on this file.
    pub fn mostly_skipped(&self) -> bool {
        self.checks_selected > 0 && self.checks_run * 2 < self.checks_selected
    }

    /// The summary line: `ui.de.xlf: 38 of 40 units translated (1 needs review); checked by
    /// meaning 38, localisation 38 (24 of 35 checks)`.
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if let Some(u) = &self.units {
            let mut s = format!("{} of {} units translated", u.translated, u.total);
            if !u.needs_review.is_empty() {
                s.push_str(&format!(" ({} need review)", u.needs_review.len()));
            }
            parts.push(s);
        }
        let fam: Vec<String> = self
            .families
            .iter()
            .map(|(f, n)| format!("{f} {n}"))
            .collect();
        parts.push(format!(
            "units checked by {} ({} of {} checks ran, target language `{}`)",
            fam.join(", "),
            self.checks_run,
            self.checks_selected,
            self.lang.code
        ));
        format!("{}: {}", self.file, parts.join("; "))
    }

    /// The warning for a file where most checks were skipped.
    pub fn warning(&self) -> Option<String> {
        self.mostly_skipped().then(|| {
            format!(
                "{}: only {} of {} selected checks support target language `{}`; most of this file was not checked",
                self.file, self.checks_run, self.checks_selected, self.lang.code
            )
        })
    }
}

/// Adds one document to the coverage of its file: `ran` are the codes of the selected checks
/// that ran on it, `selected` how many were selected.
pub fn add(cov: &mut Vec<FileCoverage>, doc: &Document, ran: &[&'static str], selected: usize) {
    let pos = match cov.iter().position(|c| c.file == doc.file) {
        Some(p) => p,
        None => {
            cov.push(FileCoverage {
                file: doc.file.clone(),
                lang: doc.lang.clone(),
                checks_selected: selected,
                ..FileCoverage::default()
            });
            cov.len() - 1
        }
    };
    let c = &mut cov[pos];
    c.checks_run = c.checks_run.max(ran.len());
    let with_text = doc
        .segments
        .iter()
        .filter(|s| !s.sentences.is_empty())
        .count();
    let with_source = doc
        .segments
        .iter()
        .filter(|s| {
            !s.sentences.is_empty() && s.source.as_deref().is_some_and(|x| !x.trim().is_empty())
        })
        .count();
    for (prefix, name) in FAMILIES {
        let fam_ran = ran.iter().any(|code| code.starts_with(prefix));
        // Meaning and localisation checks compare with a source; a unit without one is not seen.
        let seen = match (*name, fam_ran) {
            (_, false) => 0,
            ("meaning" | "localisation", true) => with_source,
            _ => with_text,
        };
        match c.families.iter_mut().find(|(f, _)| f == name) {
            Some((_, n)) => *n += seen,
            None if fam_ran => c.families.push((name, seen)),
            None => {}
        }
    }
    c.families
        .sort_by_key(|(f, _)| FAMILIES.iter().position(|(_, n)| n == f));
    if let Some(t) = &doc.tally {
        let u = c.units.get_or_insert_with(UnitCounts::default);
        u.total += t.total;
        u.translated += t.translated();
        u.untranslated
            .extend(t.untranslated.iter().map(|(id, _)| id.clone()));
        u.needs_review
            .extend(t.needs_review.iter().map(|(id, _)| id.clone()));
        u.unmeasured_limits += t.unmeasured_limits;
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
            unmeasured_limits: 0,
        };
        add(
            &mut cov,
            &doc("de", Some(tally)),
            &["MT304", "MT401", "MT402"],
            10,
        );
        let c = &cov[0];
        assert_eq!(c.families, [("meaning", 1), ("localisation", 1)]);
        assert_eq!(
            c.line(),
            "ui.xlf: 1 of 3 units translated (1 need review); units checked by meaning 1, localisation 1 (3 of 10 checks ran, target language `de`)"
        );
        assert!(c.mostly_skipped());
        assert!(c.warning().unwrap().contains("only 3 of 10"));
        let mut all = Vec::new();
        add(&mut all, &doc("de", None), &["MT304", "MT401", "MT402"], 4);
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
        add(&mut cov, &d, &["MT401"], 1);
        assert!(cov[0].line().starts_with("ui.xlf: 0 of 2 units translated"));
    }
}
