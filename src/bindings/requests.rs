//! Bindings of the builders, the signer and the response mapping (the `sign` feature: the server
//! module only). The protocol is in `mod.rs`; the field tables are the core's
//! (`request::inputs`, `response::fields`), so adding an action, an input or a result field needs
//! no code here.

use crate::prelude::*;
use wasm_bindgen::prelude::*;

use super::{bad_argument, fields, index, nul_joined, reply_error, reply_set, Reply, SIGN_ERROR};
use crate::error::{CheckError, Field};
use crate::request::inputs::{self, OptionField, Options};
use crate::request::{ActionInput, InputField, ACTIONS};
use crate::request::BuildError;
use crate::response::fields::{Kind, ResponseFields, ResultField, ResultValues, Value, ENVELOPE_FIELDS, HEADERS, RESULT_OBJECTS};
use crate::response::{ErrorKind, Verdict};
use crate::sign::{self, Input, Method, SignError, Signed, SigningCache, SigningDebug, Timestamp};

/// The bindings' state for requests: what the signer keeps between requests (the hash state of a
/// V3 canonical request's constant start, nothing secret; see `sign::SigningCache`) and the
/// request area, where the JS layer writes the fields of the next `signRequest` or `build` call:
/// their UTF-8 bytes, each field from a 4-aligned offset, and their byte lengths. The call zeroes
/// the bytes when it is done: the secret and the personal data do not stay in the area. Its reply
/// (a signed request: ASCII by construction, see `signed`) is written into the state's output
/// buffer, whose address is the call's answer. The module is single-threaded: a call that found
/// the state in use (it cannot) answers an error.
struct State {
    cache: SigningCache,
    data: Vec<u8>,
    lens: Vec<u32>,
    /// The reply of the last `signRequest` or `build`: its fields, ASCII, one after the other.
    out: String,
}

static STATE: spin::Mutex<State> = spin::Mutex::new(State { cache: SigningCache::new(), data: Vec::new(), lens: Vec::new(), out: String::new() });

/// Makes the request area hold at least `bytes` bytes (plus what aligning the first field takes)
/// and exactly `fields` lengths, all zero; answers the address of the bytes and writes the address
/// of the lengths (`u32` each) into reply slot 0. May grow the memory.
#[wasm_bindgen(js_name = requestArea)]
pub fn request_area(bytes: u32, fields: u32) -> usize {
    let Some(mut s) = STATE.try_lock() else { return 0 };
    let bytes = usize::try_from(bytes).unwrap_or(usize::MAX).saturating_add(3);
    s.data.clear();
    s.data.resize(bytes, 0);
    s.lens.clear();
    s.lens.resize(usize::try_from(fields).unwrap_or(0), 0);
    reply_set(0, u32::try_from(s.lens.as_ptr() as usize).unwrap_or(0));
    s.data.as_ptr() as usize
}

/// The fields of the request area, read from byte `from` of its data: by their byte lengths
/// ([`super::ABSENT`]: absent), each from a 4-aligned offset after the first; `None` when they do
/// not fit or are not UTF-8 (never from the package's JS, which writes what `encodeInto` writes).
fn area_fields<'a>(data: &'a [u8], lens: &[u32], from: u32) -> Option<Vec<Option<&'a str>>> {
    let mut rest = data.get(usize::try_from(from).ok()?..)?;
    let mut out = Vec::with_capacity(lens.len());
    for &len in lens {
        if len == super::ABSENT {
            out.push(None);
            continue;
        }
        let len = usize::try_from(len).ok()?;
        let (field, tail) = rest.split_at_checked(len)?;
        out.push(Some(core::str::from_utf8(field).ok()?));
        rest = tail.get(len.wrapping_neg() & 3..).unwrap_or(&[]);
    }
    Some(out)
}

/// For tests of the bindings: the reply of the last `signRequest` or `build`, as the JS layer reads
/// it (status, slot 1, the fields).
#[doc(hidden)]
pub fn read_request_reply() -> (u32, u32, Vec<Option<String>>) {
    STATE.try_lock().map_or((u32::MAX, 0, Vec::new()), |s| super::read_reply(&s.out))
}

