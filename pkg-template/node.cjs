// Node.js, CommonJS (`require("aliyun-idv")`): a whole copy of the API as one CommonJS bundle
// (scripts/assemble-pkg.mjs), sharing its instance with node.mjs through node-instance.js.
//
// The .wasm is read from beside this file, synchronously. When the package has been bundled into
// a server bundle (esbuild or webpack for Node, ESM or CJS output, through node-bundled.mjs), the
// .wasm is not beside the bundle: the bytes then come from aliyun_idv_bg.wasm.base64.cjs, which
// the bundler inlines, so a bundle works with default settings. Plain Node never loads that file.
"use strict";
const { nodeInstance } = require("./node-instance.js");

function wasmBytes() {
  try {
    return require("node:fs").readFileSync(require("node:path").join(__dirname, "aliyun_idv_bg.wasm"));
  } catch {
    return Buffer.from(require("./aliyun_idv_bg.wasm.base64.cjs"), "base64");
  }
}

module.exports = nodeInstance(wasmBytes, () => require("./node-client.cjs"));
