// Local mock of the Alibaba Cloud ID Verification (cloudauth) RPC endpoints.
//
// An independent implementation (node: built-ins only, none of aliyun-idv's code) of what
// /work/shared/spec/wire.md describes: it verifies V3 (ACS3-HMAC-SHA256) and V1 (RPC HMAC-SHA1)
// signatures, refuses the way the gateway does, and answers from a table of SYNTHETIC people
// (people.json) in the shapes of the response samples.
//
//   import { startMock } from "./tools/mock-cloudauth/server.mjs";
//   const mock = await startMock();            // 127.0.0.1, random port
//   ... fetch(mock.url, ...) ...
//   await mock.close();
//
//   node tools/mock-cloudauth/server.mjs [--port 8910]

import http from "node:http";
import crypto from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

// ---------------------------------------------------------------------------------------------
// Constants

export const DEFAULT_CREDENTIALS = Object.freeze({
  "mock-ak-id": "mock-ak-secret",
  "STS.mock-ak-id": Object.freeze({
    secret: "mock-sts-secret",
    securityToken: "mock-security-token",
    expiredSecurityTokens: Object.freeze(["mock-expired-security-token"]),
  }),
});

const INTL_VERSION = "2022-08-09";
const CN_VERSION = "2019-03-07";
const INTL_HOST = "cloudauth-intl.cn-hongkong.aliyuncs.com";
const CN_HOST = "cloudauth.cn-shanghai.aliyuncs.com";

/** The actions the mock serves: version, default host, product for error links, parameters. */
export const ACTIONS = Object.freeze({
  Id2MetaVerifyIntl: { version: INTL_VERSION, host: INTL_HOST, intl: true, productCode: "ID_2META", paramLocation: "query" },
  Mobile3MetaVerifyIntl: { version: INTL_VERSION, host: INTL_HOST, intl: true, productCode: "MOBILE_3META", paramLocation: "query" },
  Id2MetaPeriodVerifyIntl: { version: INTL_VERSION, host: INTL_HOST, intl: true, productCode: "eKYC_Date_MIN", paramLocation: "form" },
  Id2MetaVerify: { version: CN_VERSION, host: CN_HOST, intl: false, paramLocation: "form" },
  Mobile3MetaSimpleVerify: { version: CN_VERSION, host: CN_HOST, intl: false, paramLocation: "form" },
  Mobile3MetaDetailVerify: { version: CN_VERSION, host: CN_HOST, intl: false, paramLocation: "form" },
});

const MINUTES_15 = 15 * 60 * 1000;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const LONG_TERM = new Set(["长期", "long-term"]);

const GATEWAY_MESSAGES = {
  IncompleteSignature: "The request signature does not conform to Aliyun standards.",
  SignatureDoesNotMatch: "Specified signature is not matched with our calculation.",
  SignatureNonceUsed: "Specified signature nonce was used already.",
  "InvalidTimeStamp.Format": "Specified time stamp or date value is not well formatted.",
  "InvalidTimeStamp.Expired": "Specified time stamp or date value is expired.",
  "InvalidAccessKeyId.NotFound": "Specified access key is not found.",
  "InvalidSecurityToken.Expired": "Specified SecurityToken is expired.",
  "InvalidSecurityToken.Malformed": "Specified SecurityToken is malformed.",
  "InvalidSecurityToken.MismatchWithAccessKey": "Specified SecurityToken mismatch with the AccessKey.",
  "InvalidAction.NotFound": "Specified api is not found, please check your url and method.",
  InvalidVersion: "Specified parameter Version is not valid.",
  "Throttling.Api": "Request was denied due to API flow control.",
  InternalError: "The request processing has failed due to some unknown error, exception or failure.",
  ServiceUnavailable: "The request has failed due to a temporary failure of the server.",
  RequestEntityTooLarge: "The request body is larger than the limit.",
  "Forbidden.RAMUserAccessDenied": "You are not authorized to perform this operation. Grant the RAM user the AliyunAntCloudAuthFullAccess permission.",
  "Forbidden.AccountAccessDenied": "The Alibaba Cloud account has not activated ID Verification or has an overdue payment.",
};

const GATEWAY_STATUS = {
  "InvalidAccessKeyId.NotFound": 404,
  "InvalidAction.NotFound": 404,
  "Forbidden.RAMUserAccessDenied": 403,
  "Forbidden.AccountAccessDenied": 403,
  InternalError: 500,
  ServiceUnavailable: 503,
  RequestEntityTooLarge: 413,
};

const SIGNING_ERROR_CODES = new Set([
  "IncompleteSignature", "SignatureDoesNotMatch", "SignatureNonceUsed", "InvalidTimeStamp.Format",
  "InvalidTimeStamp.Expired", "InvalidAccessKeyId.NotFound", "InvalidSecurityToken.Expired",
  "InvalidSecurityToken.Malformed", "InvalidSecurityToken.MismatchWithAccessKey",
]);
export { SIGNING_ERROR_CODES };

const CN_BUSINESS_MESSAGES = {
  400: "参数不能为空", 401: "参数非法", 402: "权威源服务异常", 403: "异常重复调⽤",
  410: "未开通服务", 411: "RAM无权限", 412: "欠费中", 500: "系统错误",
};

const HTML_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

// ---------------------------------------------------------------------------------------------
// Encoding helpers (RFC 3986 as wire.md says: every byte except A-Z a-z 0-9 - _ . ~ becomes %XX)

