// The access key secret and personal data, through the installed package: build (both signature
// versions, with and without an STS token), sign, fail in every way, parse answers that contain the
// personal data, and run a client against a fake fetch that answers every kind of error. Then
// search everything that came out. The secret appears nowhere: no returned object, request, result
// or error. Full ID numbers, names and mobiles appear in no error (signed requests carry them in
// their body, and a check result's hint may carry the user's own ID number: both by design), nor in
// the client object.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { api, assertStillWorks } from "./package.mjs";

const { AliyunIdvError } = api;

const SECRET = "S3CR3T-aliyun-idv-test-0123456789";
const STS_TOKEN = "STS-T0KEN-aliyun-idv-test-9876543210";
const ID = "11010519491231002X";
const ID15 = "110105491231002"; // the same person's first-generation number
const NAME = "阿卜杜拉·买买提";
const MOBILE = "13812345678";
const TODAY = "2026-11-22";

/** Forms of the secret that must never appear (as given, in any case, base64, percent-encoded). */
const SECRET_FORMS = [SECRET, SECRET.toLowerCase(), "s3cr3t", Buffer.from(SECRET).toString("base64"), encodeURIComponent(SECRET + "&")];
/** Forms of the personal data that must never appear in an error. */
const PII_FORMS = [
  ID, ID.toLowerCase(), ID.slice(0, 17), ID15, "110105194912310021", NAME, "阿卜杜拉", "买买提", encodeURIComponent(NAME),
  MOBILE, "138 1234 5678", "138-1234-5678", "+8613812345678",
];

const BASE = { accessKeyId: "LTAI-test-id", accessKeySecret: SECRET, timestamp: "2026-11-22T08:30:00Z", nonce: "c0ffee00-0000-4000-8000-000000000001", today: TODAY };
const STS = { ...BASE, accessKeyId: "STS.test-id", securityToken: STS_TOKEN };

const INPUTS = {
  buildId2MetaVerifyIntl: { idNumber: ID, name: NAME },
  buildMobile3MetaVerifyIntl: { idNumber: ID, name: NAME, mobile: MOBILE },
  buildId2MetaPeriodVerifyIntl: { idNumber: ID, name: NAME, validityStart: "20160301", validityEnd: "长期", merchantBizId: "biz0001" },
  buildId2MetaVerify: { idNumber: ID, name: NAME },
};
const CLIENT_METHOD = {
  buildId2MetaVerifyIntl: "id2MetaVerifyIntl",
  buildMobile3MetaVerifyIntl: "mobile3MetaVerifyIntl",
  buildId2MetaPeriodVerifyIntl: "id2MetaPeriodVerifyIntl",
  buildId2MetaVerify: "id2MetaVerify",
};

// ---- What came out ----

/** Strings from returned objects, requests and results: searched for the secret. */
const outputs = [];
/** Strings from errors (thrown, rejected, and the error half of check results): searched for the secret and the personal data. */
const errors = [];

function output(where, v) {
  outputs.push([where, typeof v === "string" ? v : JSON.stringify(v)], [where + " (inspect)", inspect(v, { depth: Infinity, showHidden: true })]);
}

let lastError;
const lastErrorCode = () => lastError && lastError.code;

function error(where, e) {
  lastError = e;
  assert.ok(e instanceof AliyunIdvError, `${where}: ${e && e.name}: ${e && e.message}`);
  assert.equal(typeof e.code, "string", where);
  const forms = {
    message: e.message,
    messageZh: e.messageZh,
    field: e.field,
    "String(e)": String(e),
    "JSON.stringify(e)": JSON.stringify(e),
    stack: e.stack,
    "inspect(e)": inspect(e),
    "inspect(e, showHidden)": inspect(e, { depth: Infinity, showHidden: true }),
    cause: e.cause === undefined ? undefined : inspect(e.cause, { depth: Infinity }),
  };
  for (const [k, s] of Object.entries(forms)) if (s !== undefined) errors.push([`${where}: ${k}`, String(s)]);
}

/** The error half of a failed check (not thrown, but what a form shows): like an error, hint aside. */
function checkError(where, r) {
  assert.equal(r.ok, false, where);
  const { hint, ...rest } = r.error;
  errors.push([`${where}: check error`, JSON.stringify(rest)], [`${where}: check error (inspect)`, inspect(rest)]);
  if (r.error.code === "ID_LEGACY_15") assert.equal(hint, ID, `${where}: the hint is the upgraded number`);
  else assert.equal(hint, undefined, `${where}: only ID_LEGACY_15 has a hint`);
}

