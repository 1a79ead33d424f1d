// signRequest's official RPC parameter rules (pkg-template/params.js): differential against the
// official @alicloud/openapi-util `query` (the SDKs' flattening) on random nested inputs, then the
// refusals the SDKs lack, then the same through the installed package's signRequest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import OpenApiUtil from "@alicloud/openapi-util";
import { rpcParamList, rpcParams } from "../../pkg-template/params.js";

const Util = OpenApiUtil.default ?? OpenApiUtil;
const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const api = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ["Tags", "Key", "Value", "a", "B", "张", "x y", "Filter", "n"];
function randomValue(r, depth) {
  const pick = Math.floor(r() * (depth > 3 ? 7 : 10));
  switch (pick) {
    case 0: return "";
    case 1: return "v" + Math.floor(r() * 1000) + (r() < 0.3 ? " 张三*~" : "");
    case 2: return Math.floor(r() * 2e6) - 1e6;
    case 3: return r() < 0.5 ? r() * 1000 : [0, -0, 1e21, 1e-7, 123.456][Math.floor(r() * 5)];
    case 4: return r() < 0.5;
    case 5: return r() < 0.5 ? null : undefined;
    case 6: return BigInt(Math.floor(r() * 1e9));
    case 7: case 8: {
      const n = Math.floor(r() * 4);
      return Array.from({ length: n }, () => randomValue(r, depth + 1));
    }
    default: {
      const o = {};
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) o[KEYS[Math.floor(r() * KEYS.length)] + (r() < 0.3 ? i : "")] = randomValue(r, depth + 1);
      return o;
    }
  }
}

test("flattening and stringification equal @alicloud/openapi-util's on 3000 random nested inputs", () => {
  const r = rng(20261201);
  let nested = 0;
  for (let i = 0; i < 3000; i++) {
    const input = {};
    const n = 1 + Math.floor(r() * 5);
    for (let k = 0; k < n; k++) input[KEYS[Math.floor(r() * KEYS.length)] + k] = randomValue(r, 0);
    const ours = { ...rpcParams(input, "query") };
    const sdk = Util.query(input);
    assert.deepEqual(ours, sdk, `case ${i}: ${JSON.stringify(input, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}`);
    // The list signRequest uses (a fast path for flat objects, the flattening otherwise): the same
    // parameters, in the same order, each name once.
    const list = rpcParamList(input, "query");
    assert.deepEqual(list, Object.entries(ours).flat(), `case ${i}: the list`);
    if (Object.keys(ours).some((k) => k.includes("."))) nested++;
  }
  assert.ok(nested > 500, `${nested} cases had nested keys`);
});

test("the SDKs' own examples: Tags.1.Key, numbers, booleans, null dropped", () => {
  assert.deepEqual({ ...rpcParams({ Tags: [{ Key: "env", Value: "prod" }, { Key: "team" }], Size: 10, Force: false, Skip: null, Gone: undefined }, "query") }, {
    "Tags.1.Key": "env", "Tags.1.Value": "prod", "Tags.2.Key": "team", Size: "10", Force: "false",
  });
  assert.deepEqual({ ...rpcParams(undefined, "form") }, {});
  assert.deepEqual({ ...rpcParams(Object.create(null), "form") }, {});
});

test("a Map, Set, Date, class instance, function or symbol is refused naming the key, never the value", () => {
  class Thing { constructor() { this.secret = "SECRET-VALUE-1"; } }
  const cases = [
    [new Map([["a", "SECRET-VALUE-1"]]), "query", "a Map"],
    [{ Outer: new Map([["k", "SECRET-VALUE-1"]]) }, "query.Outer", "a Map"],
    [{ Tags: [{ Key: new Set(["SECRET-VALUE-1"]) }] }, "query.Tags.1.Key", "a Set"],
    [{ When: new Date(0) }, "query.When", "a Date"],
    [{ T: new Thing() }, "query.T", "not a plain object"],
    [{ F: () => "SECRET-VALUE-1" }, "query.F", "a function"],
    [{ S: Symbol("SECRET-VALUE-1") }, "query.S", "a symbol"],
  ];
  for (const [input, field, kind] of cases) {
    assert.throws(() => rpcParams(input, "query"), (e) => e.code === "INVALID_ARGUMENT" && e.field === field && e.message.includes(kind) && !JSON.stringify(e).includes("SECRET-VALUE-1"), field);
    // The same through the installed package.
    assert.throws(() => api.signRequest({ host: "cloudauth.aliyuncs.com", action: "A", version: "2019-03-07", query: input }, { accessKeyId: "id", accessKeySecret: "s", timestamp: "2026-01-15T08:30:00Z", nonce: "n" }),
      (e) => e instanceof api.AliyunIdvError && e.code === "INVALID_ARGUMENT" && e.field === field && !String(e.message).includes("SECRET-VALUE-1"), field);
  }
});

test("lone surrogates in flattened keys and values become U+FFFD, as for every string sent to the core", () => {
  const opts = { accessKeyId: "id", accessKeySecret: "s", timestamp: "2026-01-15T08:30:00Z", nonce: "n", signatureVersion: "v1" };
  const a = api.signRequest({ host: "cloudauth.aliyuncs.com", action: "A", version: "2019-03-07", query: { K: ["x\uD800"] } }, opts);
  const b = api.signRequest({ host: "cloudauth.aliyuncs.com", action: "A", version: "2019-03-07", query: { "K.1": "x\uFFFD" } }, opts);
  assert.equal(a.signature, b.signature);
});

test("signRequest signs the flattened, stringified parameters exactly as openapi-util does", () => {
  const opts = { accessKeyId: "testid", accessKeySecret: "testsecret", timestamp: "2026-01-15T08:30:00Z", nonce: "c0ffee00", signatureVersion: "v1" };
  const query = { Tags: [{ Key: "a", Value: 1 }], Enabled: true, PageSize: 50, Nothing: null };
  const signed = api.signRequest({ method: "POST", host: "cloudauth.aliyuncs.com", action: "DescribeX", version: "2019-03-07", query }, opts);
  const params = {
    ...Util.query(query), AccessKeyId: "testid", Action: "DescribeX", Format: "json", SignatureMethod: "HMAC-SHA1", SignatureNonce: "c0ffee00",
    SignatureVersion: "1.0", Timestamp: "2026-01-15T08:30:00Z", Version: "2019-03-07",
  };
  assert.equal(signed.signature, Util.getRPCSignature(params, "POST", "testsecret"));
  assert.match(signed.url, /Tags\.1\.Value=1/);
  assert.doesNotMatch(signed.url, /Nothing/);
});

test("a __proto__ key is kept as a parameter, never dropped or turned into a prototype", () => {
  const flat = rpcParams(JSON.parse('{"__proto__":"x","Nested":{"__proto__":"y"}}'), "form");
  assert.equal(Object.getPrototypeOf(flat), null);
  assert.deepEqual(Object.entries(flat), [["__proto__", "x"], ["Nested.__proto__", "y"]]);
});
