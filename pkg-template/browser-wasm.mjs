// Browsers through Vite or webpack production builds (`browser` + `production` conditions): the
// checks-only module of browser.mjs as a .wasm file beside this one. Both bundlers emit it as an
// asset from `new URL(..., import.meta.url)` with default settings, so the page ships the .wasm
// (~25 KB gzipped) instead of its base64 inside the JS (~32 KB gzipped). Ready on import, like
// browser.mjs: the module is fetched and instantiated with top-level await.
import * as glue from "./aliyun_idv_browser.js";
import { initCore } from "./core.js";

initCore(glue, await glue.default({ module_or_path: new URL("./aliyun_idv_browser_bg.wasm", import.meta.url) }));

export * from "./api.js";
export * from "./client.js";
export { default } from "./api.js";
export { loadRegionNames } from "./browser-names.js";
