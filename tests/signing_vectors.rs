//! Reproduces every signing case of `tests/data/signing/` (one folder per case, written from
//! `tests/data/signing.json` by `scripts/split-vectors.mjs`; computed by the official Alibaba
//! Cloud SDKs) with both signature versions. One test per case, version and stage, named
//! `<case>::<version>::<stage>` (e.g. `intl-id2-17-sts::v3::canonical_request`), so a failure says
//! which string of which case differs. `harness = false`: the tests are generated at run time by
//! libtest-mimic from the folders, so a new folder is a new set of tests without editing this file.
//!
//! Layout of a case folder: `request.json` (the request description: action, host, method,
//! credentials, timestamp, nonce, params, where the SDK put them), then `v3/` and `v1/` with one
//! file per intermediate string (`canonical_request.txt`, `string_to_sign.txt`, `signature.txt`,
//! ...) or structure (`request.json`, `signed_params.json`, ...). `v3/sdk_emitted.json` (what the
//! Python SDK itself sent, signing more headers) is informational and not compared.

// Test code: helpers may panic, read files and print.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)]
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use aliyun_idv::sign::{sign, sign_with_debug, Credentials, Method, RequestSpec, SignatureVersion, SignedRequest, SigningDebug, SigningParams, Timestamp};
    use libtest_mimic::{Arguments, Failed, Trial};
    use serde_json::Value;

    /// The stages compared for each version; every file of a version folder must be one of these
    /// (or `sdk_emitted.json`), so a new kind of file is noticed instead of silently skipped.
    const V3_STAGES: &[&str] =
        &["canonical_request", "string_to_sign", "signature", "authorization", "hashed_payload", "signed_headers", "request"];
    const V1_STAGES: &[&str] = &["canonical_query_string", "string_to_sign", "signature", "signed_params", "sdk_request"];
    const INFORMATIONAL: &[&str] = &["sdk_emitted"];

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("data").join("signing")
    }

    /// One case folder, read once.
    struct Case {
        id: String,
        dir: PathBuf,
        request: Value,
    }

    impl Case {
        fn load(dir: PathBuf) -> Case {
            let text = std::fs::read_to_string(dir.join("request.json")).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            let request: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            let id = dir.file_name().unwrap().to_string_lossy().into_owned();
            assert_eq!(request["id"].as_str(), Some(id.as_str()), "{}: the folder is named after the case id", dir.display());
            Case { id, dir, request }
        }

        /// A stage file's text (`.txt`, byte for byte) or JSON (`.json`).
        fn text(&self, version: &str, stage: &str) -> Result<String, Failed> {
            let p = self.dir.join(version).join(format!("{stage}.txt"));
            std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()).into())
        }

        fn json(&self, version: &str, stage: &str) -> Result<Value, Failed> {
            let p = self.dir.join(version).join(format!("{stage}.json"));
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()).into())
        }

        fn s(&self, key: &str) -> String {
            self.request[key].as_str().unwrap_or_else(|| panic!("{}: request.json has no string {key}", self.id)).to_string()
        }

        fn spec_and_params(&self, version: SignatureVersion) -> (RequestSpec, SigningParams) {
            let params = pairs(&self.request["params"]);
            let in_body = match self.request["sdk_param_location"].as_str() {
                Some("query") => false,
                Some("form body") => true,
                other => panic!("{}: unknown sdk_param_location {other:?}", self.id),
            };
            let method = match self.request["method"].as_str() {
                Some("POST") => Method::Post,
                Some("GET") => Method::Get,
                other => panic!("{}: unknown method {other:?}", self.id),
            };
            let (query, form) = if in_body { (vec![], params) } else { (params, vec![]) };
            let req = RequestSpec {
                method,
                host: self.s("host"),
                action: self.s("action"),
                version: self.s("version"),
                query,
                form,
                ..RequestSpec::default()
            };
            let c = &self.request["credentials"];
            let sp = SigningParams {
                credentials: Credentials {
                    access_key_id: c["access_key_id"].as_str().unwrap().to_string(),
                    access_key_secret: c["access_key_secret"].as_str().unwrap().to_string(),
                    security_token: c["security_token"].as_str().map(String::from),
                },
                timestamp: Timestamp::parse(&self.s("timestamp")).map_err(|e| e.to_string()).unwrap(),
                nonce: self.s("nonce"),
                version,
            };
            (req, sp)
        }

        /// The signed request and the intermediate strings (the debug value `sign_with_debug` returns).
        fn signed(&self, version: SignatureVersion) -> Result<(SignedRequest, SigningDebug), Failed> {
            let (req, params) = self.spec_and_params(version);
            sign_with_debug(&req, &params).map_err(|e| format!("sign failed: {e}").into())
        }
    }

    /// The string-valued members of an object; `null` members (optional parameters left out) are
    /// not sent and not signed.
    fn pairs(v: &Value) -> Vec<(String, String)> {
        v.as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_else(|| panic!("{k} is not a string")).to_string()))
            .collect()
    }

    /// Decodes an `application/x-www-form-urlencoded` string (`+` is a space, as Python's urlencode
    /// writes it) into a map; a duplicated name is an error.
    fn decode_form(q: &str) -> Result<BTreeMap<String, String>, Failed> {
        let mut m = BTreeMap::new();
        for part in q.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let dec = |x: &str| percent_encoding::percent_decode_str(&x.replace('+', " ")).decode_utf8().map(|s| s.into_owned());
            let (k, v) = (dec(k).map_err(|e| e.to_string())?, dec(v).map_err(|e| e.to_string())?);
            if m.insert(k.clone(), v).is_some() {
                return Err(format!("duplicate parameter {k}").into());
            }
        }
        Ok(m)
    }

    fn query_of(url: &str) -> &str {
        url.split_once('?').map_or("", |(_, q)| q)
    }

    fn string_map(v: &Value) -> BTreeMap<String, String> {
        pairs(v).into_iter().collect()
    }

    fn eq<T: PartialEq + std::fmt::Debug>(what: &str, ours: T, expected: T) -> Result<(), Failed> {
        if ours == expected {
            Ok(())
        } else {
            Err(format!("{what} differs\n  ours:     {ours:?}\n  expected: {expected:?}").into())
        }
    }

    fn check_v3(case: &Case, stage: &str) -> Result<(), Failed> {
        let (out, dbg) = case.signed(SignatureVersion::V3)?;
        let headers: BTreeMap<String, String> = out.headers.iter().cloned().collect();
        match stage {
            "canonical_request" => eq(stage, dbg.canonical_request, case.text("v3", stage)?),
            "string_to_sign" => eq(stage, dbg.string_to_sign, case.text("v3", stage)?),
            "signature" => eq(stage, dbg.signature, case.text("v3", stage)?),
            "authorization" => eq(stage, headers.get("authorization").cloned(), Some(case.text("v3", stage)?)),
            "hashed_payload" => eq("x-acs-content-sha256", headers.get("x-acs-content-sha256").cloned(), Some(case.text("v3", stage)?)),
            "signed_headers" => eq(stage, dbg.canonical_request.lines().nth_back(1).map(String::from), Some(case.text("v3", stage)?)),
            "request" => {
                let r = case.json("v3", stage)?;
                eq("header names unique", headers.len(), out.headers.len())?;
                let mut sorted: Vec<&String> = out.headers.iter().map(|(k, _)| k).collect();
                sorted.sort();
                eq("headers sorted", sorted, out.headers.iter().map(|(k, _)| k).collect::<Vec<_>>())?;
                eq("headers", &headers, &string_map(&r["headers"]))?;
                let body = r["body"].as_str().ok_or("request.body is not a string")?;
                eq("body", out.body.as_deref().unwrap_or(""), body)?;
                eq("body is None when empty", out.body.is_none(), body.is_empty())?;
                eq("url query (decoded)", decode_form(query_of(&out.url))?, string_map(&r["query"]))?;
                eq("url base", out.url.split('?').next().map(String::from), Some(format!("https://{}/", case.s("host"))))?;
                eq("method", Some(out.method.as_str()), r["method"].as_str())
            }
            other => Err(format!("v3/{other}: unknown stage file (compare it here, or list it as informational)").into()),
        }
    }

    fn check_v1(case: &Case, stage: &str) -> Result<(), Failed> {
        let (out, dbg) = case.signed(SignatureVersion::V1)?;
        match stage {
            "canonical_query_string" => eq(stage, dbg.canonical_request, case.text("v1", stage)?),
            "string_to_sign" => eq(stage, dbg.string_to_sign, case.text("v1", stage)?),
            "signature" => eq(stage, dbg.signature, case.text("v1", stage)?),
            "signed_params" => {
                // The signed set is exactly the documented one: URL params (minus Signature) plus body.
                let mut sent = decode_form(query_of(&out.url))?;
                eq("Signature param", sent.remove("Signature"), Some(dbg.signature.clone()))?;
                sent.extend(decode_form(out.body.as_deref().unwrap_or(""))?);
                eq(stage, sent, string_map(&case.json("v1", stage)?))
            }
            "sdk_request" => {
                // The same parameters in the same places as the SDK (order and `+` vs `%20` aside).
                let sdk = case.json("v1", stage)?;
                let sdk_url = sdk["url"].as_str().ok_or("sdk_request.url")?;
                eq("url query (decoded)", decode_form(query_of(&out.url))?, decode_form(query_of(sdk_url))?)?;
                eq("url base", out.url.split('?').next(), sdk_url.split('?').next())?;
                eq("body (decoded)", decode_form(out.body.as_deref().unwrap_or(""))?, decode_form(sdk["body"].as_str().unwrap_or(""))?)?;
                let ct = out.headers.iter().find(|(k, _)| k == "content-type").map(|(_, v)| v.as_str());
                eq("content-type", ct, sdk["content_type"].as_str())?;
                eq("method", Some(out.method.as_str()), sdk["method"].as_str())
            }
            other => Err(format!("v1/{other}: unknown stage file (compare it here, or list it as informational)").into()),
        }
    }

    /// Signing twice gives the same request, and neither the output nor its Debug carries the secret.
    fn deterministic_without_secret(case: &Case) -> Result<(), Failed> {
        for version in [SignatureVersion::V3, SignatureVersion::V1] {
            let (req, params) = case.spec_and_params(version);
            let a = sign(&req, &params).map_err(|e| e.to_string())?;
            eq("a second signature", &a, &sign(&req, &params).map_err(|e| e.to_string())?)?;
            if format!("{a:?}").contains(&params.credentials.access_key_secret) {
                return Err(format!("{}: the secret is in the output", version.as_str()).into());
            }
            // The order the parameters are given in does not matter.
            let mut reversed = req.clone();
            reversed.query.reverse();
            reversed.form.reverse();
            eq("signature with the parameters reversed", &a, &sign(&reversed, &params).map_err(|e| e.to_string())?)?;
        }
        Ok(())
    }

    /// The stage names of a version folder (file names without extension), sorted.
    fn stages_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.map(|e| e.unwrap().path())
                    .filter(|p| p.is_file())
                    .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    fn trials() -> Vec<Trial> {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root())
            .expect("tests/data/signing")
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("request.json").is_file())
            .collect();
        dirs.sort();
        assert!(dirs.len() >= 17, "tests/data/signing has {} case folders, expected at least the 17 official ones", dirs.len());
        let mut trials = Vec::new();
        for dir in dirs {
            let case = std::sync::Arc::new(Case::load(dir));
            let versions: Vec<_> = [("v3", V3_STAGES), ("v1", V1_STAGES)].into_iter().filter(|(v, _)| case.dir.join(v).is_dir()).collect();
            if versions.is_empty() {
                let msg = format!("{}: no v3/ or v1/ folder", case.dir.display());
                trials.push(Trial::test(format!("{}::versions", case.id), move || Err(msg.as_str().into())));
            }
            // A case may have one signature version only; a version it has must have every stage.
            for (version, expected) in versions {
                let present = stages_in(&case.dir.join(version));
                for stage in present.iter().filter(|s| !INFORMATIONAL.contains(&s.as_str())) {
                    let (c, st) = (case.clone(), stage.clone());
                    let name = format!("{}::{version}::{stage}", case.id);
                    trials.push(Trial::test(name, move || if version == "v3" { check_v3(&c, &st) } else { check_v1(&c, &st) }));
                }
                // Every expected stage must be there: a missing file fails, it is not skipped.
                for stage in expected.iter().filter(|s| !present.iter().any(|p| p == *s)) {
                    let name = format!("{}::{version}::{stage}", case.id);
                    let msg = format!("{}/{version}/{stage}: missing", case.dir.display());
                    trials.push(Trial::test(name, move || Err(msg.as_str().into())));
                }
            }
            let c = case.clone();
            trials.push(Trial::test(format!("{}::deterministic_order_free_secret_free", case.id), move || deterministic_without_secret(&c)));
        }
        trials
    }

    pub fn main() {
        let args = Arguments::from_args();
        libtest_mimic::run(&args, trials()).exit();
    }
}
