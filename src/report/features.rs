//! The score's inputs as JSON Lines (`--features`): what `scripts/fit_score.py` fits
//! `models/score.json` on. Not a report format: one line per sentence, every sentence.

use super::row::sentence_id;
use crate::document::Document;
use crate::engine::DocResult;

/// The score's inputs, one JSON object per sentence (`mtlint.features/1`): what
/// `scripts/fit_score.py` fits the score model on.
pub fn write_features(
    docs: &[Document],
    results: &[DocResult],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    for (doc, res) in docs.iter().zip(results) {
        for (at, features) in &res.features {
            let line = serde_json::json!({
                "schema": "mtlint.features/1",
                "doc": doc.id,
                "id": sentence_id(doc, *at),
                "score": res.scores.get(at).copied().unwrap_or(0.0),
                "features": features,
            });
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}
