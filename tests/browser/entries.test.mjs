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
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/test/entry.html?entry=${entry}`);
  await page.waitForFunction(() => window.__report !== undefined, null, { timeout: 15000 });
  const r = await page.evaluate(() => window.__report);
  await page.close();
  assert.deepEqual(errors, []);
  return r;
}

test("browser entry: clear error before init(), then every shared case", async () => {
  const r = await report("browser");
  assert.equal(r.failure, undefined);
  assert.equal(r.beforeInit.code, "NOT_INITIALIZED");
  assert.equal(r.beforeInit.isAliyunIdvError, true);
  assert.match(r.beforeInit.message, /await init\(\)/);
  assert.deepEqual(mismatches(cases, r.outcomes), []);
});

test("default (bundler) entry: ready after import, every shared case", async () => {
  const r = await report("bundler");
  assert.equal(r.failure, undefined);
  assert.deepEqual(mismatches(cases, r.outcomes), []);
});
