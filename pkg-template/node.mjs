// Node.js (ESM): instantiates the module synchronously from the .wasm file beside this one.
import { readFileSync } from "node:fs";
import { initSync } from "./api.js";

initSync({ module: readFileSync(new URL("./aliyun_idv_bg.wasm", import.meta.url)) });

export * from "./api.js";
export * from "./client.js";
export {
  configFileCredentials, credentialsCache, defaultCredentialsChain, ecsRamRoleCredentials, environmentCredentials, oidcCredentials, ramRoleArnCredentials,
} from "./credentials.js";
export { default } from "./api.js";
