// Tests of the cloudauth mock: its own test signer against the official-SDK vectors, then the mock
// against correctly and incorrectly signed requests, every scenario, every mode, garbage input.
// Run: node --test tools/mock-cloudauth/

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import fs from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { startMock, scenarios, people, mobiles, md5Hex, SIGNING_ERROR_CODES, ACTIONS } from "./server.mjs";
import { signV3, signV1, encode, isoSeconds } from "./signer-for-tests.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const VECTORS = JSON.parse(fs.readFileSync(here("./vectors.json"), "utf8"));
const REQUEST_ID_RE = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

const AK = { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" };
const STS = { accessKeyId: "STS.mock-ak-id", accessKeySecret: "mock-sts-secret", securityToken: "mock-security-token" };

let nonceCounter = 0;
const freshNonce = () => `test-nonce-${process.pid}-${++nonceCounter}-${Math.random().toString(16).slice(2)}`;

/** Sends a signed request ({method, path, headers, body}) to the mock; resolves {status, headers, text, json}. */
function send(mock, r, { timeoutMs } = {}) {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined || r.body === null ? Buffer.alloc(0) : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, "utf8");
    const headers = { ...r.headers };
    if (r.method !== "GET" || body.length) headers["content-length"] = String(body.length);
    const req = http.request({ host: "127.0.0.1", port: mock.port, method: r.method, path: r.path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json = null;
        try { json = JSON.parse(text); } catch { /* html etc. */ }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (timeoutMs) req.setTimeout(timeoutMs, () => req.destroy(new Error("client timeout")));
    req.end(body);
  });
}

/** Signs a business call for `action` with params in `location` ("query" | "form" | "both"). */
function signed(action, params, { v = "v3", method = "POST", location, creds = AK, timestamp, nonce, host } = {}) {
  const a = ACTIONS[action] || { version: "2022-08-09", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", paramLocation: "query" };
  const loc = location || (method === "GET" ? "query" : a.paramLocation);
  let query = {}, form;
  if (loc === "query") query = params;
  else if (loc === "form") form = params;
  else {
    // "both": split the params between the URL and the body
    const keys = Object.keys(params);
    query = Object.fromEntries(keys.slice(0, Math.ceil(keys.length / 2)).map((k) => [k, params[k]]));
    form = Object.fromEntries(keys.slice(Math.ceil(keys.length / 2)).map((k) => [k, params[k]]));
  }
  const common = {
    method, host: host || a.host, action, version: a.version, query, form,
    timestamp: timestamp || isoSeconds(new Date()), nonce: nonce || freshNonce(), ...creds,
  };
  return v === "v3" ? signV3(common) : signV1(common);
}

function assertGatewayError(res, status, code) {
  assert.equal(res.status, status, `status (body ${res.text.slice(0, 300)})`);
  assert.ok(res.json, "JSON body");
  assert.deepEqual(Object.keys(res.json).filter((k) => k !== "AccessDeniedDetail"), ["RequestId", "HostId", "Code", "Message", "Recommend"]);
  assert.equal(res.json.Code, code, res.json.Message);
  assert.match(res.json.RequestId, REQUEST_ID_RE);
  assert.match(res.headers["content-type"], /^application\/json/);
}

const ID2 = (id = "110105199003070316", name = "张三") => ({ ProductCode: "ID_2META", ParamType: "normal", IdentifyNum: id, UserName: name });

// ---------------------------------------------------------------------------------------------

describe("test signer reproduces the official-SDK vectors", () => {
  for (const c of VECTORS.cases) {
    const params = Object.fromEntries(Object.entries(c.params).filter(([, v]) => v !== null));
    const creds = {
      accessKeyId: c.credentials.access_key_id,
      accessKeySecret: c.credentials.access_key_secret,
      securityToken: c.credentials.security_token || undefined,
    };
    const inForm = c.sdk_param_location === "form body";
    test(`${c.id}: V1 canonical, string to sign, signature`, () => {
      const s = signV1({ method: c.method, host: c.host, action: c.action, version: c.version,
        query: inForm ? {} : params, form: inForm ? params : undefined, timestamp: c.timestamp, nonce: c.nonce, ...creds });
      assert.deepEqual({ ...s.params }, c.v1.signed_params);
      assert.equal(s.canonical, c.v1.canonical_query_string);
      assert.equal(s.stringToSign, c.v1.string_to_sign);
      assert.equal(s.signature, c.v1.signature);
    });
    test(`${c.id}: V3 canonical request, string to sign, signature`, () => {
      const r = c.v3.request;
      const s = signV3({ method: r.method, host: c.host, action: c.action, version: c.version, query: r.query,
        body: r.body, contentType: r.headers["content-type"], timestamp: c.timestamp, nonce: c.nonce, ...creds });
      assert.equal(s.headers["x-acs-content-sha256"], c.v3.hashed_payload);
      assert.equal(s.canonicalRequest, c.v3.canonical_request);
      assert.equal(s.stringToSign, c.v3.string_to_sign);
      assert.equal(s.signature, c.v3.signature);
      assert.equal(s.headers.authorization, c.v3.authorization);
    });
  }
  test("encode: space %20, * %2A, ~ literal, UTF-8 upper-case hex", () => {
    assert.equal(encode("a b*c~d+é"), "a%20b%2Ac~d%2B%C3%A9");
  });
});

describe("the mock verifies the vectors' exact requests (as the official SDKs sent them)", () => {
  let mock;
  const vectorTime = new Date(VECTORS.cases[0].timestamp);
  before(async () => {
    mock = await startMock({
      now: () => vectorTime,
      credentials: { testid: { secret: "testsecret", securityToken: "CAIS+testSTS/token==abc" } },
    });
  });
  after(() => mock.close());

  for (const c of VECTORS.cases) {
    const expectMissing = Object.values(c.params).includes("");
    const check = (res) => {
      assert.ok(res.json, res.text);
      assert.ok(!SIGNING_ERROR_CODES.has(res.json.Code), `${res.json.Code}: ${res.json.Message}`);
      if (expectMissing) assertGatewayError(res, 400, "MissingParameter");
      else assert.equal(res.status, 200, res.text);
    };
    test(`${c.id}: V1 as sent by the SDK`, async () => {
      mock.reset();
      const sr = c.v1.sdk_request;
      const u = new URL(sr.url);
      const headers = { host: c.host };
      if (sr.content_type) headers["content-type"] = sr.content_type;
      check(await send(mock, { method: sr.method, path: u.pathname + u.search, headers, body: sr.body }));
    });
    test(`${c.id}: V3 as signed in the vector`, async () => {
      mock.reset();
      const r = c.v3.request;
      const q = Object.entries(r.query).map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
      check(await send(mock, { method: r.method, path: "/" + (q ? "?" + q : ""), headers: r.headers, body: r.body }));
    });
    test(`${c.id}: V3 as the Python SDK emitted it (more signed headers)`, async () => {
      mock.reset();
      const e = c.v3.sdk_emitted;
      const u = new URL(e.url);
      const headers = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), v]));
      check(await send(mock, { method: c.method, path: u.pathname + u.search, headers, body: e.body }));
    });
  }
});

