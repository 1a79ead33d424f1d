// A million mixed calls through the installed package: every check with valid and invalid input,
// the masks, md5Hex, signRequest, a builder (valid and failing), parseResponse. WebAssembly memory
// only grows, so "no allocation leaks across the boundary" is: the size after warm-up equals the size
// at the end. The size is read through the package's diagnostic __wasmMemoryBytes().
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, assertStillWorks } from "./package.mjs";

const TOTAL = Number(process.env.ALIYUN_IDV_MEMORY_CALLS || 1_000_000);
const WARM_UP = 50_000;
const PAGE = 65536;

const TODAY = "2026-11-22";
const OPTS = { accessKeyId: "test-ak", accessKeySecret: "test-secret", timestamp: "2026-11-22T08:30:00Z", nonce: "nonce-1", today: TODAY };
const REQ = { method: "POST", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2022-08-09", form: { IdentifyNum: "11010519491231002X", UserName: "张三" } };
const OK_BODY = '{"Code":"Success","RequestId":"R-1","Result":{"BizCode":"1","IspName":"CMCC"}}';
const ERR_BODY = '{"Code":"Throttling.User","Message":"flow control","RequestId":"R-2"}';
const LONG = "1".repeat(4096); // a longer input, so a leak per call would show at once

/** One round of mixed calls: each returns something checked cheaply, so nothing is optimised away. */
const CALLS = [
  () => api.checkIdNumber("11010519491231002X", { today: TODAY }).ok === true,
  () => api.checkIdNumber(" 11010519491231002x ", { today: TODAY }).changed === true,
  () => api.checkIdNumber("110105194912310021", { today: TODAY }).error.code === "ID_CHECKSUM",
  () => api.checkIdNumber("110105491231002", { today: TODAY }).error.hint === "11010519491231002X",
  () => api.checkIdNumber(LONG, { today: TODAY }).ok === false,
  () => api.checkIdNumber(42).error.code === "INVALID_ARGUMENT",
  () => api.checkName("阿卜杜拉•买买提").info.minorityName === true,
  () => api.checkName("Zhang3").ok === false,
  () => api.checkMobile("+86 138-1234-5678").info.carrier === "CMCC",
  () => api.checkMobile("1381234567").ok === false,
  () => api.checkValidityPeriod({ start: "2016.03.01", end: "长期", today: TODAY }).info.longTerm === true,
  () => api.checkValidityPeriod({ start: "20200101", end: "20190101", today: TODAY }).ok === false,
  () => api.maskIdNumber("11010519491231002X") === "110105********002X",
  () => api.maskName("张三") === "张*",
  () => api.maskMobile("13812345678") === "138****5678",
  () => api.md5Hex("张三") === "615db57aa314529aaa0fbe95b3e95bd3",
  () => api.md5Hex(LONG).length === 32,
  () => api.signRequest(REQ, OPTS).signature.length === 64,
  () => api.signRequest(REQ, { ...OPTS, signatureVersion: "v1" }).signature.length === 28,
  () => api.buildId2MetaVerifyIntl({ idNumber: "11010519491231002X", name: "张三" }, OPTS).method === "POST",
  () => threwCode(() => api.buildId2MetaVerifyIntl({ idNumber: "110105194912310021", name: "张三" }, OPTS)) === "ID_CHECKSUM",
  () => threwCode(() => api.signRequest(REQ, { ...OPTS, nonce: "" })) === "SIGN_NONCE_EMPTY",
  () => api.parseResponse("Mobile3MetaVerifyIntl", 200, OK_BODY, { "x-acs-request-id": "R-1" }).verdict === "match",
  () => api.parseResponse("Id2MetaVerifyIntl", 429, ERR_BODY, { "x-acs-retry-after": "5" }).retryable === true,
  () => api.parseResponse("Id2MetaVerifyIntl", 502, "<html>bad gateway</html>").errorKind !== undefined,
];

function threwCode(f) {
  try {
    f();
    return null;
  } catch (e) {
    return e.code;
  }
}

test(`${TOTAL.toLocaleString("en")} mixed calls: the WebAssembly memory stops growing after warm-up`, () => {
  assert.ok(TOTAL > WARM_UP * 2, "the run is longer than the warm-up");
  const start = api.__wasmMemoryBytes();
  assert.ok(start > 0 && start % PAGE === 0, `memory ${start}`);
  const began = performance.now();
  let afterWarmUp = 0;
  for (let i = 0; i < TOTAL; i++) {
    const f = CALLS[i % CALLS.length];
    if (f() !== true) assert.fail(`call ${i % CALLS.length} (round ${Math.floor(i / CALLS.length)}) gave a wrong answer`);
    if (i === WARM_UP - 1) afterWarmUp = api.__wasmMemoryBytes();
  }
  const end = api.__wasmMemoryBytes();
  const seconds = (performance.now() - began) / 1000;
  const pages = (b) => b / PAGE;
  const report = `${TOTAL} calls in ${seconds.toFixed(1)} s; memory: ${pages(start)} pages at the start, ` +
    `${pages(afterWarmUp)} after ${WARM_UP} calls, ${pages(end)} at the end`;
  console.log(report);
  assert.equal(end, afterWarmUp, `the memory grew after warm-up: ${report}`);
  assertStillWorks();
});
