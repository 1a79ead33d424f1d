// The checks-only browser module (the `browser` entry of the installed package, loaded in Node):
// the million-call memory test and the bad-input sweep of its exports, as for the server module,
// plus NOT_AVAILABLE for what it leaves out. Its WebAssembly instance is its own (browser.mjs does
// not share node.cjs's), so its memory is measured on its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const api = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "browser.mjs")).href);

const TOTAL = Number(process.env.ALIYUN_IDV_MEMORY_CALLS || 1_000_000);
const WARM_UP = 50_000;
const TODAY = "2026-11-22";
const LONG = "1".repeat(4096);
const LONE = "\uD800";

function stillWorks() {
  const r = api.checkIdNumber("11010519491231002X", { today: TODAY });
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.info.age, 76);
}

const CALLS = [
  () => api.checkIdNumber("11010519491231002X", { today: TODAY }).ok === true,
  () => api.checkIdNumber(" 11010519491231002x ", { today: TODAY }).changed === true,
  () => api.checkIdNumber("110105194912310021", { today: TODAY }).error.code === "ID_CHECKSUM",
  () => api.checkIdNumber("110105491231002", { today: TODAY }).error.hint === "11010519491231002X",
  () => api.checkIdNumber(LONG, { today: TODAY }).ok === false,
  () => api.checkName("阿卜杜拉•买买提").info.minorityName === true,
  () => api.checkMobile("+86 138-1234-5678").info.carrier === "CMCC",
  () => api.checkValidityPeriod({ start: "2016.03.01", end: "长期", today: TODAY }).info.longTerm === true,
  () => api.checkValidityPeriod({ start: "20200101", end: "20190101", today: TODAY }).ok === false,
  () => api.upgradeLegacyIdNumber("110105491231002") === "11010519491231002X",
  () => api.maskIdNumber("11010519491231002X") === "110105********002X",
  () => api.md5Hex("张三") === "615db57aa314529aaa0fbe95b3e95bd3",
  () => api.md5Hex(LONG).length === 32,
];

test(`browser module: ${TOTAL.toLocaleString("en")} mixed calls, the memory stops growing after warm-up`, () => {
  const start = api.__wasmMemoryBytes();
  assert.ok(start > 0);
  let afterWarmUp = 0;
  for (let i = 0; i < TOTAL; i++) {
    if (CALLS[i % CALLS.length]() !== true) assert.fail(`call ${i % CALLS.length} gave a wrong answer`);
    if (i === WARM_UP - 1) afterWarmUp = api.__wasmMemoryBytes();
  }
  assert.equal(api.__wasmMemoryBytes(), afterWarmUp, "the browser module's memory grew after warm-up");
  stillWorks();
});

test("browser module: wrong types, lone surrogates, huge and NUL inputs never throw from the checks nor poison the instance", () => {
  const bad = [undefined, null, 42, 1n, true, {}, [], () => 1, Symbol("s"), LONE, "\0", "1".repeat(1 << 20), "张".repeat(70000),
    new Proxy({}, { get() { throw new Error("getter"); } })];
  for (const v of bad) {
    for (const name of ["checkIdNumber", "checkName", "checkMobile"]) {
      const r = api[name](v);
      assert.equal(typeof r.ok, "boolean", name);
      if (typeof v !== "string") assert.equal(r.error.code, "INVALID_ARGUMENT", name);
    }
    const p = api.checkValidityPeriod(v);
    assert.equal(p.ok, false);
    assert.equal(typeof api.checkValidityPeriod({ start: v, end: v, idNumber: v, today: v }).ok, "boolean");
    for (const name of ["maskIdNumber", "maskName", "maskMobile"]) assert.equal(typeof api[name](v), "string", name);
    // md5Hex hashes what a field can hold; a string far longer than any value (over 64K UTF-16
    // units) is refused in JS before it is copied into WebAssembly (issue 11).
    if (typeof v === "string" && v.length <= 65536) assert.match(api.md5Hex(v), /^[0-9a-f]{32}$/);
    else if (typeof v === "string") assert.throws(() => api.md5Hex(v), (e) => e instanceof api.AliyunIdvError && e.code === "INVALID_ARGUMENT");
    else assert.throws(() => api.md5Hex(v), (e) => e instanceof api.AliyunIdvError && e.code === "INVALID_ARGUMENT");
    stillWorks();
  }
});

test("browser module: the server-only exports throw NOT_AVAILABLE; names load on demand", async () => {
  const opts = { accessKeyId: "ak", accessKeySecret: "sk", timestamp: "2026-11-22T01:02:03Z", nonce: "n", today: TODAY };
  for (const f of [
    () => api.buildId2MetaVerifyIntl({ idNumber: "11010519491231002X", name: "张三" }, opts),
    () => api.signRequest({ host: "h.example.com", action: "A", version: "v" }, opts),
    () => api.parseResponse("Id2MetaVerifyIntl", 200, "{}"),
  ]) {
    assert.throws(f, (e) => e instanceof api.AliyunIdvError && e.code === "NOT_AVAILABLE" && /server/.test(e.message));
  }
  assert.equal(await api.loadRegionNames(), true);
  assert.equal(api.checkIdNumber("11010519491231002X", { today: TODAY }).info.regionName, "朝阳区");
  stillWorks();
});
