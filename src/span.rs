//! The byte span every layer shares: a half-open range into one text, on char boundaries. It sits
//! below `document` and `l10n` (which both speak of spans, and `document` keeps `l10n` units) and
//! imports nothing of the crate.

use serde::Serialize;

/// A half-open byte range `[start, end)` into one segment's text, always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// Moves a span relative to a sentence into segment coordinates.
    pub fn offset(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}