const UNRESERVED = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~") UNRESERVED[c.charCodeAt(0)] = 1;
const HEX = "0123456789ABCDEF";

export function percentEncode(value) {
  const bytes = Buffer.from(String(value), "utf8");
  let out = "";
  for (const b of bytes) {
    out += UNRESERVED[b] ? String.fromCharCode(b) : "%" + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

export function md5Hex(s) {
  return crypto.createHash("md5").update(String(s), "utf8").digest("hex");
}

function sha256Hex(data) {
  return crypto.createHash("sha256").update(data).digest("hex");
}

class RequestError extends Error {
  constructor(code, message, status) {
    super(message || GATEWAY_MESSAGES[code] || code);
    this.code = code;
    this.status = status || GATEWAY_STATUS[code] || 400;
  }
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/** Decodes one component of a query string or form body given as a "byte string" (each char one
 * byte, as node hands over the URL and as we read the body with latin1). `+` is a space (form
 * semantics, as servlet containers do for both). Throws RequestError on bad %-escapes or bad UTF-8. */
function decodeComponent(s, where) {
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 /* % */) {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(h)) {
        throw new RequestError("InvalidParameter", `Invalid percent-encoding in the ${where}.`);
      }
      bytes.push(parseInt(h, 16));
      i += 2;
    } else if (c === 0x2b /* + */) {
      bytes.push(0x20);
    } else if (c > 0xff) {
      // Not a byte string (should not happen with latin1 input): take the char's UTF-8.
      for (const b of Buffer.from(s[i], "utf8")) bytes.push(b);
    } else {
      bytes.push(c);
    }
  }
  try {
    return utf8Strict.decode(Uint8Array.from(bytes));
  } catch {
    throw new RequestError("InvalidParameter", `The ${where} is not valid UTF-8.`);
  }
}

/** Parses `a=1&b=2` into [[name, value], ...]; a bare key has the empty value. */
function parsePairs(s, where) {
  const pairs = [];
  if (!s) return pairs;
  for (const part of s.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const k = decodeComponent(eq < 0 ? part : part.slice(0, eq), where);
    const v = eq < 0 ? "" : decodeComponent(part.slice(eq + 1), where);
    if (k === "") continue;
    pairs.push([k, v]);
  }
  return pairs;
}

function toParamObject(pairs, where, into = Object.create(null), seen = new Set()) {
  for (const [k, v] of pairs) {
    if (seen.has(k)) throw new RequestError("InvalidParameter", `The parameter "${k}" is given more than once (${where}).`);
    seen.add(k);
    into[k] = v;
  }
  return into;
}

function byteCompare(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function safeEqual(a, b) {
  const ba = Buffer.from(String(a), "utf8");
  const bb = Buffer.from(String(b), "utf8");
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

function parseTimestamp(s) {
  const m = TIMESTAMP_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number);
  const t = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d ||
      h > 23 || mi > 59 || se > 59) return null;
  return t;
}

// ---------------------------------------------------------------------------------------------
// People table and scenarios

const PEOPLE_PATH = fileURLToPath(new URL("./people.json", import.meta.url));
const PEOPLE_DATA = JSON.parse(fs.readFileSync(PEOPLE_PATH, "utf8"));

/** The synthetic people (idNumber, name, card validity). */
export const people = PEOPLE_DATA.people;
/** The mobiles with their owner facts (isp, ownerIdNumber, ownerName, record, status). */
export const mobiles = PEOPLE_DATA.mobiles;

/** The wire parameters (business only, unsigned) for a library-style input of an action. */
export function wireParams(action, input) {
  const md5 = input.paramType === "md5";
  const h = (v) => (md5 ? md5Hex(v) : v);
  switch (action) {
    case "Id2MetaVerifyIntl":
      return { ProductCode: "ID_2META", ParamType: "normal", IdentifyNum: input.idNumber, UserName: input.name };
    case "Mobile3MetaVerifyIntl":
      return { ProductCode: "MOBILE_3META", ParamType: md5 ? "md5" : "normal", IdentifyNum: h(input.idNumber), UserName: h(input.name), Mobile: h(input.mobile) };
    case "Id2MetaPeriodVerifyIntl": {
      const p = { ProductCode: "eKYC_Date_MIN" };
      if (input.sceneCode !== undefined) p.SceneCode = input.sceneCode;
      p.MerchantBizId = input.merchantBizId;
      if (input.merchantUserId !== undefined) p.MerchantUserId = input.merchantUserId;
      Object.assign(p, { DocType: "00000001", DocName: input.name, DocNo: input.idNumber, ValidityStartDate: input.validityStart, ValidityEndDate: input.validityEnd });
      return p;
    }
    case "Id2MetaVerify":
      return { ParamType: "normal", IdentifyNum: input.idNumber, UserName: input.name };
    case "Mobile3MetaSimpleVerify":
    case "Mobile3MetaDetailVerify":
      return { ParamType: "normal", IdentifyNum: input.idNumber, UserName: input.name, Mobile: input.mobile };
    default:
      throw new Error(`unknown action ${action}`);
  }
}

/**
 * Every scenario of people.json with what it is expected to produce:
 * { label, action, version, host, paramLocation, input (library-style), params (wire),
 *   expect: { verdict, bizCode?, subCode?, ispName?, passed?, result } }
 * `result` is the exact Result (intl) / ResultObject (mainland) the mock answers.
 */
