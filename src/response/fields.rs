//! What the core reads of an answer, and the one table of result fields.
//!
//! The host parses the body (`JSON.parse` in the package; `serde_json` behind the `json` feature
//! natively) and hands over only the fields listed here, each tagged with the JSON type it had:
//! the core never parses JSON text. Adding a result field is one line in `result_fields!` below:
//! the package reads the fields this table names (it gets the table at start-up), the mapping in
//! `mod.rs` / `codes.rs` reads it with [`ResultValues::text`] or [`ResultValues::flag`], and the
//! JS `VerifyResult` carries it under its JS name when present.

use crate::prelude::*;
/// One value of the answer as the host's JSON parser gave it. Other JSON types (null, arrays,
/// objects, fractional or unsafe numbers) are simply absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A JSON string.
    Text(String),
    /// A JSON integer, as decimal text (e.g. `"1"`, `"-3"`).
    Int(String),
    /// A JSON boolean.
    Bool(bool),
}

impl Value {
    /// A string or an integer, as trimmed non-empty text (what codes and ids are read as).
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Text(s) => non_empty(s),
            Value::Int(s) => non_empty(s),
            Value::Bool(_) => None,
        }
    }

    /// `"Y"` / `"N"` / `"true"` / `"false"` (any case, trimmed), or a boolean.
    pub fn flag(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::Text(s) => match s.trim() {
                t if t.eq_ignore_ascii_case("Y") || t.eq_ignore_ascii_case("true") => Some(true),
                t if t.eq_ignore_ascii_case("N") || t.eq_ignore_ascii_case("false") => Some(false),
                _ => None,
            },
            Value::Int(_) => None,
        }
    }
}

pub(super) fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// How a result field is read and handed to JS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// [`Value::text`]; a JS string.
    Text,
    /// [`Value::flag`]; a JS boolean.
    Flag,
}

macro_rules! result_fields {
    ($( $variant:ident => $json:literal, $js:literal, $kind:ident; )*) => {
        /// A field of the `Result` / `ResultObject` object of an answer.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ResultField { $( $variant, )* }

        impl ResultField {
            /// Every result field, in table order (the order the package sends them in).
            pub const ALL: &'static [ResultField] = &[ $( ResultField::$variant, )* ];
            /// The field's name in the answer's JSON.
            pub fn json_name(self) -> &'static str {
                match self { $( ResultField::$variant => $json, )* }
            }
            /// The property of the JS `VerifyResult` that echoes it (when present).
            pub fn js_name(self) -> &'static str {
                match self { $( ResultField::$variant => $js, )* }
            }
            pub fn kind(self) -> Kind {
                match self { $( ResultField::$variant => Kind::$kind, )* }
            }
        }
    };
}

// Order: the order the JS VerifyResult lists them in.
result_fields! {
    BizCode => "BizCode", "bizCode", Text;
    SubCode => "SubCode", "subCode", Text;
    IspName => "IspName", "ispName", Text;
    Passed => "Passed", "passed", Flag;
}

/// How many result fields the table has.
pub const RESULT_FIELDS: usize = ResultField::ALL.len();

/// The envelope's fields the core reads.
pub const ENVELOPE_FIELDS: [&str; 3] = ["RequestId", "Code", "Message"];
/// The names of the result object, first match wins (international, then mainland envelope).
pub const RESULT_OBJECTS: [&str; 2] = ["Result", "ResultObject"];
/// The response headers the core reads (lower-case).
pub const HEADERS: [&str; 3] = ["x-acs-request-id", "x-acs-retry-after", "retry-after"];

/// The result fields, indexed by [`ResultField`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResultValues([Option<Value>; RESULT_FIELDS]);

impl ResultValues {
    pub fn get(&self, f: ResultField) -> Option<&Value> {
        self.0.get(f as usize).and_then(Option::as_ref)
    }
    pub fn set(&mut self, f: ResultField, v: Option<Value>) {
        if let Some(slot) = self.0.get_mut(f as usize) {
            *slot = v;
        }
    }
    /// The field as trimmed non-empty text.
    pub fn text(&self, f: ResultField) -> Option<String> {
        self.get(f).and_then(Value::text)
    }
    /// The field as a yes/no flag.
    pub fn flag(&self, f: ResultField) -> Option<bool> {
        self.get(f).and_then(Value::flag)
    }
}

/// What the core needs of an answer (besides the action, the HTTP status and the headers).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseFields {
    /// The body parsed as a JSON object. Otherwise (not JSON, or another JSON type) the answer is
    /// malformed and the other fields are ignored.
    pub is_object: bool,
    pub request_id: Option<Value>,
    pub code: Option<Value>,
    pub message: Option<Value>,
    /// `Result` or `ResultObject` (the first that is a JSON object), when there is one.
    pub result: Option<ResultValues>,
}

impl ResultValues {
    /// Each field read per its kind: `Text` fields as trimmed non-empty text, `Flag` fields as
    /// booleans; unreadable ones absent. This is what a `VerifyResult` echoes.
    pub(super) fn normalised(&self) -> ResultValues {
        let mut out = ResultValues::default();
        for f in ResultField::ALL {
            let v = match f.kind() {
                Kind::Text => self.text(*f).map(Value::Text),
                Kind::Flag => self.flag(*f).map(Value::Bool),
            };
            out.set(*f, v);
        }
        out
    }

    /// A normalised `Text` field, borrowed.
    pub fn as_str(&self, f: ResultField) -> Option<&str> {
        match self.get(f)? {
            Value::Text(s) | Value::Int(s) => Some(s),
            Value::Bool(_) => None,
        }
    }
}

/// The [`ResponseFields`] of a JSON body, the way the package extracts them after `JSON.parse`.
#[cfg(feature = "json")]
pub fn from_json(body: &str) -> ResponseFields {
    use serde_json::{Map, Value as J};
    fn value(v: Option<&J>) -> Option<Value> {
        match v? {
            J::String(s) => Some(Value::Text(s.clone())),
            // Integers JS represents exactly (what JSON.parse + Number.isSafeInteger keep).
            J::Number(n) => n.as_i64().filter(|i| i.unsigned_abs() < (1u64 << 53)).map(|i| Value::Int(i.to_string())),
            J::Bool(b) => Some(Value::Bool(*b)),
            _ => None,
        }
    }
    let obj: Map<String, J> = match serde_json::from_str::<J>(body) {
        Ok(J::Object(obj)) => obj,
        _ => return ResponseFields::default(),
    };
    let result = RESULT_OBJECTS.iter().find_map(|k| obj.get(*k).and_then(J::as_object)).map(|r| {
        let mut values = ResultValues::default();
        for f in ResultField::ALL {
            values.set(*f, value(r.get(f.json_name())));
        }
        values
    });
    ResponseFields {
        is_object: true,
        request_id: value(obj.get("RequestId")),
        code: value(obj.get("Code")),
        message: value(obj.get("Message")),
        result,
    }
}
