// Fails when the built package exceeds size-budget.json (gzip level 9, as BENCHMARKS.md reports).
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const root = new URL("../", import.meta.url);
const budget = JSON.parse(readFileSync(new URL("size-budget.json", root), "utf8"));
const pkg = new URL("pkg/", root);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

const wasm = readFileSync(new URL("aliyun_idv_bg.wasm", pkg));
const js = readdirSync(pkg)
  .filter((f) => /\.(m?js|cjs)$/.test(f) && f !== "node.cjs")
  .map((f) => readFileSync(new URL(f, pkg)));
const figures = {
  wasmRawBytes: wasm.length,
  wasmGzipBytes: gz(wasm),
  jsGzipBytes: js.reduce((n, b) => n + gz(b), 0),
};
let over = 0;
for (const [key, value] of Object.entries(figures)) {
  const limit = budget[key];
  const ok = value <= limit;
  if (!ok) over++;
  console.log(`${ok ? "ok  " : "OVER"} ${key.padEnd(14)} ${String(value).padStart(7)} bytes (budget ${limit})`);
}
if (over) {
  console.error(`size budget exceeded (${over}); see size-budget.json`);
  process.exit(1);
}