/// For tests of the bindings: whether every byte of the request area is zero (what a signing call
/// leaves behind).
#[doc(hidden)]
pub fn request_area_is_zero() -> bool {
    STATE.try_lock().is_some_and(|s| s.data.iter().all(|&b| b == 0))
}

/// For tests of the bindings: writes `fields` into the request area as the JS layer does; answers
/// the offset of the first field.
#[doc(hidden)]
pub fn fill_request_area(fields: &[Option<&str>]) -> u32 {
    let bytes = fields.iter().flatten().fold(0usize, |n, f| n.saturating_add(f.len()).saturating_add(3));
    let start = request_area(u32::try_from(bytes).unwrap_or(u32::MAX), u32::try_from(fields.len()).unwrap_or(0));
    let Some(mut s) = STATE.try_lock() else { return 0 };
    let from = start.wrapping_neg() & 3;
    let mut at = from;
    for (i, f) in fields.iter().enumerate() {
        let len = f.map_or(super::ABSENT, |f| u32::try_from(f.len()).unwrap_or(0));
        if let Some(slot) = s.lens.get_mut(i) {
            *slot = len;
        }
        if let Some(f) = f {
            if let Some(dst) = s.data.get_mut(at..at.saturating_add(f.len())) {
                dst.copy_from_slice(f.as_bytes());
            }
            at = at.saturating_add(f.len()).saturating_add(f.len().wrapping_neg() & 3);
        }
    }
    u32::try_from(from).unwrap_or(0)
}

const VERDICTS: [Verdict; 4] = [Verdict::Match, Verdict::Mismatch, Verdict::NotFound, Verdict::Error];
const ERROR_KINDS: [ErrorKind; 7] = [
    ErrorKind::Throttled,
    ErrorKind::Auth,
    ErrorKind::InvalidRequest,
    ErrorKind::Server,
    ErrorKind::Business,
    ErrorKind::MalformedResponse,
    ErrorKind::InconsistentResponse,
];

/// The catalog sections of the server module: 3 input fields, 4 option fields, 5 actions (name,
/// then the comma-separated indexes of its input fields), 6 signer errors (code, field, message,
/// messageZh), 7 result fields (JSON name, JS name, `t` text or `f` flag), 8 envelope field
/// names, 9 result object names, 10 header names, 11 verdicts, 12 error kinds.
pub(super) fn catalog_section(section: u32) -> String {
    match section {
        3 => nul_joined(InputField::ALL.iter().map(|f| f.js_name())),
        4 => nul_joined(OptionField::ALL.iter().map(|f| f.js_name())),
        5 => {
            let mut out = String::new();
            for (i, a) in ACTIONS.iter().enumerate() {
                if i > 0 {
                    out.push('\0');
                }
                out.push_str(a.name);
                out.push('\0');
                // The inputs the action takes, in table order (the action table, request/table.rs).
                for (j, f) in InputField::ALL.iter().filter(|f| a.uses(**f)).enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    out.push_str(DIGITS.get(f.index()).copied().unwrap_or(""));
                }
            }
            out
        }
        6 => nul_joined(SignError::ALL.iter().flat_map(|e| [e.as_str(), e.field(), e.message(), e.message_zh()])),
        7 => nul_joined(ResultField::ALL.iter().flat_map(|f| [f.json_name(), f.js_name(), if f.kind() == Kind::Flag { "f" } else { "t" }])),
        8 => nul_joined(ENVELOPE_FIELDS),
        9 => nul_joined(RESULT_OBJECTS),
        10 => nul_joined(HEADERS),
        11 => nul_joined(VERDICTS.iter().map(|v| v.as_str())),
        12 => nul_joined(ERROR_KINDS.iter().map(|k| k.as_str())),
        _ => String::new(),
    }
}

/// Input field indexes as text (the input table stays well under this many fields).
const DIGITS: [&str; 32] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21",
    "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
];

/// The status of a builder's or the signer's error (check errors without their hint: a builder
/// never repeats an input). No reply fields.
fn build_error(e: &BuildError) -> u32 {
    match e {
        BuildError::Check(c) => {
            let _ = reply_error(&CheckError { hint: None, ..c.clone() });
        }
        BuildError::Sign(s) => {
            reply_set(0, SIGN_ERROR.saturating_add(index(SignError::ALL, s)));
            reply_set(1, 0);
            reply_set(2, 0);
        }
    }
    0
}

