//! `frontdesk router train` and `router eval` as a user runs them: a CSV in, a model
//! directory out, one JSON object with the fields the README promises.

use std::process::Command;

/// Rows of five CLINC150 intents and the out-of-scope rows of the shipped validation file.
fn small_csv(dir: &std::path::Path) -> std::path::PathBuf {
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/data/intents/clinc150_val.csv");
    let rows = frontdesk_intent::load_labelled_csv(src).unwrap();
    let mut keep: Vec<&str> = Vec::new();
    let mut out = String::from("text,intent\n");
    for r in &rows {
        let intent = r.intent.as_str();
        if intent != "oos" && !keep.contains(&intent) && keep.len() < 5 {
            keep.push(intent);
        }
        if intent == "oos" || keep.contains(&intent) {
            out.push_str(&format!("\"{}\",{intent}\n", r.text.replace('"', "\"\"")));
        }
    }
    let path = dir.join("small.csv");
    std::fs::write(&path, out).unwrap();
    path
}

fn frontdesk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn router_train_then_eval_prints_the_promised_json() {
    let dir = tempfile::tempdir().unwrap();
    let csv = small_csv(dir.path());
    let model = dir.path().join("model");
    let (csv_s, model_s) = (csv.to_str().unwrap(), model.to_str().unwrap());
    let out = frontdesk(&[
        "router",
        "train",
        "--data",
        csv_s,
        "--out",
        model_s,
        "--embeddings",
        "off",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(model.join("model.json").is_file());
    assert!(!model.join("tuned.safetensors").exists());

    let out = frontdesk(&[
        "router", "eval", "--model", model_s, "--data", csv_s, "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "accuracy",
        "macro_f1",
        "classifications_per_sec",
        "in_scope_accuracy",
        "oos_recall",
    ] {
        let v = report[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{key} in {report}"));
        assert!(v > 0.0, "{key} = {v}");
    }
    // Scored on its own training rows, the model knows them.
    assert!(report["accuracy"].as_f64().unwrap() > 0.9, "{report}");
    assert_eq!(
        report["per_intent"].as_object().unwrap().len(),
        6,
        "{report}"
    );
    assert!(report["per_intent"]["oos"]["support"].as_u64().unwrap() > 0);
}

#[test]
fn router_train_refuses_more_tuned_layers_than_the_network_has() {
    let dir = tempfile::tempdir().unwrap();
    let csv = small_csv(dir.path());
    let out = frontdesk(&[
        "router",
        "train",
        "--data",
        csv.to_str().unwrap(),
        "--out",
        dir.path().join("m").to_str().unwrap(),
        "--fine-tune-layers",
        "7",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--fine-tune-layers takes 0 to 6"), "{err}");
}
