//! untranslated (MT303): stub, to be written.

use super::{Check, CheckMeta, Context, Needs, Output, Severity};
use crate::document::Document;

pub struct Untranslated;

static META: CheckMeta = CheckMeta {
    code: "MT303",
    name: "untranslated",
    category: "Non-translation",
    severity: Severity::Major,
    summary: "TODO",
    docs: "TODO",
    needs: Needs { lm: false, encoder: false },
    examples: &[],
};

impl Check for Untranslated {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, _doc: &Document, _ctx: &Context, _out: &mut Output) {}
}
