// Credentials for createClient: static values, a provider of the caller's, or the chain the
// official Alibaba Cloud SDKs use (environment variables, OIDC/RRSA, the CLI config file profile,
// the ECS RAM role), with a cache that refreshes shortly before `expiration`, once for all
// concurrent callers.
//
// Written from what @alicloud/credentials 2.4.7 does (variable names, STS parameters and answer
// fields, metadata paths and headers, the config file's modes); none of its code is used.
//
// Shared by every runtime entry: nothing Node-only is imported statically. Files are read through
// `process.getBuiltinModule("fs")` (Node 20.16+), or a `readFile` the caller passes. Every
// host is injectable, so tests never reach 100.100.100.200 or a real STS host.
//
// A failure is an AliyunIdvError coded CREDENTIALS_ERROR whose message names the provider and a
// reason, never what was read (no key, secret, token, file content or answer body).
import { AliyunIdvError, acsTimestamp, signRequest } from "./api.js";
import { PROVIDER_OPTIONS, readOptions } from "./options.js";
import { own } from "./params.js";

/** Refresh this long before `expiration` (at most half the credentials' lifetime). */
const DEFAULT_REFRESH_BEFORE_MS = 5 * 60 * 1000;
/** After a failed refresh while the old credentials are still valid, wait this long before trying again. */
const REFRESH_RETRY_MS = 10 * 1000;
/** Bytes of an STS or metadata answer read at most (real answers are under 2 KB). */
const MAX_ANSWER_BYTES = 64 * 1024;
const STS_VERSION = "2015-04-01";

/** The errors made here (their messages are known to be safe); any other error is wrapped. */
const OURS = new WeakSet();

function credentialsError(message, messageZh, extra) {
  const e = new AliyunIdvError("CREDENTIALS_ERROR", message, { messageZh: messageZh ?? "无法获取访问凭证。", field: "credentials" });
  if (extra) Object.assign(e, extra);
  OURS.add(e);
  return e;
}

/** A bare token (`ENOENT`, `TypeError`) that says why something failed, never a message. */
function reasonToken(e) {
  const token = (v) => (typeof v === "string" && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(v) ? v : undefined);
  try {
    return token(e && e.cause && e.cause.code) ?? token(e && e.code) ?? token(e && e.name) ?? "unknown";
  } catch {
    return "unknown";
  }
}

const nonEmpty = (v) => typeof v === "string" && v.length > 0;

/** `expiration` as ms since the epoch: a Date, a number of ms, or an ISO 8601 string. NaN when unreadable. */
function expirationMs(v) {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number") return v;
  if (typeof v === "string") return Date.parse(v);
  return NaN;
}

/**
 * The provider's answer as `{ accessKeyId, accessKeySecret, securityToken?, expiration? }` with
 * `expiration` in ms, or throws CREDENTIALS_ERROR naming the missing field (never a value).
 */
function normalise(raw, where, nowMs) {
  const accessKeyId = own(raw, "accessKeyId");
  const accessKeySecret = own(raw, "accessKeySecret");
  const securityToken = own(raw, "securityToken");
  const expiration = own(raw, "expiration");
  if (!nonEmpty(accessKeyId)) throw credentialsError(`${where} returned no accessKeyId (a non-empty string).`);
  if (!nonEmpty(accessKeySecret)) throw credentialsError(`${where} returned no accessKeySecret (a non-empty string).`);
  if (securityToken !== undefined && securityToken !== null && typeof securityToken !== "string") {
    throw credentialsError(`${where} returned a securityToken that is not a string.`);
  }
  const out = { accessKeyId, accessKeySecret };
  if (nonEmpty(securityToken)) out.securityToken = securityToken;
  if (expiration !== undefined && expiration !== null) {
    const ms = expirationMs(expiration);
    if (!Number.isFinite(ms)) throw credentialsError(`${where} returned an expiration that is not a date.`);
    if (ms <= nowMs) throw credentialsError(`${where} returned credentials that have already expired.`);
    out.expiration = ms;
  }
  return out;
}