describe("answers: every scenario, V3 and V1, in the samples' shapes", () => {
  let mock;
  before(async () => { mock = await startMock(); });
  after(() => mock.close());

  for (const s of scenarios) {
    for (const v of ["v3", "v1"]) {
      test(`${v} ${s.action}: ${s.label}`, async () => {
        const res = await send(mock, signed(s.action, s.params, { v }));
        assert.equal(res.status, 200, res.text);
        assert.match(res.headers["content-type"], /^application\/json;charset=utf-8$/);
        const b = res.json;
        assert.match(b.RequestId, REQUEST_ID_RE);
        if (ACTIONS[s.action].intl) {
          assert.deepEqual(Object.keys(b), ["RequestId", "Code", "Message", "Result"]);
          assert.equal(b.Code, "Success");
          assert.deepEqual(b.Result, s.expect.result);
        } else {
          assert.deepEqual(Object.keys(b), ["RequestId", "Code", "Message", "ResultObject"]);
          assert.equal(b.Code, "200");
          assert.deepEqual(b.ResultObject, s.expect.result);
        }
        const verdict = s.expect.result.Passed
          ? (s.expect.result.Passed === "Y" ? "match" : s.expect.result.SubCode === "202" ? "not_found" : "mismatch")
          : ({ 1: "match", 2: "mismatch", 3: "not_found" })[s.expect.result.BizCode];
        assert.equal(s.expect.verdict, verdict);
      });
    }
  }

  test("scenarios cover every outcome the brief asks for", () => {
    const seen = new Set(scenarios.map((s) => `${s.action}:${s.expect.bizCode ?? ""}:${s.expect.subCode ?? ""}:${s.expect.passed ?? ""}`));
    for (const k of [
      "Id2MetaVerifyIntl:1::", "Id2MetaVerifyIntl:2::", "Id2MetaVerifyIntl:3::",
      "Mobile3MetaVerifyIntl:1:101:", "Mobile3MetaVerifyIntl:2:201:", "Mobile3MetaVerifyIntl:2:202:",
      "Mobile3MetaVerifyIntl:2:203:", "Mobile3MetaVerifyIntl:2:204:", "Mobile3MetaVerifyIntl:3:301:",
      "Id2MetaPeriodVerifyIntl::200:true", "Id2MetaPeriodVerifyIntl::223:false", "Id2MetaPeriodVerifyIntl::202:false",
      "Id2MetaVerify:1::", "Id2MetaVerify:2::", "Id2MetaVerify:3::",
    ]) assert.ok(seen.has(k), k);
    assert.ok(scenarios.some((s) => s.params.ValidityEndDate === "长期"));
    assert.ok(scenarios.some((s) => s.params.ValidityEndDate === "long-term"));
    assert.ok(scenarios.some((s) => s.params.ParamType === "md5"));
  });

  test("a fresh RequestId per answer", async () => {
    const s = scenarios[0];
    const a = await send(mock, signed(s.action, s.params));
    const b = await send(mock, signed(s.action, s.params));
    assert.notEqual(a.json.RequestId, b.json.RequestId);
    assert.equal(a.headers["x-acs-request-id"], a.json.RequestId);
  });
});

