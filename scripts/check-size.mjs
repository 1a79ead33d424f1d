// Fails when the built package exceeds size-budget.json (gzip level 9, as BENCHMARKS.md reports):
// one budget per module (the server .wasm; the browser module as shipped, inlined in base64) and
// for the hand-written JS. What a Vite page ships is checked by tests/bundlers (viteCheckPageGzipBytes).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const root = new URL("../", import.meta.url);
const budget = JSON.parse(readFileSync(new URL("size-budget.json", root), "utf8"));
const pkg = new URL("pkg/", root);
const read = (f) => readFileSync(new URL(f, pkg));
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

const server = read("aliyun_idv_bg.wasm");
const browser = readFileSync(new URL("build/bindgen/aliyun_idv_browser_bg.wasm", root));
// The Node entries are bundles in pkg/ (node.mjs, node.cjs): their hand-written sources are counted.
const template = (f) => readFileSync(new URL("pkg-template/" + f, root));
const handWritten = [
  ...["api.js", "core.js", "client.js", "browser.mjs", "browser-wasm.mjs", "browser-names.js", "workerd.mjs", "bundler.mjs"].map(read),
  ...["node.mjs", "node.cjs", "node-instance.js", "node-bundled.mjs"].map(template),
];
const figures = {
  serverWasmRawBytes: server.length,
  serverWasmGzipBytes: gz(server),
  browserWasmRawBytes: browser.length,
  browserWasmGzipBytes: gz(browser),
  browserInlinedGzipBytes: gz(read("aliyun_idv_browser_wasm.js")),
  jsGzipBytes: handWritten.reduce((n, b) => n + gz(b), 0),
};
let over = 0;
for (const [key, value] of Object.entries(figures)) {
  const limit = budget[key];
  const ok = typeof limit === "number" && value <= limit;
  if (!ok) over++;
  console.log(`${ok ? "ok  " : "OVER"} ${key.padEnd(24)} ${String(value).padStart(7)} bytes (budget ${limit})`);
}
if (over) {
  console.error(`size budget exceeded (${over}); see size-budget.json`);
  process.exit(1);
}
