// The installed tarball, imported as ESM from Node (the `node` + `import` conditions).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as api from "aliyun-idv";
import init, { AliyunIdvError, checkIdNumber } from "aliyun-idv";
import { runCases, mismatches } from "./run-cases.mjs";

const { cases } = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8"));

test("ESM entry resolves to node.mjs and is ready without init()", () => {
  const resolved = import.meta.resolve("aliyun-idv");
  assert.match(resolved, /\/node_modules\/aliyun-idv\/node\.mjs$/);
  assert.equal(checkIdNumber("11010519491231002X", { today: "2026-11-22" }).ok, true);
});

test("shared cases through the ESM entry", () => {
  assert.deepEqual(mismatches(cases, runCases(api, cases)), []);
});

test("init() is a harmless no-op once initialised", async () => {
  await init();
  assert.equal(api.md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
});

test("results are plain JSON objects", () => {
  const r = checkIdNumber("110105194912310021", { today: "2026-11-22" });
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test("errors are AliyunIdvError with a code", () => {
  assert.throws(() => api.md5Hex(undefined), (e) => e instanceof AliyunIdvError && e instanceof Error && e.code === "INVALID_ARGUMENT");
});

test("the package ships two .wasm (server, browser module) and its declared files", () => {
  const require = createRequire(import.meta.url);
  const pkg = require("aliyun-idv/package.json");
  assert.deepEqual(pkg.files.filter((f) => f.endsWith(".wasm")), ["aliyun_idv_bg.wasm", "aliyun_idv_browser_bg.wasm"]);
  assert.ok(readFileSync(require.resolve("aliyun-idv/aliyun_idv_bg.wasm")).length > 1000);
});
