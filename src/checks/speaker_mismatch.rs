//! speaker-mismatch (MT201): stub, to be written.

use super::{Check, CheckMeta, Context, Needs, Output, Severity};
use crate::document::Document;

pub struct SpeakerMismatch;

static META: CheckMeta = CheckMeta {
    code: "MT201",
    name: "speaker-mismatch",
    category: "Accuracy/Mistranslation",
    severity: Severity::Major,
    summary: "TODO",
    docs: "TODO",
    needs: Needs { lm: false, encoder: false },
    examples: &[],
};

impl Check for SpeakerMismatch {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, _doc: &Document, _ctx: &Context, _out: &mut Output) {}
}
