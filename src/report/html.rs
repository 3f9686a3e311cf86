//! The HTML report for a reviewer who would rather look than read a CSV: one self-contained file
//! (inline CSS and a little vanilla JS, no external URL), one section per document with counts by
//! severity, each reported sentence with its findings highlighted by severity, a score bar, the
//! findings' messages, evidence and suggestions, a legend, and checkboxes that filter by check.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

use super::row::{Row, RowFinding, SCHEMA};
use super::summary::Summary;
use crate::diagnostic::Severity;

/// Worst first, as the per-document counts and the legend list them.
const SEVERITIES: [Severity; 4] = [
    Severity::Critical,
    Severity::Major,
    Severity::Minor,
    Severity::Neutral,
];

/// The filter value of rows without findings (reports written with `--all`).
const NO_FINDING: &str = "none";

/// Escapes text for element content and quoted attribute values alike.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

pub fn write(rows: &[Row], summary: &Summary, w: &mut dyn Write) -> std::io::Result<()> {
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for f in rows.iter().flat_map(|r| &r.findings) {
        *codes.entry(f.code).or_default() += 1;
    }
    let unflagged = rows.iter().filter(|r| r.findings.is_empty()).count();

    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"mtlint {}\">\n<title>mtlint report</title>\n\
         <style>{STYLE}</style>\n</head>\n<body data-schema=\"{SCHEMA}\">\n<h1>mtlint report</h1>\n",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        w,
        "<p class=\"summary\">{} file(s), {} document(s), {} sentence(s), {} finding(s), \
         {} flagged sentence(s), {} error(s). Showing <span id=\"shown\">{}</span> of {} \
         reported sentence(s).</p>",
        summary.files,
        summary.documents,
        summary.sentences,
        summary.findings,
        summary.flagged,
        summary.errors,
        rows.len(),
        rows.len()
    )?;

    writeln!(
        w,
        "<p class=\"summary mqm\" data-mqm=\"{}\">{}.</p>",
        summary.mqm.total.score,
        escape(&summary.mqm.describe())
    )?;

    // What the counts leave out, so a clean-looking page is not mistaken for a fully checked one.
    if summary.suppressed > 0 {
        writeln!(
            w,
            "<p class=\"note\">{} finding(s) suppressed by inline mtlint-disable.</p>",
            summary.suppressed
        )?;
    }
    let skipped: Vec<String> = summary
        .skipped_lines()
        .into_iter()
        .chain(summary.untrained_lines())
        .collect();
    if !skipped.is_empty() {
        w.write_all(b"<ul class=\"note skipped\">\n")?;
        for line in &skipped {
            writeln!(w, "<li>{}</li>", escape(line))?;
        }
        w.write_all(b"</ul>\n")?;
    }

    w.write_all(b"<div class=\"legend\">Severity:")?;
    for s in SEVERITIES {
        write!(
            w,
            " <span class=\"swatch sev-{0}\"></span><span>{0}</span>",
            s.as_str()
        )?;
    }
    w.write_all(b"</div>\n")?;

    w.write_all(b"<fieldset id=\"filters\"><legend>Checks</legend>\n")?;
    for (code, n) in &codes {
        writeln!(
            w,
            "<label><input type=\"checkbox\" value=\"{0}\" checked> {0} ({n})</label>",
            escape(code)
        )?;
    }
    if unflagged > 0 {
        writeln!(
            w,
            "<label><input type=\"checkbox\" value=\"{NO_FINDING}\" checked> no finding ({unflagged})</label>"
        )?;
    }
    w.write_all(
        b"<button type=\"button\" data-set=\"all\">all</button> \
          <button type=\"button\" data-set=\"none\">none</button>\n</fieldset>\n",
    )?;
    if rows.is_empty() {
        w.write_all(b"<p class=\"empty\">No suspect sentences.</p>\n")?;
    }

    let mut at = 0;
    while at < rows.len() {
        let first = &rows[at];
        let len = rows[at..]
            .iter()
            .take_while(|r| r.file == first.file && r.doc == first.doc)
            .count();
        let score = summary
            .mqm
            .documents
            .iter()
            .find(|d| d.file == first.file && d.doc == first.doc)
            .map(|d| d.score.score);
        write_doc(&rows[at..at + len], at, score, w)?;
        at += len;
    }

    write!(w, "<script>{SCRIPT}</script>\n</body>\n</html>\n")?;
    w.flush()
}

