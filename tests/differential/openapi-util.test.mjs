// Differential test: the installed package and the official @alicloud/openapi-util (a dev
// dependency only) sign the same random requests with the same nonce and timestamp, for both
// signature versions; every signature must be identical.
//
// Oracle quirks (docs/pitfalls.md §8): openapi-util writes an empty value as a bare key and uses an
// empty canonical URI unless pathname "/" is given, so values are never empty and pathname is "/".
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import OpenApiUtil from "@alicloud/openapi-util";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const { signRequest } = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);
const Util = OpenApiUtil.default ?? OpenApiUtil;

const CASES = Number(process.env.DIFFERENTIAL_CASES || 3000);

// A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed.
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

const ALPHABETS = [
  "张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文",
  "·•・ 　",
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  "-_.~!*'()+&=?/:;,@#$%^[]{}|\\\"<>`",
  "😀🙂🎉𠮷𡈽ä é ñ ß Ω",
];

function randomString(r, min, max) {
  const n = min + Math.floor(r() * (max - min + 1));
  let s = "";
  for (let i = 0; i < n; i++) {
    const alphabet = [...ALPHABETS[Math.floor(r() * ALPHABETS.length)]];
    s += alphabet[Math.floor(r() * alphabet.length)];
  }
  return s;
}

function randomRequest(r) {
  const params = {
    ProductCode: ["ID_2META", "MOBILE_3META", "eKYC_Date_MIN"][Math.floor(r() * 3)],
    ParamType: r() < 0.8 ? "normal" : "md5",
    IdentifyNum: randomString(r, 1, 20),
    UserName: randomString(r, 1, 12),
  };
  if (r() < 0.5) params.Mobile = randomString(r, 1, 14);
  if (r() < 0.3) params.SceneCode = randomString(r, 1, 10);
  if (r() < 0.3) params.MerchantUserId = randomString(r, 1, 20);
  const method = r() < 0.2 ? "GET" : "POST";
  const inBody = method === "POST" && r() < 0.6;
  const creds = { accessKeyId: "LTAI" + randomString(rng(Math.floor(r() * 1e9)), 8, 8).replace(/[^A-Za-z0-9]/g, "x"), accessKeySecret: randomString(r, 10, 30) };
  if (r() < 0.25) creds.securityToken = "CAIS" + Math.floor(r() * 1e12).toString(36);
  const when = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 2e11));
  return {
    req: { method, host: r() < 0.5 ? "cloudauth-intl.cn-hongkong.aliyuncs.com" : "cloudauth.cn-shanghai.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2022-08-09", query: inBody ? {} : params, form: inBody ? params : {} },
    creds,
    timestamp: when.toISOString().replace(/\.\d{3}Z$/, "Z"),
    nonce: Math.floor(r() * 1e15).toString(16) + "-" + Math.floor(r() * 1e15).toString(16),
  };
}

function officialV3({ req, creds, timestamp, nonce }, ours) {
  // The body bytes are ours (the official toForm orders and escapes differently, which is not a
  // signing difference); their hash and everything signed are computed here independently.
  const body = ours.body ?? "";
  const headers = {
    host: req.host,
    "x-acs-action": req.action,
    "x-acs-version": req.version,
    "x-acs-date": timestamp,
    "x-acs-signature-nonce": nonce,
    "x-acs-content-sha256": createHash("sha256").update(body, "utf8").digest("hex"),
  };
  if (body) headers["content-type"] = "application/x-www-form-urlencoded";
  if (creds.securityToken) {
    headers["x-acs-security-token"] = creds.securityToken;
    headers["x-acs-accesskey-id"] = creds.accessKeyId;
  }
  const auth = Util.getAuthorization({ method: req.method, pathname: "/", query: req.query, headers }, "ACS3-HMAC-SHA256", headers["x-acs-content-sha256"], creds.accessKeyId, creds.accessKeySecret);
  return { auth, hash: headers["x-acs-content-sha256"] };
}

function officialV1({ req, creds, timestamp, nonce }) {
  const signed = {
    ...req.query,
    ...req.form,
    Action: req.action,
    Version: req.version,
    Format: "json",
    AccessKeyId: creds.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: nonce,
    Timestamp: timestamp,
  };
  if (creds.securityToken) signed.SecurityToken = creds.securityToken;
  return Util.getRPCSignature(signed, req.method, creds.accessKeySecret);
}

const formOf = (c) => ({ ...c.req.form });

test(`${CASES} random requests sign identically to @alicloud/openapi-util, V3 and V1`, () => {
  const r = rng(20261122);
  let compared = 0;
  for (let i = 0; i < CASES; i++) {
    const c = randomRequest(r);
    const opts = { ...c.creds, timestamp: c.timestamp, nonce: c.nonce };
    const v3 = signRequest(c.req, { ...opts, signatureVersion: "v3" });
    const o3 = officialV3(c, v3);
    const decoded = Object.fromEntries(new URLSearchParams(v3.body ?? ""));
    assert.deepEqual(decoded, formOf(c), `case ${i}: the form body carries exactly the form parameters`);
    assert.equal(v3.headers["x-acs-content-sha256"], o3.hash, `case ${i}: payload hash`);
    assert.equal(v3.headers.authorization, o3.auth, `case ${i}: v3 authorization`);
    const v1 = signRequest(c.req, { ...opts, signatureVersion: "v1" });
    assert.equal(v1.signature, officialV1(c), `case ${i}: v1 signature`);
    compared += 2;
  }
  assert.equal(compared, 2 * CASES);
});
