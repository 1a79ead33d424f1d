// The region names for the browser module, loaded on demand by both browser entries (browser.mjs,
// browser-wasm.mjs).
import { core } from "./core.js";

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