describe("synthetic people are well-formed", () => {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const check = (id) => "10X98765432"[[...id.slice(0, 17)].reduce((s, d, i) => s + W[i] * Number(d), 0) % 11];
  test("ISO 7064 MOD 11-2 check characters (incl. the standard's example)", () => {
    assert.equal(check("11010519491231002X"), "X");
    for (const p of people) assert.equal(p.idNumber[17], check(p.idNumber), p.idNumber);
    for (const s of scenarios) {
      const id = s.input.idNumber;
      assert.match(id, /^\d{17}[\dX]$/);
      assert.equal(id[17], check(id), `${s.label}: ${id}`);
    }
  });
  test("birth dates agree with the ID numbers; mobiles 11 digits", () => {
    for (const p of people) assert.equal(p.idNumber.slice(6, 14), p.birthDate.replaceAll("-", ""));
    for (const m of mobiles) assert.match(m.mobile, /^1\d{10}$/);
  });
  test("md5 mode params are the lower-case hex MD5 of the UTF-8", () => {
    assert.equal(md5Hex("张三"), "615db57aa314529aaa0fbe95b3e95bd3"); // from vectors intl-mob3-28-md5
    const s = scenarios.find((x) => x.params.ParamType === "md5");
    assert.equal(s.params.IdentifyNum, md5Hex(s.input.idNumber));
  });
});

describe("accepted requests: placements, methods, STS", () => {
  let mock;
  before(async () => { mock = await startMock(); });
  after(() => mock.close());

  const cases = [
    ["V3 POST, params in the query", { v: "v3", location: "query" }],
    ["V3 POST, params in a form body", { v: "v3", location: "form" }],
    ["V3 POST, params split between query and body", { v: "v3", location: "both" }],
    ["V3 GET", { v: "v3", method: "GET" }],
    ["V1 POST, params in the query", { v: "v1", location: "query" }],
    ["V1 POST, params in a form body", { v: "v1", location: "form" }],
    ["V1 POST, params split between query and body", { v: "v1", location: "both" }],
    ["V1 GET", { v: "v1", method: "GET" }],
    ["V3 STS", { v: "v3", creds: STS }],
    ["V1 STS", { v: "v1", creds: STS }],
    ["V3 with the loopback host header", { v: "v3", host: "127.0.0.1" }],
  ];
  for (const [label, opts] of cases) {
    test(label, async () => {
      const res = await send(mock, signed("Id2MetaVerifyIntl", ID2(), opts));
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.Result, { BizCode: "1" });
    });
  }

  test("Id2MetaPeriodVerifyIntl and the mainland action in the query work too", async () => {
    const p = scenarios.find((s) => s.action === "Id2MetaPeriodVerifyIntl");
    const r1 = await send(mock, signed(p.action, p.params, { location: "query" }));
    assert.deepEqual(r1.json.Result, p.expect.result);
    const m = scenarios.find((s) => s.action === "Id2MetaVerify");
    const r2 = await send(mock, signed(m.action, m.params, { v: "v1", location: "query" }));
    assert.deepEqual(r2.json.ResultObject, m.expect.result);
  });

  test("fetch() (which forces Host to 127.0.0.1:PORT) with V3 signed for the official host", async () => {
    for (const s of scenarios.filter((x) => ["Id2MetaPeriodVerifyIntl", "Id2MetaVerify"].includes(x.action)).slice(0, 2)) {
      const r = signed(s.action, s.params);
      const res = await fetch(new URL(r.path, mock.url), { method: r.method, headers: r.headers, body: r.body });
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal(mock.requests.at(-1).headers.host, `127.0.0.1:${mock.port}`);
      assert.equal(mock.requests.at(-1).signedHost, s.host);
    }
    const strict = await startMock({ hostFallback: false });
    try {
      const r = signed("Id2MetaVerifyIntl", ID2());
      const res = await fetch(new URL(r.path, strict.url), { method: r.method, headers: r.headers, body: r.body });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).Code, "SignatureDoesNotMatch");
      const own = signed("Id2MetaVerifyIntl", ID2(), { host: `127.0.0.1:${strict.port}` });
      const ok = await fetch(new URL(own.path, strict.url), { method: own.method, headers: own.headers, body: own.body });
      assert.equal(ok.status, 200);
    } finally {
      await strict.close();
    }
  });

  test("the request log keeps no secrets", async () => {
    await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v: "v3", creds: STS }));
    await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v: "v1", creds: STS }));
    const dump = JSON.stringify(mock.requests);
    assert.ok(!dump.includes("mock-security-token"));
    assert.ok(!dump.includes("mock-sts-secret") && !dump.includes("mock-ak-secret"));
    const last = mock.requests.at(-1);
    assert.equal(last.signatureVersion, "v1");
    assert.equal(last.action, "Id2MetaVerifyIntl");
    assert.equal(last.status, 200);
    assert.equal(last.query.Signature, "<redacted>");
    assert.ok(mock.stats.total >= 2 && mock.stats.byAction.Id2MetaVerifyIntl >= 2);
  });
});