export const scenarios = PEOPLE_DATA.scenarios.map((s) => {
  const a = ACTIONS[s.action];
  const r = s.expect.result;
  const expect = { verdict: s.expect.verdict };
  if (r.BizCode !== undefined) expect.bizCode = r.BizCode;
  if (r.SubCode !== undefined) expect.subCode = r.SubCode;
  if (r.IspName !== undefined) expect.ispName = r.IspName;
  if (r.Passed !== undefined) expect.passed = r.Passed === "Y";
  expect.result = r;
  return Object.freeze({
    label: s.label, action: s.action, version: a.version, host: a.host, paramLocation: a.paramLocation,
    input: s.input, params: wireParams(s.action, s.input), expect,
  });
});

function buildIndex(data) {
  const byId = new Map();
  const byIdMd5 = new Map();
  for (const p of data.people) {
    byId.set(p.idNumber, p);
    byIdMd5.set(md5Hex(p.idNumber), p);
  }
  const byMobile = new Map();
  const byMobileMd5 = new Map();
  for (const m of data.mobiles) {
    byMobile.set(m.mobile, m);
    byMobileMd5.set(md5Hex(m.mobile), m);
  }
  return { byId, byIdMd5, byMobile, byMobileMd5 };
}

// ---------------------------------------------------------------------------------------------
// Business logic

const ID_RE = /^\d{17}[\dX]$/;
const MD5_RE = /^[0-9a-f]{32}$/;

class BusinessError extends Error {
  // An HTTP 200 answer whose Code is not success (intl: "InvalidParameter"; mainland: "400"/"401").
  constructor(intl, field, empty) {
    super(field);
    this.intl = intl;
    this.field = field;
    this.empty = empty;
  }
}

function requireParams(params, names, intl) {
  for (const n of names) {
    const v = params[n];
    if (intl) {
      if (v === undefined || v === "") {
        throw new RequestError("MissingParameter", `The input parameter "${n}" that is mandatory for processing this request is not supplied.`);
      }
    } else if (v === undefined || v === "") {
      throw new BusinessError(false, n, true);
    }
  }
}

function checkEnum(params, name, allowed, intl) {
  if (!allowed.includes(params[name])) {
    if (intl) throw new RequestError("InvalidParameter", `The specified parameter "${name}" is not valid.`);
    throw new BusinessError(false, name, false);
  }
}

function id2Meta(index, params, intl) {
  requireParams(params, ["ParamType", "IdentifyNum", "UserName"], intl);
  checkEnum(params, "ParamType", ["normal"], intl);
  if (!ID_RE.test(params.IdentifyNum)) throw new BusinessError(intl, "IdentifyNum");
  const p = index.byId.get(params.IdentifyNum);
  if (!p) return { BizCode: "3" };
  return { BizCode: p.name === params.UserName ? "1" : "2" };
}

function mobile3Meta(index, params, intl, shape) {
  requireParams(params, ["ParamType", "IdentifyNum", "UserName", "Mobile"], intl);
  checkEnum(params, "ParamType", intl ? ["normal", "md5"] : ["normal"], intl);
  const md5 = params.ParamType === "md5";
  let owner, sameId, sameName;
  if (md5) {
    for (const f of ["IdentifyNum", "UserName", "Mobile"]) if (!MD5_RE.test(params[f])) throw new BusinessError(intl, f);
    owner = index.byMobileMd5.get(params.Mobile);
    if (owner && owner.record) {
      sameId = md5Hex(owner.ownerIdNumber) === params.IdentifyNum;
      sameName = md5Hex(owner.ownerName) === params.UserName;
    }
  } else {
    if (!ID_RE.test(params.IdentifyNum)) throw new BusinessError(intl, "IdentifyNum");
    if (!/^1\d{10}$/.test(params.Mobile)) throw new BusinessError(intl, "Mobile");
    owner = index.byMobile.get(params.Mobile);
    if (owner && owner.record) {
      sameId = owner.ownerIdNumber === params.IdentifyNum;
      sameName = owner.ownerName === params.UserName;
    }
  }
  let biz, sub;
  if (!owner || !owner.record) [biz, sub] = ["3", "301"];
  else if (sameId && sameName) [biz, sub] = owner.status === "normal" ? ["1", "101"] : ["2", "204"];
  else if (sameId) [biz, sub] = ["2", "203"];
  else if (sameName) [biz, sub] = ["2", "202"];
  else [biz, sub] = ["2", "201"];
  const r = { BizCode: biz };
  if (owner && owner.isp) r.IspName = owner.isp;
  if (shape !== "simple") r.SubCode = sub;
  return r;
}

function sameValidityEnd(recorded, sent) {
  const lt = (v) => LONG_TERM.has(v);
  if (lt(recorded) || lt(sent)) return lt(recorded) && lt(sent);
  return recorded === sent;
}

function id2MetaPeriod(index, params) {
  requireParams(params, ["MerchantBizId", "DocType", "DocName", "DocNo", "ValidityStartDate", "ValidityEndDate"], true);
  checkEnum(params, "DocType", ["00000001"], true);
  if (!/^[A-Za-z0-9]{1,32}$/.test(params.MerchantBizId)) throw new BusinessError(true, "MerchantBizId");
  if (params.SceneCode !== undefined && !/^[A-Za-z0-9_]{0,10}$/.test(params.SceneCode)) throw new BusinessError(true, "SceneCode");
  if (!ID_RE.test(params.DocNo)) throw new BusinessError(true, "DocNo");
  if (!/^\d{8}$/.test(params.ValidityStartDate)) throw new BusinessError(true, "ValidityStartDate");
  if (!/^\d{8}$/.test(params.ValidityEndDate) && !LONG_TERM.has(params.ValidityEndDate)) throw new BusinessError(true, "ValidityEndDate");
  const p = index.byId.get(params.DocNo);
  if (!p) return { Passed: "N", SubCode: "202" };
  const ok = p.name === params.DocName && p.card.start === params.ValidityStartDate &&
    sameValidityEnd(p.card.end, params.ValidityEndDate);
  return ok ? { Passed: "Y", SubCode: "200" } : { Passed: "N", SubCode: "223" };
}

