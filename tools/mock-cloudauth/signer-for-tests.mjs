// A small, separate signer for the mock's tests, written from docs/wire.md (not shared with server.mjs,
// not aliyun-idv's code) and checked against the signing cases in tests/data/signing/. Produces requests ready for node:http.

import crypto from "node:crypto";

/** RFC 3986: UTF-8 bytes, every byte except A-Z a-z 0-9 - _ . ~ as %XX (upper-case hex). */
export function encode(s) {
  return encodeURIComponent(String(s))
    .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

const sha256 = (data) => crypto.createHash("sha256").update(data).digest("hex");
const cmp = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

export function formEncode(params) {
  return Object.entries(params).map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
}

/** yyyy-MM-ddTHH:mm:ssZ */
export function isoSeconds(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * V3 (ACS3-HMAC-SHA256). `form` params go into an x-www-form-urlencoded body; `body` overrides the
 * raw body. Returns { method, path, headers, body, canonicalRequest, stringToSign, signature }.
 */
export function signV3({ method = "POST", host, action, version, query = {}, form, body, contentType,
  accessKeyId, accessKeySecret, securityToken, timestamp, nonce, extraHeaders = {} }) {
  let payload = body ?? (form ? formEncode(form) : "");
  const headers = {
    host,
    "x-acs-action": action,
    "x-acs-version": version,
    "x-acs-date": timestamp,
    "x-acs-signature-nonce": nonce,
    "x-acs-content-sha256": sha256(Buffer.from(payload, "utf8")),
    ...extraHeaders,
  };
  if (form || contentType) headers["content-type"] = contentType || "application/x-www-form-urlencoded";
  if (securityToken) {
    headers["x-acs-security-token"] = securityToken;
    headers["x-acs-accesskey-id"] = accessKeyId;
  }
  const canonicalQuery = Object.keys(query).sort(cmp).map((k) => `${encode(k)}=${encode(query[k])}`).join("&");
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort(cmp);
  const canonicalHeaders = names.map((n) => `${n}:${String(headers[n]).trim()}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalRequest = [method, "/", canonicalQuery, canonicalHeaders, signedHeaders, headers["x-acs-content-sha256"]].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256(canonicalRequest)}`;
  const signature = crypto.createHmac("sha256", accessKeySecret).update(stringToSign).digest("hex");
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { method, path: "/" + (canonicalQuery ? "?" + canonicalQuery : ""), headers, body: payload, canonicalRequest, stringToSign, signature };
}

/**
 * V1 (RPC HMAC-SHA1). Business `query` params and common params go in the URL, `form` params in the
 * body. Returns { method, path, headers, body, canonical, stringToSign, signature, params }.
 */
export function signV1({ method = "POST", host, action, version, query = {}, form, accessKeyId, accessKeySecret,
  securityToken, timestamp, nonce }) {
  const common = {
    Action: action, Version: version, Format: "json", AccessKeyId: accessKeyId,
    SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0", SignatureNonce: nonce, Timestamp: timestamp,
  };
  if (securityToken) common.SecurityToken = securityToken;
  const urlParams = { ...common, ...query };
  const all = { ...urlParams, ...(form || {}) };
  const canonical = Object.keys(all).sort(cmp).map((k) => `${encode(k)}=${encode(all[k])}`).join("&");
  const stringToSign = `${method}&${encode("/")}&${encode(canonical)}`;
  const signature = crypto.createHmac("sha1", accessKeySecret + "&").update(stringToSign).digest("base64");
  urlParams.Signature = signature;
  const headers = { host };
  const body = form ? formEncode(form) : "";
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  return { method, path: "/?" + formEncode(urlParams), headers, body, canonical, stringToSign, signature, params: all };
}
