// Browsers without a bundler: `await init()` once (it fetches aliyun_idv_bg.wasm next to this file),
// then every function is synchronous. Calling a function before init() throws NOT_INITIALIZED.
export * from "./api.js";
export * from "./client.js";
export { default } from "./api.js";
