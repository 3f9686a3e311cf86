//! Sentence alignment of a translation with an unaligned source article: a monotonic dynamic
//! programme over sentence embeddings (1-1, 1-2, 2-1, 1-3 and 3-1 links, skipped sentences on
//! either side), in the spirit of Vecalign and Bertalign. Pure: embeddings come in, links come
//! out; the engine does the encoding.

use std::collections::HashMap;

use crate::document::{Document, Link, SentenceRef};
use crate::segment::{is_cjk_closer, is_cjk_stop};

/// Embeddings of one side: each sentence, and each run of two and three adjacent sentences read
/// as one text (`pairs[i]` is sentences `i` and `i + 1`, `triples[i]` sentences `i` to `i + 2`),
/// all L2-normalised.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub sentences: &'a [Vec<f32>],
    pub pairs: &'a [Vec<f32>],
    /// Empty to leave out 1-3 and 3-1 links.
    pub triples: &'a [Vec<f32>],
    /// Length of each sentence in characters; empty to align on embeddings alone.
    pub lengths: &'a [usize],
}

/// The aligner's two knobs.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// What leaving one sentence unlinked is worth; a link is worth its margin per sentence it
    /// covers, so two sentences are linked only when their margin beats this. multilingual-e5
    /// puts true translations at cosines of 0.85-0.95 and unrelated news sentences at 0.70-0.80,
    /// margins of about +0.08 and 0.
    pub skip: f32,
    /// What a 1-2 or 2-1 link pays on top: it wins over the 1-1 link inside it plus a skip only
    /// when `3 × its margin − merge` beats `2 × the 1-1 margin + skip`. Joining an unrelated
    /// sentence to a good pair barely lowers the cosine, so merges must pay for their gain.
    pub merge: f32,
    /// Weight of the length term (Gale and Church): a link pays this times |ln(target length /
    /// expected length)|, the expected length being the source's times the two articles' length
    /// ratio. It tells a true 2-1 merge from a 1-1 link plus a skipped neighbour.
    pub length: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            skip: 0.02,
            merge: 0.02,
            length: 0.1,
        }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Move {
    Start,
    SkipSource,
    SkipTarget,
    OneOne,
    OneTwo,
    TwoOne,
    OneThree,
    ThreeOne,
}

/// Aligns `source` with `target` with the default parameters.
pub fn align(source: Side, target: Side) -> Vec<Link> {
    align_with(source, target, Params::default())
}

/// Mean cosine of `x` with every vector of `others` (0 when there are none).
fn mean_cos(x: &[f32], others: &[Vec<f32>]) -> f32 {
    if others.is_empty() {
        return 0.0;
    }
    others.iter().map(|o| dot(x, o)).sum::<f32>() / others.len() as f32
}

/// The best-scoring monotonic alignment; every sentence of both sides is in exactly one link.
///
/// Links are scored by margin, not raw cosine: a link's cosine minus the mean of what each of its
/// two texts scores against the whole other side. Multilingual-e5 puts every pair of news
/// sentences above 0.7 and some sentences (headlines, sentences full of names) close to
/// everything; the margin removes both effects, as the margin criterion of Artetxe and Schwenk
/// (2019) and Vecalign's normalisation do.
pub fn align_with(source: Side, target: Side, p: Params) -> Vec<Link> {
    let scores = Scores::new(source, target, p);
    let table = fill(&scores);
    trace_back(&scores, &table)
}

/// What every candidate link is scored from: the cosine of each sentence pair, each text's mean
/// cosine against the whole other side, and the length model.
struct Scores<'a> {
    source: Side<'a>,
    target: Side<'a>,
    p: Params,
    sim: Vec<Vec<f32>>,
    /// Mean cosines against the other side's sentences: of each source sentence, target
    /// sentence, source pair, target pair, source triple and target triple.
    mean_s: Vec<f32>,
    mean_t: Vec<f32>,
    mean_sp: Vec<f32>,
    mean_tp: Vec<f32>,
    mean_s3: Vec<f32>,
    mean_t3: Vec<f32>,
    use_lengths: bool,
    /// The two articles' length ratio (target over source); 1 without lengths.
    ratio: f32,
}

