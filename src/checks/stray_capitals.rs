//! stray-capitals (MT205): stub, to be written.

use super::{Check, CheckMeta, Context, Needs, Output, Severity};
use crate::document::Document;

pub struct StrayCapitals;

static META: CheckMeta = CheckMeta {
    code: "MT205",
    name: "stray-capitals",
    category: "Fluency/Spelling",
    severity: Severity::Minor,
    summary: "TODO",
    docs: "TODO",
    needs: Needs { lm: false, encoder: false },
    examples: &[],
};

impl Check for StrayCapitals {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, _doc: &Document, _ctx: &Context, _out: &mut Output) {}
}
