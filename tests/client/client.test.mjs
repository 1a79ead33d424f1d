// createClient from the installed package against the local mock endpoint (tools/mock-cloudauth),
// which verifies signatures with its own node:crypto implementation.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startMock, scenarios } from "../../tools/mock-cloudauth/server.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const { createClient, AliyunIdvError } = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);

const CREDS = { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" };
const METHOD = { Id2MetaVerifyIntl: "id2MetaVerifyIntl", Mobile3MetaVerifyIntl: "mobile3MetaVerifyIntl", Id2MetaPeriodVerifyIntl: "id2MetaPeriodVerifyIntl", Id2MetaVerify: "id2MetaVerify" };
const PERSON = { idNumber: "110105199003070316", name: "张三" };
let mock;

before(async () => {
  mock = await startMock();
});
after(() => mock.close());
beforeEach(() => mock.reset());

// Fast backoff for tests; the policy itself is what is tested.
const client = (extra = {}) => createClient({ ...CREDS, endpoint: mock.url, backoffBaseMs: 1, backoffCapMs: 5, ...extra });

for (const signatureVersion of ["v3", "v1"]) {
  test(`every synthetic person gets the expected verdict (${signatureVersion})`, async () => {
    const c = client({ signatureVersion });
    const covered = scenarios.filter((s) => METHOD[s.action]);
    assert.ok(covered.length >= 20);
    for (const s of covered) {
      const r = await c[METHOD[s.action]](s.input);
      assert.equal(r.verdict, s.expect.verdict, s.label);
      if (s.expect.subCode) assert.equal(r.subCode, s.expect.subCode, s.label);
      assert.equal(r.attempts, 1, s.label);
    }
  });
}

test("STS credentials", async () => {
  const c = createClient({ accessKeyId: "STS.mock-ak-id", accessKeySecret: "mock-sts-secret", securityToken: "mock-security-token", endpoint: mock.url });
  assert.equal((await c.id2MetaVerifyIntl(PERSON)).verdict, "match");
});

test("credentials from the standard environment variables", async () => {
  const saved = { ...process.env };
  try {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = CREDS.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = CREDS.accessKeySecret;
    delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
    const c = createClient({ endpoint: mock.url });
    assert.equal((await c.id2MetaVerifyIntl(PERSON)).verdict, "match");
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    assert.throws(() => createClient({ endpoint: mock.url }), (e) => e instanceof AliyunIdvError && e.code === "CREDENTIALS_MISSING");
  } finally {
    process.env = saved;
  }
});

test("an invalid ID number never reaches the network", async () => {
  let calls = 0;
  const c = client({ fetch: (...a) => (calls++, fetch(...a)) });
  await assert.rejects(c.id2MetaVerifyIntl({ idNumber: "110105199003070317", name: "张三" }), (e) => e instanceof AliyunIdvError && e.code === "ID_CHECKSUM");
  await assert.rejects(c.mobile3MetaVerifyIntl({ ...PERSON, mobile: "+852 9123 4567" }), (e) => e.code === "MOBILE_NOT_MAINLAND");
  assert.equal(calls, 0);
  assert.equal(mock.stats.total, 0);
});

test("a tampered signature is refused by the mock, and not retried", async () => {
  const tamper = (url, init) => {
    const headers = { ...init.headers };
    headers.authorization = headers.authorization.replace(/Signature=(.)/, (m, c) => "Signature=" + (c === "0" ? "1" : "0"));
    return fetch(url, { ...init, headers });
  };
  const r = await client({ fetch: tamper }).id2MetaVerifyIntl(PERSON);
  assert.equal(r.code, "SignatureDoesNotMatch");
  assert.equal(r.errorKind, "auth");
  assert.equal(r.attempts, 1);
  const v1 = (url, init) => fetch(url.replace(/Signature=[^&]+/, "Signature=AAAA"), init);
  assert.equal((await client({ fetch: v1, signatureVersion: "v1" }).id2MetaVerifyIntl(PERSON)).code, "SignatureDoesNotMatch");
});

test("throttling is retried with a fresh nonce, honouring x-acs-retry-after, up to the limit", async () => {
  mock.setMode({ throttle: 2, retryAfterMs: 30 });
  const started = Date.now();
  const nonces = [];
  const spy = (url, init) => (nonces.push(init.headers["x-acs-signature-nonce"]), fetch(url, init));
  const r = await client({ retries: 2, fetch: spy }).id2MetaVerifyIntl(PERSON);
  assert.equal(r.verdict, "match");
  assert.equal(r.attempts, 3);
  assert.ok(Date.now() - started >= 60, "waited retry-after twice");
  assert.equal(mock.stats.total, 3);
  assert.equal(new Set(nonces).size, 3, "a fresh nonce per attempt");

  mock.reset();
  mock.setMode({ throttle: 10, retryAfterMs: 1 });
  const limited = await client({ retries: 2 }).id2MetaVerifyIntl(PERSON);
  assert.equal(limited.errorKind, "throttled");
  assert.equal(limited.attempts, 3);
  assert.equal(mock.stats.total, 3);
});

test("5xx and a proxy's HTML page are retried; retries: 0 sends once", async () => {
  mock.setMode({ fail5xx: 1, status: 503 });
  assert.equal((await client().id2MetaVerifyIntl(PERSON)).attempts, 2);
  mock.reset();
  mock.setMode({ html: 1 });
  assert.equal((await client().id2MetaVerifyIntl(PERSON)).verdict, "match");
  mock.reset();
  mock.setMode({ fail5xx: 1, status: 500 });
  const once = await client({ retries: 0 }).id2MetaVerifyIntl(PERSON);
  assert.equal(once.errorKind, "server");
  assert.equal(once.attempts, 1);
});

test("billed and final answers are not retried", async () => {
  const r = await client().id2MetaVerifyIntl({ idNumber: PERSON.idNumber, name: "李四" });
  assert.equal(r.verdict, "mismatch");
  assert.equal(r.billed, true);
  assert.equal(mock.stats.total, 1);
  mock.setMode({ gatewayError: 1, code: "Forbidden.RAMUserAccessDenied" });
  assert.equal((await client().id2MetaVerifyIntl(PERSON)).attempts, 1);
});

test("network errors are retried, then reported", async () => {
  mock.setMode({ drop: 1 });
  assert.equal((await client().id2MetaVerifyIntl(PERSON)).attempts, 2);
  mock.reset();
  mock.setMode({ drop: 10 });
  await assert.rejects(client({ retries: 1 }).id2MetaVerifyIntl(PERSON), (e) => e instanceof AliyunIdvError && e.code === "NETWORK_ERROR" && e.attempts === 2);
});

test("a slow answer is aborted after timeoutMs and not retried", async () => {
  mock.setMode({ delayMs: 2000 });
  const started = Date.now();
  await assert.rejects(client({ timeoutMs: 100 }).id2MetaVerifyIntl(PERSON), (e) => e instanceof AliyunIdvError && e.code === "TIMEOUT");
  assert.ok(Date.now() - started < 1500);
  assert.equal(mock.stats.total, 1);
});

test("the secret appears in no request, result or error", async () => {
  const secret = "mock-ak-secret";
  const seen = [];
  const spy = (url, init) => (seen.push(url, JSON.stringify(init)), fetch(url, init));
  const r = await client({ fetch: spy }).id2MetaVerifyIntl(PERSON);
  seen.push(JSON.stringify(r), JSON.stringify(client()));
  const e = await client().id2MetaVerifyIntl({ idNumber: "x", name: "y" }).catch((x) => x);
  seen.push(String(e), JSON.stringify(e), e.stack);
  for (const s of seen) assert.ok(!s.includes(secret), s);
});
