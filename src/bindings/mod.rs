//! The thin WebAssembly layer. Plain JSON-compatible objects in and out (no `Map`, no `BigInt`,
//! no handles); the hand-written JS in `pkg-template/` turns `{code, ...}` error objects thrown
//! from here into `AliyunIdvError`. No logic lives here: each function converts, calls the core,
//! converts back.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::error::{CheckError, ErrorCode, Field};

mod checks;
mod requests;

pub use checks::*;
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
pub(crate) fn passed<V: Serialize, I: Serialize>(value: V, info: I, warnings: &[&'static str], changed: bool) -> JsValue {
    to_js(&Passed { ok: true, value, info, warnings, changed })
}

/// Throws `{code, field, message, messageZh}` (the JS layer makes it an AliyunIdvError). The hint
/// is left out: thrown errors end up in logs, and a hint may hold a full ID number.
pub(crate) fn thrown(e: &CheckError) -> JsValue {
    to_js(&JsError { hint: None, ..JsError::from(e) })
}

/// The `today` option, which the JS layer always fills.
pub(crate) fn today(s: Option<&str>) -> Result<chrono::NaiveDate, CheckError> {
    s.and_then(crate::date::parse_today).ok_or_else(|| CheckError::new(ErrorCode::TodayInvalid, Field::Today))
}

pub(crate) fn to_js<T: Serialize>(v: &T) -> JsValue {
    // json_compatible: objects, not Map; null, not undefined.
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).unwrap_or(JsValue::NULL)
}

pub(crate) fn failed(e: &CheckError) -> JsValue {
    to_js(&Failed { ok: false, error: JsError::from(e) })
}

pub(crate) fn bad_argument(field: Field) -> CheckError {
    CheckError::new(ErrorCode::InvalidArgument, field)
}

/// Options objects: absent, `undefined` and `null` mean "defaults"; anything else must parse.
pub(crate) fn options<T: for<'de> Deserialize<'de> + Default>(v: JsValue) -> Result<T, CheckError> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(v).map_err(|_| bad_argument(Field::Input))
}

