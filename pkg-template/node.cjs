// Node.js, CommonJS (`require("aliyun-idv")`), and the instance behind the ESM entry too: node.mjs
// imports this file, so `require` and `import` in one process share one instance (and one
// AliyunIdvError class). scripts/assemble-pkg.mjs bundles this source with api.js, client.js and
// the generated bindings into pkg/node.cjs.
//
// The .wasm is read from beside this file, synchronously. When the package has been bundled into
// a server bundle (esbuild or webpack for Node, ESM or CJS output), the .wasm is not beside the
// bundle: the bytes then come from aliyun_idv_bg.wasm.base64.cjs, which the bundler inlines, so a
// bundle works with default settings. Plain Node never loads that file.
"use strict";
const glue = require("./aliyun_idv.js");
const { initCore } = require("./core.js");
const api = require("./api.js");
const client = require("./client.js");
const {
  configFileCredentials, credentialsCache, defaultCredentialsChain, ecsRamRoleCredentials, environmentCredentials, oidcCredentials, ramRoleArnCredentials,
} = require("./credentials.js");

function wasmBytes() {
  try {
    return require("node:fs").readFileSync(require("node:path").join(__dirname, "aliyun_idv_bg.wasm"));
  } catch {
    return Buffer.from(require("./aliyun_idv_bg.wasm.base64.cjs"), "base64");
  }
}

initCore(glue, glue.initSync({ module: wasmBytes() }));

module.exports = {
  ...api,
  ...client,
  configFileCredentials, credentialsCache, defaultCredentialsChain, ecsRamRoleCredentials, environmentCredentials, oidcCredentials, ramRoleArnCredentials,
};