/** Whether the service bills an answer: a match or mismatch is billed, "no record" is not, except
 * for Id2MetaPeriodVerifyIntl, whose every answer with a Passed value is billed. */
export function isBilled(action, result) {
  if (result.Passed !== undefined) return true;
  if (result.SubCode === "301" || result.BizCode === "3") return false;
  return result.BizCode === "1" || result.BizCode === "2";
}

function businessAnswer(index, action, params) {
  const a = ACTIONS[action];
  if (a.intl) {
    requireParams(params, ["ProductCode"], true);
    checkEnum(params, "ProductCode", [a.productCode], true);
  }
  switch (action) {
    case "Id2MetaVerifyIntl": return id2Meta(index, params, true);
    case "Mobile3MetaVerifyIntl": return mobile3Meta(index, params, true, "intl");
    case "Id2MetaPeriodVerifyIntl": return id2MetaPeriod(index, params);
    case "Id2MetaVerify": return id2Meta(index, params, false);
    case "Mobile3MetaSimpleVerify": return mobile3Meta(index, params, false, "simple");
    case "Mobile3MetaDetailVerify": return mobile3Meta(index, params, false, "detail");
  }
  throw new RequestError("InvalidAction.NotFound");
}

// ---------------------------------------------------------------------------------------------
// Signature verification

function normaliseCredentials(table) {
  const out = new Map();
  for (const [id, v] of Object.entries(table)) {
    if (typeof v === "string") out.set(id, { secret: v });
    else out.set(id, { ...v, expiredSecurityTokens: v.expiredSecurityTokens || [] });
  }
  return out;
}

function checkSecurityToken(id, cred, token) {
  const required = id.startsWith("STS.") || cred.requireSecurityToken === true;
  if (token === undefined || token === "") {
    if (required) throw new RequestError("InvalidSecurityToken.Malformed", "The security token is required for this (STS) access key: x-acs-security-token (V3) or SecurityToken (V1).");
    return;
  }
  if (cred.expiredSecurityTokens.includes(token)) throw new RequestError("InvalidSecurityToken.Expired");
  if (cred.securityToken === undefined || !safeEqual(token, cred.securityToken)) {
    throw new RequestError("InvalidSecurityToken.MismatchWithAccessKey");
  }
}

function checkTimestamp(ts, nowMs, toleranceMs) {
  const t = parseTimestamp(ts);
  if (t === null) throw new RequestError("InvalidTimeStamp.Format", `${GATEWAY_MESSAGES["InvalidTimeStamp.Format"]} Expected yyyy-MM-ddTHH:mm:ssZ (UTC).`);
  if (Math.abs(nowMs - t) > toleranceMs) throw new RequestError("InvalidTimeStamp.Expired");
}

