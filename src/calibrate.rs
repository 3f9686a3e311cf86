//! Measures the fluency check's thresholds on text known to be clean (human reference
//! translations): the sentence statistic's distribution, and for each edit family the gains its
//! edits get where nothing was wrong. Thresholds are the (1 − rate) quantiles.

use std::collections::BTreeMap;
use std::path::Path;

use crate::checks::fluency::edits::{Family, cue_edits, null_edits};
use crate::checks::fluency::fluency::statistic;
use crate::error::{Error, Result};
use crate::input::{InputOptions, read_table};
use crate::models::{Calibration, EditThreshold, LanguageModel};

/// Unique sentences of the given `FILE:COLUMN` tables, in first-seen order.
pub fn clean_sentences(specs: &[String]) -> Result<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for spec in specs {
        let (file, column) = spec
            .rsplit_once(':')
            .ok_or_else(|| Error::Usage(format!("{spec}: expected FILE:COLUMN")))?;
        let text = std::fs::read_to_string(file).map_err(|source| Error::Read {
            path: file.to_string(),
            source,
        })?;
        let delimiter = if file.ends_with(".csv") { b',' } else { b'\t' };
        let opts = InputOptions {
            target_column: Some(column.to_string()),
            id_column: Some("id".into()),
            ..Default::default()
        };
        for doc in read_table(file, &text, delimiter, &opts)? {
            for (_, s) in doc.sentences() {
                if s.chars().count() >= 3 && seen.insert(s.to_string()) {
                    out.push(s.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// The value below which `1 - rate` of `values` fall.
fn upper_quantile(values: &mut [f32], rate: f32) -> f32 {
    if values.is_empty() {
        return f32::INFINITY;
    }
    values.sort_by(f32::total_cmp);
    let idx = (((1.0 - rate) * values.len() as f32).ceil() as usize).min(values.len() - 1);
    values[idx]
}

/// `rate` bounds the clean sentences above the fluency threshold; `edit_rate` bounds the clean
/// applications of each edit operation above its family's gain threshold. The latter can be looser
/// because the check applies an edit only where a cue is present; the resulting false-flag rate on
/// clean sentences is measured and stored as `cue_flag_rate`.
pub fn calibrate(
    lm: &LanguageModel,
    sentences: &[String],
    rate: f32,
    edit_rate: f32,
    measured_on: &str,
) -> Result<Calibration> {
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let scores = lm.score(&texts)?;
    let (mut stats, mut totals): (Vec<f32>, Vec<f32>) = scores
        .iter()
        .zip(&texts)
        .map(|(s, text)| {
            let st = statistic(s, &crate::checks::fluency::slips::spans("en", text, None));
            (st.mean, st.total)
        })
        .unzip();
    let excess_median = upper_quantile(&mut totals, 0.5);
    let fluency_threshold = upper_quantile(&mut stats, rate);
    let quantiles = (0..=100)
        .map(|q| stats[((q as f32 / 100.0) * (stats.len() - 1) as f32).round() as usize])
        .collect();
    let flagged = stats.iter().filter(|&&s| s >= fluency_threshold).count();

    let mut edited: Vec<(usize, Family, String)> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        edited.extend(null_edits(s).into_iter().map(|e| (i, e.family, e.edited)));
    }
    let etexts: Vec<&str> = edited.iter().map(|(_, _, t)| t.as_str()).collect();
    let escores = lm.score(&etexts)?;
    let mut gains: BTreeMap<Family, Vec<f32>> = BTreeMap::new();
    for ((i, family, _), sc) in edited.iter().zip(&escores) {
        gains
            .entry(*family)
            .or_default()
            .push(sc.total() - scores[*i].total());
    }
    let mut edits = BTreeMap::new();
    for family in Family::ALL {
        let mut g = gains.remove(&family).unwrap_or_default();
        let gain = upper_quantile(&mut g, edit_rate);
        let above = g.iter().filter(|&&x| x >= gain).count();
        let mut q = |p: f32| upper_quantile(&mut g, 1.0 - p);
        let null_quantiles = [q(0.5), q(0.9), q(0.95), q(0.99)];
        edits.insert(
            family.name().to_string(),
            EditThreshold {
                gain,
                null_edits: g.len(),
                flag_rate: if g.is_empty() {
                    0.0
                } else {
                    above as f32 / g.len() as f32
                },
                null_quantiles,
            },
        );
    }
    // What the check itself would report on this clean text.
    let mut cued: Vec<(usize, Family, String)> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        cued.extend(cue_edits(s).into_iter().map(|e| (i, e.family, e.edited)));
    }
    let ctexts: Vec<&str> = cued.iter().map(|(_, _, t)| t.as_str()).collect();
    let cscores = lm.score(&ctexts)?;
    let mut hit = std::collections::HashSet::new();
    for ((i, family, _), sc) in cued.iter().zip(&cscores) {
        let thr = edits
            .get(family.name())
            .map(|e: &EditThreshold| e.gain)
            .unwrap_or(f32::INFINITY);
        if sc.total() - scores[*i].total() >= thr {
            hit.insert(*i);
        }
    }
    Ok(Calibration {
        lm_sha256: lm.sha256.clone(),
        measured_on: measured_on.to_string(),
        sentences: sentences.len(),
        fluency_quantiles: quantiles,
        excess_median,
        fluency_threshold,
        fluency_flag_rate: flagged as f32 / stats.len().max(1) as f32,
        edits,
        cue_flag_rate: hit.len() as f32 / sentences.len().max(1) as f32,
    })
}

/// Writes the calibration atomically.
pub fn write(cal: &Calibration, path: &Path) -> Result<()> {
    let json = serde_json::to_string_pretty(cal).map_err(|e| Error::Usage(e.to_string()))? + "\n";
    crate::output::write_atomic(path, json.as_bytes())
}