describe("refusals", () => {
  let mock;
  let clock = Date.now();
  before(async () => { mock = await startMock({ now: () => new Date(clock) }); });
  after(() => mock.close());
  const now = () => isoSeconds(new Date(clock));

  test("tampered V3 signature -> SignatureDoesNotMatch", async () => {
    const r = signed("Id2MetaVerifyIntl", ID2(), { timestamp: now() });
    r.headers.authorization = r.headers.authorization.replace(/Signature=(.)/, (m, c) => `Signature=${c === "0" ? "1" : "0"}`);
    assertGatewayError(await send(mock, r), 400, "SignatureDoesNotMatch");
  });
  test("tampered V1 signature -> SignatureDoesNotMatch", async () => {
    const r = signed("Id2MetaVerifyIntl", ID2(), { v: "v1", timestamp: now() });
    r.path = r.path.replace(/Signature=[^&]*/, "Signature=AAAAAAAAAAAAAAAAAAAAAAAAAAA%3D");
    const res = await send(mock, r);
    assertGatewayError(res, 400, "SignatureDoesNotMatch");
    assert.match(res.json.Message, /server string to sign is:POST&%2F&AccessKeyId%3Dmock-ak-id/);
  });
  test("V3 body changed after signing -> refused", async () => {
    const r = signed("Id2MetaPeriodVerifyIntl", scenarios.find((s) => s.action === "Id2MetaPeriodVerifyIntl").params, { timestamp: now() });
    r.body = r.body.replace("20200315", "20200316");
    assertGatewayError(await send(mock, r), 400, "SignatureDoesNotMatch");
  });
  test("V3 body and x-acs-content-sha256 changed together -> refused", async () => {
    const r = signed("Id2MetaVerifyIntl", ID2(), { location: "form", timestamp: now() });
    r.body = r.body.replace("%E5%BC%A0", "%E6%9D%8E");
    r.headers["x-acs-content-sha256"] = (await import("node:crypto")).createHash("sha256").update(r.body).digest("hex");
    assertGatewayError(await send(mock, r), 400, "SignatureDoesNotMatch");
  });
  test("V1 form body changed after signing -> refused", async () => {
    const r = signed("Id2MetaVerifyIntl", ID2(), { v: "v1", location: "form", timestamp: now() });
    r.body = r.body.replace("UserName=", "UserName=X");
    assertGatewayError(await send(mock, r), 400, "SignatureDoesNotMatch");
  });
  test("V3 query changed after signing -> refused", async () => {
    const r = signed("Id2MetaVerifyIntl", ID2(), { timestamp: now() });
    r.path = r.path.replace("ParamType=normal", "ParamType=md5");
    assertGatewayError(await send(mock, r), 400, "SignatureDoesNotMatch");
  });
  test("V3 host header differs from the signed one -> refused", async () => {
    const r = signed("Id2MetaVerifyIntl", ID2(), { timestamp: now() });
    r.headers.host = "cloudauth-intl-vpc.cn-hongkong.aliyuncs.com";
    assertGatewayError(await send(mock, r), 400, "SignatureDoesNotMatch");
  });
  test("stale timestamp -> InvalidTimeStamp.Expired (V3 and V1); 14 minutes is fine", async () => {
    const stale = isoSeconds(new Date(clock - 16 * 60 * 1000));
    const future = isoSeconds(new Date(clock + 16 * 60 * 1000));
    assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { timestamp: stale })), 400, "InvalidTimeStamp.Expired");
    assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v: "v1", timestamp: stale })), 400, "InvalidTimeStamp.Expired");
    assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { timestamp: future })), 400, "InvalidTimeStamp.Expired");
    const ok = await send(mock, signed("Id2MetaVerifyIntl", ID2(), { timestamp: isoSeconds(new Date(clock - 14 * 60 * 1000)) }));
    assert.equal(ok.status, 200);
  });
  test("badly formatted timestamp -> InvalidTimeStamp.Format", async () => {
    for (const ts of ["2026-01-15T08:30:00.000Z", "2026-01-15 08:30:00", "2026-01-15T08:30:00+08:00", "2026-02-30T08:30:00Z", "yesterday"]) {
      assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { timestamp: ts })), 400, "InvalidTimeStamp.Format");
      assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v: "v1", timestamp: ts })), 400, "InvalidTimeStamp.Format");
    }
  });
  test("reused nonce -> SignatureNonceUsed (V3 and V1), accepted again after 15 minutes", async () => {
    for (const v of ["v3", "v1"]) {
      const nonce = freshNonce();
      const first = await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v, nonce, timestamp: now() }));
      assert.equal(first.status, 200);
      const again = signed("Id2MetaVerifyIntl", ID2("110105199003070316", "李四"), { v, nonce, timestamp: now() });
      assertGatewayError(await send(mock, again), 400, "SignatureNonceUsed");
    }
    const nonce = freshNonce();
    assert.equal((await send(mock, signed("Id2MetaVerifyIntl", ID2(), { nonce, timestamp: now() }))).status, 200);
    clock += 15 * 60 * 1000 + 1000;
    assert.equal((await send(mock, signed("Id2MetaVerifyIntl", ID2(), { nonce, timestamp: now() }))).status, 200);
  });
  test("a refused signature does not burn the nonce", async () => {
    const nonce = freshNonce();
    const bad = signed("Id2MetaVerifyIntl", ID2(), { nonce, timestamp: now() });
    bad.headers.authorization = bad.headers.authorization.replace(/Signature=.*/, "Signature=" + "0".repeat(64));
    assertGatewayError(await send(mock, bad), 400, "SignatureDoesNotMatch");
    assert.equal((await send(mock, signed("Id2MetaVerifyIntl", ID2(), { nonce, timestamp: now() }))).status, 200);
  });
  test("unknown access key -> 404 InvalidAccessKeyId.NotFound (V3 and V1)", async () => {
    const creds = { accessKeyId: "nobody", accessKeySecret: "x" };
    assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { creds, timestamp: now() })), 404, "InvalidAccessKeyId.NotFound");
    assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v: "v1", creds, timestamp: now() })), 404, "InvalidAccessKeyId.NotFound");
  });
  test("wrong secret -> SignatureDoesNotMatch", async () => {
    const creds = { accessKeyId: "mock-ak-id", accessKeySecret: "wrong" };
    assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { creds, timestamp: now() })), 400, "SignatureDoesNotMatch");
    assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v: "v1", creds, timestamp: now() })), 400, "SignatureDoesNotMatch");
  });
  test("STS key: missing, wrong and expired security tokens", async () => {
    const noToken = { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret };
    for (const v of ["v3", "v1"]) {
      assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v, creds: noToken, timestamp: now() })), 400, "InvalidSecurityToken.Malformed");
      assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v, creds: { ...STS, securityToken: "other" }, timestamp: now() })), 400, "InvalidSecurityToken.MismatchWithAccessKey");
      assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", ID2(), { v, creds: { ...STS, securityToken: "mock-expired-security-token" }, timestamp: now() })), 400, "InvalidSecurityToken.Expired");
    }
  });
  test("missing or malformed signature -> IncompleteSignature", async () => {
    const r = signed("Id2MetaVerifyIntl", ID2(), { timestamp: now() });
    const noAuth = { ...r, headers: { ...r.headers } };
    delete noAuth.headers.authorization;
    assertGatewayError(await send(mock, noAuth), 400, "IncompleteSignature");
    for (const auth of ["Bearer abc", "ACS3-HMAC-SHA256 Credential=mock-ak-id", "ACS3-HMAC-SHA256 Credential=mock-ak-id,SignedHeaders=host,Signature=zz", "acs mock-ak-id:abc="]) {
      assertGatewayError(await send(mock, { ...r, headers: { ...r.headers, authorization: auth } }), 400, "IncompleteSignature");
    }
    const unsigned = { ...r, headers: { ...r.headers, "x-acs-extra": "1" } };
    assertGatewayError(await send(mock, unsigned), 400, "IncompleteSignature");
    const v1 = signed("Id2MetaVerifyIntl", ID2(), { v: "v1", timestamp: now() });
    assertGatewayError(await send(mock, { ...v1, path: v1.path.replace(/&Signature=[^&]*/, "") }), 400, "IncompleteSignature");
    assertGatewayError(await send(mock, { ...v1, path: v1.path.replace(/SignatureMethod=HMAC-SHA1/, "SignatureMethod=HMAC-SHA256") }), 400, "IncompleteSignature");
  });
  test("unknown action -> 404 InvalidAction.NotFound; wrong version -> InvalidVersion", async () => {
    const r = signV3({ host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "DescribeNothing", version: "2022-08-09", query: ID2(), timestamp: now(), nonce: freshNonce(), ...AK });
    assertGatewayError(await send(mock, r), 404, "InvalidAction.NotFound");
    const w = signV1({ host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2019-03-07", query: ID2(), timestamp: now(), nonce: freshNonce(), ...AK });
    assertGatewayError(await send(mock, w), 400, "InvalidVersion");
    const m = signV3({ host: "cloudauth.cn-shanghai.aliyuncs.com", action: "Id2MetaVerify", version: "2022-08-09", form: { ParamType: "normal", IdentifyNum: "110105199003070316", UserName: "张三" }, timestamp: now(), nonce: freshNonce(), ...AK });
    const res = await send(mock, m);
    assertGatewayError(res, 400, "InvalidVersion");
    assert.equal(res.json.HostId, "cloudauth.cn-shanghai.aliyuncs.com");
    assert.match(res.json.Recommend, /product=Cloudauth$/);
  });
  test("missing business parameter -> MissingParameter", async () => {
    const p = ID2();
    delete p.UserName;
    const res = await send(mock, signed("Id2MetaVerifyIntl", p, { timestamp: now() }));
    assertGatewayError(res, 400, "MissingParameter");
    assert.match(res.json.Message, /"UserName"/);
    const q = { ...scenarios.find((s) => s.action === "Id2MetaPeriodVerifyIntl").params };
    delete q.MerchantBizId;
    assertGatewayError(await send(mock, signed("Id2MetaPeriodVerifyIntl", q, { timestamp: now() })), 400, "MissingParameter");
    const noProduct = ID2();
    delete noProduct.ProductCode;
    assertGatewayError(await send(mock, signed("Id2MetaVerifyIntl", noProduct, { v: "v1", timestamp: now() })), 400, "MissingParameter");
  });
  test("bad ParamType / ProductCode / DocType -> InvalidParameter", async () => {
    const res = await send(mock, signed("Id2MetaVerifyIntl", { ...ID2(), ParamType: "md5" }, { timestamp: now() }));
    assertGatewayError(res, 400, "InvalidParameter");
    assert.match(res.json.Message, /"ParamType"/);
    const mob = scenarios.find((s) => s.action === "Mobile3MetaVerifyIntl").params;
    assertGatewayError(await send(mock, signed("Mobile3MetaVerifyIntl", { ...mob, ParamType: "sha256" }, { timestamp: now() })), 400, "InvalidParameter");
    assertGatewayError(await send(mock, signed("Mobile3MetaVerifyIntl", { ...mob, ProductCode: "ID_2META" }, { timestamp: now() })), 400, "InvalidParameter");
    const per = scenarios.find((s) => s.action === "Id2MetaPeriodVerifyIntl").params;
    assertGatewayError(await send(mock, signed("Id2MetaPeriodVerifyIntl", { ...per, DocType: "00000002" }, { timestamp: now() })), 400, "InvalidParameter");
  });
  test("badly formed business values -> HTTP 200 with a Code other than Success (intl) / 400, 401 (mainland)", async () => {
    const r1 = await send(mock, signed("Id2MetaVerifyIntl", ID2("11010519491231002x"), { timestamp: now() }));
    assert.equal(r1.status, 200);
    assert.deepEqual(r1.json, { RequestId: r1.json.RequestId, Code: "InvalidParameter", Message: "Invalid parameter: IdentifyNum" });
    const mob = scenarios.find((s) => s.action === "Mobile3MetaVerifyIntl" && s.params.ParamType === "md5").params;
    const r2 = await send(mock, signed("Mobile3MetaVerifyIntl", { ...mob, Mobile: "13900000001" }, { timestamp: now() }));
    assert.equal(r2.json.Code, "InvalidParameter");
    const per = scenarios.find((s) => s.action === "Id2MetaPeriodVerifyIntl").params;
    const r3 = await send(mock, signed("Id2MetaPeriodVerifyIntl", { ...per, ValidityEndDate: "永久" }, { timestamp: now() }));
    assert.equal(r3.json.Message, "Invalid parameter: ValidityEndDate");
    const cn = { ParamType: "normal", IdentifyNum: "110105199003070316", UserName: "" };
    const r4 = await send(mock, signed("Id2MetaVerify", cn, { timestamp: now() }));
    assert.equal(r4.status, 200);
    assert.deepEqual(r4.json, { RequestId: r4.json.RequestId, Code: "400", Message: "参数不能为空" });
    const r5 = await send(mock, signed("Id2MetaVerify", { ...cn, UserName: "张三", IdentifyNum: "12345" }, { timestamp: now() }));
    assert.deepEqual(r5.json, { RequestId: r5.json.RequestId, Code: "401", Message: "参数非法" });
  });
});

