//! The response parser: any answer (any status, any body, any action name) becomes a
//! [`VerifyResult`]. It never fails and never panics.
//!
//! Envelopes (see `tests/data/responses/`):
//! - international 2022-08-09: `{RequestId, Code: "Success", Message, Result{...}}`;
//! - mainland 2019-03-07: `{RequestId, Code: "200", Message, ResultObject{...}}`, business
//!   failures as HTTP 200 with Code 400..500;
//! - gateway errors: HTTP 4xx/5xx with `{RequestId, HostId, Code, Message, Recommend}`.
//!
//! A 2xx answer whose `Code` is not success is an error. Numbers may be JSON strings or numbers.
//! What each code means lives in `codes.rs` (one file, English and Chinese); which fields are read
//! lives in `fields.rs` (the host parses the JSON and hands them over: no JSON parser in the core).
//!
//! `retryAfterMs` comes from the `x-acs-retry-after` header, read as **milliseconds** (what the
//! official Darabonba SDKs do: their retry policy waits that many ms; `0`, negative or non-numeric
//! values are ignored), or else from a standard `Retry-After` header in whole seconds. It is set
//! only on retryable results.

use crate::prelude::*;
mod codes;
mod family;
pub mod fields;

use codes::{ErrorMeaning, Outcome};
pub use fields::{ResponseFields, ResultField, ResultValues, Value};

/// The outcome of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "json", derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum Verdict {
    Match,
    Mismatch,
    NotFound,
    Error,
}

impl Verdict {
    /// The JS string: `"match"`, `"mismatch"`, `"not_found"` or `"error"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Match => "match",
            Verdict::Mismatch => "mismatch",
            Verdict::NotFound => "not_found",
            Verdict::Error => "error",
        }
    }
}

/// Why a verification did not give a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "json", derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum ErrorKind {
    Throttled,
    Auth,
    InvalidRequest,
    Server,
    Business,
    MalformedResponse,
    /// A success answer whose result fields contradict each other (e.g. `Passed: "Y"` with a
    /// SubCode other than 200): never a match.
    InconsistentResponse,
}

impl ErrorKind {
    /// The JS string, e.g. `"invalid_request"`, `"malformed_response"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Throttled => "throttled",
            ErrorKind::Auth => "auth",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::Server => "server",
            ErrorKind::Business => "business",
            ErrorKind::MalformedResponse => "malformed_response",
            ErrorKind::InconsistentResponse => "inconsistent_response",
        }
    }
}

/// What an answer means. The JS `VerifyResult` lists, in this order: verdict, billed, retryable,
/// requestId, code, message (`null` when absent), the present result fields under their JS names
/// (`fields.rs`), errorKind and retryAfterMs (when present), description, descriptionZh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyResult {
    pub verdict: Verdict,
    /// The call was charged. A billed answer is never retryable.
    pub billed: bool,
    /// Sending the same request again (freshly signed) may succeed and cannot double-bill.
    pub retryable: bool,
    pub request_id: Option<String>,
    pub code: Option<String>,
    pub message: Option<String>,
    /// The result fields of `fields.rs`, normalised (text trimmed, flags as booleans).
    pub result: ResultValues,
    pub error_kind: Option<ErrorKind>,
    pub retry_after_ms: Option<u32>,
    pub description: &'static str,
    pub description_zh: &'static str,
}

impl VerifyResult {
    pub fn biz_code(&self) -> Option<&str> {
        self.result.as_str(ResultField::BizCode)
    }
    pub fn sub_code(&self) -> Option<&str> {
        self.result.as_str(ResultField::SubCode)
    }
    pub fn isp_name(&self) -> Option<&str> {
        self.result.as_str(ResultField::IspName)
    }
    pub fn passed(&self) -> Option<bool> {
        self.result.flag(ResultField::Passed)
    }
}