function parseAuthorization(value) {
  const m = /^ACS3-HMAC-SHA256\s+(.*)$/s.exec(value);
  if (!m) throw new RequestError("IncompleteSignature", "The Authorization header must be: ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...");
  const fields = Object.create(null);
  for (const part of m[1].split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  for (const f of ["Credential", "SignedHeaders", "Signature"]) {
    if (!fields[f]) throw new RequestError("IncompleteSignature", `The Authorization header has no ${f}.`);
  }
  if (!/^[0-9a-f]{64}$/.test(fields.Signature)) {
    throw new RequestError("IncompleteSignature", "The Authorization Signature must be 64 lower-case hex characters.");
  }
  return fields;
}

const V3_REQUIRED_HEADERS = ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

/** Verifies a V3 request; returns { accessKeyId, action, version, nonce }. */
function verifyV3(ctx, req, rawQuery, body, config) {
  const h = req.headers;
  const auth = parseAuthorization(String(h.authorization));
  for (const name of V3_REQUIRED_HEADERS) {
    if (h[name] === undefined || h[name] === "") throw new RequestError("IncompleteSignature", `The header ${name} is required.`);
  }
  ctx.accessKeyId = auth.Credential;
  ctx.action = h["x-acs-action"];
  ctx.version = h["x-acs-version"];
  ctx.nonce = h["x-acs-signature-nonce"];
  const signed = auth.SignedHeaders.split(";").map((s) => s.trim().toLowerCase()).filter(Boolean);
  const signedSet = new Set(signed);
  const mustSign = ["host", ...Object.keys(h).filter((k) => k.startsWith("x-acs-"))];
  for (const name of mustSign) {
    if (!signedSet.has(name)) throw new RequestError("IncompleteSignature", `The header ${name} must be signed (listed in SignedHeaders).`);
  }
  for (const name of signed) {
    if (h[name] === undefined) throw new RequestError("IncompleteSignature", `The signed header ${name} is not in the request.`);
  }
  checkTimestamp(h["x-acs-date"], config.now().getTime(), config.timestampToleranceMs);
  const cred = config.credentials.get(auth.Credential);
  if (!cred) throw new RequestError("InvalidAccessKeyId.NotFound");
  checkSecurityToken(auth.Credential, cred, h["x-acs-security-token"]);
  if (h["x-acs-accesskey-id"] !== undefined && h["x-acs-accesskey-id"] !== auth.Credential) {
    throw new RequestError("IncompleteSignature", "x-acs-accesskey-id differs from the Authorization Credential.");
  }
  const bodyHash = sha256Hex(body);
  if (h["x-acs-content-sha256"] !== bodyHash) {
    throw new RequestError("SignatureDoesNotMatch", `${GATEWAY_MESSAGES.SignatureDoesNotMatch} x-acs-content-sha256 is not the SHA-256 of the body received (server computed ${bodyHash}).`);
  }
  const query = parsePairs(rawQuery, "query");
  const canonicalQuery = query
    .slice()
    .sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1]))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
  const sortedSigned = [...signedSet].sort();
  const compute = (hostValue) => {
    const value = (n) => (n === "host" ? hostValue : String(h[n]).trim());
    const canonicalHeaders = sortedSigned.map((n) => `${n}:${value(n)}\n`).join("");
    const canonicalRequest = [req.method, "/", canonicalQuery, canonicalHeaders, sortedSigned.join(";"), bodyHash].join("\n");
    const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(Buffer.from(canonicalRequest, "utf8"))}`;
    const signature = crypto.createHmac("sha256", cred.secret).update(stringToSign, "utf8").digest("hex");
    return { canonicalRequest, stringToSign, signature };
  };
  const received = String(h.host ?? "").trim();
  const first = compute(received);
  if (safeEqual(first.signature, auth.Signature)) {
    ctx.signedHost = received;
    return;
  }
  // fetch() (undici) forces the Host header to the URL's authority, so a request signed for the
  // real host arrives with host 127.0.0.1:PORT. Then (only then) also try the official host names.
  if (config.hostFallback && isLoopbackHost(received)) {
    for (const alias of config.hostAliases) {
      if (safeEqual(compute(alias).signature, auth.Signature)) {
        ctx.signedHost = alias;
        return;
      }
    }
  }
  throw new RequestError("SignatureDoesNotMatch",
    `${GATEWAY_MESSAGES.SignatureDoesNotMatch} server string to sign is:${first.stringToSign} canonical request is:${first.canonicalRequest}`);
}

function isLoopbackHost(host) {
  return /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(host);
}

/** The host names the real service answers on; with hostFallback, V3 signatures made for them are
 * accepted when the request arrives with a loopback Host header. */
export const OFFICIAL_HOSTS = Object.freeze([
  "cloudauth-intl.cn-hongkong.aliyuncs.com",
  "cloudauth-intl-vpc.cn-hongkong.aliyuncs.com",
  "cloudauth.cn-shanghai.aliyuncs.com",
  "cloudauth-vpc.cn-shanghai.aliyuncs.com",
  "cloudauth.aliyuncs.com",
]);

const V1_REQUIRED = ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"];

function verifyV1(ctx, req, params, config) {
  ctx.accessKeyId = params.AccessKeyId;
  ctx.action = params.Action;
  ctx.version = params.Version;
  ctx.nonce = params.SignatureNonce;
  for (const name of V1_REQUIRED) {
    if (params[name] === undefined || params[name] === "") throw new RequestError("IncompleteSignature", `The parameter ${name} is required for signature version 1.0.`);
  }
  if (params.SignatureMethod !== "HMAC-SHA1") throw new RequestError("IncompleteSignature", "SignatureMethod must be HMAC-SHA1.");
  if (params.SignatureVersion !== "1.0") throw new RequestError("IncompleteSignature", "SignatureVersion must be 1.0.");
  checkTimestamp(params.Timestamp, config.now().getTime(), config.timestampToleranceMs);
  const cred = config.credentials.get(params.AccessKeyId);
  if (!cred) throw new RequestError("InvalidAccessKeyId.NotFound");
  checkSecurityToken(params.AccessKeyId, cred, params.SecurityToken);
  const canonical = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort(byteCompare)
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join("&");
  const stringToSign = `${req.method}&${percentEncode("/")}&${percentEncode(canonical)}`;
  const expected = crypto.createHmac("sha1", `${cred.secret}&`).update(stringToSign, "utf8").digest("base64");
  if (!safeEqual(expected, params.Signature)) {
    throw new RequestError("SignatureDoesNotMatch", `${GATEWAY_MESSAGES.SignatureDoesNotMatch} server string to sign is:${stringToSign}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Server

const SECRET_PARAMS = new Set(["SecurityToken", "Signature"]);
const SECRET_HEADERS = new Set(["x-acs-security-token", "authorization"]);

function redactHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k === "authorization") out[k] = String(v).replace(/Signature=[^,\s]*/, "Signature=<redacted>");
    else out[k] = SECRET_HEADERS.has(k) ? "<redacted>" : v;
  }
  return out;
}

function redactParams(params) {
  const out = {};
  for (const [k, v] of Object.entries(params || {})) out[k] = SECRET_PARAMS.has(k) ? "<redacted>" : v;
  return out;
}

function newRequestId() {
  return crypto.randomUUID().toUpperCase();
}

