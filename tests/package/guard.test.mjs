// The one readiness guard (pkg-template/core.js): api.js loaded on its own, with no module handed
// over by an entry, answers NOT_INITIALIZED from every export that needs the core, with valid
// arguments, without any per-export check. (Every entry of the package initialises on import, so
// users never see this; it guards internal imports and future entries.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const pkgDir = dirname(createRequire(import.meta.url).resolve("aliyun-idv/package.json"));
const api = await import(pathToFileURL(join(pkgDir, "api.js")).href);
const OPTS = { accessKeyId: "ak", accessKeySecret: "sk", timestamp: "2026-11-22T01:02:03Z", nonce: "n-1", today: "2026-11-22" };
const PERSON = { idNumber: "11010519491231002X", name: "张三" };

const CALLS = {
  checkIdNumber: ["11010519491231002X", { today: "2026-11-22" }],
  checkName: ["张三"],
  checkMobile: ["13812345678"],
  checkValidityPeriod: [{ start: "20160301", end: "20360301", today: "2026-11-22" }],
  upgradeLegacyIdNumber: ["110105491231002"],
  maskIdNumber: ["11010519491231002X"],
  maskName: ["张三"],
  maskMobile: ["13812345678"],
  md5Hex: ["张三"],
  buildId2MetaVerifyIntl: [PERSON, OPTS],
  buildMobile3MetaVerifyIntl: [{ ...PERSON, mobile: "13812345678" }, OPTS],
  buildId2MetaPeriodVerifyIntl: [{ ...PERSON, validityStart: "20160301", validityEnd: "20360301", merchantBizId: "b1" }, OPTS],
  buildId2MetaVerify: [PERSON, OPTS],
  signRequest: [{ host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2022-08-09" }, OPTS],
  parseResponse: ["Id2MetaVerifyIntl", 200, '{"Code":"Success","Result":{"BizCode":"1"}}', {}],
};

test("before initialisation every core-backed export throws NOT_INITIALIZED (one guard)", async () => {
  for (const [name, args] of Object.entries(CALLS)) {
    assert.equal(typeof api[name], "function", name);
    assert.throws(() => api[name](...args), (e) => e instanceof api.AliyunIdvError && e.code === "NOT_INITIALIZED", name);
  }
  await assert.rejects(api.default(), (e) => e.code === "NOT_INITIALIZED");
  assert.equal(api.__wasmMemoryBytes(), 0);
  // The functions that need no core still work.
  assert.equal(api.chinaToday(new Date("2026-11-22T16:00:00Z")), "2026-11-23");
});
