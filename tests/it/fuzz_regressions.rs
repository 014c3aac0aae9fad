//! The fuzz targets' kept inputs, replayed on stable: the seeds of each target and every
//! input that once crashed one (`fuzz/regressions/<target>/`, copied there by
//! `scripts/fuzz.sh`), through the same functions the libFuzzer targets call. A panic
//! fails the test; the seeds, valid tickets, must also decode.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/lib.rs"]
mod harness;

/// Every file under `fuzz/<dir>/<target>/`, with its bytes.
fn kept(dir: &str, target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(dir)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&root) else {
        return Vec::new();
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn fuzz_seeds_decode_and_kept_crashes_no_longer_panic() {
    for (target, run) in [
        ("ticket_avro", harness::ticket_avro as fn(&[u8]) -> bool),
        ("ticket_json", harness::ticket_json),
    ] {
        let seeds = kept("seeds", target);
        assert!(!seeds.is_empty(), "no seeds for {target}");
        for (path, bytes) in seeds {
            assert!(run(&bytes), "the seed {} is not a ticket", path.display());
        }
        for (_, bytes) in kept("regressions", target) {
            run(&bytes);
        }
    }
    let planner = [
        kept("seeds", "planner_text"),
        kept("regressions", "planner_text"),
    ]
    .concat();
    assert!(!planner.is_empty(), "no inputs for planner_text");
    for (_, bytes) in planner {
        harness::planner_text(&bytes);
    }
}

/// Found by `scripts/fuzz.sh` (ticket_avro, 2026-12-05): a 27-byte Avro ticket (schema v1)
/// whose headers map claims about 500 million entries made apache-avro reserve 10.8 GB for
/// them. The codec caps what apache-avro may reserve at the record size limit, so the
/// ticket is refused for it (and goes to the dead-letter topic) instead.
#[tokio::test]
async fn a_ticket_claiming_millions_of_entries_is_refused_not_allocated() {
    let input = kept("regressions", "ticket_avro")
        .into_iter()
        .find(|(p, _)| p.ends_with("oom-46bb0e3326d0ebb5de0cf4459378cd0f9f1b140d"))
        .map(|(_, bytes)| bytes)
        .expect("the kept input");
    // As the fuzz target frames it: the first byte picks schema id 1.
    let mut framed = vec![0u8, 0, 0, 0, 1];
    framed.extend_from_slice(&input[1..]);
    let codec = frontdesk::messages::Codec::new(
        std::sync::Arc::new(frontdesk::messages::LocalSchemas),
        Default::default(),
    );
    let error = codec
        .decode_ticket(&framed, Some(frontdesk::messages::Channel::Email))
        .await
        .expect_err("not a ticket");
    assert!(
        error.to_string().contains("Unable to allocate"),
        "refused for another reason: {error}"
    );
}