function throws(where, f) {
  let threw = false;
  try {
    const v = f();
    output(where + " (unexpectedly returned)", v);
  } catch (e) {
    threw = true;
    error(where, e);
  }
  assert.ok(threw, `${where} did not throw`);
}

async function rejects(where, p) {
  const settled = await p.then((v) => ({ v }), (e) => ({ e }));
  assert.ok("e" in settled, `${where} did not reject: ${JSON.stringify(settled.v)}`);
  error(where, settled.e);
  return settled.e;
}

// ---- The calls ----

const savedEnv = {};
const ENV_KEYS = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"];
before(() => {
  for (const k of ENV_KEYS) {
    savedEnv[k] = process.env[k];
    delete process.env[k];
  }
});
after(() => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

test("every builder and signRequest, both signature versions, with and without an STS token", () => {
  for (const signatureVersion of ["v3", "v1"]) {
    for (const [credsLabel, creds] of [["AK", BASE], ["STS", STS]]) {
      const opts = { ...creds, signatureVersion };
      for (const [builder, input] of Object.entries(INPUTS)) {
        const req = api[builder](input, opts);
        output(`${builder} ${signatureVersion} ${credsLabel}`, req);
        // Personal data goes in the form body, never the URL.
        assert.ok(req.body.includes(ID) && !req.url.includes(ID), `${builder}: the ID is in the body only`);
        if (credsLabel === "STS") assert.ok(JSON.stringify(req).includes(STS_TOKEN), "the STS token is sent");
      }
      output(`md5 ${signatureVersion} ${credsLabel}`, api.buildMobile3MetaVerifyIntl({ ...INPUTS.buildMobile3MetaVerifyIntl, paramType: "md5" }, opts));
      output(`longTermAs ${signatureVersion} ${credsLabel}`, api.buildId2MetaPeriodVerifyIntl(INPUTS.buildId2MetaPeriodVerifyIntl, { ...opts, longTermAs: "long-term" }));
      const signed = api.signRequest(
        { method: "POST", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Mobile3MetaVerifyIntl", version: "2022-08-09",
          query: { ProductCode: "MOBILE_3META" }, form: { IdentifyNum: ID, UserName: NAME, Mobile: MOBILE } },
        { ...creds, signatureVersion, today: undefined },
      );
      output(`signRequest ${signatureVersion} ${credsLabel}`, signed);
      for (const k of ["canonicalRequest", "stringToSign", "signature"]) assert.equal(typeof signed[k], "string");
      const get = api.signRequest({ method: "GET", host: "cloudauth.aliyuncs.com", action: "DescribeVerifyToken", version: "2019-03-07", query: { BizId: "x" } }, { ...creds, signatureVersion });
      output(`signRequest GET ${signatureVersion} ${credsLabel}`, get);
    }
  }
  assertStillWorks();
});

test("every failing path of the builders and the signer", () => {
  const failing = [
    ["a timestamp with a space", {}, { timestamp: "2026-11-22 08:30:00" }, "SIGN_TIMESTAMP_INVALID"],
    ["a timestamp with milliseconds", {}, { timestamp: "2026-11-22T08:30:00.000Z" }, "SIGN_TIMESTAMP_INVALID"],
    ["an invalid Date", {}, { timestamp: new Date(NaN) }, "INVALID_ARGUMENT"],
    ["no timestamp", {}, { timestamp: undefined }, "SIGN_TIMESTAMP_INVALID"],
    ["an empty nonce", {}, { nonce: "" }, "SIGN_NONCE_EMPTY"],
    ["a nonce with a space", {}, { nonce: "a b" }, "SIGN_NONCE_INVALID"],
    ["no secret", {}, { accessKeySecret: "" }, "SIGN_CREDENTIALS_MISSING"],
    ["the secret as the AccessKey ID", {}, { accessKeyId: SECRET + " " }, "SIGN_CREDENTIALS_INVALID"],
    ["a token with a space", {}, { securityToken: STS_TOKEN + " x" }, "SIGN_CREDENTIALS_INVALID"],
    ["a bad checksum", { idNumber: "110105194912310021" }, {}, "ID_CHECKSUM"],
    ["a 15-digit number", { idNumber: ID15 }, {}, "ID_LEGACY_15"],
    ["an ID with a letter", { idNumber: ID.replace("1949", "19A9") }, {}, "ID_BAD_CHAR"],
    ["an ID too long", { idNumber: ID + "1" }, {}, "ID_LENGTH"],
    ["a name with a digit", { name: NAME + "1" }, {}, "NAME_BAD_CHAR"],
    ["a name too long", { name: NAME.repeat(5) }, {}, "NAME_TOO_LONG"],
    ["a name in Latin letters", { name: "Abdullah Maimaiti" }, {}, null],
    ["a short mobile", { mobile: MOBILE.slice(0, 10) }, {}, "MOBILE_LENGTH", "buildMobile3MetaVerifyIntl"],
    ["a Hong Kong mobile", { mobile: "+852 9123 4567" }, {}, "MOBILE_NOT_MAINLAND", "buildMobile3MetaVerifyIntl"],
    ["not a mobile", { mobile: "2" + MOBILE.slice(1) }, {}, null, "buildMobile3MetaVerifyIntl"],
    ["an http endpoint", {}, { endpoint: "http://cloudauth-intl.cn-hongkong.aliyuncs.com" }, "ENDPOINT_INVALID"],
    ["an endpoint with the secret as user info", {}, { endpoint: `https://id:${SECRET}@cloudauth-intl.cn-hongkong.aliyuncs.com` }, "ENDPOINT_INVALID"],
    ["an endpoint with personal data in its path", {}, { endpoint: `cloudauth-intl.cn-hongkong.aliyuncs.com/?IdentifyNum=${ID}&UserName=${NAME}` }, "ENDPOINT_INVALID"],
    ["a bad signature version", {}, { signatureVersion: "v2" }, "INVALID_ARGUMENT"],
    ["a bad today", {}, { today: ID }, "TODAY_INVALID"],
    ["a bad period start", { validityStart: "20260230" }, {}, null, "buildId2MetaPeriodVerifyIntl"],
    ["a period ending before it starts", { validityStart: "20160301", validityEnd: "20060301" }, {}, null, "buildId2MetaPeriodVerifyIntl"],
    ["a period term that does not fit the age", { validityStart: "20160301", validityEnd: "20260301" }, {}, "PERIOD_TERM_AGE_MISMATCH", "buildId2MetaPeriodVerifyIntl"],
    ["a bad long-term spelling", {}, { longTermAs: "forever" }, "LONG_TERM_AS_INVALID", "buildId2MetaPeriodVerifyIntl"],
    ["a bad merchantBizId", { merchantBizId: ID + "-" + MOBILE }, {}, null, "buildId2MetaPeriodVerifyIntl"],
    ["md5 where not supported", { paramType: "md5" }, {}, "PARAM_TYPE_UNSUPPORTED", "buildId2MetaVerifyIntl"],
    ["a bad paramType", { paramType: ID }, {}, "PARAM_TYPE_INVALID", "buildMobile3MetaVerifyIntl"],
  ];
  let n = 0;
  for (const signatureVersion of ["v3", "v1"]) {
    for (const [label, inputPatch, optsPatch, code, only] of failing) {
      for (const [builder, input] of Object.entries(INPUTS)) {
        if (only && only !== builder) continue;
        const where = `${builder} ${signatureVersion}: ${label}`;
        throws(where, () => api[builder]({ ...input, ...inputPatch }, { ...STS, signatureVersion, ...optsPatch }));
        if (code) assert.equal(lastErrorCode(), code, where);
        n++;
      }
    }
    // The signer on its own.
    const req = { method: "POST", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2022-08-09", form: { IdentifyNum: ID, UserName: NAME } };
    for (const [label, patch, optsPatch] of [
      ["a bad timestamp", {}, { timestamp: "yesterday" }],
      ["an empty nonce", {}, { nonce: "" }],
      ["a bad host", { host: `${ID}.example.com/${NAME}` }, {}],
      ["GET with a form", { method: "GET" }, {}],
      ["an empty parameter name", { query: { "": ID } }, {}],
      ...(signatureVersion === "v1" ? [["a reserved parameter", { query: { Signature: "x" } }, {}]] : []),
      ["a bad method", { method: "PUT" }, {}],
    ]) {
      throws(`signRequest ${signatureVersion}: ${label}`, () => api.signRequest({ ...req, ...patch }, { ...STS, signatureVersion, ...optsPatch }));
      n++;
    }
  }
  throws("upgradeLegacyIdNumber of an 18-digit number", () => api.upgradeLegacyIdNumber(ID));
  throws("upgradeLegacyIdNumber of a bad 15-digit number", () => api.upgradeLegacyIdNumber(ID15.slice(0, 14) + "A"));
  throws("md5Hex of a number", () => api.md5Hex(13812345678));
  assert.ok(n > 100, `${n} failing calls`);
  assertStillWorks();
});

test("the checks: the error half of a failed check never repeats the input", () => {
  const cases = [
    ["checkIdNumber bad checksum", api.checkIdNumber("110105194912310021", { today: TODAY })],
    ["checkIdNumber 15 digits", api.checkIdNumber(ID15, { today: TODAY })],
    ["checkIdNumber too long", api.checkIdNumber(ID + MOBILE, { today: TODAY })],
    ["checkIdNumber future birth", api.checkIdNumber(ID, { today: "1940-01-01" })],
    ["checkIdNumber bad today", api.checkIdNumber(ID, { today: ID })],
    ["checkName digits", api.checkName(NAME + MOBILE)],
    ["checkName too long", api.checkName(NAME.repeat(5))],
    ["checkMobile short", api.checkMobile(MOBILE.slice(1))],
    ["checkMobile foreign", api.checkMobile("+852 9123 4567")],
    ["checkMobile with the ID", api.checkMobile(ID)],
    ["checkValidityPeriod term", api.checkValidityPeriod({ start: "20160301", end: "20260301", idNumber: ID, today: TODAY })],
    ["checkValidityPeriod bad ID", api.checkValidityPeriod({ start: "20160301", end: "20260301", idNumber: "110105194912310021", today: TODAY })],
  ];
  for (const [where, r] of cases) checkError(where, r);
  // What a valid check returns is the user's own data: output, not error.
  for (const r of [api.checkIdNumber(ID, { today: TODAY }), api.checkName(NAME), api.checkMobile(MOBILE)]) output("valid check", r);
  // Masks: the middle is hidden.
  assert.equal(api.maskIdNumber(ID), "110105********002X");
  assert.equal(api.maskMobile(MOBILE), "138****5678");
  for (const m of [api.maskIdNumber(ID), api.maskName(NAME), api.maskMobile(MOBILE)]) {
    errors.push(["a mask", m]); // a mask is what may be logged: hold it to the error standard
  }
});

test("parseResponse of answers that contain the personal data", () => {
  const bodies = [
    [200, { Code: "Success", RequestId: "R-1", Result: { BizCode: "1", IspName: "CMCC" } }],
    [200, { Code: "Success", RequestId: "R-2", Result: { BizCode: "2", SubCode: "201" } }],
    [200, { Code: "Success", RequestId: "R-3", Result: { BizCode: "3" } }],
    [200, { Code: "200", RequestId: "R-4", ResultObject: { BizCode: 1 } }],
    [400, { Code: "InvalidParameter", Message: `IdentifyNum ${ID} of ${NAME} (${MOBILE}) is invalid`, RequestId: "R-5" }],
    [403, { Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched with our calculation.", RequestId: "R-6" }],
    [404, { Code: "InvalidAction.NotFound", Message: "Specified api is not found", RequestId: "R-7" }],
    [429, { Code: "Throttling.User", Message: "Request was denied due to user flow control.", RequestId: "R-8" }],
    [500, { Code: "InternalError", Message: `failed for ${ID}`, RequestId: "R-9" }],
    [200, { Code: "Success", RequestId: "R-10", Result: { BizCode: "1", IdentifyNum: ID, UserName: NAME, Mobile: MOBILE } }],
  ];
  for (const action of ["Id2MetaVerifyIntl", "Mobile3MetaVerifyIntl", "Id2MetaPeriodVerifyIntl", "Id2MetaVerify"]) {
    for (const [status, body] of bodies) output(`parseResponse ${action} ${status}`, api.parseResponse(action, status, JSON.stringify(body), { "x-acs-request-id": "R", "x-acs-retry-after": "10" }));
    for (const raw of [`<html>${ID} ${NAME} ${MOBILE}</html>`, `{"Code":"Success","Result":{"IdentifyNum":"${ID}"`, "", ID]) {
      output(`parseResponse ${action} malformed`, api.parseResponse(action, 200, raw));
    }
  }
});

test("a client over a fake fetch that answers every kind of error", async () => {
  const sent = [];
  const respond = (status, body, headers = {}) => () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });
  const answers = {
    match: respond(200, { Code: "Success", RequestId: "R-1", Result: { BizCode: "1" } }),
    mismatch: respond(200, { Code: "Success", RequestId: "R-2", Result: { BizCode: "2" } }),
    invalidParameter: respond(400, { Code: "InvalidParameter", Message: `bad IdentifyNum ${ID}`, RequestId: "R-3" }),
    signature: respond(400, { Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched with our calculation.", RequestId: "R-4" }),
    forbidden: respond(403, { Code: "Forbidden.RAMUserAccessDenied", Message: "denied", RequestId: "R-5" }),
    throttled: respond(429, { Code: "Throttling.User", Message: "flow control", RequestId: "R-6" }, { "x-acs-retry-after": "1" }),
    server: respond(503, { Code: "ServiceUnavailable", Message: "try later", RequestId: "R-7" }),
    html: respond(502, `<html><body>Bad gateway for ${NAME}</body></html>`),
    empty: respond(200, ""),
    truncated: respond(200, `{"Code":"Success","Result":{"BizCode":"1","IdentifyNum":"${ID}"`),
  };
  const fakeFetch = (answer) => async (url, init) => {
    sent.push(url, JSON.stringify(init.headers), String(init.body));
    return answer(url, init);
  };
  for (const signatureVersion of ["v3", "v1"]) {
    for (const creds of [{ accessKeyId: BASE.accessKeyId, accessKeySecret: SECRET }, { accessKeyId: STS.accessKeyId, accessKeySecret: SECRET, securityToken: STS_TOKEN }]) {
      for (const [label, answer] of Object.entries(answers)) {
        const client = api.createClient({ ...creds, signatureVersion, fetch: fakeFetch(answer), retries: 1, backoffBaseMs: 1, backoffCapMs: 2 });
        for (const [builder, method] of Object.entries(CLIENT_METHOD)) {
          output(`client ${signatureVersion} ${label} ${method}`, await client[method](INPUTS[builder]));
        }
        collectClient(`client ${signatureVersion} ${label}`, client);
      }
      // Transport failures are thrown: a fetch that throws with the URL and the body in its message
      // (as some implementations do), one that rejects with a string, and a timeout.
      const leaky = async (url, init) => {
        sent.push(url);
        const e = new TypeError(`request to ${url} failed, reason: connect ECONNREFUSED; body ${init.body}`);
        e.code = "ECONNREFUSED";
        throw e;
      };
      const stringy = async (url, init) => Promise.reject(`failed ${url} ${init.body}`);
      const slow = (url, init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException(`aborted ${init.body}`, "AbortError"))));
      // A refused connection is certainly not delivered: NETWORK_ERROR. A string rejection or a
      // timeout may have been processed: resent identically, then answer_lost (a result).
      for (const [label, fetch, code] of [["leaky network error", leaky, "NETWORK_ERROR"], ["string rejection", stringy, "answer_lost"], ["timeout", slow, "answer_lost"]]) {
        const client = api.createClient({ ...creds, signatureVersion, fetch, retries: 1, backoffBaseMs: 1, backoffCapMs: 2, timeoutMs: 20 });
        for (const [builder, method] of Object.entries(CLIENT_METHOD)) {
          const where = `client ${signatureVersion} ${label} ${method}`;
          if (code === "answer_lost") {
            const r = await client[method](INPUTS[builder]);
            output(where, r);
            assert.equal(r.errorKind, code);
          } else {
            const e = await rejects(where, client[method](INPUTS[builder]));
            assert.equal(e.code, code);
          }
        }
        collectClient(`client ${signatureVersion} ${label}`, client);
      }
      // Bad input: refused before fetch, with the check's code.
      const refusing = api.createClient({ ...creds, signatureVersion, fetch: () => assert.fail("fetch called for bad input") });
      for (const [builder, method] of Object.entries(CLIENT_METHOD)) {
        await rejects(`client ${signatureVersion} bad ID ${method}`, refusing[method]({ ...INPUTS[builder], idNumber: "110105194912310021" }));
        await rejects(`client ${signatureVersion} 15-digit ID ${method}`, refusing[method]({ ...INPUTS[builder], idNumber: ID15 }));
        await rejects(`client ${signatureVersion} bad name ${method}`, refusing[method]({ ...INPUTS[builder], name: NAME + MOBILE }));
      }
      await rejects(`client ${signatureVersion} bad mobile`, refusing.mobile3MetaVerifyIntl({ ...INPUTS.buildMobile3MetaVerifyIntl, mobile: MOBILE + "0" }));
      // A bad endpoint is refused by createClient itself (ENDPOINT_INVALID), before any call.
      throws(`client ${signatureVersion} bad endpoint`, () => api.createClient({ ...creds, signatureVersion, endpoint: `https://u:${SECRET}@example.com/${ID}`, fetch: () => assert.fail("fetch called") }));
      const badNonce = api.createClient({ ...creds, signatureVersion, nonce: () => `${ID} ${NAME}`, fetch: () => assert.fail("fetch called") });
      await rejects(`client ${signatureVersion} bad nonce`, badNonce.id2MetaVerifyIntl(INPUTS.buildId2MetaVerifyIntl));
      collectClient(`client ${signatureVersion} refusing`, refusing);
    }
  }
  for (const s of sent) outputs.push(["sent by the client", s]);
  assert.ok(sent.some((s) => s.includes(STS_TOKEN)), "the STS token was sent");

  // createClient's own errors.
  throws("createClient without an ID", () => api.createClient({ accessKeySecret: SECRET }));
  throws("createClient with an ID of the wrong type", () => api.createClient({ accessKeyId: 7, accessKeySecret: SECRET }));
  throws("createClient with a bad timeout", () => api.createClient({ accessKeyId: "id", accessKeySecret: SECRET, timeoutMs: -1 }));
  throws("createClient with fetch not a function", () => api.createClient({ accessKeyId: "id", accessKeySecret: SECRET, fetch: SECRET }));

  // Credentials from the environment.
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "env-id";
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = SECRET;
  process.env.ALIBABA_CLOUD_SECURITY_TOKEN = STS_TOKEN;
  try {
    collectClient("client from the environment", api.createClient({ fetch: fakeFetch(answers.match) }));
  } finally {
    for (const k of ENV_KEYS) delete process.env[k];
  }
});

/** The client object itself: held to the error standard (it is what ends up in a debug log). */
function collectClient(where, client) {
  for (const [k, s] of [
    ["JSON.stringify", JSON.stringify(client)],
    ["String", String(client)],
    ["inspect", inspect(client, { depth: Infinity, showHidden: true })],
    ["methods", Object.values(client).map((f) => f.toString() + inspect(f, { showHidden: true })).join("\n")],
  ]) {
    errors.push([`${where}: ${k}(client)`, s]);
  }
  assert.ok(Object.isFrozen(client));
  assert.deepEqual(Object.keys(client).sort(), ["id2MetaPeriodVerifyIntl", "id2MetaVerify", "id2MetaVerifyIntl", "mobile3MetaVerifyIntl", "resend"]);
}

test("the secret appears nowhere; personal data appears in no error", () => {
  assert.ok(outputs.length > 500, `${outputs.length} outputs collected`);
  assert.ok(errors.length > 1000, `${errors.length} error strings collected`);
  const leaks = [];
  for (const [where, s] of [...outputs, ...errors]) {
    for (const form of SECRET_FORMS) if (s.toLowerCase().includes(form.toLowerCase())) leaks.push(`the secret (${form}) in ${where}: ${s.slice(0, 300)}`);
  }
  for (const [where, s] of errors) {
    for (const form of PII_FORMS) if (s.includes(form)) leaks.push(`personal data (${form}) in ${where}: ${s.slice(0, 300)}`);
    if (s.includes(STS_TOKEN)) leaks.push(`the STS token in ${where}: ${s.slice(0, 300)}`);
  }
  assert.deepEqual(leaks.slice(0, 20), [], `${leaks.length} leaks`);
  // The searches can find what they look for: the personal data is in the signed bodies.
  assert.ok(outputs.some(([, s]) => s.includes(ID)) && outputs.some(([, s]) => s.includes(encodeURIComponent(NAME))));
  assertStillWorks();
});