impl<'a> Scores<'a> {
    fn new(source: Side<'a>, target: Side<'a>, p: Params) -> Self {
        let (n, m) = (source.sentences.len(), target.sentences.len());
        let sim: Vec<Vec<f32>> = source
            .sentences
            .iter()
            .map(|s| target.sentences.iter().map(|t| dot(s, t)).collect())
            .collect();
        let against = |texts: &[Vec<f32>], other: &[Vec<f32>]| -> Vec<f32> {
            texts.iter().map(|x| mean_cos(x, other)).collect()
        };
        let use_lengths = p.length > 0.0
            && source.lengths.len() == n
            && target.lengths.len() == m
            && n > 0
            && m > 0;
        let ratio = if use_lengths {
            target.lengths.iter().sum::<usize>().max(1) as f32
                / source.lengths.iter().sum::<usize>().max(1) as f32
        } else {
            1.0
        };
        Scores {
            source,
            target,
            p,
            sim,
            mean_s: against(source.sentences, target.sentences),
            mean_t: against(target.sentences, source.sentences),
            mean_sp: against(source.pairs, target.sentences),
            mean_tp: against(target.pairs, source.sentences),
            mean_s3: against(source.triples, target.sentences),
            mean_t3: against(target.triples, source.sentences),
            use_lengths,
            ratio,
        }
    }

    /// The margin of source sentence `i` with target sentence `j`.
    fn margin(&self, i: usize, j: usize) -> f32 {
        self.sim[i][j] - (self.mean_s[i] + self.mean_t[j]) / 2.0
    }

    /// Length term of source sentences i0..i1 and target sentences j0..j1 (exclusive ends).
    fn length_cost(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        if !self.use_lengths {
            return 0.0;
        }
        let sl: usize = self.source.lengths[i0..i1].iter().sum();
        let tl: usize = self.target.lengths[j0..j1].iter().sum();
        self.p.length
            * ((tl as f32 + 1.0) / (self.ratio * sl as f32 + 1.0))
                .ln()
                .abs()
    }
}

/// The dynamic programme over cells (i, j), the first i source and j target sentences aligned:
/// per cell, the move that reached it with the best score, and that move's link cosine and
/// margin.
struct Table {
    width: usize,
    back: Vec<Move>,
    link_cos: Vec<(f32, f32)>,
}

fn fill(sc: &Scores) -> Table {
    let (source, target, p) = (sc.source, sc.target, sc.p);
    let (n, m) = (source.sentences.len(), target.sentences.len());
    let (sim, mean_s, mean_t) = (&sc.sim, &sc.mean_s, &sc.mean_t);
    let (mean_sp, mean_tp, mean_s3, mean_t3) = (&sc.mean_sp, &sc.mean_tp, &sc.mean_s3, &sc.mean_t3);
    let width = m + 1;
    let mut score = vec![f32::NEG_INFINITY; (n + 1) * width];
    let mut back = vec![Move::Start; (n + 1) * width];
    let mut link_cos = vec![(0.0f32, 0.0f32); (n + 1) * width];
    score[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            // Candidates in order of preference: on ties the simpler move wins.
            let mut best = (f32::NEG_INFINITY, Move::Start, (0.0f32, 0.0f32));
            let mut consider = |s: f32, mv: Move, c: (f32, f32)| {
                if s > best.0 {
                    best = (s, mv, c);
                }
            };
            if i >= 1 && j >= 1 {
                let (c, g) = (sim[i - 1][j - 1], sc.margin(i - 1, j - 1));
                consider(
                    score[(i - 1) * width + j - 1] + 2.0 * g,
                    Move::OneOne,
                    (c, g),
                );
            }
            if i >= 1 {
                consider(
                    score[(i - 1) * width + j] + p.skip,
                    Move::SkipSource,
                    (0.0, 0.0),
                );
            }
            if j >= 1 {
                consider(
                    score[i * width + j - 1] + p.skip,
                    Move::SkipTarget,
                    (0.0, 0.0),
                );
            }
            if i >= 1 && j >= 2 {
                let c = dot(&source.sentences[i - 1], &target.pairs[j - 2]);
                let g = c - (mean_s[i - 1] + mean_tp[j - 2]) / 2.0;
                let s = score[(i - 1) * width + j - 2] + 3.0 * g
                    - p.merge
                    - sc.length_cost(i - 1, i, j - 2, j);
                consider(s, Move::OneTwo, (c, g));
            }
            if i >= 2 && j >= 1 {
                let c = dot(&source.pairs[i - 2], &target.sentences[j - 1]);
                let g = c - (mean_sp[i - 2] + mean_t[j - 1]) / 2.0;
                let s = score[(i - 2) * width + j - 1] + 3.0 * g
                    - p.merge
                    - sc.length_cost(i - 2, i, j - 1, j);
                consider(s, Move::TwoOne, (c, g));
            }
            // Three sentences to one pay the merge price twice.
            if i >= 1 && j >= 3 && j - 3 < target.triples.len() {
                let c = dot(&source.sentences[i - 1], &target.triples[j - 3]);
                let g = c - (mean_s[i - 1] + mean_t3[j - 3]) / 2.0;
                let s = score[(i - 1) * width + j - 3] + 4.0 * g
                    - 2.0 * p.merge
                    - sc.length_cost(i - 1, i, j - 3, j);
                consider(s, Move::OneThree, (c, g));
            }
            if i >= 3 && j >= 1 && i - 3 < source.triples.len() {
                let c = dot(&source.triples[i - 3], &target.sentences[j - 1]);
                let g = c - (mean_s3[i - 3] + mean_t[j - 1]) / 2.0;
                let s = score[(i - 3) * width + j - 1] + 4.0 * g
                    - 2.0 * p.merge
                    - sc.length_cost(i - 3, i, j - 1, j);
                consider(s, Move::ThreeOne, (c, g));
            }
            let k = i * width + j;
            (score[k], back[k], link_cos[k]) = best;
        }
    }
    Table {
        width,
        back,
        link_cos,
    }
}

