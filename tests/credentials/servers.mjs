// Local stand-ins, started by the tests on 127.0.0.1:0: the ECS instance metadata service and an
// STS endpoint (AssumeRole, AssumeRoleWithOIDC). Written from the official SDK's behaviour and the
// V3 signature rules (tests/data/README.md), independently of aliyun-idv's code.
import http from "node:http";
import crypto from "node:crypto";

const sha256 = (s) => crypto.createHash("sha256").update(s).digest("hex");
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

function listen(handler) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => handler(req, res, Buffer.concat(chunks).toString("utf8")));
    });
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        host: `127.0.0.1:${port}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The ECS metadata service. `options`: role (attached role name), requireToken (IMDSv2 only: refuse
 * requests without a valid token), tokenEndpoint (false: PUT /latest/api/token answers 404, as an
 * old service would), credentials() -> { AccessKeyId, AccessKeySecret, SecurityToken, Expiration }.
 */
export async function startMetadata(options) {
  const log = [];
  const tokens = new Set();
  const server = await listen((req, res) => {
    const entry = { method: req.method, path: req.url, token: req.headers["x-aliyun-ecs-metadata-token"], ttl: req.headers["x-aliyun-ecs-metadata-token-ttl-seconds"] };
    log.push(entry);
    if (req.method === "PUT" && req.url === "/latest/api/token") {
      if (options.tokenEndpoint === false) return json(res, 404, {});
      if (!/^\d+$/.test(entry.ttl ?? "")) return json(res, 400, {});
      const token = "md-token-" + crypto.randomUUID();
      tokens.add(token);
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(token);
    }
    if (options.requireToken && !tokens.has(entry.token)) return json(res, 401, {});
    if (req.method === "GET" && req.url === "/latest/meta-data/ram/security-credentials/") {
      if (!options.role) return json(res, 404, {});
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(options.role);
    }
    if (req.method === "GET" && req.url === `/latest/meta-data/ram/security-credentials/${options.role}`) {
      return json(res, 200, { Code: "Success", LastUpdated: "2026-01-01T00:00:00Z", ...options.credentials() });
    }
    json(res, 404, {});
  });
  return { ...server, log };
}

/** Checks a V3 (ACS3-HMAC-SHA256) request; returns the access key id or throws a string reason. */
function verifyV3(req, rawQuery, body, secrets) {
  const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? "");
  if (!auth) throw "no ACS3 Authorization";
  const [, id, signedList, signature] = auth;
  const secret = secrets[id];
  if (!secret) throw "unknown key";
  if (req.headers["x-acs-content-sha256"] !== sha256(body)) throw "content hash";
  const signed = signedList.split(";");
  for (const h of ["host", ...Object.keys(req.headers).filter((k) => k.startsWith("x-acs-"))]) if (!signed.includes(h)) throw `unsigned ${h}`;
  const query = rawQuery ? rawQuery.split("&").map((p) => p.split("=").map(decodeURIComponent)) : [];
  const canonicalQuery = query.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => `${enc(k)}=${enc(v ?? "")}`).join("&");
  const canonicalHeaders = signed.map((h) => `${h}:${String(req.headers[h]).trim()}\n`).join("");
  const canonical = [req.method, "/", canonicalQuery, canonicalHeaders, signedList, sha256(body)].join("\n");
  const expected = crypto.createHmac("sha256", secret).update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`).digest("hex");
  if (expected !== signature) throw "signature";
  return id;
}

/**
 * STS. `options`: secrets ({ accessKeyId: secret } allowed to call AssumeRole), oidcToken() (the
 * token AssumeRoleWithOIDC accepts now), issue(n) -> { AccessKeyId, AccessKeySecret, SecurityToken,
 * Expiration } for the n-th successful call, fail (an { status, body } to answer instead).
 */
export async function startSts(options) {
  const log = [];
  let issued = 0;
  const server = await listen((req, res, body) => {
    const [path, rawQuery = ""] = req.url.split("?");
    const form = Object.fromEntries(new URLSearchParams(body));
    const entry = { method: req.method, path, action: req.headers["x-acs-action"], version: req.headers["x-acs-version"], headers: req.headers, form, error: null };
    log.push(entry);
    if (options.fail) return json(res, options.fail.status, options.fail.body);
    try {
      if (req.method !== "POST" || path !== "/") throw "not POST /";
      if (entry.version !== "2015-04-01") throw "version";
      if (req.headers["x-acs-content-sha256"] !== sha256(body)) throw "content hash";
      if (!req.headers["x-acs-signature-nonce"] || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(req.headers["x-acs-date"] ?? "")) throw "nonce/date";
      if (entry.action === "AssumeRoleWithOIDC") {
        if (req.headers.authorization !== undefined) throw "AssumeRoleWithOIDC is anonymous";
        for (const k of ["RoleArn", "OIDCProviderArn", "OIDCToken", "RoleSessionName", "DurationSeconds"]) if (!form[k]) throw `missing ${k}`;
        if (form.OIDCToken !== options.oidcToken()) {
          return json(res, 400, { RequestId: "REQ-OIDC-1", Code: "AuthenticationFail.OIDCToken.Invalid", Message: `token ${form.OIDCToken} is not valid` });
        }
      } else if (entry.action === "AssumeRole") {
        entry.signer = verifyV3(req, rawQuery, body, options.secrets ?? {});
        for (const k of ["RoleArn", "RoleSessionName", "DurationSeconds"]) if (!form[k]) throw `missing ${k}`;
      } else {
        throw "action";
      }
    } catch (reason) {
      entry.error = String(reason);
      return json(res, 400, { RequestId: "REQ-BAD", Code: "InvalidParameter", Message: String(reason) });
    }
    issued++;
    json(res, 200, { RequestId: `REQ-${issued}`, AssumedRoleUser: { Arn: form.RoleArn + "/s", AssumedRoleId: "1:s" }, Credentials: options.issue(issued, entry) });
  });
  return { ...server, log, get issued() { return issued; } };
}
