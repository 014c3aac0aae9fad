//! Scores probability mixtures of per-class score files written by
//! `finetune_probe --out DIR` (Banking77, same splits).
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example mix_probe -- \
//!     [--data-dir DIR] [--split val|test] --scores DIR \
//!     --mix 'base@0.1*0.5+val-l6-s1-e3-ft@1*0.25+val-l6-s2-e3-ft@1*0.25' [--mix ...]
//! ```
//! A mixture is `+`-joined terms `FILE@T*W`: the file `DIR/FILE.f32`
//! (rows × classes, little-endian f32, rows in the split's test order,
//! classes in sorted label order), turned into probabilities by a softmax
//! at temperature `T` and weighted by `W`. Prints one JSON line per
//! mixture with its accuracy and macro-F1.

mod probe;

type BoxError = Box<dyn std::error::Error>;

fn main() -> Result<(), BoxError> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut data_dir = format!("{root}/data/intents");
    let mut split = "val".to_string();
    let mut dir = std::path::PathBuf::from(".");
    let mut mixes = Vec::new();
    for (flag, v) in probe::flag_pairs()? {
        match flag.as_str() {
            "--data-dir" => data_dir = v,
            "--split" => split = v,
            "--scores" => dir = v.into(),
            "--mix" => mixes.push(v),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let (tr, te) = probe::banking77_split(&data_dir, &split)?;
    let (labels, _) = probe::label_index(&tr);
    let gold: Vec<&str> = te.iter().map(|e| e.intent.as_str()).collect();
    let n = labels.len();
    for spec in &mixes {
        let mut acc = vec![vec![0f32; n]; te.len()];
        for term in spec.split('+') {
            let (file, rest) = term.split_once('@').ok_or("term without @T")?;
            let (t, w) = rest.split_once('*').ok_or("term without *W")?;
            let (t, w): (f32, f32) = (t.parse()?, w.parse()?);
            let bytes = std::fs::read(dir.join(format!("{file}.f32")))?;
            if bytes.len() != te.len() * n * 4 {
                return Err(format!("{file}: not {} rows × {n} classes", te.len()).into());
            }
            for (a, s) in acc.iter_mut().zip(probe::from_bytes(&bytes, n)) {
                for (x, p) in a.iter_mut().zip(probe::softmax(&s, t)) {
                    *x += w * p;
                }
            }
        }
        let r = probe::score_argmax(&acc, &labels, &gold);
        println!(
            "{}",
            serde_json::json!({"split": split, "mix": spec, "accuracy": r.accuracy,
                "macro_f1": r.macro_f1})
        );
    }
    Ok(())
}
