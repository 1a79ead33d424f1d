// Node.js, CommonJS (`require("aliyun-idv")`), and the instance behind the ESM entry too: node.mjs
// imports this file, so `require` and `import` in one process share one instance (and one
// AliyunIdvError class). scripts/assemble-pkg.mjs bundles this source with api.js and the
// generated bindings into pkg/node-impl.cjs (pkg/node.cjs is a stub that requires it).
//
// The client and the credential providers (about 60% of the JS) are a second bundle,
// node-client.cjs, required on the first call of one of them: a process that only checks, signs
// or parses never compiles them (measured: about 2 ms less of import time). Its imports of the
// API are this bundle's exports, so both share one instance; the exports here are thin wrappers,
// the same functions for `require` and `import`.
//
// The .wasm is read from beside this file, synchronously. When the package has been bundled into
// a server bundle (esbuild or webpack for Node, ESM or CJS output), the .wasm is not beside the
// bundle: the bytes then come from aliyun_idv_bg.wasm.base64.cjs, which the bundler inlines, so a
// bundle works with default settings. Plain Node never loads that file.
"use strict";
const glue = require("./aliyun_idv.js");
const { initCore } = require("./core.js");
const api = require("./api.js");

let lazy = null;
const later = () => (lazy ??= require("./node-client.cjs"));
// One wrapper per export of client.js and credentials.js (tests/package checks the list is whole).
function createClient(options) { return later().createClient(options); }
function configFileCredentials(options) { return later().configFileCredentials(options); }
function credentialsCache(source, options) { return later().credentialsCache(source, options); }
function defaultCredentialsChain(options) { return later().defaultCredentialsChain(options); }
function ecsRamRoleCredentials(options) { return later().ecsRamRoleCredentials(options); }
function environmentCredentials(options) { return later().environmentCredentials(options); }
function oidcCredentials(options) { return later().oidcCredentials(options); }
function ramRoleArnCredentials(source, options) { return later().ramRoleArnCredentials(source, options); }

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
  createClient,
  configFileCredentials, credentialsCache, defaultCredentialsChain, ecsRamRoleCredentials, environmentCredentials, oidcCredentials, ramRoleArnCredentials,
};
