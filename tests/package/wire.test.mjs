// Signing vectors (computed by the official SDKs) and sample responses, through the installed package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { signRequest, parseResponse, buildId2MetaVerifyIntl, acsTimestamp, AliyunIdvError } from "aliyun-idv";
import { loadSigningCases } from "./data/signing/load.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
// The official-SDK signing cases, one folder each (tests/data/signing/, copied beside this file).
const vectors = { cases: loadSigningCases(join(here, "data", "signing")) };

function requestOf(c) {
  const params = Object.fromEntries(Object.entries(c.params).filter(([, v]) => v !== null));
  const inBody = c.sdk_param_location === "form body";
  return { method: c.method, host: c.host, action: c.action, version: c.version, query: inBody ? {} : params, form: inBody ? params : {} };
}

function optsOf(c, signatureVersion) {
  const cr = c.credentials;
  return {
    accessKeyId: cr.access_key_id,
    accessKeySecret: cr.access_key_secret,
    ...(cr.security_token ? { securityToken: cr.security_token } : {}),
    timestamp: c.timestamp,
    nonce: c.nonce,
    signatureVersion,
  };
}

test(`every signing vector reproduces exactly, V3 and V1 (${vectors.cases.length} cases)`, () => {
  assert.ok(vectors.cases.length >= 17);
  for (const c of vectors.cases) {
    const v3 = signRequest(requestOf(c), optsOf(c, "v3"));
    assert.equal(v3.canonicalRequest, c.v3.canonical_request, `${c.id} v3 canonical request`);
    assert.equal(v3.stringToSign, c.v3.string_to_sign, `${c.id} v3 string to sign`);
    assert.equal(v3.headers.authorization, c.v3.request.headers.authorization, `${c.id} v3 authorization`);
    assert.equal(v3.headers["x-acs-content-sha256"], c.v3.hashed_payload, `${c.id} v3 payload hash`);
    const v1 = signRequest(requestOf(c), optsOf(c, "v1"));
    assert.equal(v1.canonicalRequest, c.v1.canonical_query_string, `${c.id} v1 canonical query`);
    assert.equal(v1.stringToSign, c.v1.string_to_sign, `${c.id} v1 string to sign`);
    assert.equal(v1.signature, c.v1.signature, `${c.id} v1 signature`);
    assert.ok(v1.url.includes("Signature=" + encodeURIComponent(c.v1.signature)), `${c.id} v1 URL carries the signature`);
  }
});

test("a Date timestamp is sent without milliseconds", () => {
  const r = buildId2MetaVerifyIntl(
    { idNumber: "11010519491231002X", name: "张三" },
    { accessKeyId: "id", accessKeySecret: "secret", timestamp: new Date("2026-01-15T08:30:00.123Z"), nonce: "n-1", today: "2026-11-22" },
  );
  assert.equal(r.headers["x-acs-date"], "2026-01-15T08:30:00Z");
  assert.equal(r.body.includes("IdentifyNum=11010519491231002X"), true);
  assert.equal(r.url.includes("11010519491231002X"), false);
});

// acsTimestamp formats a second once and reuses it while the seconds repeat: alternating seconds,
// the same second with other milliseconds, and the years toISOString writes with six digits.
test("acsTimestamp: each Date its own second, milliseconds dropped", () => {
  const cases = [
    ["2026-01-15T08:30:00.999Z", "2026-01-15T08:30:00Z"],
    ["2026-01-15T08:30:01.000Z", "2026-01-15T08:30:01Z"],
    ["2026-01-15T08:30:00.001Z", "2026-01-15T08:30:00Z"],
    ["1969-12-31T23:59:59.500Z", "1969-12-31T23:59:59Z"],
    ["+010000-01-01T00:00:00.250Z", "+010000-01-01T00:00:00Z"],
  ];
  for (let round = 0; round < 2; round++) {
    for (const [at, want] of cases) assert.equal(acsTimestamp(new Date(at)), want, at);
  }
});

