// The full (server) module by URL, for the `default` condition and for browsers that insist on
// the full module (`import ... from "aliyun-idv/full"`): instantiates with top-level await,
// fetching aliyun_idv_bg.wasm beside this file (`new URL(..., import.meta.url)`, which Vite and
// webpack emit as an asset). Region names are compiled in.
import * as glue from "./aliyun_idv.js";
import init, { useGlue } from "./core.js";

useGlue(glue);
await init();

export * from "./api.js";
export * from "./client.js";
export {
  configFileCredentials, credentialsCache, defaultCredentialsChain, ecsRamRoleCredentials, environmentCredentials, oidcCredentials, ramRoleArnCredentials,
} from "./credentials.js";
export { default } from "./api.js";
