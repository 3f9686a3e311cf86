//! page-furniture (MT301): stub, to be written.

use super::{Check, CheckMeta, Context, Needs, Output, Severity};
use crate::document::Document;

pub struct PageFurniture;

static META: CheckMeta = CheckMeta {
    code: "MT301",
    name: "page-furniture",
    category: "Accuracy/Addition",
    severity: Severity::Major,
    summary: "TODO",
    docs: "TODO",
    needs: Needs { lm: false, encoder: false },
    examples: &[],
};

impl Check for PageFurniture {
    fn meta(&self) -> &'static CheckMeta {
        &META
    }

    fn check(&self, _doc: &Document, _ctx: &Context, _out: &mut Output) {}
}
