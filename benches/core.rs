//! Native benchmark of the core: the physical limit the WebAssembly package is compared with.
//!
//! `cargo bench --bench core` (a plain `std::time::Instant` harness, no extra dependencies). Same
//! inputs as `bench/run.mjs`: the ID, mobile and people corpus of `bench/corpus.json`, the same
//! credentials, timestamp and nonce. Rounds alternate between the benchmarks (15 by default, each
//! ~100 ms per benchmark); the median, min and max ns/op over the rounds are printed and written
//! to `$CARGO_TARGET_DIR/bench-native.json` (default `target/bench-native.json`) for run.mjs,
//! which prints the cost of the WebAssembly boundary and the JS glue on top of these figures.
//!
//! Environment: `BENCH_ROUNDS` (default 15), `BENCH_ROUND_MS` (default 100).

// A benchmark, not library code: indexing a corpus and counting are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)]
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

use std::hint::black_box;
use std::time::Instant;

use aliyun_idv::date::parse_today;
use aliyun_idv::request::{build_id2_meta_verify_intl, BuildOptions, Id2MetaInput, LongTermAs};
use aliyun_idv::sign::{sign, Credentials, Method, RequestSpec, SignatureVersion, SigningParams};
use aliyun_idv::{check_id_number, check_mobile, check_name, parse_response, IdOptions};
use serde_json::Value;

// Shared with bench/run.mjs (COMMON there).
const ACCESS_KEY_ID: &str = "LTAI5tBenchmarkKey0001";
const ACCESS_KEY_SECRET: &str = "BenchmarkSecret0123456789abcdef";
const TIMESTAMP: &str = "2026-11-22T08:30:00Z";
const NONCE: &str = "3f1c9a2e-7b4d-4e8f-9a1b-c2d3e4f5a6b7";
const HOST: &str = "cloudauth-intl.cn-hongkong.aliyuncs.com";
const RESPONSE_BODY: &str = r#"{"RequestId":"130A2C10-B9EE-4D84-88E3-5384FF000001","Code":"Success","Message":"success","Result":{"BizCode":"1"}}"#;

