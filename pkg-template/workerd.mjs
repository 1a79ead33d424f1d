// Cloudflare Workers (the `workerd` condition): Workers forbid compiling WebAssembly at run time,
// so the .wasm is imported as a module (compiled at deploy time) and instantiated synchronously.
import * as glue from "./aliyun_idv.js";
import wasmModule from "./aliyun_idv_bg.wasm";
import { initCore } from "./core.js";

initCore(glue, glue.initSync({ module: wasmModule }));

export * from "./api.js";
export * from "./client.js";
export {
  configFileCredentials, credentialsCache, defaultCredentialsChain, ecsRamRoleCredentials, environmentCredentials, oidcCredentials, ramRoleArnCredentials,
} from "./credentials.js";
export { default } from "./api.js";