/// Writes method, url, body (absent when none), canonical request, string to sign, signature
/// (absent without `debug`), then the header names and values into `out` (its capacity kept from
/// call to call), their lengths into the reply slots; slot 1 = the number of headers. Every field
/// is ASCII (the signer's output: percent-encoded parameters, hex, base64, and header values it
/// checked are printable ASCII; tested), so the lengths count bytes too and the JS layer decodes
/// the bytes as Latin-1. Answers the address of `out`.
fn signed(out: &mut String, r: &Signed, debug: Option<&SigningDebug>) -> u32 {
    let mut reply = Reply::reusing(core::mem::take(out));
    reply.field(r.method.as_str()).field(&r.url).opt(r.body.as_deref());
    reply
        .opt(debug.map(|d| d.canonical_request.as_str()))
        .opt(debug.map(|d| d.string_to_sign.as_str()))
        .opt(debug.map(|d| d.signature.as_str()));
    for (k, v) in &r.headers {
        reply.field(k).field(v);
    }
    *out = reply.ok(u32::try_from(r.headers.len()).unwrap_or(0));
    u32::try_from(out.as_ptr() as usize).unwrap_or(0)
}

/// Table-ordered options from fields `from..from + OptionField::ALL.len()`.
fn options(f: &[Option<&str>], from: usize) -> Options {
    Options::from_values(f.iter().skip(from).take(OptionField::ALL.len()).map(|v| v.map(String::from)))
}

/// The one builder export: action `action` of `ACTIONS`; in the request area from byte `from`,
/// every input field (`InputField::ALL` order), then every option (`OptionField::ALL` order),
/// absent ones marked absent. Answers the address of the reply (see `signed`), 0 on an error.
#[wasm_bindgen]
pub fn build(action: u32, from: u32) -> u32 {
    let Some(mut guard) = STATE.try_lock() else { return build_error(&bad_argument(Field::Input).into()) };
    let State { cache, data, lens, out } = &mut *guard;
    let n_in = InputField::ALL.len();
    let mut run = || -> Result<Signed, BuildError> {
        let f = area_fields(data, lens, from).filter(|f| f.len() == n_in.saturating_add(OptionField::ALL.len())).ok_or_else(|| bad_argument(Field::Input))?;
        let action = usize::try_from(action).ok().and_then(|a| ACTIONS.get(a)).map_or("", |a| a.name);
        let input = ActionInput::from_ordered(f.iter().take(n_in).map(|v| v.map(String::from)));
        inputs::build_signed(action, input, options(&f, n_in), cache)
    };
    let result = run();
    data.fill(0);
    match result {
        Ok(r) => signed(out, &r, None),
        Err(e) => build_error(&e),
    }
}

/// The low-level signer: in the request area from byte `from`, fields method, host, action,
/// version, every option (`OptionField::ALL` order), then the query pairs and the form pairs
/// (name, value each); `n_query` pairs are query. Every string is borrowed from the area until the
/// reply is written. Answers the address of the reply (see `signed`), 0 on an error.
#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request(from: u32, n_query: u32) -> u32 {
    let Some(mut guard) = STATE.try_lock() else { return build_error(&bad_argument(Field::Input).into()) };
    let State { cache, data, lens, out } = &mut *guard;
    let mut run = || -> Result<(Signed, SigningDebug), BuildError> {
        let f = area_fields(data, lens, from).ok_or_else(|| bad_argument(Field::Input))?;
        let get = |i: usize| f.get(i).copied().flatten();
        let opt = |o: OptionField| get(4usize.saturating_add(o as usize));
        let method = match get(0) {
            None | Some("POST") => Method::Post,
            Some("GET") => Method::Get,
            Some(_) => return Err(bad_argument(Field::Input).into()),
        };
        // A missing key pair is reported before the timestamp is parsed.
        let present = |o| opt(o).is_some_and(|v: &str| !v.is_empty());
        if !present(OptionField::AccessKeyId) || !present(OptionField::AccessKeySecret) {
            return Err(SignError::CredentialsMissing.into());
        }
        let mut query: Vec<(&str, &str)> = f
            .get(4usize.saturating_add(OptionField::ALL.len())..)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|p| (p.first().copied().flatten().unwrap_or(""), p.get(1).copied().flatten().unwrap_or("")))
            .collect();
        let form = query.split_off(usize::try_from(n_query).unwrap_or(usize::MAX).min(query.len()));
        let signature_version = inputs::signature_version(opt(OptionField::SignatureVersion))?;
        let input = Input {
            method,
            host: get(1).unwrap_or(""),
            scheme: sign::Scheme::Https,
            action: get(2).unwrap_or(""),
            version: get(3).unwrap_or(""),
            query,
            form,
            access_key_id: opt(OptionField::AccessKeyId).unwrap_or(""),
            secret: opt(OptionField::AccessKeySecret).unwrap_or(""),
            token: opt(OptionField::SecurityToken).filter(|t| !t.is_empty()),
            timestamp: Timestamp::parse(opt(OptionField::Timestamp).unwrap_or(""))?,
            nonce: opt(OptionField::Nonce).unwrap_or(""),
            signature_version,
        };
        Ok(sign::sign_input(input, cache)?)
    };
    let result = run();
    data.fill(0);
    match result {
        Ok((r, debug)) => signed(out, &r, Some(&debug)),
        Err(e) => build_error(&e),
    }
}