// The flattened parameters of a query or form: at most 1,000 distinct names (a name the
// flattening gives twice counts once), nested ones included.
test("signRequest: at most 1,000 parameters after flattening", () => {
  const opts = { accessKeyId: "id", accessKeySecret: "secret", timestamp: "2026-01-15T08:30:00Z", nonce: "n-1" };
  const req = (form) => ({ method: "POST", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2022-08-09", form });
  const many = (n, prefix = "K") => Object.fromEntries(Array.from({ length: n }, (_, i) => [prefix + i, "v"]));
  assert.ok(signRequest(req(many(1000)), opts).signature);
  const refused = (form) => assert.throws(() => signRequest(req(form), opts), (e) => e instanceof AliyunIdvError && e.code === "INVALID_ARGUMENT" && /more than 1000 parameters/.test(e.message));
  refused(many(1001));
  refused({ ...many(999), L: ["a", "b"] }); // L.1, L.2: 1,001
  // "L.1" given and flattened from L: one name, 1,000 in all
  const r = signRequest(req({ ...many(998), "L.1": "x", L: ["y"], M: "z" }), opts);
  assert.equal(r.body.split("&").filter((p) => p.startsWith("L.1=")).length, 1);
});

test("builders refuse invalid input with the check's code before signing", () => {
  assert.throws(
    () => buildId2MetaVerifyIntl({ idNumber: "110105194912310021", name: "张三" }, { accessKeyId: "id", accessKeySecret: "secret", timestamp: "2026-01-15T08:30:00Z", nonce: "n" }),
    (e) => e instanceof AliyunIdvError && e.code === "ID_CHECKSUM" && e.field === "idNumber" && !String(e).includes("110105194912310021"),
  );
});

function samples(dir) {
  // family/: the actions of the action table, with their own explicit expectations (tests/family_responses.rs, tests/family/).
  return readdirSync(dir).filter((f) => f !== "family").flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? samples(p) : f.endsWith(".json") ? [p] : [];
  });
}

/** What a sample's path says its answer means. */
function expected(rel) {
  const name = rel.split("/").pop();
  const gateway = /^http(\d+)_(.+)\.json$/.exec(name);
  if (rel.startsWith("errors/") && gateway) return { verdict: "error", billed: false, code: gateway[2] };
  if (rel.startsWith("intl/common/")) return { verdict: "error", billed: false };
  if (/^code(4\d\d|500)\.json$/.test(name)) return { verdict: "error", billed: false, code: name.slice(4, 7) };
  const sub = /subcode_(\d+)/.exec(name)?.[1];
  const biz = /bizcode_(\d)/.exec(name)?.[1];
  if (biz) return { verdict: { 1: "match", 2: "mismatch", 3: "not_found" }[biz], billed: biz !== "3", bizCode: biz, ...(sub ? { subCode: sub } : {}) };
  const passed = /passed_([YN])_subcode_(\d+)/.exec(name);
  if (passed) return { verdict: { 200: "match", 223: "mismatch", 202: "not_found" }[passed[2]], billed: true, passed: passed[1] === "Y", subCode: passed[2] };
  throw new Error("no expectation for " + rel);
}

test("every sample response parses to what its name says", () => {
  const root = join(here, "data", "responses");
  const files = samples(root);
  const descriptions = JSON.parse(readFileSync(join(here, "data", "response-descriptions.json"), "utf8"));
  assert.ok(files.length >= 49, `${files.length} samples`);
  for (const file of files) {
    const rel = relative(root, file).split("\\").join("/");
    const sample = JSON.parse(readFileSync(file, "utf8"));
    const action = rel.split("/")[1].endsWith(".json") ? "Id2MetaVerifyIntl" : rel.split("/")[1];
    const body = typeof sample.body === "string" ? sample.body : JSON.stringify(sample.body);
    const r = parseResponse(action, sample.http_status, body, sample.headers ?? {});
    const want = expected(rel);
    for (const [k, v] of Object.entries(want)) assert.equal(r[k], v, `${rel}: ${k}`);
    if (r.billed) assert.equal(r.retryable, false, `${rel}: a billed answer is never retryable`);
    if (r.verdict === "error") assert.ok(r.errorKind, `${rel}: errorKind`);
    assert.deepEqual({ description: r.description, descriptionZh: r.descriptionZh }, descriptions[rel], `${rel}: descriptions`);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r, `${rel}: plain JSON`);
    if (rel.includes("Throttling")) assert.equal(r.retryAfterMs, Number(sample.headers["x-acs-retry-after"]));
  }
});

test("parseResponse never throws", () => {
  for (const args of [[], [null, null, null, null], ["Id2MetaVerifyIntl", 200, "<html>"], ["x", 99999, "{}"], [42, "200", { a: 1 }, 5], ["Id2MetaVerifyIntl", 200, "x".repeat(1 << 20)]]) {
    const r = parseResponse(...args);
    assert.equal(r.verdict, "error");
    assert.equal(r.billed, false);
  }
});
