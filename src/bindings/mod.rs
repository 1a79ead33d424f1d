//! The thin WebAssembly layer. Strings in, strings out: options and results cross the boundary as
//! JSON text, which the hand-written JS in `pkg-template/` stringifies and parses (one copy each
//! way, no per-property calls across the boundary, and no serde-wasm-bindgen in the module).
//! Functions that throw in JS answer `{"ok":false,"error":{...}}`; the JS layer throws
//! `AliyunIdvError`. No logic lives here: each function converts, calls the core, converts back.

use serde::{Deserialize, Serialize};

use crate::error::{CheckError, ErrorCode, Field};

mod checks;
mod fast;
mod requests;

pub use checks::*;
pub use fast::*;
pub use requests::*;

/// `{ ok: false, error: {...} }` and the payload of thrown errors.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct JsError<'a> {
    code: &'static str,
    field: &'static str,
    message: &'static str,
    message_zh: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
}

impl<'a> From<&'a CheckError> for JsError<'a> {
    fn from(e: &'a CheckError) -> Self {
        JsError {
            code: e.code.as_str(),
            field: e.field.as_str(),
            message: e.message(),
            message_zh: e.message_zh(),
            hint: e.hint.as_deref(),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct Failed<'a> {
    pub ok: bool,
    pub error: JsError<'a>,
}

#[derive(Serialize)]
pub(crate) struct Passed<'a, V: Serialize, I: Serialize> {
    pub ok: bool,
    pub value: V,
    pub info: I,
    pub warnings: &'a [&'static str],
    pub changed: bool,
}

/// `{ ok: true, value, info, warnings, changed }`.
pub(crate) fn passed<V: Serialize, I: Serialize>(value: V, info: I, warnings: &[&'static str], changed: bool) -> String {
    to_json(&Passed { ok: true, value, info, warnings, changed })
}

/// `{ ok: true, value }`: the answer of a function that throws in JS.
pub(crate) fn returned<V: Serialize>(value: V) -> String {
    #[derive(Serialize)]
    struct Returned<V> {
        ok: bool,
        value: V,
    }
    to_json(&Returned { ok: true, value })
}

/// `{ ok: false, error: {code, field, message, messageZh} }`, which the JS layer throws as an
/// AliyunIdvError. The hint is left out: thrown errors end up in logs, and a hint may hold a full
/// ID number.
pub(crate) fn thrown(e: &CheckError) -> String {
    to_json(&Failed { ok: false, error: JsError { hint: None, ..JsError::from(e) } })
}

/// The `today` option, which the JS layer always fills.
pub(crate) fn today(s: Option<&str>) -> Result<chrono::NaiveDate, CheckError> {
    s.and_then(crate::date::parse_today).ok_or_else(|| CheckError::new(ErrorCode::TodayInvalid, Field::Today))
}

pub(crate) fn to_json<T: Serialize>(v: &T) -> String {
    // Serialising these plain structs cannot fail; "null" keeps the promise of valid JSON anyway.
    serde_json::to_string(v).unwrap_or_else(|_| String::from("null"))
}

pub(crate) fn failed(e: &CheckError) -> String {
    to_json(&Failed { ok: false, error: JsError::from(e) })
}

pub(crate) fn bad_argument(field: Field) -> CheckError {
    CheckError::new(ErrorCode::InvalidArgument, field)
}

/// Options as JSON text: empty or `null` means "defaults"; anything else must parse.
pub(crate) fn options<T: for<'de> Deserialize<'de> + Default>(json: &str) -> Result<T, CheckError> {
    if json.is_empty() || json == "null" {
        return Ok(T::default());
    }
    serde_json::from_str(json).map_err(|_| bad_argument(Field::Input))
}

