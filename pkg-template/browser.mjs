// Browsers (the `browser` condition, picked by esbuild, by Vite and webpack outside production
// builds, and by a page importing this file directly): the checks-only module (ID, name, mobile
// and period checks, masks, md5, upgrade), inlined so every bundler works with default settings
// and no `init()` is needed. Vite and webpack production builds get browser-wasm.mjs instead (the
// same module as a .wasm asset, ~6.5 KB gzipped less). Signing, building and parsing answers need
// the server module (NOT_AVAILABLE here); region names load on demand with
// `await loadRegionNames()`.
import * as glue from "./aliyun_idv_browser.js";
import wasm from "./aliyun_idv_browser_wasm.js";
import { initCore } from "./core.js";

initCore(glue, glue.initSync({ module: wasm }));

export * from "./api.js";
export * from "./client.js";
export { default } from "./api.js";
export { loadRegionNames } from "./browser-names.js";