/// The links of the best path, in reading order; a skipped sentence's link names the other
/// side's sentence it resembles most.
fn trace_back(sc: &Scores, table: &Table) -> Vec<Link> {
    let (n, m) = (sc.source.sentences.len(), sc.target.sentences.len());
    let (width, back, link_cos) = (table.width, &table.back, &table.link_cos);
    // The other side's sentence a skipped one resembles most, by margin.
    let nearest = |cells: &mut dyn Iterator<Item = (usize, usize, usize)>| {
        cells.fold((None, 0.0f32, f32::NEG_INFINITY), |best, (k, i, j)| {
            let g = sc.margin(i, j);
            if g > best.2 {
                (Some(k), sc.sim[i][j], g)
            } else {
                best
            }
        })
    };
    let mut links = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = i * width + j;
        let (cosine, margin) = link_cos[k];
        let link = |s: Vec<usize>, t: Vec<usize>| Link {
            source: s,
            target: t,
            cosine,
            margin,
            nearest: None,
        };
        match back[k] {
            Move::OneOne => {
                links.push(link(vec![i - 1], vec![j - 1]));
                (i, j) = (i - 1, j - 1);
            }
            Move::OneTwo => {
                links.push(link(vec![i - 1], vec![j - 2, j - 1]));
                (i, j) = (i - 1, j - 2);
            }
            Move::TwoOne => {
                links.push(link(vec![i - 2, i - 1], vec![j - 1]));
                (i, j) = (i - 2, j - 1);
            }
            Move::OneThree => {
                links.push(link(vec![i - 1], vec![j - 3, j - 2, j - 1]));
                (i, j) = (i - 1, j - 3);
            }
            Move::ThreeOne => {
                links.push(link(vec![i - 3, i - 2, i - 1], vec![j - 1]));
                (i, j) = (i - 3, j - 1);
            }
            Move::SkipSource => {
                let (nearest, cosine, margin) = nearest(&mut (0..m).map(|t| (t, i - 1, t)));
                links.push(Link {
                    source: vec![i - 1],
                    target: Vec::new(),
                    cosine,
                    margin: margin.max(-1.0),
                    nearest,
                });
                i -= 1;
            }
            Move::SkipTarget => {
                let (nearest, cosine, margin) = nearest(&mut (0..n).map(|s| (s, s, j - 1)));
                links.push(Link {
                    source: Vec::new(),
                    target: vec![j - 1],
                    cosine,
                    margin: margin.max(-1.0),
                    nearest,
                });
                j -= 1;
            }
            // Unreachable for (i, j) ≠ (0, 0): every other cell has a finite predecessor.
            Move::Start => break,
        }
    }
    links.reverse();
    links
}

/// Two sentences read as one text: joined by a space, except after Chinese or Japanese text.
pub fn join(a: &str, b: &str) -> String {
    let cjk = a.chars().last().is_some_and(|c| {
        is_cjk_stop(c)
            || is_cjk_closer(c) && !c.is_ascii()
            || matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF)
    });
    if cjk {
        format!("{a}{b}")
    } else {
        format!("{a} {b}")
    }
}