/// A value the host tagged with its JSON type: `s` string, `n` integer, `t` / `f` boolean.
fn value(v: Option<&str>) -> Option<Value> {
    let v = v?;
    let rest = v.get(1..)?.to_string();
    match v.as_bytes().first()? {
        b's' => Some(Value::Text(rest)),
        b'n' => Some(Value::Int(rest)),
        b't' => Some(Value::Bool(true)),
        b'f' => Some(Value::Bool(false)),
        _ => None,
    }
}

/// Interprets an answer; never fails. Fields: the header values (`HEADERS` order), the envelope
/// fields (`ENVELOPE_FIELDS` order, tagged), then — when `result` — the result fields
/// (`ResultField::ALL` order, tagged). `is_object`: the body parsed as a JSON object.
///
/// Replies requestId, code, message, then each result field (absent when absent; flags as
/// `t`/`f`), retryAfterMs (decimal), description, descriptionZh; slot 1: verdict index |
/// billed << 4 | retryable << 5 | (errorKind index + 1) << 8.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(action: &str, http_status: u16, is_object: bool, result: bool, packed: &str, lens: &[u32]) -> String {
    let f = fields(packed, lens).unwrap_or_default();
    let get = |i: usize| f.get(i).copied().flatten();
    let headers: Vec<(String, String)> =
        HEADERS.iter().enumerate().filter_map(|(i, h)| get(i).map(|v| (h.to_string(), v.to_string()))).collect();
    let env = HEADERS.len();
    let body = ResponseFields {
        is_object,
        request_id: value(get(env)),
        code: value(get(env.saturating_add(1))),
        message: value(get(env.saturating_add(2))),
        result: result.then(|| {
            let mut r = ResultValues::default();
            for (i, rf) in ResultField::ALL.iter().enumerate() {
                r.set(*rf, value(get(env.saturating_add(ENVELOPE_FIELDS.len()).saturating_add(i))));
            }
            r
        }),
    };
    let r = crate::response::interpret(action, http_status, &body, &headers);
    let mut out = Reply::new();
    out.opt(r.request_id.as_deref()).opt(r.code.as_deref()).opt(r.message.as_deref());
    for rf in ResultField::ALL {
        match r.result.get(*rf) {
            Some(Value::Text(s) | Value::Int(s)) => out.field(s),
            Some(Value::Bool(b)) => out.field(if *b { "t" } else { "f" }),
            None => out.opt(None),
        };
    }
    out.opt(r.retry_after_ms.map(|ms| ms.to_string()).as_deref()).field(r.description).field(r.description_zh);
    let kind = r.error_kind.map_or(0, |k| index(&ERROR_KINDS, &k).saturating_add(1));
    let flags = index(&VERDICTS, &r.verdict) | u32::from(r.billed) << 4 | u32::from(r.retryable) << 5 | kind << 8;
    out.ok(flags)
}
