// `import` and `require` of the package in one Node process share one instance: one module, one
// AliyunIdvError class, one linear memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as esm from "aliyun-idv";

const cjs = createRequire(import.meta.url)("aliyun-idv");

test("require and import give the same instance", () => {
  assert.equal(esm.AliyunIdvError, cjs.AliyunIdvError);
  assert.equal(esm.checkIdNumber, cjs.checkIdNumber);
  let thrown;
  try {
    cjs.upgradeLegacyIdNumber("12345");
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof esm.AliyunIdvError, "an error thrown through require is an instance of the imported class");
  assert.equal(thrown.code, "ID_LENGTH");
  assert.deepEqual(Object.keys(esm).filter((k) => k !== "default").sort(), Object.keys(cjs).filter((k) => k !== "default").sort());
});

// node.cjs requires the client bundle (node-client.cjs) on the first createClient or credential
// provider call; what it throws is the one AliyunIdvError class, and a checking process never
// loads it. A fresh process, so no other test has loaded it first.
test("the client bundle loads on first use and shares the instance", async () => {
  const { execFileSync } = await import("node:child_process");
  const script = `
    const idv = require("aliyun-idv");
    const loaded = () => Object.keys(require.cache).some((k) => k.endsWith("node-client.cjs"));
    const before = loaded();
    idv.checkIdNumber("11010519491231002X");
    const afterCheck = loaded();
    let e;
    try { idv.createClient({ credentials: 42 }); } catch (x) { e = x; }
    const provider = idv.environmentCredentials({ env: {} });
    console.log(JSON.stringify({ before, afterCheck, after: loaded(), same: e instanceof idv.AliyunIdvError, code: e && e.code,
      provider: typeof provider, name: idv.createClient.name, length: idv.ramRoleArnCredentials.length }));`;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: process.cwd(), encoding: "utf8" }));
  assert.deepEqual(out, { before: false, afterCheck: false, after: true, same: true, code: "INVALID_OPTION", provider: "function", name: "createClient", length: 2 });
});

// The first failing check of a fresh instance fetches the catalog, which allocates in the module;
// when that grows its memory, the scratch slots must have been read already (the field came back
// undefined on a fresh instance's first ID_CHECKSUM).
test("the first check of a fresh instance reads every slot", async () => {
  const { execFileSync } = await import("node:child_process");
  const first = (call) =>
    JSON.parse(execFileSync(process.execPath, ["-e", `const idv = require("aliyun-idv"); console.log(JSON.stringify(${call}) ?? "null");`], { cwd: process.cwd(), encoding: "utf8" }));
  assert.deepEqual(first('idv.checkIdNumber("110105194912310021").error.field'), "idNumber");
  assert.deepEqual(first('idv.checkIdNumber("110105491231002").error'), {
    code: "ID_LEGACY_15", field: "idNumber", hint: "11010519491231002X",
    message: "This is a first-generation 15-digit number; enter the 18-digit number.", messageZh: "这是第一代 15 位身份证号码，请输入 18 位号码。",
  });
  assert.deepEqual(first('idv.checkMobile("13812345678").info.carrier'), "CMCC");
  assert.deepEqual(first('idv.checkIdNumber("11010519491231002X", { today: "2026-11-22" }).info'), {
    birthDate: "1949-12-31", gender: "female", age: 76, regionCode: "110105", regionName: "朝阳区", province: "北京市",
  });
});

// node.mjs and node.cjs are two bundles of the API; whichever loads first makes the instance and
// the other re-exports it (node-instance.js). Above, the test file's static import came first;
// here `require` does, in a fresh process, and the ES module import must give its very functions.
test("require first, then import: still one instance, and import does not go through CommonJS", async () => {
  const { execFileSync } = await import("node:child_process");
  const script = `
    const cjs = require("aliyun-idv");
    import("aliyun-idv").then((esm) => {
      const bundles = Object.keys(require.cache).filter((k) => k.includes("aliyun-idv")).map((k) => k.split("/").pop());
      console.log(JSON.stringify({ sameFn: esm.checkIdNumber === cjs.checkIdNumber, sameError: esm.AliyunIdvError === cjs.AliyunIdvError,
        sameClient: esm.createClient === cjs.createClient, bundles }));
    });`;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: process.cwd(), encoding: "utf8" }));
  assert.deepEqual(out, { sameFn: true, sameError: true, sameClient: true, bundles: ["node.cjs"] });
  // An ES module process loads no CommonJS file of the package at all until a client is made.
  const esmOnly = `
    import { createRequire } from "node:module";
    const idv = await import("aliyun-idv");
    const cache = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes("aliyun-idv")).map((k) => k.split("/").pop());
    const before = cache();
    idv.checkIdNumber("11010519491231002X");
    idv.createClient({ accessKeyId: "id", accessKeySecret: "secret", fetch: async () => new Response("{}") });
    console.log(JSON.stringify({ before, after: cache() }));`;
  const esm = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", esmOnly], { cwd: process.cwd(), encoding: "utf8" }));
  assert.deepEqual(esm, { before: [], after: ["node-client.cjs"] });
});

// Node 20 before 20.16 has no process.getBuiltinModule: node.mjs then takes `node:fs` and
// `node:module` by a top-level `await import`. Simulated by removing it before the import.
test("node.mjs without process.getBuiltinModule (older Node 20): the same answers", async () => {
  const { execFileSync } = await import("node:child_process");
  const script = `
    delete process.getBuiltinModule;
    const idv = await import("aliyun-idv");
    const r = idv.checkIdNumber("11010519491231002X", { today: "2026-11-22" });
    const provider = idv.environmentCredentials({ env: {} });
    console.log(JSON.stringify({ ok: r.ok, region: r.info.regionName, provider: typeof provider }));`;
  const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd(), encoding: "utf8" }));
  assert.deepEqual(out, { ok: true, region: "朝阳区", provider: "function" });
});
