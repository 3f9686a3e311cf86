use mtlint::checks::bilingual::word_matches;
use mtlint::models::{Encoder, Manifest, models_dir};
fn main() {
    let enc = Encoder::load(&Manifest::load(&models_dir(None)).unwrap()).unwrap();
    let args: Vec<String> = std::env::args().collect();
    let (t, s) = (&args[1], &args[2]);
    let e = enc.encode(&[t, s]).unwrap();
    println!("cos {:.3}", e[0].cosine(&e[1]));
    for ent in &e[0].entities { println!("ENT {} {}", &t[ent.start..ent.end], ent.label); }
    for w in word_matches(t, &e[0], &e[1]) {
        println!("T {:20} {:.3} -> {}", &t[w.span.start..w.span.end], w.best, &s[w.other.start..w.other.end]);
    }
    for w in word_matches(s, &e[1], &e[0]) {
        println!("S {:20} {:.3} -> {}", &s[w.span.start..w.span.end], w.best, &t[w.other.start..w.other.end]);
    }
}
