//! `pkg-template/actions.js` is the Rust action table (`src/request/table.rs`) rendered for the
//! JS layer (builders, client methods, types follow from it). This test renders it again and
//! fails when the file differs; `UPDATE_JS_ACTIONS=1 cargo test --test js_action_table` rewrites it.

#![allow(clippy::unwrap_used, clippy::panic)]

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
