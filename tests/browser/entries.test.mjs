// The installed package's browser and default (bundler) entries in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "../../scripts/static-server.mjs";
import { launchChromium } from "./chromium.mjs";
import { mismatches } from "../package/run-cases.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const { cases } = JSON.parse(readFileSync(join(project, "cases.json"), "utf8"));
let server, browser, origin;

before(async () => {
  server = await serveStatic(project, { mounts: { "/test/": fileURLToPath(new URL(".", import.meta.url)) } });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function report(entry) {
  const page = await browser.newPage();
  const errors = [];
  const requested = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (req) => requested.push(new URL(req.url()).pathname));
  await page.goto(`${origin}/test/entry.html?entry=${entry}`);
  await page.waitForFunction(() => window.__report !== undefined, null, { timeout: 15000 });
  const r = await page.evaluate(() => window.__report);
  await page.close();
  assert.deepEqual(errors, []);
  r.requested = requested;
  return r;
}

/** Calls only the server module has (signing, building, parsing answers). */
const SERVER_ONLY = /^(build|signRequest$|parseResponse$)/;

for (const [entry, wasmFiles] of [["browser", []], ["browser-wasm", ["/node_modules/aliyun-idv/aliyun_idv_browser_bg.wasm"]]])
test(`${entry} entry: ready on import, names load on demand, then every check case; server-only calls throw NOT_AVAILABLE`, async () => {
  const r = await report(entry);
  assert.equal(r.failure, undefined);
  const checks = cases.filter((c) => !SERVER_ONLY.test(c.call));
  const checkOutcomes = r.outcomes.filter((_, i) => !SERVER_ONLY.test(cases[i].call));
  assert.ok(checks.length > 40);
  assert.deepEqual(mismatches(checks, checkOutcomes), []);
  const server = r.outcomes.filter((_, i) => SERVER_ONLY.test(cases[i].call));
  assert.ok(server.length >= 5);
  for (const o of server) assert.deepEqual([o.name, o.thrown?.code, o.thrown?.isAliyunIdvError], [o.name, "NOT_AVAILABLE", true]);
  // Region names are not in the browser module: null until loadRegionNames(), which fetches them once.
  assert.deepEqual([r.regionBefore.regionCode, r.regionBefore.regionName, r.regionBefore.province], ["110105", null, ""]);
  assert.equal(r.namesLoaded, true);
  assert.deepEqual([r.regionAfter.regionName, r.regionAfter.province], ["朝阳区", "北京市"]);
  // browser.mjs fetches no .wasm (the module is inlined), browser-wasm.mjs (Vite and webpack
  // production builds) its own; the names come as one extra module.
  assert.deepEqual(r.requested.filter((p) => p.endsWith(".wasm")), wasmFiles);
  assert.equal(r.requested.filter((p) => p.endsWith("/region-names.js")).length, 1);
});

test("full entry (aliyun-idv/full, by URL): ready after import, every shared case, names compiled in", async () => {
  const r = await report("bundler");
  assert.equal(r.failure, undefined);
  assert.deepEqual(mismatches(cases, r.outcomes), []);
  assert.equal(r.regionBefore.regionName, "朝阳区");
  assert.deepEqual(r.requested.filter((p) => p.endsWith(".wasm")), ["/node_modules/aliyun-idv/aliyun_idv_bg.wasm"]);
});
