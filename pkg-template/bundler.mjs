// Bundlers and other ESM hosts (the `default` condition): initialises with top-level await, so
// `import { checkIdNumber } from "aliyun-idv"` is ready to use. The bundler copies the .wasm that
// `new URL("aliyun_idv_bg.wasm", import.meta.url)` points at.
import init from "./api.js";

await init();

export * from "./api.js";
export * from "./client.js";
export {
  configFileCredentials, credentialsCache, defaultCredentialsChain, ecsRamRoleCredentials, environmentCredentials, oidcCredentials, ramRoleArnCredentials,
} from "./credentials.js";
export { default } from "./api.js";
