// The one instance of this build of the package in a Node process (also Deno and Bun), whichever
// entry loads first: node.mjs (`import`, an ES module bundle) or node.cjs (`require`, a CommonJS
// bundle). Each entry is a whole copy of the API, so that an `import` never goes through Node's
// CommonJS loader (measured: about 1.4 ms of a fresh process's import); the first to load
// instantiates the module and records its API in the global symbol registry under this build's id
// (the version and a hash of the build, set by scripts/assemble-pkg.mjs), and the other re-exports
// that same API: one module, one memory, one AliyunIdvError class. A different build of the package
// in the same process has another id and its own instance.
//
// The client and the credential providers (about 60% of the JS) are a third bundle,
// node-client.cjs, loaded on the first call of one of them (a process that only checks, signs or
// parses never compiles them); it takes the API from the same registry entry.
import * as glue from "./aliyun_idv.js";
import { initCore } from "./core.js";
import * as api from "./api.js";

/* global __ALIYUN_IDV_INSTANCE__ */
const KEY = Symbol.for(__ALIYUN_IDV_INSTANCE__);

/**
 * This build's API in this process: the recorded one, or a new instance from `bytes()` (the
 * .wasm file's bytes), recorded. `loadClient()` answers node-client.cjs's exports.
 */
export function nodeInstance(bytes, loadClient) {
  const recorded = globalThis[KEY];
  if (recorded !== undefined) return recorded;
  initCore(glue, glue.initSync({ module: bytes() }));
  let client = null;
  const later = () => (client ??= loadClient());
  // One wrapper per export of client.js and credentials.js (tests/package checks the list is whole).
  const instance = {
    ...api,
    createClient(options) { return later().createClient(options); },
    configFileCredentials(options) { return later().configFileCredentials(options); },
    credentialsCache(source, options) { return later().credentialsCache(source, options); },
    defaultCredentialsChain(options) { return later().defaultCredentialsChain(options); },
    ecsRamRoleCredentials(options) { return later().ecsRamRoleCredentials(options); },
    environmentCredentials(options) { return later().environmentCredentials(options); },
    oidcCredentials(options) { return later().oidcCredentials(options); },
    ramRoleArnCredentials(source, options) { return later().ramRoleArnCredentials(source, options); },
  };
  // Not enumerable, not writable, not configurable: set once per process.
  Object.defineProperty(globalThis, KEY, { value: instance });
  return instance;
}
