//! `pkg-template/actions.js` is the Rust action table (`src/request/table.rs`) rendered for the
//! JS layer (builders, client methods, types follow from it). This test renders it again and
//! fails when the file differs; `UPDATE_JS_ACTIONS=1 cargo test --test js_action_table` rewrites it.
#![allow(clippy::disallowed_methods, clippy::disallowed_types, clippy::disallowed_macros)]

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, clippy::string_slice)]

use aliyun_idv::request::table::{InputField, Need, Source, ACTIONS};

fn render() -> String {
    let mut s = String::from(
        "// GENERATED from src/request/table.rs by tests/js_action_table.rs: do not edit by hand\n\
         // (`UPDATE_JS_ACTIONS=1 cargo test --test js_action_table` rewrites it; `cargo test` checks it).\n\
         // Every action the package builds: its name, client method, named builder, product, where the\n\
         // official SDK puts its parameters, md5 mode, residence permits, and the inputs it takes.\n\n",
    );
    s.push_str("/** The builder inputs, in the fixed order of the generic wasm entry (bit i of its mask = field i). */\n");
    s.push_str("export const INPUT_FIELDS = Object.freeze([\n");
    for f in InputField::ALL {
        s.push_str(&format!("  \"{}\",\n", f.js_name()));
    }
    s.push_str("]);\n\n/** One entry per action. */\nexport const ACTIONS = Object.freeze([\n");
    for a in ACTIONS {
        let method = {
            let mut c = a.name.chars();
            let first = c.next().unwrap().to_ascii_lowercase();
            format!("{first}{}", c.as_str())
        };
        let mut inputs = vec!["\"paramType\"".to_string()];
        let mut required = Vec::new();
        for f in InputField::ALL {
            if f == InputField::ParamType || !a.uses(f) {
                continue;
            }
            inputs.push(format!("\"{}\"", f.js_name()));
            let p = a.param_of(f).unwrap();
            if matches!(p.source, Source::Input(_)) && p.need == Need::Required {
                required.push(format!("\"{}\"", f.js_name()));
            }
        }
        s.push_str(&format!(
            "  Object.freeze({{ name: \"{}\", method: \"{method}\", builder: \"build{}\", product: \"{}\", sdkPlacement: \"{}\", md5: {}, residencePermits: {}, inputs: Object.freeze([{}]), required: Object.freeze([{}]) }}),\n",
            a.name,
            a.name,
            a.product.as_str(),
            if a.sdk_placement == aliyun_idv::request::Placement::Query { "query" } else { "body" },
            a.md5,
            a.residence_permits,
            inputs.join(", "),
            required.join(", "),
        ));
    }
    s.push_str("]);\n\n/** The entry of `name`, or undefined. */\nexport function actionEntry(name) {\n  return ACTIONS.find((a) => a.name === name);\n}\n");
    s
}

const BEGIN: &str = "// BEGIN GENERATED ACTIONS";
const END: &str = "// END GENERATED ACTIONS";
/// The actions whose types are hand-written above the generated block of index.d.ts.
const HAND_TYPED: [&str; 4] = ["Id2MetaVerifyIntl", "Mobile3MetaVerifyIntl", "Id2MetaPeriodVerifyIntl", "Id2MetaVerify"];

/// The TypeScript type of an input: the table's enumeration, or a string.
fn ts_type(a: &aliyun_idv::request::ActionSpec, f: InputField) -> String {
    if f == InputField::ParamType {
        return "ParamType".into();
    }
    match a.allowed(f) {
        [] => "string".into(),
        values => values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(" | "),
    }
}

fn method_of(name: &str) -> String {
    let mut c = name.chars();
    let first = c.next().unwrap().to_ascii_lowercase();
    format!("{first}{}", c.as_str())
}

/// The typed block of index.d.ts: an input interface, a builder and a client method per action.
fn render_types() -> String {
    let mut s = format!("{BEGIN} (from src/request/table.rs by tests/js_action_table.rs; do not edit by hand)\n");
    s.push_str("/** `normal`; `md5`: the library writes each field's documented md5 form from plaintext; `md5-hashed`: you pass the md5 forms. */\n");
    s.push_str("export type ParamType = \"normal\" | \"md5\" | \"md5-hashed\";\n");
    s.push_str("/** Every action the package builds. */\nexport type ActionName =\n");
    for a in ACTIONS {
        s.push_str(&format!("  | \"{}\"\n", a.name));
    }
    s.push_str(";\n");
    s.push_str("export interface ActionOptions extends BuildOptions {\n  /** Accept Hong Kong/Macao/Taiwan residence permits (810000/820000/830000); default: where the action's docs do. */\n  allowResidencePermit?: boolean;\n  /** `\"body\"` (default: personal data stays out of URLs) or `\"sdk\"` (where the official SDK puts them). */\n  paramsIn?: \"body\" | \"sdk\";\n}\n");
    let mut client = String::from("/** Client methods of the actions typed in this block. */\nexport interface ActionClientMethods {\n");
    for a in ACTIONS.iter().filter(|a| !HAND_TYPED.contains(&a.name)) {
        s.push_str(&format!("/** {} ({} product) input. */\nexport interface {}Input {{\n", a.name, a.product.as_str(), a.name));
        for f in InputField::ALL {
            if !a.uses(f) {
                continue;
            }
            let required = f != InputField::ParamType && a.param_of(f).is_some_and(|p| p.need == Need::Required && matches!(p.source, Source::Input(_)));
            s.push_str(&format!("  {}{}: {};\n", f.js_name(), if required { "" } else { "?" }, ts_type(a, f)));
        }
        s.push_str("}\n");
        s.push_str(&format!("/** Builds a signed {} request; throws AliyunIdvError (with the check's code) on bad input. */\n", a.name));
        s.push_str(&format!("export declare function build{}(input: {}Input, opts: ActionOptions): SignedRequest;\n", a.name, a.name));
        client.push_str(&format!("  {}(input: {}Input, options?: CallOptions): Promise<ClientResult>;\n", method_of(a.name), a.name));
    }
    client.push_str("}\n");
    s.push_str(&client);
    s.push_str("/** Builds any action of the table by name (only the inputs the action takes are read). */\n");
    s.push_str("export declare function buildAction(action: ActionName, input: Partial<Record<string, string>>, opts: ActionOptions): SignedRequest;\n");
    s.push_str(END);
    s.push('\n');
    s
}

#[test]
fn index_d_ts_has_the_generated_block() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/pkg-template/index.d.ts");
    let text = std::fs::read_to_string(path).unwrap();
    let want = render_types();
    let (start, end) = match (text.find(BEGIN), text.find(END)) {
        (Some(b), Some(e)) => (b, e + END.len() + 1),
        _ => (text.len(), text.len()),
    };
    let have = text.get(start..end).unwrap_or("");
    if std::env::var_os("UPDATE_JS_ACTIONS").is_some() && have != want {
        let sep = if start == text.len() { "\n" } else { "" };
        std::fs::write(path, format!("{}{sep}{want}{}", &text[..start], &text[end..])).unwrap();
        return;
    }
    assert!(have == want, "the generated block of pkg-template/index.d.ts is not the Rust table: run UPDATE_JS_ACTIONS=1 cargo test --test js_action_table");
}

#[test]
fn actions_js_is_the_rust_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/pkg-template/actions.js");
    let want = render();
    if std::env::var_os("UPDATE_JS_ACTIONS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(have == want, "pkg-template/actions.js is not the Rust table: run UPDATE_JS_ACTIONS=1 cargo test --test js_action_table");
}
