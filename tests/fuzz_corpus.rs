//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`, minimised by `make fuzz`) through
//! the same harness as the cargo-fuzz targets, so every interesting input the fuzzers found stays
//! a regression test without any fuzzer installed. An input that panics or breaks an invariant
//! fails this test with the file's name.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

#[test]
fn every_corpus_file_replays_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("corpus");
    let mut replayed = 0usize;
    let mut failures = Vec::new();
    for (target, run) in harness::TARGETS {
        let dir = root.join(target);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
        files.sort();
        assert!(!files.is_empty(), "{}: empty corpus", dir.display());
        for file in files {
            let data = std::fs::read(&file).unwrap();
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                failures.push(file.display().to_string());
            }
            replayed += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {replayed} corpus inputs failed:\n{}", failures.len(), failures.join("\n"));
    println!("replayed {replayed} corpus inputs");
}

/// A few hand-made inputs, so the harness itself is exercised even on an empty corpus.
#[test]
fn the_harness_accepts_any_bytes() {
    for (_, run) in harness::TARGETS {
        for data in [&b""[..], b"\0", b"\xff\xff\xff\xff", &[0x55; 300], b"11010519491231002X"] {
            run(data);
        }
    }
}
