//! Bindings of the signer, the builders and the response parser.

use std::collections::BTreeMap;

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::{options, to_json, today, Failed, JsError};
use crate::error::{CheckError, ErrorCode, Field};
use crate::request::{self, BuildError, BuildOptions, LongTermAs, ParamsIn};
use crate::sign::{self, Credentials, Method, RequestSpec, SignatureVersion, SignedRequest, SigningParams};

/// The JS `BuildOptions` (credentials included).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct BuildOptionsJs {
    access_key_id: Option<String>,
    access_key_secret: Option<String>,
    security_token: Option<String>,
    timestamp: Option<String>,
    nonce: Option<String>,
    signature_version: Option<String>,
    endpoint: Option<String>,
    long_term_as: Option<String>,
    today: Option<String>,
    allow_residence_permit: Option<bool>,
    params_in: Option<String>,
}

// No Debug: the options hold the secret.
impl BuildOptionsJs {
    fn signature_version(&self) -> Result<SignatureVersion, CheckError> {
        match self.signature_version.as_deref() {
            None | Some("v3") => Ok(SignatureVersion::V3),
            Some("v1") => Ok(SignatureVersion::V1),
            Some(_) => Err(CheckError::new(ErrorCode::InvalidArgument, Field::Input)),
        }
    }

    fn credentials(&mut self) -> Credentials {
        Credentials {
            access_key_id: self.access_key_id.take().unwrap_or_default(),
            access_key_secret: self.access_key_secret.take().unwrap_or_default(),
            security_token: self.security_token.take(),
        }
    }

    fn into_build(mut self) -> Result<BuildOptions, CheckError> {
        Ok(BuildOptions {
            signature_version: self.signature_version()?,
            long_term_as: self.long_term_as.as_deref().map_or(Ok(LongTermAs::Chinese), LongTermAs::parse)?,
            today: today(self.today.as_deref())?,
            credentials: self.credentials(),
            timestamp: self.timestamp.take().unwrap_or_default(),
            nonce: self.nonce.take().unwrap_or_default(),
            endpoint: self.endpoint.take(),
            allow_residence_permit: self.allow_residence_permit,
            params_in: self.params_in.as_deref().map_or(Ok(ParamsIn::Body), ParamsIn::parse)?,
        })
    }
}

/// `{ ok: false, error: {code, field, message, messageZh} }` (the JS layer throws it as an AliyunIdvError).
fn thrown(e: &BuildError) -> String {
    to_json(&Failed { ok: false, error: JsError { code: e.code(), field: e.field(), message: e.message(), message_zh: e.message_zh(), hint: None } })
}

/// A signed request as NUL-separated fields, which the JS layer splits (no JSON escaping or
/// parsing on the hot path): method, url, has-body (`1`/`0`), body, canonical request, string to
/// sign, signature (the last three empty unless `debug`), then header name/value pairs. No field
/// can hold a NUL: URL, body and canonical strings are percent-encoded, and header values are
/// checked tokens. Errors answer JSON (`{`), so the two cannot be confused.
fn signed_to_text(r: &SignedRequest, debug: bool) -> String {
    let body = r.body.as_deref();
    let mut fields: Vec<&str> = vec![
        r.method.as_str(),
        &r.url,
        if body.is_some() { "1" } else { "0" },
        body.unwrap_or(""),
        if debug { &r.canonical_request } else { "" },
        if debug { &r.string_to_sign } else { "" },
        if debug { &r.signature } else { "" },
    ];
    for (k, v) in &r.headers {
        fields.push(k);
        fields.push(v);
    }
    fields.join("\0")
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RequestJs {
    method: Option<String>,
    host: String,
    action: String,
    version: String,
    query: BTreeMap<String, String>,
    form: BTreeMap<String, String>,
}

/// The low-level signer: any RPC action, parameters signed exactly as given.
#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request(req: &str, opts: &str) -> String {
    let run = || -> Result<SignedRequest, BuildError> {
        let r: RequestJs = options(req)?;
        let method = match r.method.as_deref() {
            None | Some("POST") => Method::Post,
            Some("GET") => Method::Get,
            Some(_) => return Err(CheckError::new(ErrorCode::InvalidArgument, Field::Input).into()),
        };
        let mut o: BuildOptionsJs = options(opts)?;
        let spec = RequestSpec {
            method,
            host: r.host,
            scheme: sign::Scheme::Https,
            action: r.action,
            version: r.version,
            query: r.query.into_iter().collect(),
            form: r.form.into_iter().collect(),
        };
        let params = SigningParams {
            version: o.signature_version()?,
            credentials: o.credentials(),
            timestamp: o.timestamp.take().unwrap_or_default(),
            nonce: o.nonce.take().unwrap_or_default(),
        };
        Ok(sign::sign(&spec, &params)?)
    };
    match run() {
        Ok(r) => signed_to_text(&r, true),
        Err(e) => thrown(&e),
    }
}

/// Interprets an answer; never fails.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(action: &str, http_status: u16, body: &str, headers: &str) -> String {
    let headers: BTreeMap<String, String> = options(headers).unwrap_or_default();
    let headers: Vec<(String, String)> = headers.into_iter().collect();
    to_json(&crate::response::parse_response(action, http_status, body, &headers))
}

/// The generic builder of every action in the table (`request/table.rs`): `action` by name, the
/// inputs as the values of the fields named in `InputField::ALL` order whose bit is set in
/// `present` (bit i = field i), options as for the named builders. No per-action binding code.
#[wasm_bindgen(js_name = buildAction)]
pub fn build_action(action: &str, present: u32, values: Vec<String>, opts: &str) -> String {
    use crate::request::{Action, ActionInput};
    let run = || -> Result<SignedRequest, BuildError> {
        let action = Action::from_name(action).ok_or_else(|| CheckError::new(ErrorCode::ActionUnknown, Field::Action))?;
        let mut values = values.into_iter();
        let input = ActionInput::from_ordered((0..crate::request::InputField::COUNT).map(|i| {
            if present.checked_shr(u32::try_from(i).unwrap_or(31)).unwrap_or(0) & 1 == 1 {
                values.next()
            } else {
                None
            }
        }));
        let opts: BuildOptionsJs = options(opts)?;
        request::build(action, &input, &opts.into_build()?)
    };
    match run() {
        Ok(r) => signed_to_text(&r, false),
        Err(e) => thrown(&e),
    }
}