describe("modes", () => {
  let mock;
  before(async () => { mock = await startMock(); });
  after(() => mock.close());

  test("throttle: n answers of HTTP 400 Throttling.Api with x-acs-retry-after, then normal; nonce not consumed", async () => {
    mock.setMode({ throttle: 2 });
    const r = signed("Id2MetaVerifyIntl", ID2());
    for (let i = 0; i < 2; i++) {
      const res = await send(mock, r);
      assertGatewayError(res, 400, "Throttling.Api");
      assert.equal(res.headers["x-acs-retry-after"], "1000");
    }
    const ok = await send(mock, r); // the very same request (same nonce) as the throttled ones
    assert.equal(ok.status, 200, ok.text);
    assertGatewayError(await send(mock, r), 400, "SignatureNonceUsed");
    mock.setMode({ throttle: 1, retryAfterMs: 250 });
    assert.equal((await send(mock, signed("Id2MetaVerifyIntl", ID2()))).headers["x-acs-retry-after"], "250");
  });
  test("fail5xx: 503 ServiceUnavailable, 500 InternalError", async () => {
    mock.setMode({ fail5xx: 1, status: 503 });
    const r = signed("Id2MetaVerifyIntl", ID2());
    assertGatewayError(await send(mock, r), 503, "ServiceUnavailable");
    mock.setMode({ fail5xx: 1, status: 500 });
    assertGatewayError(await send(mock, r), 500, "InternalError");
    assert.equal((await send(mock, r)).status, 200);
  });
  test("delay: answers late; a client that gives up leaves the nonce unused", async () => {
    mock.setMode({ delayMs: 300 });
    const r = signed("Id2MetaVerifyIntl", ID2());
    await assert.rejects(send(mock, r, { timeoutMs: 50 }), /client timeout/);
    await new Promise((res) => setTimeout(res, 350));
    const t0 = Date.now();
    const res = await send(mock, r); // same nonce: the abandoned attempt did not consume it
    assert.ok(Date.now() - t0 >= 280, `answered after ${Date.now() - t0} ms`);
    assert.equal(res.status, 200, res.text);
    mock.setMode({ delayMs: 200, delayCount: 1 });
    await send(mock, signed("Id2MetaVerifyIntl", ID2()));
    const t1 = Date.now();
    await send(mock, signed("Id2MetaVerifyIntl", ID2()));
    assert.ok(Date.now() - t1 < 150);
    mock.setMode({});
  });
  test("html: a proxy's 502 HTML page", async () => {
    mock.setMode({ html: 1 });
    const r = signed("Id2MetaVerifyIntl", ID2());
    const res = await send(mock, r);
    assert.equal(res.status, 502);
    assert.match(res.headers["content-type"], /^text\/html/);
    assert.match(res.text, /^<html>/);
    assert.equal(res.json, null);
    assert.equal((await send(mock, r)).status, 200);
  });
  test("drop: the socket is destroyed without an answer", async () => {
    mock.setMode({ drop: 1 });
    const r = signed("Id2MetaVerifyIntl", ID2());
    await assert.rejects(send(mock, r), (e) => ["ECONNRESET", "EPIPE"].includes(e.code) || /socket hang up/.test(e.message));
    assert.equal((await send(mock, r)).status, 200);
  });
  test("gatewayError and bizError: any envelope or HTTP-200 business code", async () => {
    mock.setMode({ gatewayError: 1, code: "Forbidden.RAMUserAccessDenied" });
    const res = await send(mock, signed("Id2MetaVerifyIntl", ID2()));
    assertGatewayError(res, 403, "Forbidden.RAMUserAccessDenied");
    assert.equal(res.json.AccessDeniedDetail.AuthAction, "cloudauth:Id2MetaVerifyIntl");
    mock.setMode({ bizError: 1, code: "402" });
    const cn = await send(mock, signed("Id2MetaVerify", { ParamType: "normal", IdentifyNum: "110105199003070316", UserName: "张三" }));
    assert.equal(cn.status, 200);
    assert.deepEqual(cn.json, { RequestId: cn.json.RequestId, Code: "402", Message: "权威源服务异常" });
    mock.setMode({ bizError: 1 });
    const intl = await send(mock, signed("Id2MetaVerifyIntl", ID2()));
    assert.equal(intl.status, 200);
    assert.equal(intl.json.Code, "InvalidParameter");
    assert.equal(intl.json.Result, undefined);
  });
  test("stats count modes and outcomes", () => {
    assert.ok(mock.stats.modes.throttle >= 3 && mock.stats.modes.drop === 1 && mock.stats.modes.html === 1);
    assert.ok(mock.stats.byCode.Success > 0 && mock.stats.byStatus[200] > 0);
  });
});