/** The three shapes `credentials` may take, as one async function; throws INVALID_OPTION otherwise. */
function asProvider(source) {
  if (typeof source === "function") return { fetch: () => source(), name: "the credentials function", isStatic: false };
  if (source !== null && typeof source === "object") {
    for (const method of ["getCredentials", "getCredential"]) {
      // getCredential: an official `new Credential()` of @alicloud/credentials can be passed as is.
      let fn;
      try {
        fn = source[method];
      } catch {
        fn = undefined;
      }
      if (typeof fn === "function") return { fetch: () => fn.call(source), name: `credentials.${method}()`, isStatic: false };
    }
    if (own(source, "accessKeyId") !== undefined || own(source, "accessKeySecret") !== undefined) {
      return { value: source, name: "credentials", isStatic: true };
    }
  }
  throw new AliyunIdvError(
    "INVALID_OPTION",
    "createClient: options.credentials must be { accessKeyId, accessKeySecret, securityToken? }, a function returning them, or an object with a getCredentials() method.",
    { field: "credentials", messageZh: "createClient：参数 credentials 不正确。" },
  );
}

/**
 * A cache over `source` (static credentials, a function, or an object with `getCredentials()` /
 * `getCredential()`). `get()` resolves to `{ accessKeyId, accessKeySecret, securityToken? }`:
 * the cached value while it is fresh; otherwise one call of the provider shared by every concurrent
 * caller. Fresh means: no `expiration`, or now before `expiration - refreshBeforeMs` (at most half
 * the lifetime). When a refresh fails while the old credentials have not yet expired, they are
 * used and the provider is asked again after 10 s; otherwise `get()` rejects with CREDENTIALS_ERROR.
 *
 * @param {*} source
 * @param {{ now?: () => number, refreshBeforeMs?: number }} [options] `now`: ms since the epoch
 * @returns {{ get(): Promise<{accessKeyId: string, accessKeySecret: string, securityToken?: string}>, invalidate(): void, readonly isStatic: boolean }}
 */
export function credentialsCache(source, options) {
  const o = readOptions(PROVIDER_OPTIONS.credentialsCache, options, "credentialsCache");
  const now = o.now ?? Date.now;
  const refreshBeforeMs = o.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
  const provider = asProvider(source);
  let cached = null; // { value, expiresAt, staleAt }
  let inflight = null;
  let nextTry = 0;

  const visible = (c) => {
    const out = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret };
    if (c.securityToken) out.securityToken = c.securityToken;
    return out;
  };

  if (provider.isStatic) {
    let value;
    try {
      value = normalise(provider.value, "credentials", now());
    } catch (e) {
      throw new AliyunIdvError("INVALID_OPTION", `createClient: ${e.message}`, { field: "credentials" });
    }
    if (value.expiration !== undefined) {
      throw new AliyunIdvError("INVALID_OPTION", "createClient: static credentials cannot expire; pass a provider function to refresh them.", {
        field: "credentials",
      });
    }
    const frozen = Object.freeze(visible(value));
    return Object.freeze({ get: () => Promise.resolve(frozen), invalidate() {}, isStatic: true });
  }

  async function refresh() {
    const started = now();
    let raw;
    try {
      raw = await provider.fetch();
    } catch (e) {
      if (OURS.has(e)) throw e;
      throw credentialsError(`${provider.name} failed (${reasonToken(e)}).`);
    }
    const value = normalise(raw, provider.name, now());
    const expiresAt = value.expiration ?? Infinity;
    const lifetime = expiresAt - started;
    const staleAt = expiresAt === Infinity ? Infinity : expiresAt - Math.max(0, Math.min(refreshBeforeMs, lifetime / 2));
    cached = { value: Object.freeze(visible(value)), expiresAt, staleAt };
    return cached.value;
  }

  function get() {
    const t = now();
    if (cached && t < cached.staleAt) return Promise.resolve(cached.value);
    if (cached && t < cached.expiresAt && t < nextTry) return Promise.resolve(cached.value);
    if (inflight) return inflight;
    inflight = refresh()
      .catch((e) => {
        const t2 = now();
        if (cached && t2 < cached.expiresAt) {
          nextTry = t2 + REFRESH_RETRY_MS;
          return cached.value;
        }
        throw e;
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }

  return Object.freeze({
    get,
    /** Forget the cached credentials (e.g. after the service refused them); the next get() asks the provider. */
    invalidate() {
      cached = null;
      nextTry = 0;
    },
    isStatic: false,
  });
}

// ---- Host access, injectable ----------------------------------------------------------------

/** The environment: `options.env`, else `process.env` where there is one (Node), else {}. */
function environment(options) {
  const env = own(options, "env");
  if (env !== undefined && env !== null) return env;
  try {
    return globalThis.process?.env ?? {};
  } catch {
    return {};
  }
}

const envGet = (env, name) => {
  const v = own(env, name);
  return nonEmpty(v) ? v : undefined;
};
const envTrue = (env, name) => (envGet(env, name) ?? "").toLowerCase() === "true";

function builtin(name) {
  try {
    return globalThis.process?.getBuiltinModule?.(name) ?? null;
  } catch {
    return null;
  }
}

/** `options.readFile(path) -> string | Promise<string>`, else the fs module where the host has it. */
function fileReader(options) {
  const readFile = own(options, "readFile");
  if (typeof readFile === "function") return async (path) => String(await readFile(path));
  const fs = builtin("fs");
  if (fs && fs.promises) return (path) => fs.promises.readFile(path, "utf8");
  return null;
}

function homeDirectory(options) {
  const home = own(options, "homedir");
  if (nonEmpty(home)) return home;
  const os = builtin("os");
  try {
    return os ? os.homedir() : undefined;
  } catch {
    return undefined;
  }
}

function joinPath(...parts) {
  const path = builtin("path");
  return path ? path.join(...parts) : parts.join("/");
}

/** A `fetch` with a timeout; resolves `{ status, text }` (the text cut at 64 KB). */
async function httpCall(options, url, init, timeoutMs) {
  const doFetch = typeof own(options, "fetch") === "function" ? options.fetch : globalThis.fetch;
  if (typeof doFetch !== "function") throw credentialsError("No fetch to reach the credentials service.");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await doFetch(url, { ...init, signal: controller.signal });
    const text = await res.text();
    return { status: res.status, text: text.length > MAX_ANSWER_BYTES ? "" : text };
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isLoopback = (host) => /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])(:\d{1,5})?$/i.test(host);

