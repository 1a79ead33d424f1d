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
//! What each code means lives in `codes.rs` (one file, English and Chinese).
//!
//! `retryAfterMs` comes from the `x-acs-retry-after` header, read as **milliseconds** (what the
//! official Darabonba SDKs do: their retry policy waits that many ms; `0`, negative or non-numeric
//! values are ignored), or else from a standard `Retry-After` header in whole seconds. It is set
//! only on retryable results.

mod codes;

use serde::Serialize;
use serde_json::{Map, Value};

use codes::{ErrorMeaning, Outcome};

/// The outcome of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
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

/// What an answer means. Serialises to the JS `VerifyResult` (camelCase; `requestId`, `code` and
/// `message` are `null` when absent, the other optional fields are left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyResult {
    pub verdict: Verdict,
    /// The call was charged. A billed answer is never retryable.
    pub billed: bool,
    /// Sending the same request again (freshly signed) may succeed and cannot double-bill.
    pub retryable: bool,
    pub request_id: Option<String>,
    pub code: Option<String>,
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub biz_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isp_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<ErrorKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_ms: Option<u32>,
    pub description: &'static str,
    pub description_zh: &'static str,
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

/// Interprets an answer. `headers` names are matched case-insensitively.
pub fn parse_response(action: &str, http_status: u16, body: &str, headers: &[(String, String)]) -> VerifyResult {
    let mut r = VerifyResult {
        verdict: Verdict::Error,
        billed: false,
        retryable: false,
        request_id: header(headers, "x-acs-request-id").and_then(non_empty),
        code: None,
        message: None,
        biz_code: None,
        sub_code: None,
        isp_name: None,
        passed: None,
        error_kind: None,
        retry_after_ms: None,
        description: "",
        description_zh: "",
    };
    let obj = match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(obj)) => obj,
        _ => {
            let retryable = http_status == 429 || (500..=599).contains(&http_status);
            let m = if retryable { codes::MALFORMED_RETRYABLE } else { codes::MALFORMED };
            return error(r, m, headers);
        }
    };
    if let Some(id) = text(&obj, "RequestId") {
        r.request_id = Some(id);
    }
    r.code = text(&obj, "Code");
    r.message = text(&obj, "Message");

    if !(200..=299).contains(&http_status) {
        let m = r.code.as_deref().and_then(codes::error_meaning).unwrap_or_else(|| codes::status_meaning(http_status));
        return error(r, m, headers);
    }

    let result = ["Result", "ResultObject"].iter().find_map(|k| obj.get(*k).and_then(Value::as_object));
    // Without a Code, the presence of a result decides (below).
    let success = r.code.as_deref().map_or(true, |c| c.eq_ignore_ascii_case("Success") || c == "200");
    if !success {
        let m = r.code.as_deref().and_then(codes::error_meaning).unwrap_or(codes::BUSINESS);
        return error(r, m, headers);
    }
    match result {
        Some(result) => business(r, action, result),
        None => error(r, codes::MALFORMED, headers),
    }
}

/// A success envelope: BizCode / SubCode / Passed decide.
fn business(mut r: VerifyResult, action: &str, result: &Map<String, Value>) -> VerifyResult {
    r.biz_code = text(result, "BizCode");
    r.sub_code = text(result, "SubCode");
    r.isp_name = text(result, "IspName");
    r.passed = result.get("Passed").and_then(passed);
    let biz = r.biz_code.as_deref();
    let sub = r.sub_code.as_deref();
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
            if let (Some(p), Some(s)) = (r.passed, sub) {
                if p != (s == "200") {
                    return inconsistent(r, true);
                }
            }
            period(r.passed, sub)
        }
        // An action this library does not know: only the conventions all these APIs share.
        None => match r.passed {
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

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A string or a number, as a trimmed non-empty string.
fn text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) => non_empty(s),
        // Integers only: codes are never fractional (and float formatting would bloat the module).
        Value::Number(n) => n.as_i64().map(|i| i.to_string()),
        _ => None,
    }
}

/// `"Y"` / `"N"` (any case), `true` / `false`.
fn passed(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim() {
            t if t.eq_ignore_ascii_case("Y") || t.eq_ignore_ascii_case("true") => Some(true),
            t if t.eq_ignore_ascii_case("N") || t.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests;
