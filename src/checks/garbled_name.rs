//! garbled-name (MT202): stub, to be written.

use super::{Check, CheckMeta, Context, Needs, Output, Severity};
use crate::document::Document;

pub struct GarbledName;

static META: CheckMeta = CheckMeta {
    code: "MT202",
    name: "garbled-name",
    category: "Locale convention/Name format",
    severity: Severity::Major,
    summary: "TODO",
    docs: "TODO",
    needs: Needs { lm: false, encoder: false },
    examples: &[],
};

impl Check for GarbledName {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, _doc: &Document, _ctx: &Context, _out: &mut Output) {}
}
