//! The thin WebAssembly layer. Plain JSON-compatible objects in and out (no `Map`, no `BigInt`,
//! no handles); the hand-written JS in `pkg-template/` turns `{code, ...}` error objects thrown
//! from here into `AliyunIdvError`. No logic lives here: each function converts, calls the core,
//! converts back.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::error::{CheckError, ErrorCode, Field};

/// `{ ok: false, error: {...} }` and the payload of thrown errors.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsError<'a> {
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
struct Failed<'a> {
    ok: bool,
    error: JsError<'a>,
}

#[derive(Serialize)]
struct Passed<'a, V: Serialize, I: Serialize> {
    ok: bool,
    value: V,
    info: I,
    warnings: &'a [&'static str],
    changed: bool,
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    // json_compatible: objects, not Map; null, not undefined.
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).unwrap_or(JsValue::NULL)
}

fn failed(e: &CheckError) -> JsValue {
    to_js(&Failed { ok: false, error: JsError::from(e) })
}

fn bad_argument(field: Field) -> CheckError {
    CheckError::new(ErrorCode::InvalidArgument, field)
}

/// Options objects: absent, `undefined` and `null` mean "defaults"; anything else must parse.
fn options<T: for<'de> Deserialize<'de> + Default>(v: JsValue) -> Result<T, CheckError> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(v).map_err(|_| bad_argument(Field::Input))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct IdOptionsJs {
    allow_residence_permit: Option<bool>,
    today: Option<String>,
}

#[derive(Serialize)]
struct IdInfoJs {}

#[wasm_bindgen(js_name = checkIdNumber)]
pub fn check_id_number(input: &str, opts: JsValue) -> JsValue {
    let opts: IdOptionsJs = match options(opts) {
        Ok(o) => o,
        Err(e) => return failed(&e),
    };
    let _ = opts.today;
    let core_opts = crate::id_number::IdOptions {
        allow_residence_permit: opts.allow_residence_permit.unwrap_or(false),
    };
    match crate::id_number::check_id_number(input, &core_opts) {
        Ok(r) => to_js(&Passed { ok: true, value: &r.value, info: IdInfoJs {}, warnings: &r.warnings, changed: r.changed }),
        Err(e) => failed(&e),
    }
}

#[wasm_bindgen(js_name = md5Hex)]
pub fn md5_hex(s: &str) -> String {
    crate::hash::md5_hex(s)
}