/**
 * `sts.aliyuncs.com`, `https://sts.cn-hangzhou.aliyuncs.com`, or for tests `http://127.0.0.1:PORT`
 * (plain http only for a loopback host) as `{ host, scheme }`.
 */
function stsTarget(endpoint) {
  const m = /^(?:(https?):\/\/)?([^/?#@\s]+)\/?$/i.exec(endpoint);
  if (!m) throw credentialsError("The STS endpoint is not a host name.");
  const scheme = (m[1] ?? "https").toLowerCase();
  if (scheme === "http" && !isLoopback(m[2])) throw credentialsError("The STS endpoint may use http:// only on loopback.");
  return { host: m[2], scheme };
}

function stsEndpointFor(o, env) {
  const explicit = own(o, "stsEndpoint");
  if (nonEmpty(explicit)) return explicit;
  const region = own(o, "stsRegionId") ?? envGet(env, "ALIBABA_CLOUD_STS_REGION");
  const vpc = own(o, "enableVpc") ?? envTrue(env, "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED");
  if (nonEmpty(region)) return vpc ? `sts-vpc.${region}.aliyuncs.com` : `sts.${region}.aliyuncs.com`;
  return "sts.aliyuncs.com";
}

/**
 * One STS call (AssumeRole or AssumeRoleWithOIDC), built as a V3 request by this library's own
 * signRequest. AssumeRoleWithOIDC is anonymous (no credentials: the OIDC token is the proof), so
 * its request carries the V3 headers without `Authorization`, as the official SDKs send it.
 */
async function callSts(o, where, action, form, signer) {
  const target = stsTarget(o.stsEndpoint);
  const now = typeof own(o, "now") === "function" ? o.now : Date.now;
  const nonce = typeof own(o, "nonce") === "function" ? o.nonce : () => globalThis.crypto.randomUUID();
  let req;
  try {
    req = signRequest(
      { method: "POST", host: target.host, action, version: STS_VERSION, form },
      {
        accessKeyId: signer ? signer.accessKeyId : "anonymous",
        accessKeySecret: signer ? signer.accessKeySecret : "anonymous",
        ...(signer && signer.securityToken ? { securityToken: signer.securityToken } : {}),
        timestamp: acsTimestamp(new Date(now())),
        nonce: String(nonce()),
        signatureVersion: "v3",
      },
    );
  } catch (e) {
    throw credentialsError(`${where}: the STS request could not be built (${reasonToken(e)}).`);
  }
  const headers = { ...req.headers };
  delete headers.host; // fetch sets it from the URL
  if (!signer) delete headers.authorization;
  const url = target.scheme === "http" ? req.url.replace(/^https:/, "http:") : req.url;
  let answer;
  try {
    answer = await httpCall(o, url, { method: req.method, headers, body: req.body ?? undefined }, own(o, "timeoutMs") ?? 10000);
  } catch (e) {
    throw credentialsError(`${where}: STS could not be reached (${reasonToken(e)}).`);
  }
  const data = parseJson(answer.text);
  const code = typeof own(data, "Code") === "string" && /^[A-Za-z0-9_.-]{1,100}$/.test(data.Code) ? data.Code : undefined;
  const requestId = typeof own(data, "RequestId") === "string" && /^[A-Za-z0-9-]{1,64}$/.test(data.RequestId) ? data.RequestId : undefined;
  if (answer.status !== 200) {
    throw credentialsError(`${where}: STS ${action} answered HTTP ${answer.status}${code ? ` (${code})` : ""}.`, undefined, {
      httpStatus: answer.status,
      ...(requestId ? { requestId } : {}),
    });
  }
  const c = own(data, "Credentials");
  return {
    accessKeyId: own(c, "AccessKeyId"),
    accessKeySecret: own(c, "AccessKeySecret"),
    securityToken: own(c, "SecurityToken"),
    expiration: own(c, "Expiration"),
  };
}

function checkSts(creds, where) {
  if (!nonEmpty(creds.accessKeyId) || !nonEmpty(creds.accessKeySecret) || !nonEmpty(creds.securityToken)) {
    throw credentialsError(`${where}: the STS answer has no complete Credentials.`);
  }
  return creds;
}

function named(name, fn) {
  Object.defineProperty(fn, "providerName", { value: name });
  return fn;
}

// ---- Providers -------------------------------------------------------------------------------

/**
 * ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and (optional)
 * ALIBABA_CLOUD_SECURITY_TOKEN, from `options.env` (in Workers: the Worker's `env` bindings) or
 * `process.env`. Read on every call.
 */
function environmentCredentialsOf(options) {
  return named("env", async () => {
    const env = environment(options);
    const accessKeyId = envGet(env, "ALIBABA_CLOUD_ACCESS_KEY_ID");
    const accessKeySecret = envGet(env, "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    if (!accessKeyId || !accessKeySecret) {
      throw credentialsError("env: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not both set.", undefined, {
        notConfigured: true,
      });
    }
    const securityToken = envGet(env, "ALIBABA_CLOUD_SECURITY_TOKEN");
    return securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
  });
}

/**
 * OIDC / RRSA (ACK): reads the OIDC token file on every refresh (the kubelet rotates it) and
 * exchanges it at STS `AssumeRoleWithOIDC` for temporary credentials. Options (each falls back to
 * its environment variable): `roleArn` (ALIBABA_CLOUD_ROLE_ARN), `oidcProviderArn`
 * (ALIBABA_CLOUD_OIDC_PROVIDER_ARN), `oidcTokenFile` (ALIBABA_CLOUD_OIDC_TOKEN_FILE),
 * `roleSessionName` (ALIBABA_CLOUD_ROLE_SESSION_NAME), `stsRegionId` (ALIBABA_CLOUD_STS_REGION),
 * `enableVpc` (ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED); also `durationSeconds` (default 3600, at least
 * 900), `policy`, `stsEndpoint` (default sts.aliyuncs.com, or sts[-vpc].REGION.aliyuncs.com),
 * `readFile`, `fetch`, `now`, `nonce`, `timeoutMs`, `env`.
 */
function oidcCredentialsOf(options) {
  return named("oidc", async () => {
    const env = environment(options);
    const roleArn = own(options, "roleArn") ?? envGet(env, "ALIBABA_CLOUD_ROLE_ARN");
    const oidcProviderArn = own(options, "oidcProviderArn") ?? envGet(env, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN");
    const tokenFile = own(options, "oidcTokenFile") ?? envGet(env, "ALIBABA_CLOUD_OIDC_TOKEN_FILE");
    if (!nonEmpty(roleArn) || !nonEmpty(oidcProviderArn) || !nonEmpty(tokenFile)) {
      throw credentialsError(
        "oidc: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not all set.",
        undefined,
        { notConfigured: true },
      );
    }
    const durationSeconds = own(options, "durationSeconds") ?? 3600;
    if (!Number.isInteger(durationSeconds) || durationSeconds < 900) throw credentialsError("oidc: durationSeconds must be an integer of at least 900.");
    const read = fileReader(options);
    if (!read) throw credentialsError("oidc: this runtime cannot read the token file (pass readFile).");
    let token;
    try {
      token = (await read(tokenFile)).trim();
    } catch (e) {
      throw credentialsError(`oidc: the OIDC token file could not be read (${reasonToken(e)}).`);
    }
    if (!token) throw credentialsError("oidc: the OIDC token file is empty.");
    const now = typeof own(options, "now") === "function" ? options.now : Date.now;
    const form = {
      OIDCProviderArn: oidcProviderArn,
      OIDCToken: token,
      RoleArn: roleArn,
      RoleSessionName: own(options, "roleSessionName") ?? envGet(env, "ALIBABA_CLOUD_ROLE_SESSION_NAME") ?? `aliyun-idv-${now()}`,
      DurationSeconds: String(durationSeconds),
    };
    const policy = own(options, "policy");
    if (nonEmpty(policy)) form.Policy = policy;
    const o = { ...pickOwn(options), stsEndpoint: stsEndpointFor(options, env) };
    return checkSts(await callSts(o, "oidc", "AssumeRoleWithOIDC", form, null), "oidc");
  });
}

function pickOwn(options) {
  const out = {};
  for (const key of ["fetch", "now", "nonce", "timeoutMs"]) {
    const v = own(options, key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * STS `AssumeRole` with source credentials from `source` (a provider function): the
 * RamRoleArn and ChainableRamRoleArn modes of the config file. Options: `roleArn`,
 * `roleSessionName`, `durationSeconds` (default 3600), `policy`, `stsEndpoint` / `stsRegionId` /
 * `enableVpc`, `fetch`, `now`, `nonce`, `timeoutMs`.
 */
function ramRoleArnCredentialsOf(source, options) {
  return named("ram_role_arn", async () => {
    const roleArn = own(options, "roleArn");
    if (!nonEmpty(roleArn)) throw credentialsError("ram_role_arn: no role ARN.");
    const now = typeof own(options, "now") === "function" ? options.now : Date.now;
    const signer = normalise(await source(), "ram_role_arn source", now());
    const durationSeconds = own(options, "durationSeconds") ?? 3600;
    if (!Number.isInteger(durationSeconds) || durationSeconds < 900) throw credentialsError("ram_role_arn: durationSeconds must be an integer of at least 900.");
    const form = {
      RoleArn: roleArn,
      RoleSessionName: own(options, "roleSessionName") ?? `aliyun-idv-${now()}`,
      DurationSeconds: String(durationSeconds),
    };
    const policy = own(options, "policy");
    if (nonEmpty(policy)) form.Policy = policy;
    const o = { ...pickOwn(options), stsEndpoint: stsEndpointFor(options, {}) };
    return checkSts(await callSts(o, "ram_role_arn", "AssumeRole", form, signer), "ram_role_arn");
  });
}

const METADATA_TOKEN_TTL_SECONDS = 21600;

/**
 * The ECS RAM role, from the instance metadata service: first a session token (`PUT
 * /latest/api/token` with `X-aliyun-ecs-metadata-token-ttl-seconds`), sent back as
 * `X-aliyun-ecs-metadata-token` (IMDSv2-style hardening); without a token, falls back to plain
 * requests unless `disableIMDSv1` (or ALIBABA_CLOUD_IMDSV1_DISABLED=true). Then the role name
 * (`GET /latest/meta-data/ram/security-credentials/`, unless `roleName` or
 * ALIBABA_CLOUD_ECS_METADATA names it) and its credentials (`.../security-credentials/ROLE`).
 * Options: `roleName`, `disableIMDSv1`, `metadataHost` (default 100.100.100.200; tests pass
 * 127.0.0.1:PORT), `fetch`, `timeoutMs` (default 1000 per request), `env`.
 */
function ecsRamRoleCredentialsOf(options) {
  return named("ecs_ram_role", async () => {
    const env = environment(options);
    if (envTrue(env, "ALIBABA_CLOUD_ECS_METADATA_DISABLED")) {
      throw credentialsError("ecs_ram_role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED.", undefined, { notConfigured: true });
    }
    const disableV1 = own(options, "disableIMDSv1") === true || envTrue(env, "ALIBABA_CLOUD_IMDSV1_DISABLED");
    const host = own(options, "metadataHost") ?? "100.100.100.200";
    const timeoutMs = own(options, "timeoutMs") ?? 1000;
    const base = `http://${host}`;
    const call = async (method, path, headers) => {
      try {
        return await httpCall(options, base + path, { method, headers }, timeoutMs);
      } catch (e) {
        throw credentialsError(`ecs_ram_role: the metadata service could not be reached (${reasonToken(e)}).`, undefined, {
          notConfigured: true,
        });
      }
    };
    // A metadata service that does not answer at all (not on ECS) ends here: no second timeout.
    const t = await call("PUT", "/latest/api/token", { "x-aliyun-ecs-metadata-token-ttl-seconds": String(METADATA_TOKEN_TTL_SECONDS) });
    let token = null;
    if (t.status === 200 && t.text.trim()) token = t.text.trim();
    else if (disableV1) throw credentialsError(`ecs_ram_role: the metadata token request answered HTTP ${t.status}.`);
    const auth = token ? { "x-aliyun-ecs-metadata-token": token } : {};
    let role = own(options, "roleName") ?? envGet(env, "ALIBABA_CLOUD_ECS_METADATA");
    if (!nonEmpty(role)) {
      const r = await call("GET", "/latest/meta-data/ram/security-credentials/", auth);
      if (r.status !== 200) throw credentialsError(`ecs_ram_role: the role name request answered HTTP ${r.status}.`, undefined, { httpStatus: r.status });
      role = r.text.trim().split("\n")[0]?.trim();
      if (!role) throw credentialsError("ecs_ram_role: no RAM role is attached to this instance.");
    }
    if (!/^[A-Za-z0-9._@-]{1,128}$/.test(role)) throw credentialsError("ecs_ram_role: the role name is not a RAM role name.");
    const r = await call("GET", `/latest/meta-data/ram/security-credentials/${role}`, auth);
    if (r.status !== 200) throw credentialsError(`ecs_ram_role: the credentials request answered HTTP ${r.status}.`, undefined, { httpStatus: r.status });
    const data = parseJson(r.text);
    if (own(data, "Code") !== "Success") throw credentialsError("ecs_ram_role: the metadata service did not answer Code Success.");
    return checkSts(
      {
        accessKeyId: own(data, "AccessKeyId"),
        accessKeySecret: own(data, "AccessKeySecret"),
        securityToken: own(data, "SecurityToken"),
        expiration: own(data, "Expiration"),
      },
      "ecs_ram_role",
    );
  });
}

/**
 * A profile of the Alibaba Cloud CLI's config file (`~/.aliyun/config.json`, Node): `profile`
 * (default ALIBABA_CLOUD_PROFILE, else the file's `current`), `path` (default
 * HOME/.aliyun/config.json), disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true. Modes: `AK`,
 * `StsToken`, `RamRoleArn` (AssumeRole signed with the profile's key), `ChainableRamRoleArn`
 * (AssumeRole with the credentials of `source_profile`), `EcsRamRole`, `OIDC`. The file is read
 * on every refresh. Other options (`readFile`, `homedir`, `fetch`, `metadataHost`, `stsEndpoint`,
 * `now`, `nonce`, `timeoutMs`, `env`) reach the inner providers.
 */
function configFileCredentialsOf(options) {
  return named("config_file", async () => {
    const env = environment(options);
    if (envTrue(env, "ALIBABA_CLOUD_CLI_PROFILE_DISABLED")) {
      throw credentialsError("config_file: disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED.", undefined, { notConfigured: true });
    }
    const read = fileReader(options);
    let path = own(options, "path");
    if (!nonEmpty(path)) {
      const home = homeDirectory(options);
      if (!read || !home) throw credentialsError("config_file: this runtime has no home directory to read.", undefined, { notConfigured: true });
      path = joinPath(home, ".aliyun", "config.json");
    }
    if (!read) throw credentialsError("config_file: this runtime cannot read files (pass readFile).", undefined, { notConfigured: true });
    let text;
    try {
      text = await read(path);
    } catch (e) {
      const missing = reasonToken(e) === "ENOENT";
      throw credentialsError(`config_file: the config file could not be read (${reasonToken(e)}).`, undefined, missing ? { notConfigured: true } : undefined);
    }
    const conf = parseJson(text);
    const profiles = own(conf, "profiles");
    if (!Array.isArray(profiles) || profiles.length === 0) throw credentialsError("config_file: the config file has no profiles.");
    const wanted = own(options, "profile") ?? envGet(env, "ALIBABA_CLOUD_PROFILE") ?? own(conf, "current");
    if (!nonEmpty(wanted)) throw credentialsError("config_file: no profile is named (profile, ALIBABA_CLOUD_PROFILE or current).");
    return await profileCredentials(profiles, wanted, options, 0);
  });
}

async function profileCredentials(profiles, name, options, depth) {
  if (depth > 5) throw credentialsError("config_file: source_profile chains more than 5 profiles.");
  const p = profiles.find((x) => own(x, "name") === name);
  if (!p) throw credentialsError("config_file: the named profile is not in the file.");
  const field = (k) => own(p, k);
  const sts = {
    ...pickOwn(options),
    roleArn: field("ram_role_arn"),
    roleSessionName: nonEmpty(field("ram_session_name")) ? field("ram_session_name") : undefined,
    durationSeconds: Number.isInteger(field("expired_seconds")) && field("expired_seconds") >= 900 ? field("expired_seconds") : undefined,
    stsRegionId: nonEmpty(field("sts_region")) ? field("sts_region") : undefined,
    enableVpc: field("enable_vpc") === true ? true : undefined,
    ...(nonEmpty(own(options, "stsEndpoint")) ? { stsEndpoint: options.stsEndpoint } : nonEmpty(field("sts_endpoint")) ? { stsEndpoint: field("sts_endpoint") } : {}),
  };
  for (const k of Object.keys(sts)) if (sts[k] === undefined) delete sts[k];
  const mode = field("mode");
  switch (mode) {
    case "AK":
      return { accessKeyId: field("access_key_id"), accessKeySecret: field("access_key_secret") };
    case "StsToken":
      return { accessKeyId: field("access_key_id"), accessKeySecret: field("access_key_secret"), securityToken: field("sts_token") };
    case "RamRoleArn": {
      const source = async () => ({ accessKeyId: field("access_key_id"), accessKeySecret: field("access_key_secret") });
      return ramRoleArnCredentialsOf(source, sts)();
    }
    case "ChainableRamRoleArn": {
      const source = () => profileCredentials(profiles, field("source_profile"), options, depth + 1);
      return ramRoleArnCredentialsOf(source, sts)();
    }
    case "EcsRamRole":
      return ecsRamRoleCredentialsOf({ ...options, ...(nonEmpty(field("ram_role_name")) ? { roleName: field("ram_role_name") } : {}) })();
    case "OIDC":
      return oidcCredentialsOf({
        ...options,
        ...sts,
        env: {},
        oidcTokenFile: field("oidc_token_file"),
        oidcProviderArn: field("oidc_provider_arn"),
        ...(Number.isInteger(field("duration_seconds")) ? { durationSeconds: field("duration_seconds") } : {}),
      })();
    default:
      throw credentialsError(`config_file: the profile's mode is not supported here (AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC are).`);
  }
}

/**
 * The default chain, in the official SDKs' order: environment variables, OIDC/RRSA, the CLI config
 * file profile, the ECS RAM role. The first provider that answers is kept for later refreshes (as
 * the official chain does). When none answers, CREDENTIALS_ERROR lists each provider's reason.
 * `options` reach every provider (env, readFile, homedir, fetch, metadataHost, stsEndpoint, ...).
 * In Workers there are no files and no metadata service: pass `environmentCredentials({ env })`
 * with the Worker's bindings, or a function.
 */
function defaultCredentialsChainOf(options) {
  const providers = [environmentCredentialsOf(options), oidcCredentialsOf(options), configFileCredentialsOf(options), ecsRamRoleCredentialsOf(options)];
  let chosen = null;
  return named("default", async () => {
    if (chosen) return chosen();
    const reasons = [];
    for (const provider of providers) {
      try {
        const creds = await provider();
        chosen = provider;
        return creds;
      } catch (e) {
        reasons.push(OURS.has(e) ? e.message : `${provider.providerName}: failed (${reasonToken(e)}).`);
      }
    }
    throw credentialsError(`No credentials from the default chain. ${reasons.join(" ")}`, "默认凭证链中没有可用的访问凭证。");
  });
}

// ---- The exported factories: options checked at once (INVALID_OPTION naming the key) ----

const checked = (name, options) => readOptions(PROVIDER_OPTIONS[name], options, name);

/** See environmentCredentialsOf: the three environment variables, from `env` or process.env. */
export const environmentCredentials = (options) => environmentCredentialsOf(checked("environmentCredentials", options));
/** See oidcCredentialsOf: OIDC / RRSA through STS AssumeRoleWithOIDC. */
export const oidcCredentials = (options) => oidcCredentialsOf(checked("oidcCredentials", options));
/** See ecsRamRoleCredentialsOf: the ECS RAM role through the metadata service. */
export const ecsRamRoleCredentials = (options) => ecsRamRoleCredentialsOf(checked("ecsRamRoleCredentials", options));
/** See configFileCredentialsOf: a profile of ~/.aliyun/config.json. */
export const configFileCredentials = (options) => configFileCredentialsOf(checked("configFileCredentials", options));
/** See defaultCredentialsChainOf: env, OIDC/RRSA, config file, ECS RAM role. */
export const defaultCredentialsChain = (options) => defaultCredentialsChainOf(checked("defaultCredentialsChain", options));
/** See ramRoleArnCredentialsOf: STS AssumeRole signed with the credentials `source` gives. */
export function ramRoleArnCredentials(source, options) {
  if (typeof source !== "function") {
    throw new AliyunIdvError("INVALID_OPTION", "ramRoleArnCredentials: source must be a function returning credentials.", { field: "source" });
  }
  const o = checked("ramRoleArnCredentials", options);
  if (o.roleArn === undefined) throw new AliyunIdvError("INVALID_OPTION", "ramRoleArnCredentials: options.roleArn is required.", { field: "roleArn" });
  return ramRoleArnCredentialsOf(source, o);
}

/**
 * For createClient (not exported by the entries): the credential cache for its checked options
 * (options.js readClientOptions): `credentials`; else `accessKeyId` / `accessKeySecret` /
 * `securityToken`; else, where there is a process environment (Node), the default chain (the
 * first call then rejects with CREDENTIALS_ERROR when no provider answers); else (Workers,
 * browsers) CREDENTIALS_MISSING at once: pass `credentials`.
 * @param {object} o the checked options
 * @param {{ now?: () => number }} [clock]
 */
export function clientCredentials(o, clock = {}) {
  const now = clock.now ?? Date.now;
  if (o.credentials !== undefined) return credentialsCache(o.credentials, { now });
  if (o.accessKeyId !== undefined || o.accessKeySecret !== undefined) {
    const given = { accessKeyId: o.accessKeyId, accessKeySecret: o.accessKeySecret };
    if (o.securityToken) given.securityToken = o.securityToken;
    return credentialsCache(given, { now });
  }
  let hasEnv = false;
  try {
    hasEnv = globalThis.process?.env !== undefined && globalThis.process.env !== null;
  } catch {
    hasEnv = false;
  }
  if (!hasEnv) {
    throw new AliyunIdvError(
      "CREDENTIALS_MISSING",
      "No credentials: pass credentials (in Workers, environmentCredentials({ env }) with the Worker's bindings).",
      { messageZh: "缺少凭证：请传入 credentials（在 Workers 中使用 environmentCredentials({ env })）。" },
    );
  }
  return credentialsCache(defaultCredentialsChainOf({ now }), { now });
}