#[cfg(feature = "json")]
impl serde::Serialize for VerifyResult {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("verdict", &self.verdict)?;
        m.serialize_entry("billed", &self.billed)?;
        m.serialize_entry("retryable", &self.retryable)?;
        m.serialize_entry("requestId", &self.request_id)?;
        m.serialize_entry("code", &self.code)?;
        m.serialize_entry("message", &self.message)?;
        for f in ResultField::ALL {
            match self.result.get(*f) {
                Some(Value::Text(t) | Value::Int(t)) => m.serialize_entry(f.js_name(), t)?,
                Some(Value::Bool(b)) => m.serialize_entry(f.js_name(), b)?,
                None => {}
            }
        }
        if let Some(k) = &self.error_kind {
            m.serialize_entry("errorKind", k)?;
        }
        if let Some(ms) = &self.retry_after_ms {
            m.serialize_entry("retryAfterMs", ms)?;
        }
        m.serialize_entry("description", self.description)?;
        m.serialize_entry("descriptionZh", self.description_zh)?;
        m.end()
    }
}

/// Which result table an action uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Api {
    /// Id2MetaVerifyIntl, Id2MetaVerify.
    Id2,
    /// Mobile3MetaVerifyIntl, Mobile3MetaSimpleVerify, Mobile3MetaDetailVerify.
    Mobile3,
    /// Id2MetaPeriodVerifyIntl.
    Period,
}

fn api(action: &str) -> Option<Api> {
    const ACTIONS: &[(&str, Api)] = &[
        ("Id2MetaVerifyIntl", Api::Id2),
        ("Id2MetaVerify", Api::Id2),
        ("Mobile3MetaVerifyIntl", Api::Mobile3),
        ("Mobile3MetaSimpleVerify", Api::Mobile3),
        ("Mobile3MetaDetailVerify", Api::Mobile3),
        ("Id2MetaPeriodVerifyIntl", Api::Period),
    ];
    let action = action.trim();
    ACTIONS.iter().find(|(a, _)| a.eq_ignore_ascii_case(action)).map(|(_, api)| *api)
}

/// Interprets an answer whose JSON body is given as text (a native convenience: the package
/// parses the body on the host and calls [`interpret`]).
#[cfg(feature = "json")]
pub fn parse_response(action: &str, http_status: u16, body: &str, headers: &[(String, String)]) -> VerifyResult {
    interpret(action, http_status, &fields::from_json(body), headers)
}

/// Interprets an answer from the fields the host extracted. `headers` names are matched
/// case-insensitively.
pub fn interpret(action: &str, http_status: u16, body: &ResponseFields, headers: &[(String, String)]) -> VerifyResult {
    let mut r = VerifyResult {
        verdict: Verdict::Error,
        billed: false,
        retryable: false,
        request_id: header(headers, "x-acs-request-id").and_then(fields::non_empty),
        code: None,
        message: None,
        result: ResultValues::default(),
        error_kind: None,
        retry_after_ms: None,
        description: "",
        description_zh: "",
    };
    if !body.is_object {
        let retryable = http_status == 429 || (500..=599).contains(&http_status);
        let m = if retryable { codes::MALFORMED_RETRYABLE } else { codes::MALFORMED };
        return error(r, m, headers);
    }
    if let Some(id) = body.request_id.as_ref().and_then(Value::text) {
        r.request_id = Some(id);
    }
    r.code = body.code.as_ref().and_then(Value::text);
    r.message = body.message.as_ref().and_then(Value::text);

    if !(200..=299).contains(&http_status) {
        let m = r.code.as_deref().and_then(|c| family::error_meaning(action, c).or_else(|| codes::error_meaning(c))).unwrap_or_else(|| codes::status_meaning(http_status));
        return error(r, m, headers);
    }

    // Without a Code, the presence of a result decides (below).
    let success = r.code.as_deref().map_or(true, |c| c.eq_ignore_ascii_case("Success") || c == "200");
    if !success {
        let m = r.code.as_deref().and_then(|c| family::error_meaning(action, c).or_else(|| codes::error_meaning(c))).unwrap_or(codes::BUSINESS);
        return error(r, m, headers);
    }
    match &body.result {
        Some(result) => business(r, action, result),
        None => error(r, codes::MALFORMED, headers),
    }
}

