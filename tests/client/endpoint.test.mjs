// The endpoint rules, in the core (a builder's `endpoint` option) and in the client (createClient
// refuses a bad endpoint at once; client.resend refuses a URL on a bad one): the same answer for
// every case, and plain http only for a real loopback host.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const { createClient, buildId2MetaVerifyIntl } = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);

const CREDS = { accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret" };
const OPTS = { ...CREDS, timestamp: "2026-06-01T04:00:00Z", nonce: "n-1", today: "2026-06-01" };
const PERSON = { idNumber: "110105199003070316", name: "张三" };

const GOOD = [
  "cloudauth-intl.cn-hongkong.aliyuncs.com", "https://cloudauth-intl-vpc.cn-hongkong.aliyuncs.com/", "http://127.0.0.1:8910",
  "http://127.255.0.9", "http://localhost:8910/", "http://[::1]:8910", "https://[2001:db8::1]:443", "https://127.0.0.1.nip.io",
  "127.evil.example:65535",
];
const BAD = [
  "http://cloudauth.aliyuncs.com", "https://a/b", "a b", "ftp://x", "https://", "user@host", "host?x=1",
  "http://127.0.0.1.evil.com", "http://127.evil.example", "http://127.0.0.1.nip.io:8910", "http://localhost.evil.com",
  "http://0127.0.0.1", "http://127.0.0.01", "http://127.0.0.256", "http://127.0.0", "http://[::2]", "http://[::1].evil.com",
  "[::1].evil.com", "127.0.0.1:1:2", "https://host:99999", "https://host:0", "https://host:", "https://:80", "https://[::1]x",
  "https://[::1", "https://-a.example", "https://a-.example", "https://a..example", "https://[zz::1]",
];

const core = (endpoint) => {
  try {
    return buildId2MetaVerifyIntl(PERSON, { ...OPTS, endpoint }).url;
  } catch (e) {
    assert.equal(e.code, "ENDPOINT_INVALID", endpoint);
    return null;
  }
};
const client = (endpoint) => {
  try {
    createClient({ ...CREDS, endpoint });
    return true;
  } catch (e) {
    assert.equal(e.code, "ENDPOINT_INVALID", endpoint);
    return false;
  }
};

test("good endpoints are accepted by the core and by the client", () => {
  for (const e of GOOD) {
    assert.ok(core(e), e);
    assert.equal(client(e), true, e);
  }
  assert.equal(core("http://127.0.0.1:8910"), "http://127.0.0.1:8910/");
});

test("plain http to another host and endpoints that are not host[:port] are refused by both", () => {
  for (const e of BAD) {
    assert.equal(core(e), null, e);
    assert.equal(client(e), false, e);
  }
});