function normaliseMode(mode) {
  const m = { ...(mode || {}) };
  return {
    throttle: Math.max(0, m.throttle | 0),
    retryAfterMs: m.retryAfterMs,
    fail5xx: Math.max(0, m.fail5xx | 0),
    status: m.status === undefined ? 503 : m.status,
    delayMs: Math.max(0, Number(m.delayMs) || 0),
    delayCount: m.delayCount === undefined ? Infinity : Math.max(0, m.delayCount | 0),
    html: Math.max(0, m.html | 0),
    drop: Math.max(0, m.drop | 0),
    gatewayError: Math.max(0, m.gatewayError | 0),
    bizError: Math.max(0, m.bizError | 0),
    code: m.code,
  };
}

/**
 * Starts the mock on 127.0.0.1.
 * @param {object} [options]
 * @param {number} [options.port=0]              0 = a random free port
 * @param {object} [options.credentials]         access key id -> secret, or -> { secret, securityToken?,
 *        expiredSecurityTokens?, requireSecurityToken? }; replaces DEFAULT_CREDENTIALS (ids starting
 *        with "STS." always need their token)
 * @param {() => Date} [options.now]             the mock's clock (timestamps and nonce memory)
 * @param {number} [options.timestampToleranceMs=900000]
 * @param {number} [options.nonceTtlMs=900000]
 * @param {number} [options.maxBodyBytes=1048576]
 * @param {number} [options.retryAfterMs=1000]   x-acs-retry-after of throttled answers
 * @param {object} [options.people]              a replacement for people.json ({ people, mobiles })
 * @param {boolean} [options.hostFallback=true]  when the Host header is 127.0.0.1/localhost (fetch()
 *        sets it so), V3 also accepts signatures made for OFFICIAL_HOSTS or options.hostAliases
 * @param {string[]} [options.hostAliases]       more host names for hostFallback
 * @param {object} [options.mode]                initial mode (see setMode)
 * @param {number} [options.maxLog=1000]         entries kept in `requests`
 * @param {(entry) => void} [options.onRequest]  called with each log entry
 */