/// A success envelope: BizCode / SubCode / Passed decide.
fn business(mut r: VerifyResult, action: &str, result: &ResultValues) -> VerifyResult {
    r.result = result.normalised();
    let passed = r.passed();
    let biz = r.biz_code();
    let sub = r.sub_code();
    let outcome = match api(action) {
        Some(Api::Id2) => codes::lookup(codes::ID2_BIZ, biz),
        Some(Api::Mobile3) => {
            let by_biz = codes::lookup(codes::MOBILE3_BIZ, biz);
            match (by_biz, codes::lookup(codes::MOBILE3_SUB, sub)) {
                // BizCode and SubCode contradict each other (BizCode 1 with SubCode 201...): billed
                // as the BizCode says, never a verdict.
                (Some(b), Some(s)) if b.verdict != s.verdict => return inconsistent(r, b.billed),
                // The SubCode is more precise, when it agrees with the BizCode.
                (_, Some(s)) => Some(s),
                (b, None) => b,
            }
        }
        Some(Api::Period) => {
            // Passed "Y" with a SubCode other than 200, or "N" with 200 (every Passed answer is billed).
            if let (Some(p), Some(s)) = (passed, sub) {
                if p != (s == "200") {
                    return inconsistent(r, true);
                }
            }
            period(passed, sub)
        }
        // The actions of the table (request/table.rs), else only the conventions all these APIs share.
        None if family::outcome(action, biz, sub).is_some() => family::outcome(action, biz, sub).flatten(),
        None => match passed {
            Some(p) => period(Some(p), None),
            None => codes::lookup(codes::GENERIC_BIZ, biz),
        },
    };
    match outcome {
        Some(o) => verdict(r, o),
        None => {
            r.error_kind = Some(ErrorKind::Business);
            (r.description, r.description_zh) = codes::UNKNOWN_RESULT;
            r
        }
    }
}

fn period(passed: Option<bool>, sub: Option<&str>) -> Option<Outcome> {
    let by_passed = passed.map(|p| if p { codes::PERIOD_PASSED_Y } else { codes::PERIOD_PASSED_N });
    match codes::lookup(codes::PERIOD_SUB, sub) {
        Some(s) if passed.map_or(true, |p| p == (s.verdict == Verdict::Match)) => Some(s),
        _ => by_passed,
    }
}

/// A success answer whose result fields contradict each other: an error, billed as the service bills it.
fn inconsistent(mut r: VerifyResult, billed: bool) -> VerifyResult {
    r.verdict = Verdict::Error;
    r.billed = billed;
    r.retryable = false;
    r.error_kind = Some(ErrorKind::InconsistentResponse);
    (r.description, r.description_zh) = codes::INCONSISTENT;
    r
}

fn verdict(mut r: VerifyResult, o: Outcome) -> VerifyResult {
    r.verdict = o.verdict;
    r.billed = o.billed;
    r.retryable = false;
    r.description = o.en;
    r.description_zh = o.zh;
    r
}

fn error(mut r: VerifyResult, m: ErrorMeaning, headers: &[(String, String)]) -> VerifyResult {
    r.verdict = Verdict::Error;
    r.billed = false;
    r.error_kind = Some(m.kind);
    r.retryable = m.retryable;
    r.description = m.en;
    r.description_zh = m.zh;
    if r.retryable {
        r.retry_after_ms = retry_after_ms(headers);
    }
    r
}

/// `x-acs-retry-after` in milliseconds, else `Retry-After` in seconds; positive integers only.
fn retry_after_ms(headers: &[(String, String)]) -> Option<u32> {
    let positive = |v: &str| v.trim().parse::<u64>().ok().filter(|n| *n > 0);
    let ms = match header(headers, "x-acs-retry-after").and_then(positive) {
        Some(ms) => ms,
        None => header(headers, "retry-after").and_then(positive)?.saturating_mul(1000),
    };
    Some(u32::try_from(ms).unwrap_or(u32::MAX))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

#[cfg(test)]
#[cfg(feature = "json")]
mod tests;