struct Bench<'a> {
    name: &'static str,
    /// Runs one operation on input number `i` (the benchmark cycles through its corpus).
    run: Box<dyn FnMut(usize) -> usize + 'a>,
    iters: usize,
    samples: Vec<f64>,
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects benchmarks by substring. Without
    // `--bench` (`cargo test --all-targets` runs this file too) it is a smoke test: one call each.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let smoke = !args.iter().any(|a| a == "--bench");
    let filter: Option<String> = args.iter().find(|a| !a.starts_with('-')).cloned();
    let rounds = if smoke { 1 } else { env_num("BENCH_ROUNDS", 15) };
    let round_ms = env_num("BENCH_ROUND_MS", 100) as f64;

    let root = env!("CARGO_MANIFEST_DIR");
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(format!("{root}/bench/corpus.json")).expect("bench/corpus.json")).expect("corpus JSON");
    let strings = |key: &str, field: &str| -> Vec<String> {
        corpus[key].as_array().expect(key).iter().map(|c| c[field].as_str().expect(field).to_string()).collect()
    };
    let ids = strings("ids", "input");
    let mobiles = strings("mobiles", "input");
    let people: Vec<(String, String)> = corpus["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|p| (p["idNumber"].as_str().expect("id").to_string(), p["name"].as_str().expect("name").to_string()))
        .collect();
    let today = parse_today(corpus["today"].as_str().expect("today")).expect("today");
    let id_opts = IdOptions { today, allow_residence_permit: false };
    let credentials = Credentials { access_key_id: ACCESS_KEY_ID.into(), access_key_secret: ACCESS_KEY_SECRET.into(), security_token: None };
    let signing = |version| SigningParams { credentials: credentials.clone(), timestamp: aliyun_idv::Timestamp::parse(TIMESTAMP).expect("timestamp"), nonce: NONCE.into(), version };
    let build_opts = |signature_version| BuildOptions {
        credentials: credentials.clone(),
        timestamp: aliyun_idv::Timestamp::parse(TIMESTAMP).expect("timestamp"),
        nonce: NONCE.into(),
        signature_version,
        endpoint: None,
        long_term_as: LongTermAs::Chinese,
        today,
        allow_residence_permit: None,
        params_in: Default::default(),
    };
    // The signer's input as run.mjs gives signRequest: the checked values of the people corpus.
    let specs: Vec<RequestSpec> = people
        .iter()
        .map(|(id, name)| RequestSpec {
            method: Method::Post,
            host: HOST.into(),
            action: "Id2MetaVerifyIntl".into(),
            version: "2022-08-09".into(),
            form: vec![
                ("ProductCode".into(), "ID_2META".into()),
                ("ParamType".into(), "normal".into()),
                ("IdentifyNum".into(), id.clone()),
                ("UserName".into(), name.clone()),
            ],
            ..RequestSpec::default()
        })
        .collect();
    let inputs: Vec<Id2MetaInput> = people.iter().map(|(id, name)| Id2MetaInput { id_number: id.clone(), name: name.clone(), ..Default::default() }).collect();
    let (v1, v3) = (signing(SignatureVersion::V1), signing(SignatureVersion::V3));
    let (b1, b3) = (build_opts(SignatureVersion::V1), build_opts(SignatureVersion::V3));
    let headers = vec![("content-type".to_string(), "application/json;charset=utf-8".to_string())];
    let big_id = "1".repeat(1 << 20);
    let big_name = "张".repeat((1 << 20) / 3);

    let mut benches: Vec<Bench> = vec![
        Bench { name: "check_id_number", run: Box::new(|i| check_id_number(black_box(&ids[i % ids.len()]), &id_opts).map_or(0, |r| r.value.len())), iters: 0, samples: vec![] },
        Bench { name: "check_mobile", run: Box::new(|i| check_mobile(black_box(&mobiles[i % mobiles.len()])).map_or(0, |r| r.value.len())), iters: 0, samples: vec![] },
        Bench { name: "check_name", run: Box::new(|i| check_name(black_box(&people[i % people.len()].1)).map_or(0, |r| r.value.len())), iters: 0, samples: vec![] },
        Bench { name: "sign_v1", run: Box::new(|i| sign(black_box(&specs[i % specs.len()]), &v1).map_or(0, |r| r.url.len())), iters: 0, samples: vec![] },
        Bench { name: "sign_v3", run: Box::new(|i| sign(black_box(&specs[i % specs.len()]), &v3).map_or(0, |r| r.url.len())), iters: 0, samples: vec![] },
        Bench { name: "build_id2_meta_verify_intl_v3", run: Box::new(|i| build_id2_meta_verify_intl(black_box(&inputs[i % inputs.len()]), &b3).map_or(0, |r| r.url.len())), iters: 0, samples: vec![] },
        Bench { name: "build_id2_meta_verify_intl_v1", run: Box::new(|i| build_id2_meta_verify_intl(black_box(&inputs[i % inputs.len()]), &b1).map_or(0, |r| r.url.len())), iters: 0, samples: vec![] },
        Bench { name: "parse_response", run: Box::new(|_| parse_response(black_box("Id2MetaVerifyIntl"), 200, black_box(RESPONSE_BODY), &headers).description.len()), iters: 0, samples: vec![] },
        Bench { name: "check_id_number_1mb", run: Box::new(|_| check_id_number(black_box(&big_id), &id_opts).map_or(1, |r| r.value.len())), iters: 0, samples: vec![] },
        Bench { name: "check_name_1mb", run: Box::new(|_| check_name(black_box(&big_name)).map_or(1, |r| r.value.len())), iters: 0, samples: vec![] },
    ];
    if let Some(f) = &filter {
        benches.retain(|b| b.name.contains(f.as_str()));
    }

    // Calibrate: warm up ~round_ms, then size each round to ~round_ms.
    for b in benches.iter_mut().filter(|_| !smoke) {
        let start = Instant::now();
        let mut n = 0usize;
        let mut sink = 0usize;
        while start.elapsed().as_secs_f64() * 1e3 < round_ms {
            for _ in 0..16 {
                sink = sink.wrapping_add((b.run)(n));
                n += 1;
            }
        }
        black_box(sink);
        let per_op_ms = start.elapsed().as_secs_f64() * 1e3 / n as f64;
        b.iters = ((round_ms / per_op_ms) as usize).max(1);
    }
    // Rounds alternate between the benchmarks, starting one further each round.
    for round in 0..rounds {
        let count = benches.len();
        for k in 0..count {
            let b = &mut benches[(k + round) % count];
            let mut sink = 0usize;
            let start = Instant::now();
            for i in 0..b.iters.max(1) {
                sink = sink.wrapping_add((b.run)(i));
            }
            let ns = start.elapsed().as_nanos() as f64 / b.iters.max(1) as f64;
            black_box(sink);
            b.samples.push(ns);
        }
    }

    println!("native core, {rounds} alternating rounds of ~{round_ms} ms per benchmark (ns/op: median [min-max])");
    let mut json = serde_json::Map::new();
    for b in &mut benches {
        let mut s = b.samples.clone();
        let med = median(&mut s);
        let (min, max) = (s[0], s[s.len() - 1]);
        println!("  {:<32} {:>12.1} ns/op  [{:.1}-{:.1}]  {:>12.0} ops/s", b.name, med, min, max, 1e9 / med);
        json.insert(b.name.to_string(), serde_json::json!({ "nsPerOp": med, "min": min, "max": max, "rounds": rounds }));
    }
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| format!("{root}/target"));
    let out = std::path::Path::new(&target).join("bench-native.json");
    if smoke {
        println!("smoke run (no --bench): figures are meaningless; `cargo bench --bench core` measures");
    } else if filter.is_none() {
        let doc = serde_json::json!({ "roundMs": round_ms, "benchmarks": json });
        std::fs::write(&out, serde_json::to_string_pretty(&doc).expect("json") + "\n").expect("write bench-native.json");
        println!("wrote {}", out.display());
    }
}
