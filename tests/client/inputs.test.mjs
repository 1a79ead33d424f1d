// The package's own-property reads, input bounds and rejections (pkg-template/api.js, issue 11),
// and the response rules of the core seen through the package. Every clock is fixed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const lib = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);
const { AliyunIdvError, chinaToday, checkIdNumber, checkName, checkMobile, checkValidityPeriod, buildId2MetaVerifyIntl, signRequest, parseResponse, md5Hex, maskIdNumber, upgradeLegacyIdNumber, __wasmMemoryBytes } = lib;

const OPTS = { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret", timestamp: "2026-06-01T04:00:00Z", nonce: "n-1", today: "2026-06-01" };
const PERSON = { idNumber: "110105199003070316", name: "张三" };

test("chinaToday is the date in UTC+8, at the day boundary", () => {
  assert.equal(chinaToday(new Date("2026-06-01T15:59:59Z")), "2026-06-01");
  assert.equal(chinaToday(new Date("2026-06-01T16:00:00Z")), "2026-06-02");
  assert.equal(chinaToday(new Date("2026-12-31T15:59:59.999Z")), "2026-12-31");
  assert.equal(chinaToday(new Date("2026-12-31T16:00:00Z")), "2027-01-01");
});

// chinaToday counts the date by arithmetic (toISOString's first call is slow): the same date as
// Date's own calendar for every 7th day of years 0000-9999 and around each end of that range
// (years outside it, and 8.64e15 ms minus 8 hours, are Date's business: toISOString).
test("chinaToday agrees with Date's calendar from year 0 to 9999 and beyond", () => {
  const day = 86400000;
  const iso = (t) => new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const first = new Date(0).setUTCFullYear(0, 0, 1) - day * 3; // (Date.UTC reads 0 as 1900)
  const last = Date.UTC(9999, 11, 31) + day * 3;
  let n = 0;
  for (let t = first; t <= last; t += 7 * day + 3600 * 1000 / 24) {
    assert.equal(chinaToday(new Date(t)), iso(t), new Date(t).toISOString());
    n++;
  }
  for (const t of [first - day * 400, Date.UTC(-1, 11, 31, 16), Date.UTC(9999, 11, 31, 16), last + day * 400, 8.64e15 - 9 * 3600 * 1000]) {
    assert.equal(chinaToday(new Date(t)), iso(t), String(t));
  }
  assert.ok(n > 500000, `${n} days`); // 10,000 years, a day in 7 (and an hour later each time)
});

test("chinaToday of an invalid date rejects with AliyunIdvError, never a RangeError", () => {
  for (const bad of [new Date(NaN), new Date(8.64e15), "2026-06-01", 0]) {
    assert.throws(() => chinaToday(bad), (e) => e instanceof AliyunIdvError && e.code === "INVALID_ARGUMENT" && e.field === "now");
  }
});

test("inputs far longer than any valid value are refused in JS, with the field's code, before wasm", () => {
  const before = __wasmMemoryBytes();
  const huge = "1".repeat(100_000_000);
  assert.deepEqual([checkMobile(huge).ok, checkMobile(huge).error.code], [false, "MOBILE_LENGTH"]);
  assert.equal(checkIdNumber(huge).error.code, "ID_LENGTH");
  assert.equal(checkName(huge).error.code, "NAME_TOO_LONG");
  assert.equal(checkValidityPeriod({ start: huge, end: "20300101" }).error.field, "validityStart");
  assert.throws(() => buildId2MetaVerifyIntl({ ...PERSON, name: huge }, OPTS), (e) => e instanceof AliyunIdvError && e.code === "NAME_TOO_LONG");
  assert.throws(() => buildId2MetaVerifyIntl(PERSON, { ...OPTS, nonce: huge }), (e) => e instanceof AliyunIdvError && e.code === "INVALID_ARGUMENT" && e.field === "nonce");
  assert.throws(() => md5Hex(huge), (e) => e instanceof AliyunIdvError && e.code === "INVALID_ARGUMENT");
  assert.throws(() => upgradeLegacyIdNumber(huge), (e) => e instanceof AliyunIdvError && e.code === "ID_LENGTH");
  assert.throws(() => signRequest({ method: "POST", host: "h", action: "A", version: "1", form: { P: huge } }, OPTS), (e) => e instanceof AliyunIdvError);
  assert.equal(maskIdNumber(huge), "********");
  const r = parseResponse("Id2MetaVerifyIntl", 200, `{"Code":"Success","Result":{"BizCode":"1"},"Pad":"${huge}"}`, {});
  assert.equal(r.errorKind, "malformed_response");
  assert.ok(__wasmMemoryBytes() - before < 4 * 1024 * 1024, `wasm memory grew ${__wasmMemoryBytes() - before} bytes`);
  // and the ordinary values still work
  assert.equal(checkMobile("+86 138 1234 5678").value, "13812345678");
});

test("own properties only: a polluted Object.prototype reaches no export", () => {
  try {
    Object.prototype.idNumber = PERSON.idNumber;
    Object.prototype.name = PERSON.name;
    Object.prototype.endpoint = "evil.example";
    Object.prototype.signatureVersion = "v1";
    assert.throws(() => buildId2MetaVerifyIntl({}, OPTS), (e) => e instanceof AliyunIdvError && e.code === "ID_EMPTY");
    const req = buildId2MetaVerifyIntl({ ...PERSON }, { ...OPTS });
    assert.ok(!req.url.includes("evil.example"), req.url);
    assert.ok(req.headers.authorization, "V3 (the polluted signatureVersion is ignored)");
    assert.equal(checkValidityPeriod(Object.create({ start: "20200101", end: "20300101" })).error.field, "validityStart");
  } finally {
    for (const k of ["idNumber", "name", "endpoint", "signatureVersion"]) delete Object.prototype[k];
  }
});

test("a __proto__ parameter in signRequest is signed as given, never dropped", () => {
  const form = JSON.parse('{"__proto__":"x","A":"1"}');
  const r = signRequest({ method: "POST", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2022-08-09", form }, OPTS);
  assert.match(r.body, /(^|&)__proto__=x(&|$)/);
  assert.match(r.canonicalRequest + r.body, /__proto__/);
});

test("an escaped lone surrogate in an unrelated field does not hide a billed match", () => {
  const r = parseResponse("Id2MetaVerifyIntl", 200, '{"RequestId":"R","Code":"Success","Message":"\\ud800","Result":{"BizCode":"1"}}', {});
  assert.equal(r.verdict, "match");
  assert.equal(r.billed, true);
});

test("contradictory answers are never a match; Forbidden codes and mainland 405 as documented", () => {
  const m3 = parseResponse("Mobile3MetaVerifyIntl", 200, '{"Code":"Success","Result":{"BizCode":"1","SubCode":"201"}}', {});
  assert.deepEqual([m3.verdict, m3.errorKind, m3.billed, m3.retryable], ["error", "inconsistent_response", true, false]);
  const p = parseResponse("Id2MetaPeriodVerifyIntl", 200, '{"Code":"Success","Result":{"Passed":"Y","SubCode":"223"}}', {});
  assert.deepEqual([p.verdict, p.errorKind, p.billed], ["error", "inconsistent_response", true]);
  const ds = parseResponse("Id2MetaVerifyIntl", 500, '{"RequestId":"R","Code":"Forbidden.ExceptionDataSource","Message":"m"}', {});
  assert.deepEqual([ds.errorKind, ds.retryable], ["server", true]);
  const rep = parseResponse("Id2MetaVerifyIntl", 401, '{"RequestId":"R","Code":"Forbidden.ExceptionRepeatedInvoke","Message":"m"}', {});
  assert.deepEqual([rep.errorKind, rep.retryable], ["business", false]);
  const cn = parseResponse("Mobile3MetaDetailVerify", 200, '{"RequestId":"R","Code":"405","Message":"m"}', {});
  assert.deepEqual([cn.verdict, cn.errorKind, cn.billed], ["error", "business", false]);
  const nonce = parseResponse("Id2MetaVerifyIntl", 400, '{"RequestId":"R","Code":"SignatureNonceUsed","Message":"m"}', {});
  assert.equal(nonce.retryable, false);
});
