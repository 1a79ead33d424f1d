// Browsers (the `browser` condition, picked by Vite, webpack, esbuild and by a page importing
// this file directly): the checks-only module (ID, name, mobile and period checks, masks, md5,
// upgrade), inlined so every bundler works with default settings and no `init()` is needed.
// Signing, building and parsing answers need the server module (NOT_AVAILABLE here); region
// names load on demand with `await loadRegionNames()`.
import * as glue from "./aliyun_idv_browser.js";
import wasm from "./aliyun_idv_browser_wasm.js";
import { core, initCore } from "./core.js";

initCore(glue, glue.initSync({ module: wasm }));

export * from "./api.js";
export * from "./client.js";
export { default } from "./api.js";

let loading = null;

/**
 * Loads the region names (about 23 KB gzipped, a separate chunk) so `checkIdNumber` fills
 * `info.regionName` and `info.province`. Resolves to true; safe to call more than once.
 */
export function loadRegionNames() {
  loading ??= import("./region-names.js").then((m) => {
    if (!core.loadRegionNames(m.default)) throw new Error("aliyun-idv: region-names.js does not match this module");
    return true;
  });
  return loading;
}
