//! Accuracy as a test: the labelled benchmark corpus (`bench/corpus.json`, ~2,000 ID numbers and
//! ~2,000 mobiles, each labelled by `bench/corpus.mjs` from how it was built, never by running a
//! validator) gets the labelled verdict from our checks on **every** row, on the corpus's date.
//! The same corpus goes through the built package in `tests/corpus/` (`make test-corpus`).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

use aliyun_idv::{check_id_number, check_mobile, IdOptions};
use serde_json::Value;

fn corpus() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/corpus.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn rows<'a>(c: &'a Value, key: &str) -> Vec<(&'a str, &'a str, bool)> {
    c[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["category"].as_str().unwrap(), r["input"].as_str().unwrap(), r["valid"].as_bool().unwrap()))
        .collect()
}

#[test]
fn every_labelled_id_number_gets_its_label() {
    let c = corpus();
    let today = aliyun_idv::date::parse_today(c["today"].as_str().unwrap()).unwrap();
    let opts = IdOptions { today, allow_residence_permit: false };
    let ids = rows(&c, "ids");
    assert!(ids.len() >= 2000, "{} ID rows", ids.len());
    let wrong: Vec<String> = ids
        .iter()
        .filter(|(_, input, valid)| check_id_number(input, &opts).is_ok() != *valid)
        .map(|(cat, input, valid)| format!("{cat}: {input:?} labelled {}", if *valid { "valid" } else { "invalid" }))
        .collect();
    assert!(wrong.is_empty(), "{} of {} ID rows differ from their label:\n{}", wrong.len(), ids.len(), wrong.join("\n"));
    // Both verdicts are well represented, so "always valid" or "always invalid" cannot pass.
    assert!(ids.iter().filter(|r| r.2).count() >= 1000 && ids.iter().filter(|r| !r.2).count() >= 500);
}

#[test]
fn every_labelled_mobile_gets_its_label() {
    let c = corpus();
    let mobiles = rows(&c, "mobiles");
    assert!(mobiles.len() >= 2000, "{} mobile rows", mobiles.len());
    let wrong: Vec<String> = mobiles
        .iter()
        .filter(|(_, input, valid)| check_mobile(input).is_ok() != *valid)
        .map(|(cat, input, valid)| format!("{cat}: {input:?} labelled {}", if *valid { "valid" } else { "invalid" }))
        .collect();
    assert!(wrong.is_empty(), "{} of {} mobile rows differ from their label:\n{}", wrong.len(), mobiles.len(), wrong.join("\n"));
    assert!(mobiles.iter().filter(|r| r.2).count() >= 1000 && mobiles.iter().filter(|r| !r.2).count() >= 300);
}
