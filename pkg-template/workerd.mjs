// Cloudflare Workers (the `workerd` condition): Workers forbid compiling WebAssembly at run time,
// so the .wasm is imported as a module (compiled at deploy time) and instantiated synchronously.
import wasmModule from "./aliyun_idv_bg.wasm";
import { initSync } from "./api.js";

initSync({ module: wasmModule });

export * from "./api.js";
export * from "./client.js";
export {
  configFileCredentials, credentialsCache, defaultCredentialsChain, ecsRamRoleCredentials, environmentCredentials, oidcCredentials, ramRoleArnCredentials,
} from "./credentials.js";
export { default } from "./api.js";
