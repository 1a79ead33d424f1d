//! Prototype (measurement only): parseResponse with the fields as a JS object read through
//! serde-wasm-bindgen, and the result written back as a JS object.
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::response::fields::{ResponseFields, ResultField, ResultValues, Value};

#[derive(Deserialize)]
#[serde(untagged)]
enum V {
    S(String),
    N(f64),
    B(bool),
}

fn v(x: Option<V>) -> Option<Value> {
    match x? {
        V::S(s) => Some(Value::Text(s)),
        V::N(n) => (n.fract() == 0.0 && n.abs() < 9007199254740992.0).then(|| Value::Int(format!("{}", n as i64))),
        V::B(b) => Some(Value::Bool(b)),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct In {
    is_object: bool,
    request_id: Option<V>,
    code: Option<V>,
    message: Option<V>,
    result: Option<std::collections::BTreeMap<String, V>>,
    headers: Vec<(String, String)>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Out<'a> {
    verdict: &'static str,
    billed: bool,
    retryable: bool,
    request_id: Option<&'a str>,
    code: Option<&'a str>,
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    biz_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    isp_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    passed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_ms: Option<u32>,
    description: &'static str,
    description_zh: &'static str,
}

#[wasm_bindgen(js_name = parseResponseSwb)]
pub fn parse_response_swb(action: &str, http_status: u16, input: JsValue) -> JsValue {
    let Ok(i) = serde_wasm_bindgen::from_value::<In>(input) else { return JsValue::NULL };
    let result = i.result.map(|mut m| {
        let mut r = ResultValues::default();
        for f in ResultField::ALL {
            r.set(*f, v(m.remove(f.json_name())));
        }
        r
    });
    let body = ResponseFields { is_object: i.is_object, request_id: v(i.request_id), code: v(i.code), message: v(i.message), result };
    let r = crate::response::interpret(action, http_status, &body, &i.headers);
    let out = Out {
        verdict: r.verdict.as_str(),
        billed: r.billed,
        retryable: r.retryable,
        request_id: r.request_id.as_deref(),
        code: r.code.as_deref(),
        message: r.message.as_deref(),
        biz_code: r.biz_code(),
        sub_code: r.sub_code(),
        isp_name: r.isp_name(),
        passed: r.passed(),
        error_kind: r.error_kind.map(|k| k.as_str()),
        retry_after_ms: r.retry_after_ms,
        description: r.description,
        description_zh: r.description_zh,
    };
    serde_wasm_bindgen::to_value(&out).unwrap_or(JsValue::NULL)
}