export async function startMock(options = {}) {
  const config = {
    credentials: normaliseCredentials(options.credentials || DEFAULT_CREDENTIALS),
    now: options.now || (() => new Date()),
    timestampToleranceMs: options.timestampToleranceMs ?? MINUTES_15,
    nonceTtlMs: options.nonceTtlMs ?? MINUTES_15,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    retryAfterMs: options.retryAfterMs ?? 1000,
    maxLog: options.maxLog ?? 1000,
    hostFallback: options.hostFallback ?? true,
    hostAliases: [...OFFICIAL_HOSTS, ...(options.hostAliases || [])],
  };
  const index = buildIndex(options.people || PEOPLE_DATA);
  const nonces = new Map(); // `${accessKeyId}\n${nonce}` -> expiry (mock clock ms)
  const requests = [];
  const stats = { total: 0, answered: 0, billed: 0, byStatus: {}, byCode: {}, byAction: {}, modes: {} };
  let mode = normaliseMode(options.mode);
  const timers = new Set();

  function count(obj, key) {
    obj[key] = (obj[key] || 0) + 1;
  }

  function log(entry, res) {
    requests.push(entry);
    if (requests.length > config.maxLog) requests.splice(0, requests.length - config.maxLog);
    if (options.onRequest) {
      res.once("close", () => {
        try { options.onRequest(entry); } catch { /* a listener never breaks the mock */ }
      });
    }
  }

  // Billing: what the real service would charge for each processed answer, counted per nonce
  // (a client call must never be billed twice: tests/faults/ checks it through billsFor()).
  const billsByNonce = new Map();
  function recordBill(entry, result) {
    entry.billed = isBilled(entry.action, result);
    if (!entry.billed) return;
    stats.billed++;
    billsByNonce.set(entry.nonce, (billsByNonce.get(entry.nonce) || 0) + 1);
  }

  function send(res, entry, status, body, headers = {}) {
    entry.status = status;
    count(stats.byStatus, status);
    stats.answered++;
    if (res.headersSent || res.destroyed) return;
    const requestId = body && typeof body === "object" ? body.RequestId : undefined;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": typeof body === "string" ? "text/html" : "application/json;charset=utf-8",
      "content-length": Buffer.byteLength(text),
      date: config.now().toUTCString(), // the mock's clock, as a client correcting its skew reads it
      ...(requestId ? { "x-acs-request-id": requestId } : {}),
      ...headers,
    });
    res.end(text);
  }

  function hostIdFor(req, action) {
    const host = typeof req.headers.host === "string" ? req.headers.host.replace(/:\d+$/, "") : "";
    if (host && !/^(127\.0\.0\.1|localhost|\[::1\])$/.test(host)) return host;
    return ACTIONS[action]?.host || INTL_HOST;
  }

  function gatewayError(res, req, entry, code, message, status, extraHeaders) {
    const intl = entry.action ? ACTIONS[entry.action]?.intl !== false : true;
    const body = {
      RequestId: newRequestId(),
      HostId: hostIdFor(req, entry.action),
      Code: code,
      Message: message || GATEWAY_MESSAGES[code] || code,
      Recommend: `https://api.alibabacloud.com/troubleshoot?q=${encodeURIComponent(code)}&product=${intl ? "Cloudauth-intl" : "Cloudauth"}`,
    };
    if (code === "Forbidden.RAMUserAccessDenied") {
      body.AccessDeniedDetail = {
        AuthAction: `cloudauth:${entry.action || "Id2MetaVerifyIntl"}`, AuthPrincipalType: "SubUser",
        AuthPrincipalDisplayName: "2000000000000000", NoPermissionType: "ImplicitDeny",
        PolicyType: "AccountLevelIdentityBasedPolicy", EncodedDiagnosticMessage: "AQEAAAAA...",
      };
    }
    entry.code = code;
    count(stats.byCode, code);
    send(res, entry, status || GATEWAY_STATUS[code] || 400, body, extraHeaders);
  }

  function readBody(req) {
    return new Promise((resolve) => {
      const chunks = [];
      let size = 0;
      let tooLarge = false;
      const declared = Number(req.headers["content-length"]);
      if (Number.isFinite(declared) && declared > config.maxBodyBytes * 16) {
        // Not worth draining: answer and close the connection.
        resolve({ tooLarge: true, closeAfter: true });
        return;
      }
      req.on("data", (c) => {
        size += c.length;
        if (size > config.maxBodyBytes) {
          tooLarge = true;
          chunks.length = 0;
          if (size > config.maxBodyBytes * 16) {
            req.destroy();
          }
          return;
        }
        chunks.push(c);
      });
      req.on("end", () => resolve(tooLarge ? { tooLarge: true } : { body: Buffer.concat(chunks) }));
      req.on("error", () => resolve({ aborted: true }));
      req.on("close", () => resolve({ aborted: !req.complete }));
    });
  }

  function consumeMode(name) {
    if (mode[name] > 0) {
      mode[name]--;
      count(stats.modes, name);
      return true;
    }
    return false;
  }

  async function handle(req, res) {
    stats.total++;
    const entry = {
      time: config.now().toISOString(),
      method: req.method,
      path: (req.url || "").split("?")[0],
      headers: redactHeaders(req.headers),
      query: null, form: null, bodyBytes: 0,
      signatureVersion: null, accessKeyId: null, action: null, version: null, nonce: null, signedHost: null,
      mode: null, status: null, code: null, result: null,
    };
    log(entry, res);

    // Failure modes come first: they stand for trouble before the request reaches the service.
    if (consumeMode("drop")) {
      entry.mode = "drop";
      req.socket.destroy();
      return;
    }
    if (consumeMode("html")) {
      entry.mode = "html";
      send(res, entry, 502, HTML_502, { "content-type": "text/html" });
      return;
    }
    if (consumeMode("throttle")) {
      entry.mode = "throttle";
      gatewayError(res, req, entry, "Throttling.Api", undefined, 400,
        { "x-acs-retry-after": String(mode.retryAfterMs ?? config.retryAfterMs) });
      return;
    }
    if (consumeMode("fail5xx")) {
      entry.mode = "fail5xx";
      const status = Number(mode.status) || 503;
      gatewayError(res, req, entry, status === 500 ? "InternalError" : "ServiceUnavailable", undefined, status);
      return;
    }
    if (mode.gatewayError > 0 && mode.code) {
      consumeMode("gatewayError");
      entry.mode = "gatewayError";
      gatewayError(res, req, entry, mode.code);
      return;
    }
    if (mode.delayMs > 0 && mode.delayCount > 0) {
      mode.delayCount--;
      count(stats.modes, "delay");
      entry.mode = "delay";
      await new Promise((resolve) => {
        const t = setTimeout(() => { timers.delete(t); resolve(); }, mode.delayMs);
        timers.add(t);
        res.on("close", () => { clearTimeout(t); timers.delete(t); resolve(); });
      });
      if (res.destroyed || res.writableEnded || req.socket.destroyed) {
        entry.status = "client-gone";
        return; // the client gave up: nothing processed, no nonce recorded
      }
    }

    const rawUrl = req.url || "/";
    const qi = rawUrl.indexOf("?");
    const path = qi < 0 ? rawUrl : rawUrl.slice(0, qi);
    const rawQuery = qi < 0 ? "" : rawUrl.slice(qi + 1);

    const got = await readBody(req);
    if (got.aborted && !got.tooLarge && !got.body) return;
    if (got.tooLarge) {
      entry.bodyBytes = -1;
      gatewayError(res, req, entry, "RequestEntityTooLarge", `The request body is larger than ${config.maxBodyBytes} bytes.`, 413,
        { connection: "close" });
      if (got.closeAfter) res.on("finish", () => req.socket.destroy());
      return;
    }
    const body = got.body;
    entry.bodyBytes = body.length;

    if ((req.method !== "POST" && req.method !== "GET") || path !== "/") {
      gatewayError(res, req, entry, "InvalidAction.NotFound");
      return;
    }

    let params = null;
    try {
      const query = toParamObject(parsePairs(rawQuery, "query"), "query");
      entry.query = redactParams(query);
      const ct = String(req.headers["content-type"] || "").toLowerCase();
      const seen = new Set(Object.keys(query));
      params = Object.assign(Object.create(null), query);
      if (body.length && ct.startsWith("application/x-www-form-urlencoded")) {
        const form = toParamObject(parsePairs(body.toString("latin1"), "body"), "query and body", Object.create(null), new Set());
        entry.form = redactParams(form);
        toParamObject(Object.entries(form), "query and body", params, seen);
      }

      if (req.headers.authorization !== undefined) {
        entry.signatureVersion = "v3";
        verifyV3(entry, req, rawQuery, body, config);
      } else if (params.Signature !== undefined || params.AccessKeyId !== undefined || params.SignatureMethod !== undefined) {
        entry.signatureVersion = "v1";
        verifyV1(entry, req, params, config);
      } else {
        throw new RequestError("IncompleteSignature", "The request is not signed: neither an Authorization header (V3) nor Signature parameters (V1).");
      }

      // Nonce: refused when seen within the TTL; recorded now that the signature is verified.
      const nowMs = config.now().getTime();
      for (const [k, exp] of nonces) if (exp <= nowMs) nonces.delete(k);
      const nonceKey = `${entry.accessKeyId}\n${entry.nonce}`;
      if (nonces.has(nonceKey)) throw new RequestError("SignatureNonceUsed");
      nonces.set(nonceKey, nowMs + config.nonceTtlMs);

      if (!entry.action || !Object.hasOwn(ACTIONS, entry.action)) throw new RequestError("InvalidAction.NotFound");
      if (entry.version !== ACTIONS[entry.action].version) throw new RequestError("InvalidVersion");
      count(stats.byAction, entry.action);
    } catch (e) {
      if (e instanceof RequestError) {
        gatewayError(res, req, entry, e.code, e.message, e.status);
        return;
      }
      throw e;
    }

    const intl = ACTIONS[entry.action].intl;
    const requestId = newRequestId();
    if (mode.bizError > 0) {
      consumeMode("bizError");
      entry.mode = "bizError";
      const code = mode.code || (intl ? "InvalidParameter" : "500");
      entry.code = code;
      count(stats.byCode, code);
      send(res, entry, 200, { RequestId: requestId, Code: code, Message: intl ? `Mock business error ${code}` : (CN_BUSINESS_MESSAGES[code] || "系统错误") });
      return;
    }
    try {
      const result = businessAnswer(index, entry.action, params);
      entry.result = result;
      recordBill(entry, result);
      entry.code = intl ? "Success" : "200";
      count(stats.byCode, entry.code);
      send(res, entry, 200, intl
        ? { RequestId: requestId, Code: "Success", Message: "success", Result: result }
        : { RequestId: requestId, Code: "200", Message: "success", ResultObject: result });
    } catch (e) {
      if (e instanceof RequestError) {
        gatewayError(res, req, entry, e.code, e.message, e.status);
      } else if (e instanceof BusinessError) {
        const code = e.intl ? "InvalidParameter" : (e.empty ? "400" : "401");
        entry.code = code;
        count(stats.byCode, code);
        send(res, entry, 200, e.intl
          ? { RequestId: requestId, Code: code, Message: `Invalid parameter: ${e.field}` }
          : { RequestId: requestId, Code: code, Message: CN_BUSINESS_MESSAGES[code] });
      } else {
        throw e;
      }
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      // Never crash on input: report an InternalError envelope.
      try {
        const entry = requests[requests.length - 1] || {};
        entry.error = String(err && err.message);
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { "content-type": "application/json;charset=utf-8" });
          res.end(JSON.stringify({ RequestId: newRequestId(), HostId: INTL_HOST, Code: "InternalError", Message: GATEWAY_MESSAGES.InternalError, Recommend: "https://api.alibabacloud.com/troubleshoot?q=InternalError&product=Cloudauth-intl" }));
        }
      } catch { /* ignore */ }
    });
  });
  server.on("clientError", (err, socket) => {
    if (socket.writable && !socket.destroyed) {
      socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    } else {
      socket.destroy();
    }
  });
  server.maxHeadersCount = 200;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = server.address().port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    stats,
    /** Replaces the current mode: { throttle: n, retryAfterMs?, fail5xx: n, status?: 500|503,
     *  delayMs: ms, delayCount?: n, html: n, drop: n, gatewayError: n, bizError: n, code? }. {} clears. */
    setMode(next) {
      mode = normaliseMode(next);
    },
    /** The remaining counts of the current mode. */
    get mode() {
      return { ...mode };
    },
    /** How many billed answers the mock gave to requests signed with `nonce` (0 if none). */
    billsFor(nonce) {
      return billsByNonce.get(nonce) || 0;
    },
    /** Every nonce billed so far, with its count: [[nonce, count], ...]. */
    billedNonces() {
      return [...billsByNonce];
    },
    /** Forgets nonces, the request log, the counters (bills too) and the mode. */
    reset() {
      nonces.clear();
      billsByNonce.clear();
      requests.length = 0;
      for (const k of Object.keys(stats)) stats[k] = typeof stats[k] === "number" ? 0 : {};
      mode = normaliseMode();
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Program

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const args = process.argv.slice(2);
  let port = 8910;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--port") port = Number(args[++i]);
    else if (args[i].startsWith("--port=")) port = Number(args[i].slice(7));
    else if (args[i] === "--help" || args[i] === "-h") {
      console.log("usage: node tools/mock-cloudauth/server.mjs [--port 8910]   (0 = random port)");
      process.exit(0);
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`bad --port ${port}`);
    process.exit(2);
  }
  const mock = await startMock({
    port,
    onRequest: (e) => console.log(`${e.time} ${e.method} ${e.signatureVersion || "-"} ${e.action || "-"} -> ${e.status} ${e.code || ""}${e.mode ? ` [${e.mode}]` : ""}`),
  });
  console.log(`cloudauth mock listening on ${mock.url}`);
  console.log("credentials (test only):");
  console.log('  accessKeyId "mock-ak-id"      accessKeySecret "mock-ak-secret"');
  console.log('  accessKeyId "STS.mock-ak-id"  accessKeySecret "mock-sts-secret"  securityToken "mock-security-token"');
  console.log(`synthetic people: ${people.map((p) => `${p.name} ${p.idNumber}`).join(", ")} (see tools/mock-cloudauth/README.md)`);
  const stop = () => mock.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