describe("garbage input never breaks the mock", () => {
  let mock;
  before(async () => { mock = await startMock({ maxLog: 50 }); });
  after(() => mock.close());

  test("invalid percent-encoding and non-UTF-8 -> 400 InvalidParameter", async () => {
    for (const path of ["/?a=%zz", "/?a=%", "/?a=%FF%FE", "/?%C3=1", "/?UserName=%ED%A0%80"]) {
      assertGatewayError(await send(mock, { method: "POST", path, headers: { host: "x" } }), 400, "InvalidParameter");
    }
    const r = await send(mock, { method: "POST", path: "/", headers: { host: "x", "content-type": "application/x-www-form-urlencoded" }, body: Buffer.from([0x61, 0x3d, 0xff, 0xfe]) });
    assertGatewayError(r, 400, "InvalidParameter");
  });
  test("duplicate parameters -> InvalidParameter", async () => {
    assertGatewayError(await send(mock, { method: "POST", path: "/?a=1&a=2", headers: { host: "x" } }), 400, "InvalidParameter");
    assertGatewayError(await send(mock, { method: "POST", path: "/?a=1", headers: { host: "x", "content-type": "application/x-www-form-urlencoded" }, body: "a=2" }), 400, "InvalidParameter");
  });
  test("body over 1 MB -> 413", async () => {
    const res = await send(mock, { method: "POST", path: "/", headers: { host: "x", "content-type": "application/x-www-form-urlencoded" }, body: Buffer.alloc(1024 * 1024 + 1, 0x61) });
    assertGatewayError(res, 413, "RequestEntityTooLarge");
  });
  test("a declared 100 MB body is refused without reading it", async () => {
    const res = await new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: mock.port, method: "POST", path: "/", headers: { "content-length": String(100 * 1024 * 1024) }, agent: false }, (r) => {
        let t = ""; r.on("data", (c) => (t += c)); r.on("end", () => resolve({ status: r.statusCode, t }));
      });
      req.on("error", reject);
      req.write(Buffer.alloc(1024));
    });
    assert.equal(res.status, 413);
  });
  test("wrong path or method -> 404 InvalidAction.NotFound", async () => {
    assertGatewayError(await send(mock, { method: "POST", path: "/api/x", headers: { host: "x" } }), 404, "InvalidAction.NotFound");
    assertGatewayError(await send(mock, { method: "PUT", path: "/", headers: { host: "x" } }), 404, "InvalidAction.NotFound");
    assertGatewayError(await send(mock, { method: "DELETE", path: "/?Action=Id2MetaVerifyIntl", headers: {} }), 404, "InvalidAction.NotFound");
  });
  test("unsigned requests -> IncompleteSignature", async () => {
    assertGatewayError(await send(mock, { method: "GET", path: "/?Action=Id2MetaVerifyIntl&Version=2022-08-09", headers: { host: "x" } }), 400, "IncompleteSignature");
    assertGatewayError(await send(mock, { method: "POST", path: "/", headers: { host: "x", "content-type": "application/json" }, body: "{\"a\":1}" }), 400, "IncompleteSignature");
  });
  test("raw garbage on the socket, then the server still answers", async () => {
    await new Promise((resolve) => {
      const s = net.connect(mock.port, "127.0.0.1", () => s.write("\x00\xff GARBAGE \r\n\r\n"));
      s.on("data", () => {});
      s.on("close", resolve);
      s.on("error", resolve);
    });
    const res = await send(mock, signed("Id2MetaVerifyIntl", ID2()));
    assert.equal(res.status, 200);
  });
  test("random query strings, headers and bodies always get a JSON envelope, never a crash", async () => {
    const alphabet = "abcAZ09%=&+*~ -_.é张\u0000\ud83d\ude00%E5%BC";
    const chars = [...alphabet];
    const pick = (n) => Array.from({ length: n }, () => chars[Math.floor(Math.random() * chars.length)]).join("");
    // keep printable ASCII as is (so stray % and bad escapes reach the server), %-encode the rest
    const rawPath = (s) => [...s].map((c) => (/[\x21-\x7e]/.test(c) && c !== "#" ? c : encodeURIComponent(c))).join("");
    for (let i = 0; i < 150; i++) {
      const headers = { host: "x" };
      if (i % 3 === 0) headers.authorization = "ACS3-HMAC-SHA256 " + pick(40).replace(/[^\x20-\x7e]/g, "");
      if (i % 4 === 0) headers["content-type"] = "application/x-www-form-urlencoded";
      if (i % 5 === 0) Object.assign(headers, { "x-acs-date": pick(10).replace(/[^\x20-\x7e]/g, ""), "x-acs-action": "Id2MetaVerifyIntl" });
      const path = "/?" + rawPath(pick(30));
      const res = await send(mock, { method: i % 2 ? "GET" : "POST", path, headers, body: i % 4 === 0 ? pick(50) : "" });
      assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${res.text}`);
      assert.ok(res.json && typeof res.json.Code === "string", res.text);
    }
    assert.equal(mock.requests.length, 50); // log capped by maxLog
  });
});

describe("program", () => {
  test("node server.mjs --port 0 prints the URL and the credentials, and serves", async () => {
    const child = spawn(process.execPath, [here("./server.mjs"), "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const out = await new Promise((resolve, reject) => {
        let text = "";
        const timer = setTimeout(() => reject(new Error("no output: " + text)), 5000);
        child.stdout.on("data", (c) => {
          text += c;
          if (/synthetic people/.test(text)) { clearTimeout(timer); resolve(text); }
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)[1];
      assert.match(out, /mock-ak-id/);
      assert.match(out, /mock-ak-secret/);
      assert.match(out, /mock-security-token/);
      const port = Number(new URL(url).port);
      const res = await send({ port }, signed("Id2MetaVerifyIntl", ID2()));
      assert.equal(res.status, 200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});

// ---- Billing per nonce (what the fault suite counts) ----

test("the mock counts its billed answers per nonce; a repeated nonce is refused and not billed", async () => {
  const mock = await startMock();
  try {
    const match = scenarios.find((s) => s.action === "Id2MetaVerifyIntl" && s.expect.verdict === "match");
    const notFound = scenarios.find((s) => s.action === "Id2MetaVerifyIntl" && s.expect.verdict === "not_found");
    const r = signed("Id2MetaVerifyIntl", match.params, { nonce: "bill-nonce-1" });
    const first = await send(mock, r);
    assert.equal(first.json.Result.BizCode, "1");
    assert.match(first.headers.date, /GMT$/);
    const again = await send(mock, r);
    assert.equal(again.json.Code, "SignatureNonceUsed");
    await send(mock, signed("Id2MetaVerifyIntl", notFound.params, { nonce: "bill-nonce-2" }));
    assert.equal(mock.billsFor("bill-nonce-1"), 1);
    assert.equal(mock.billsFor("bill-nonce-2"), 0, "no record: not billed");
    assert.equal(mock.stats.billed, 1);
    assert.deepEqual(mock.billedNonces(), [["bill-nonce-1", 1]]);
    mock.reset();
    assert.equal(mock.billsFor("bill-nonce-1"), 0);
    assert.equal(mock.stats.billed, 0);
  } finally {
    await mock.close();
  }
});
