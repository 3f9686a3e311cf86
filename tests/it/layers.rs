//! The library's import layering, read from `src/` (the binary in `src/bin/` sits on top of it):
//! every `crate::`/`super::` path outside tests is an import edge between files. No top-level
//! module may import one ranked above it in `LAYERS`, and no files may import each other in a
//! circle. `input` and `models` are exempt from the file-level rule only: their readers and
//! sessions call helpers of their parent `mod.rs`, which dispatches to them (parent and child,
//! left as they are while other branches work in those directories). `draw_import_graph`
//! (ignored) prints the top-level graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::repo;

/// Top-level modules, bottom first. A module may import only modules ranked below it.
const LAYERS: &[&[&str]] = &[
    &["error", "span"],
    &["escape", "translit"],
    // The localisation canon: pure rules over spans of unit text; documents keep its units.
    &["l10n"],
    &["document"],
    &[
        "diagnostic",
        "segment",
        "words",
        "lexicon",
        "score",
        "output",
    ],
    &["models", "glossary", "align"],
    &["checks"],
    &["engine", "input"],
    &["report"],
    &["baseline", "config", "calibrate"],
    &["run"],
];

/// Directories whose files may import their parent module (see the module docs).
const PARENT_CHILD_EXEMPT: &[&str] = &["input", "models"];

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rank(top: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&top))
        .unwrap_or_else(|| panic!("module `{top}` is not in LAYERS (tests/it/layers.rs)"))
}

/// Module path of every library file: `checks::fluency::slips` for src/checks/fluency/slips.rs.
fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            if prefix.is_empty() && name == "bin" {
                continue;
            }
            let mut next = prefix.to_vec();
            next.push(name);
            modules(&p, &next, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let mut m = prefix.to_vec();
            if name != "mod" && name != "lib" {
                m.push(name);
            }
            out.insert(m.join("::"), std::fs::read_to_string(&p).unwrap());
        }
    }
}

/// The text without `#[cfg(test)]` items and comments.
fn without_tests(src: &str) -> String {
    let code: String = src
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let (brace, semi) = (item.find('{'), item.find(';'));
        let end = match (brace, semi) {
            (_, Some(s)) if brace.is_none_or(|b| s < b) => s + 1,
            (Some(b), _) => {
                let mut depth = 0;
                let mut end = item.len();
                for (i, c) in item[b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            _ => item.len(),
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The longest known module a path names (`checks::registry::REGISTRY` → `checks::registry`).
fn resolve(mods: &BTreeMap<String, String>, path: &[String]) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| mods.contains_key(m))
}

fn ident_end(s: &str) -> usize {
    s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len())
}

/// Every module a file's code imports or names.
fn edges(mods: &BTreeMap<String, String>, module: &str, src: &str) -> BTreeSet<String> {
    let own: Vec<String> = module
        .split("::")
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let sup = own[..own.len().saturating_sub(1)].to_vec();
    let mut out = BTreeSet::new();
    for (key, base) in [("crate::", Vec::new()), ("super::", sup)] {
        let mut rest = src;
        while let Some(at) = rest.find(key) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + key.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut path = base.clone();
            let mut s = rest;
            loop {
                let n = ident_end(s);
                if n == 0 {
                    break;
                }
                path.push(s[..n].to_string());
                s = &s[n..];
                match s.strip_prefix("::") {
                    Some(t) => s = t,
                    None => break,
                }
            }
            if let Some(group) = s.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                for item in group.split(',') {
                    let head: String = item
                        .trim()
                        .split("::")
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join("::");
                    let mut p = path.clone();
                    p.extend(
                        head.split("::")
                            .filter(|x| !x.is_empty() && *x != "self")
                            .map(String::from),
                    );
                    if let Some(m) = resolve(mods, &p) {
                        out.insert(m);
                    }
                }
            } else if let Some(m) = resolve(mods, &path) {
                out.insert(m);
            }
        }
    }
    out.remove(module);
    out.remove("");
    out
}

fn graph() -> Graph {
    let mut mods = BTreeMap::new();
    modules(&repo("src"), &[], &mut mods);
    mods.iter()
        .map(|(m, src)| (m.clone(), edges(&mods, m, &without_tests(src))))
        .collect()
}

fn top(m: &str) -> &str {
    m.split("::").next().unwrap_or(m)
}

#[test]
fn no_import_runs_back_up() {
    let g = graph();
    let mut bad = Vec::new();
    for (from, tos) in &g {
        for to in tos {
            let (a, b) = (top(from), top(to));
            if a != b && !from.is_empty() && rank(b) >= rank(a) {
                bad.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "imports against the layering:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_import_circle_between_files() {
    let g = graph();
    // Depth-first search for a back edge, reporting the circle it closes.
    fn visit(
        g: &Graph,
        m: &str,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        found: &mut Vec<String>,
    ) {
        state.insert(m.to_string(), 1);
        stack.push(m.to_string());
        for to in g.get(m).into_iter().flatten() {
            let exempt = PARENT_CHILD_EXEMPT.contains(&top(m)) && top(m) == top(to);
            if exempt {
                continue;
            }
            match state.get(to.as_str()) {
                Some(1) => {
                    let at = stack.iter().position(|s| s == to).unwrap_or(0);
                    found.push(format!("{} -> {to}", stack[at..].join(" -> ")));
                }
                Some(_) => {}
                None => visit(g, to, state, stack, found),
            }
        }
        stack.pop();
        state.insert(m.to_string(), 2);
    }
    let (mut state, mut found) = (BTreeMap::new(), Vec::new());
    for m in g.keys() {
        if !state.contains_key(m) {
            visit(&g, m, &mut state, &mut Vec::new(), &mut found);
        }
    }
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn the_reader_sees_known_edges() {
    // Guards the reader itself: a parser that found nothing would pass every rule.
    let g = graph();
    assert!(g["checks::registry"].contains("checks::fluency::fluency"));
    assert!(g["report::row"].contains("engine"));
    assert!(g["run::session"].contains("report::sink"));
    assert!(!g["checks"].contains("checks::registry"));
}

/// Draws the top-level import graph (`cargo test --test it draw_import_graph -- --ignored
/// --nocapture`): each module, its layer, and the modules it imports.
#[test]
#[ignore]
fn draw_import_graph() {
    let mut tops: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let g = graph();
    for (from, tos) in &g {
        let entry = tops.entry(top(from)).or_default();
        entry.extend(tos.iter().map(|t| top(t)).filter(|t| *t != top(from)));
    }
    tops.remove("");
    let mut lines: Vec<(usize, String)> = tops
        .iter()
        .map(|(m, tos)| {
            let tos: Vec<&str> = tos.iter().copied().filter(|t| !t.is_empty()).collect();
            (rank(m), format!("{m} -> {}", tos.join(", ")))
        })
        .collect();
    lines.sort();
    for (r, l) in lines {
        println!("{r} {l}");
    }
}

#[test]
fn the_command_line_is_the_binarys() {
    // clap and anyhow belong to the edge: the library parses no arguments and returns its own
    // error type.
    let mut mods = BTreeMap::new();
    modules(&repo("src"), &[], &mut mods);
    let bad: Vec<&String> = mods
        .iter()
        .filter(|(_, src)| {
            let code = without_tests(src);
            code.contains("clap::") || code.contains("anyhow")
        })
        .map(|(m, _)| m)
        .collect();
    assert!(bad.is_empty(), "clap or anyhow in the library: {bad:?}");
}
