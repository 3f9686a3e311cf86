//! doubled-subject (MT204): stub, to be written.

use super::{Check, CheckMeta, Context, Needs, Output, Severity};
use crate::document::Document;

pub struct DoubledSubject;

static META: CheckMeta = CheckMeta {
    code: "MT204",
    name: "doubled-subject",
    category: "Fluency/Grammar",
    severity: Severity::Minor,
    summary: "TODO",
    docs: "TODO",
    needs: Needs { lm: false, encoder: false },
    examples: &[],
};

impl Check for DoubledSubject {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, _doc: &Document, _ctx: &Context, _out: &mut Output) {}
}
