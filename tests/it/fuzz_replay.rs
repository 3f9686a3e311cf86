//! The fuzz smoke every `cargo test` runs, on the stable toolchain and without cargo-fuzz: each
//! target of `fuzz/` (the same bodies, `fuzz/fuzz_targets/common/targets.rs`) on its committed
//! corpus and on a fixed number of deterministic mutations of it (bytes flipped, inserted,
//! deleted, ranges repeated, seeds spliced, tokens the readers treat specially dropped in). A
//! failure names the target and writes the input to `target/fuzz-replay/` for
//! `cargo fuzz run <target> <file>`. The libFuzzer campaign (docs/RELIABILITY.md) goes deeper;
//! this keeps what it found from coming back.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use crate::common::repo;

#[path = "../../fuzz/fuzz_targets/common/mod.rs"]
#[allow(clippy::all)]
mod fuzz_common;

/// Mutations per corpus file and target: about 28,000 runs in all, about 15 s in debug.
const MUTANTS: usize = 256;

/// Byte strings the readers, splitter and checks give a meaning to.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"/>",
    b"\"",
    b"'",
    b"\n",
    b"\r",
    b"\r\n",
    b"\t",
    b"\0",
    b"{",
    b"}",
    b"%s",
    b"%1$s",
    b"{{ x }}",
    b"&amp;",
    b"&#0;",
    b"]]>",
    b"<!--",
    b"msgid ",
    b"msgstr ",
    b"#, fuzzy\n",
    b"-->",
    b" --> ",
    b"00:00:01,000",
    b",",
    b";",
    b"=",
    b".",
    b"?",
    b"\xc3\xa9",
    b"\xe3\x80\x82",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xf0\x9f\x98\x80",
    b"1,000.5",
    b"Mr. ",
    b"\"\"",
];

/// xorshift64*: deterministic, so a failure reproduces on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(seed: &[u8], other: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut d = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(d.len() + 1);
        match rng.below(6) {
            0 if !d.is_empty() => {
                let i = at.min(d.len() - 1);
                d[i] ^= 1 << rng.below(8);
            }
            1 => d.insert(at, rng.next() as u8),
            2 if at < d.len() => {
                let end = (at + 1 + rng.below(16)).min(d.len());
                d.drain(at..end);
            }
            3 if at < d.len() => {
                let end = (at + 1 + rng.below(64)).min(d.len());
                let piece = d[at..end].repeat(1 + rng.below(8));
                d.splice(at..at, piece);
            }
            4 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + 1 + rng.below(128)).min(other.len());
                d.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())];
                d.splice(at..at, t.iter().copied());
            }
        }
    }
    d
}

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = repo("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn every_fuzz_target_survives_its_corpus_and_mutations() {
    let mut failures = Vec::new();
    let mut runs = 0;
    for (target, run) in fuzz_common::targets::ALL {
        let seeds = corpus(target);
        assert!(!seeds.is_empty(), "{target}: no corpus");
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ target.len() as u64);
        let mut inputs: Vec<Vec<u8>> = seeds.clone();
        for (i, seed) in seeds.iter().enumerate() {
            let other = &seeds[(i + 1) % seeds.len()];
            inputs.extend((0..MUTANTS).map(|_| mutate(seed, other, &mut rng)));
        }
        for input in inputs {
            runs += 1;
            if catch_unwind(AssertUnwindSafe(|| run(&input))).is_err() {
                let dir = repo("target/fuzz-replay");
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("{target}-{runs}"));
                std::fs::write(&path, &input).unwrap();
                failures.push(format!("{target}: {}", path.display()));
                break;
            }
        }
    }
    assert!(runs > 20_000, "{runs} runs");
    assert!(failures.is_empty(), "fuzz targets failed: {failures:#?}");
}