/// One document's section; `base` numbers its rows so every anchor in the file is unique.
fn write_doc(
    rows: &[Row],
    base: usize,
    mqm: Option<f64>,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let first = &rows[0];
    let mut by_severity = [0usize; SEVERITIES.len()];
    for f in rows.iter().flat_map(|r| &r.findings) {
        if let Some(i) = SEVERITIES.iter().position(|s| *s == f.severity) {
            by_severity[i] += 1;
        }
    }
    writeln!(
        w,
        "<section class=\"doc\" data-doc=\"{0}\">\n<h2>{0} <span class=\"file\">{1}</span></h2>",
        escape(&first.doc),
        escape(&first.file)
    )?;
    write!(
        w,
        "<p class=\"counts\">{} sentence(s), {} flagged; findings:",
        rows.len(),
        rows.iter().filter(|r| r.flag).count()
    )?;
    for (s, n) in SEVERITIES.iter().zip(by_severity) {
        write!(
            w,
            " <span class=\"count sev-{0}\" data-severity=\"{0}\">{0} {n}</span>",
            s.as_str()
        )?;
    }
    if let Some(score) = mqm {
        write!(
            w,
            "; <span class=\"mqm\">MQM score {score} per 1 000 words</span>"
        )?;
    }
    w.write_all(b"</p>\n")?;
    for (i, row) in rows.iter().enumerate() {
        write_row(row, base + i, w)?;
    }
    w.write_all(b"</section>\n")
}

fn write_row(row: &Row, n: usize, w: &mut dyn Write) -> std::io::Result<()> {
    let mut codes: Vec<&str> = row.findings.iter().map(|f| f.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let severity = row.severity.map_or("none", Severity::as_str);
    let score = if row.score.is_finite() {
        row.score.clamp(0.0, 1.0)
    } else {
        0.0
    };
    writeln!(
        w,
        "<article class=\"row\" id=\"r{n}\" data-codes=\"{}\" data-severity=\"{severity}\" data-flag=\"{}\">",
        escape(&codes.join(" ")),
        u8::from(row.flag)
    )?;
    writeln!(
        w,
        "<header><span class=\"badge sev-{severity}\">{severity}</span> \
         <a class=\"id\" href=\"#r{n}\">{}</a> <span class=\"line\">line {}</span> \
         <span class=\"score\" title=\"score {score:.4}\"><span class=\"bar\">\
         <span class=\"fill\" style=\"width:{:.1}%\"></span></span> {score:.3}</span></header>",
        escape(&row.id),
        row.line,
        score * 100.0
    )?;
    writeln!(
        w,
        "<p class=\"sentence\">{}</p>",
        highlight(&row.sentence, row.start, &row.findings)
    )?;
    if row.findings.is_empty() {
        return w.write_all(b"</article>\n");
    }
    w.write_all(b"<ul class=\"findings\">\n")?;
    for f in &row.findings {
        write!(
            w,
            "<li class=\"sev-{0}\" data-code=\"{1}\"><span class=\"code\">{1}</span> \
             <span class=\"sev\">{0}</span> <span class=\"cat\">{2}</span> \
             <span class=\"text\">“{3}”</span> <span class=\"msg\">{4}</span>",
            f.severity.as_str(),
            escape(f.code),
            escape(f.category),
            escape(&f.text),
            escape(&f.message)
        )?;
        if !f.evidence.is_empty() {
            w.write_all(b"<dl class=\"evidence\">")?;
            for (k, v) in &f.evidence {
                write!(w, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v))?;
            }
            w.write_all(b"</dl>")?;
        }
        if let Some(s) = &f.suggestion {
            write!(w, "<p class=\"suggestion\">Suggestion: {}</p>", escape(s))?;
        }
        w.write_all(b"</li>\n")?;
    }
    w.write_all(b"</ul>\n</article>\n")
}

/// The sentence with one `<mark>` per finding. Findings' spans are character offsets in the
/// segment, so they are moved by the sentence's own `start` and clipped to the sentence. Marks
/// must nest to be valid HTML: a span that crosses the end of an enclosing one is clipped to it
/// (its full text is still listed below the sentence); an empty span is an empty `point` mark.
pub fn highlight(sentence: &str, start: usize, findings: &[RowFinding]) -> String {
    // Byte index of every char boundary, so char offsets slice multibyte text correctly.
    let bounds: Vec<usize> = sentence
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(sentence.len()))
        .collect();
    let chars = bounds.len() - 1;
    let local = |at: usize| at.saturating_sub(start).min(chars);
    let mut marks: Vec<(usize, usize, &RowFinding)> = findings
        .iter()
        .map(|f| {
            let s = local(f.start);
            (s, local(f.end).max(s), f)
        })
        .collect();
    // Outer marks first: by start, then longest; the sort is stable, so ties keep report order.
    marks.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));

    let text = |from: usize, to: usize| escape(&sentence[bounds[from]..bounds[to]]).into_owned();
    let mut out = String::with_capacity(sentence.len() * 2);
    let mut pos = 0;
    let mut open: Vec<usize> = Vec::new();
    for (s, e, f) in marks {
        while let Some(&end) = open.last().filter(|&&end| end <= s) {
            out.push_str(&text(pos, end));
            out.push_str("</mark>");
            pos = end;
            open.pop();
        }
        out.push_str(&text(pos, s));
        pos = s;
        let end = open.last().map_or(e, |&outer| e.min(outer));
        out.push_str(&format!(
            "<mark class=\"sev-{}{}\" data-code=\"{}\" title=\"{}\">",
            f.severity.as_str(),
            if end == s { " point" } else { "" },
            escape(f.code),
            escape(&f.message)
        ));
        open.push(end);
    }
    while let Some(end) = open.pop() {
        out.push_str(&text(pos, end));
        out.push_str("</mark>");
        pos = end;
    }
    out.push_str(&text(pos, chars));
    out
}

