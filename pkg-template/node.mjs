// Node.js, ESM (`import ... from "aliyun-idv"` in Node, Deno and Bun): a whole copy of the API as
// one ES module bundle (scripts/assemble-pkg.mjs), sharing its instance with node.cjs through
// node-instance.js. No import of a Node built-in: `import "node:fs"` alone costs about 1.5 ms of a
// fresh process (its ESM wrapper reads every export of fs, which loads fs/promises);
// `process.getBuiltinModule` (Node 20.16+, Deno, Bun) costs nothing. Older Node 20 releases take
// the top-level `await import` below instead.
//
// Bundlers targeting Node (esbuild, webpack, Vite SSR) take node-bundled.mjs instead (the `module`
// condition, which Node itself never matches): there the .wasm may not be beside the bundle.
import { nodeInstance } from "./node-instance.js";

const getBuiltin = typeof globalThis.process?.getBuiltinModule === "function" ? (name) => process.getBuiltinModule(name) : null;
const fs = getBuiltin ? getBuiltin("node:fs") : await import("node:fs");
const nodeModule = getBuiltin ? null : await import("node:module");

/* global __ALIYUN_IDV_WASM_SIZE__ */
/**
 * The .wasm beside this file. Its size is known when the package is built: one read into a buffer
 * of that size (readFileSync asks the file system for the size first; measured: ~0.1 ms of a
 * fresh import); any other size is read again with readFileSync.
 */
function wasmBytes() {
  const path = new URL("./aliyun_idv_bg.wasm", import.meta.url);
  const size = __ALIYUN_IDV_WASM_SIZE__;
  try {
    const fd = fs.openSync(path, "r");
    try {
      const bytes = new Uint8Array(size + 1);
      if (fs.readSync(fd, bytes, 0, size + 1, 0) === size) return bytes.subarray(0, size);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // readFileSync below says what is wrong
  }
  return fs.readFileSync(path);
}

const instance = nodeInstance(
  wasmBytes,
  () => (nodeModule ?? getBuiltin("node:module")).createRequire(import.meta.url)("./node-client.cjs"),
);

/* EXPORTS */
