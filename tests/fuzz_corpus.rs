//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`, minimised by `make fuzz`) through
//! the same harness as the cargo-fuzz targets, so every interesting input the fuzzers found stays
//! a regression test without any fuzzer installed. An input that panics or breaks one of the
//! harness's invariants (exact masks, md5 against an independent implementation, idempotent
//! checks, the secret only in the signature, ...) fails this test with the file's name; and the
//! corpus must keep reaching every outcome listed below, so a bug that makes an error code
//! unreachable (or every input an error) fails it too.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

#[path = "../fuzz/harness.rs"]
mod harness;

use std::collections::BTreeSet;
use std::path::Path;

use aliyun_idv::{ErrorCode, SignError};

/// Every outcome the corpus must reach: each check's success, every error code of the checks
/// and of the signer, and each verdict and error kind of the parser.
fn must_reach() -> BTreeSet<String> {
    let mut want: BTreeSet<String> = ["id:ok", "name:ok", "mobile:ok", "period:ok", "sign:ok", "build:ok"].map(String::from).into();
    for kind in ["match", "mismatch", "not_found", "error", "throttled", "auth", "invalid_request", "server", "business", "malformed_response"] {
        want.insert(format!("parse:{kind}"));
    }
    // The codes of the four checks (the options' codes are the builders' business, and
    // INVALID_ARGUMENT / TODAY_INVALID belong to the JS boundary).
    let check_prefixes = ["ID_", "NAME_", "MOBILE_", "PERIOD_"];
    want.extend(ErrorCode::ALL.iter().map(|c| c.as_str()).filter(|c| check_prefixes.iter().any(|p| c.starts_with(p))).map(String::from));
    want.extend(SignError::ALL.iter().map(|e| e.as_str().to_string()));
    want
}

#[test]
fn every_corpus_file_replays_and_keeps_its_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("corpus");
    let mut replayed = 0usize;
    let mut failures = Vec::new();
    harness::take_reached();
    for (target, run) in harness::TARGETS {
        let dir = root.join(target);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
        files.sort();
        assert!(files.len() >= 100, "{}: {} files, the minimised corpus has hundreds", dir.display(), files.len());
        for file in files {
            let data = std::fs::read(&file).unwrap();
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                failures.push(file.display().to_string());
            }
            replayed += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {replayed} corpus inputs failed:\n{}", failures.len(), failures.join("\n"));
    let reached = harness::take_reached();
    let missing: Vec<String> = must_reach().into_iter().filter(|o| !reached.contains(o)).collect();
    assert!(missing.is_empty(), "the corpus no longer reaches {missing:?} (reached: {reached:?})");
    println!("replayed {replayed} corpus inputs, {} outcomes reached", reached.len());
}

/// The harness's reference MD5 (written from RFC 1321, independent of the `md-5` crate) gives the
/// RFC's own test-suite values, so comparing the library with it means something.
#[test]
fn the_reference_md5_gives_the_rfc_1321_test_suite() {
    let suite = [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
        // UTF-8 bytes of 张三 (node:crypto).
        ("张三", "615db57aa314529aaa0fbe95b3e95bd3"),
    ];
    for (input, want) in suite {
        assert_eq!(harness::reference_md5_hex(input.as_bytes()), want, "{input:?}");
        assert_eq!(aliyun_idv::md5_hex(input), want, "{input:?}");
    }
}

/// Hand-made inputs through every target: the harness accepts any bytes, and these few already
/// reach an error of each check, of the signer and of the parser.
#[test]
fn the_harness_accepts_any_bytes() {
    harness::take_reached();
    for (_, run) in harness::TARGETS {
        for data in [&b""[..], b"\0", b"\xff\xff\xff\xff", &[0x55; 300], b"11010519491231002X"] {
            run(data);
        }
    }
    let reached = harness::take_reached();
    for prefix in ["ID_", "NAME_", "MOBILE_", "PERIOD_", "SIGN_", "parse:"] {
        assert!(reached.iter().any(|o| o.starts_with(prefix)), "nothing reached starts with {prefix}: {reached:?}");
    }
}