/// The texts to encode for one side: each sentence, adjacent pair and triple, with `prefix`.
fn side_texts(sentences: &[&str], prefix: &str) -> [Vec<String>; 3] {
    let single = sentences.iter().map(|s| format!("{prefix}{s}")).collect();
    let pairs = sentences
        .windows(2)
        .map(|w| format!("{prefix}{}", join(w[0], w[1])))
        .collect();
    let triples = sentences
        .windows(3)
        .map(|w| format!("{prefix}{}", join(&join(w[0], w[1]), w[2])))
        .collect();
    [single, pairs, triples]
}

fn target_sentences(doc: &Document) -> Vec<&str> {
    doc.sentences().map(|(_, t)| t).collect()
}

/// Every text the aligner needs encoded for `doc` (none without a source article).
pub fn requests(doc: &Document, prefix: &str, out: &mut Vec<String>) {
    let Some(article) = &doc.source_article else {
        return;
    };
    let src: Vec<&str> = article.sentences.iter().map(|(_, s)| s.as_str()).collect();
    for side in [src, target_sentences(doc)] {
        out.extend(side_texts(&side, prefix).into_iter().flatten());
    }
}

/// Aligns `doc` with its source article from the encoded `requests`, stores the links, and gives
/// each target segment the source sentences linked to its sentences as its `source`, so that
/// every bilingual check can read it. Does nothing without a source article.
pub fn apply(doc: &mut Document, prefix: &str, embeddings: &HashMap<String, Vec<f32>>) {
    let Some(article) = &doc.source_article else {
        return;
    };
    let lookup = |texts: Vec<String>| -> Vec<Vec<f32>> {
        texts
            .iter()
            .map(|t| embeddings.get(t).cloned().unwrap_or_default())
            .collect()
    };
    let src: Vec<&str> = article.sentences.iter().map(|(_, s)| s.as_str()).collect();
    let [s1, s2, s3] = side_texts(&src, prefix).map(lookup);
    let [t1, t2, t3] = side_texts(&target_sentences(doc), prefix).map(lookup);
    let chars =
        |texts: &[&str]| -> Vec<usize> { texts.iter().map(|t| t.chars().count()).collect() };
    let (sl, tl) = (chars(&src), chars(&target_sentences(doc)));
    let links = align(
        Side {
            sentences: &s1,
            pairs: &s2,
            triples: &s3,
            lengths: &sl,
        },
        Side {
            sentences: &t1,
            pairs: &t2,
            triples: &t3,
            lengths: &tl,
        },
    );
    let refs: Vec<SentenceRef> = doc.sentences().map(|(at, _)| at).collect();
    let mut per_segment: Vec<Vec<usize>> = vec![Vec::new(); doc.segments.len()];
    for l in &links {
        for &t in &l.target {
            if let Some(at) = refs.get(t) {
                per_segment[at.segment].extend(l.source.iter().copied());
            }
        }
    }
    for (seg, mut src_idx) in doc.segments.iter_mut().zip(per_segment) {
        src_idx.sort_unstable();
        src_idx.dedup();
        let text: Vec<&str> = src_idx
            .iter()
            .filter_map(|&i| src.get(i).copied())
            .collect();
        seg.source = (!text.is_empty()).then(|| text.join(" "));
    }
    if let Some(article) = &mut doc.source_article {
        article.links = links;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit vector mixing basis directions: `mix(&[(0, 1.0)])` is e0.
    fn mix(parts: &[(usize, f32)]) -> Vec<f32> {
        let mut v = [0.0f32; 16];
        for &(d, w) in parts {
            v[d] += w;
        }
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    /// Sentences that are mostly topic `d` with a shared "news" component, as real embeddings
    /// share one (unrelated sentences still have cosines around 0.75).
    fn sent(d: usize) -> Vec<f32> {
        mix(&[(15, 1.6), (d, 1.0)])
    }

    fn pairs(s: &[Vec<f32>]) -> Vec<Vec<f32>> {
        s.windows(2)
            .map(|w| {
                let v: Vec<f32> = w[0].iter().zip(&w[1]).map(|(a, b)| a + b).collect();
                let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                v.iter().map(|x| x / n).collect()
            })
            .collect()
    }

    fn run(src: Vec<Vec<f32>>, tgt: Vec<Vec<f32>>) -> Vec<(Vec<usize>, Vec<usize>)> {
        let (sp, tp) = (pairs(&src), pairs(&tgt));
        align(
            Side {
                sentences: &src,
                pairs: &sp,
                triples: &[],
                lengths: &[],
            },
            Side {
                sentences: &tgt,
                pairs: &tp,
                triples: &[],
                lengths: &[],
            },
        )
        .into_iter()
        .map(|l| (l.source, l.target))
        .collect()
    }

    #[test]
    fn one_to_one_chain() {
        let s: Vec<_> = (0..5).map(sent).collect();
        let links = run(s.clone(), s);
        assert_eq!(
            links,
            (0..5).map(|i| (vec![i], vec![i])).collect::<Vec<_>>()
        );
    }

    #[test]
    fn merges_both_ways() {
        // Source 1 is translated as two sentences; source 3 and 4 as one.
        let src: Vec<_> = (0..5).map(sent).collect();
        let tgt = vec![
            sent(0),
            mix(&[(15, 1.6), (1, 0.7), (6, 0.7)]),
            mix(&[(15, 1.6), (1, 0.7), (7, 0.7)]),
            sent(2),
            mix(&[(15, 1.6), (3, 0.7), (4, 0.7)]),
        ];
        let links = run(src, tgt);
        assert_eq!(
            links,
            vec![
                (vec![0], vec![0]),
                (vec![1], vec![1, 2]),
                (vec![2], vec![3]),
                (vec![3, 4], vec![4]),
            ]
        );
    }

    /// Normalised sums of every `k` adjacent vectors.
    fn runs(s: &[Vec<f32>], k: usize) -> Vec<Vec<f32>> {
        s.windows(k)
            .map(|w| {
                let v: Vec<f32> = (0..w[0].len())
                    .map(|d| w.iter().map(|x| x[d]).sum())
                    .collect();
                let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                v.iter().map(|x| x / n).collect()
            })
            .collect()
    }

    #[test]
    fn one_to_three_split() {
        let src: Vec<_> = (0..3).map(sent).collect();
        let piece = |extra| mix(&[(15, 1.6), (1, 0.6), (extra, 0.6)]);
        let tgt = vec![sent(0), piece(6), piece(7), piece(8), sent(2)];
        let (sp, s3, tp, t3) = (runs(&src, 2), runs(&src, 3), runs(&tgt, 2), runs(&tgt, 3));
        let side = |sentences, pairs, triples| Side {
            sentences,
            pairs,
            triples,
            lengths: &[],
        };
        let links: Vec<_> = align(side(&src, &sp, &s3), side(&tgt, &tp, &t3))
            .into_iter()
            .map(|l| (l.source, l.target))
            .collect();
        assert_eq!(
            links,
            vec![
                (vec![0], vec![0]),
                (vec![1], vec![1, 2, 3]),
                (vec![2], vec![4])
            ]
        );
    }

    #[test]
    fn omission_and_addition() {
        let src: Vec<_> = [0, 1, 2, 3, 4].map(sent).to_vec();
        let tgt: Vec<_> = [0, 2, 3, 9, 4].map(sent).to_vec();
        let (sp, tp) = (pairs(&src), pairs(&tgt));
        let links = align(
            Side {
                sentences: &src,
                pairs: &sp,
                triples: &[],
                lengths: &[],
            },
            Side {
                sentences: &tgt,
                pairs: &tp,
                triples: &[],
                lengths: &[],
            },
        );
        let shape: Vec<_> = links
            .iter()
            .map(|l| (l.source.clone(), l.target.clone()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (vec![0], vec![0]),
                (vec![1], vec![]),
                (vec![2], vec![1]),
                (vec![3], vec![2]),
                (vec![], vec![3]),
                (vec![4], vec![4]),
            ]
        );
        let added = &links[4];
        assert!(added.margin < Params::default().skip && added.nearest.is_some());
    }

    #[test]
    fn empty_sides() {
        let s: Vec<_> = (0..2).map(sent).collect();
        assert_eq!(run(s.clone(), vec![]).len(), 2);
        assert_eq!(run(vec![], s).len(), 2);
        assert!(run(vec![], vec![]).is_empty());
    }

    #[test]
    fn joins_without_space_after_cjk() {
        assert_eq!(join("他问。", "好。"), "他问。好。");
        assert_eq!(join("One.", "Two."), "One. Two.");
    }
}