/// Highlight colours are also the legend's; row badges and counts use the darker `line` shades so
/// that the highlight colours on screen come from highlights (the screenshot test relies on it).
const STYLE: &str = "
:root{--critical:#d50000;--major:#ff9100;--minor:#ffe066;--neutral:#cfd8dc;
--critical-line:#7f0000;--major-line:#b35c00;--minor-line:#8a7000;--neutral-line:#546e7a}
body{font:16px/1.5 system-ui,sans-serif;margin:1.5em auto;max-width:70em;padding:0 1em;color:#222;background:#fff}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.2em;margin:1.5em 0 .2em}
.file{font-weight:normal;color:#666;font-size:.8em}
.summary,.counts{color:#444;margin:.2em 0}
.note{color:#8a4b00;margin:.2em 0}
.legend{margin:.5em 0}.swatch{display:inline-block;width:.9em;height:.9em;margin:0 .2em 0 .6em;vertical-align:middle}
fieldset{border:1px solid #ccc;margin:.5em 0}label{margin-right:1em;white-space:nowrap}
.row{border-left:4px solid #ddd;padding:.3em .8em;margin:.6em 0}
.row[data-severity=critical]{border-color:var(--critical-line)}.row[data-severity=major]{border-color:var(--major-line)}
.row[data-severity=minor]{border-color:var(--minor-line)}.row[data-severity=neutral]{border-color:var(--neutral-line)}
.row header{font-size:.85em;color:#555}.id{color:#333}
.badge,.count{border:1px solid #999;border-radius:3px;padding:0 .3em}
.badge.sev-critical,.count.sev-critical{border-color:var(--critical-line);color:var(--critical-line)}
.badge.sev-major,.count.sev-major{border-color:var(--major-line);color:var(--major-line)}
.badge.sev-minor,.count.sev-minor{border-color:var(--minor-line);color:var(--minor-line)}
.badge.sev-neutral,.count.sev-neutral{border-color:var(--neutral-line);color:var(--neutral-line)}
.score{display:inline-flex;align-items:center;gap:.3em;margin-left:.5em}
.bar{display:inline-block;width:8em;height:.6em;background:#e8eaf6;border-radius:2px;overflow:hidden}
.fill{display:block;height:100%;background:#3f51b5}
.sentence{margin:.2em 0;font-size:1.05em}
mark{padding:0 1px;border-radius:2px;color:inherit}
mark mark{outline:1px solid #333}
mark.point{display:inline-block;width:3px;height:1em;vertical-align:middle}
mark.sev-critical,.swatch.sev-critical{background:var(--critical)}mark.sev-critical{color:#fff}
mark.sev-major,.swatch.sev-major{background:var(--major)}
mark.sev-minor,.swatch.sev-minor{background:var(--minor)}
mark.sev-neutral,.swatch.sev-neutral{background:var(--neutral)}
mark.off{background:none;color:inherit;outline:none}
.findings{margin:.2em 0;padding-left:1.2em;font-size:.9em}
.code{font-weight:bold}.sev,.cat{color:#666}
.evidence{margin:.1em 0 .1em 1em;display:grid;grid-template-columns:max-content auto;gap:0 .6em}
.evidence dt{color:#666}.evidence dd{margin:0}
.suggestion{margin:.1em 0 .1em 1em;color:#1b5e20}
[hidden]{display:none!important}
";

/// Filters by check: a row stays visible while one of its checks is ticked; unticked checks'
/// marks lose their colour and their messages hide. `#checks=MT201,MT301` in the address ticks
/// only those, so a link can point a reviewer at one kind of error. `data-shown` on `<body>`
/// says the script ran and how many rows it left visible.
const SCRIPT: &str = "
(function(){
var boxes=Array.prototype.slice.call(document.querySelectorAll('#filters input[type=checkbox]'));
function apply(){
var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
var shown=0;
document.querySelectorAll('.row').forEach(function(r){
var codes=r.dataset.codes?r.dataset.codes.split(' '):['none'];
var vis=codes.some(function(c){return on[c];});
r.hidden=!vis;if(vis){shown++;}
});
document.querySelectorAll('mark[data-code]').forEach(function(m){m.classList.toggle('off',!on[m.dataset.code]);});
document.querySelectorAll('.findings li[data-code]').forEach(function(l){l.hidden=!on[l.dataset.code];});
document.querySelectorAll('section.doc').forEach(function(s){s.hidden=!s.querySelector('.row:not([hidden])');});
document.getElementById('shown').textContent=String(shown);
document.body.dataset.shown=String(shown);
}
boxes.forEach(function(b){b.addEventListener('change',apply);});
document.querySelectorAll('#filters button').forEach(function(btn){
btn.addEventListener('click',function(){var v=btn.dataset.set==='all';boxes.forEach(function(b){b.checked=v;});apply();});
});
var m=/(?:^#|&)checks=([^&]*)/.exec(location.hash);
if(m){var want=decodeURIComponent(m[1]).split(',');boxes.forEach(function(b){b.checked=want.indexOf(b.value)>=0;});}
apply();
})();
";
