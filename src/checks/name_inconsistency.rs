//! name-inconsistency (MT203): stub, to be written.

use super::{Check, CheckMeta, Context, Needs, Output, Severity};
use crate::document::Document;

pub struct NameInconsistency;

static META: CheckMeta = CheckMeta {
    code: "MT203",
    name: "name-inconsistency",
    category: "Fluency/Inconsistency",
    severity: Severity::Major,
    summary: "TODO",
    docs: "TODO",
    needs: Needs { lm: false, encoder: false },
    examples: &[],
};

impl Check for NameInconsistency {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, _doc: &Document, _ctx: &Context, _out: &mut Output) {}
}
