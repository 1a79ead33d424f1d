// Credentials (pkg credentials.js) from the installed package: the cache (expiry, refresh once under
// 100 concurrent calls, failures that never leak what was read), each provider of the official
// chain against local stand-ins (metadata service, STS) on 127.0.0.1:0, and the chain's order.
// Every clock is fixed: `now` is injected.
import { internals } from "../support/internals.mjs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { pathToFileURL } from "node:url";
import { startMetadata, startSts } from "./servers.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const pkg = (f) => pathToFileURL(join(project, "node_modules", "aliyun-idv", f)).href;
const idv = await internals(join(project, "node_modules", "aliyun-idv"));
const { AliyunIdvError, credentialsCache, environmentCredentials, oidcCredentials, ecsRamRoleCredentials, configFileCredentials, defaultCredentialsChain } = idv;
const { clientCredentials } = await import(pkg("credentials.js"));

const T0 = Date.parse("2026-03-01T00:00:00Z");
const clock = (start = T0) => {
  const c = { t: start, now: () => c.t };
  return c;
};
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const dir = mkdtempSync(join(tmpdir(), "aliyun-idv-cred-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Everything an error exposes: message, own properties, JSON, inspect (with cause chains). */
function exposed(e) {
  return [String(e && e.message), JSON.stringify(e), inspect(e, { depth: 5, showHidden: true }), String(e && e.stack)].join("\n");
}

async function rejectsWith(promise, code) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof AliyunIdvError, `an AliyunIdvError, got ${inspect(e)}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected a rejection coded ${code}`);
}

test("the providers are exported by the entry, and credentials.js imports nothing Node-only statically", () => {
  for (const fn of [credentialsCache, environmentCredentials, oidcCredentials, ecsRamRoleCredentials, configFileCredentials, defaultCredentialsChain]) {
    assert.equal(typeof fn, "function");
  }
  const source = readFileSync(join(project, "node_modules", "aliyun-idv", "credentials.js"), "utf8");
  const imports = [...source.matchAll(/^\s*import\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
  assert.deepEqual(imports.sort(), ["./api.js", "./options.js", "./params.js"]);
  assert.doesNotMatch(source, /\bimport\s*\(|\brequire\s*\(/);
});

test("static credentials: returned as given, frozen; incomplete or expiring ones are refused at once", async () => {
  const cache = credentialsCache({ accessKeyId: "AK", accessKeySecret: "SK", securityToken: "TOK" });
  assert.deepEqual(await cache.get(), { accessKeyId: "AK", accessKeySecret: "SK", securityToken: "TOK" });
  assert.ok(Object.isFrozen(await cache.get()));
  assert.throws(() => credentialsCache({ accessKeyId: "AK" }), (e) => e.code === "INVALID_OPTION" && /accessKeySecret/.test(e.message) && !e.message.includes("AK"));
  assert.throws(() => credentialsCache({ accessKeyId: "AK", accessKeySecret: "SK", expiration: T0 + 1e9 }, { now: () => T0 }), { code: "INVALID_OPTION" });
  assert.throws(() => credentialsCache(42), { code: "INVALID_OPTION", field: "credentials" });
  // Every factory checks its options at once: unknown keys and wrong types name the key.
  assert.throws(() => oidcCredentials({ roleARN: "x" }), { code: "INVALID_OPTION", field: "roleARN" });
  assert.throws(() => ecsRamRoleCredentials({ metadataHost: 100 }), { code: "INVALID_OPTION", field: "metadataHost" });
  assert.throws(() => defaultCredentialsChain({ durationSeconds: 60 }), { code: "INVALID_OPTION", field: "durationSeconds" });
  assert.throws(() => environmentCredentials({ env: "ALIBABA_CLOUD_ACCESS_KEY_ID=x" }), { code: "INVALID_OPTION", field: "env" });
  assert.throws(() => credentialsCache(() => ({}), { refreshBefore: 1 }), { code: "INVALID_OPTION", field: "refreshBefore" });
});

test("a provider is called once for 100 concurrent calls, cached until shortly before expiration, then refreshed once", async () => {
  const c = clock();
  let calls = 0;
  const provider = async () => {
    calls++;
    await new Promise((r) => setTimeout(r, 5)); // a slow provider: every concurrent call arrives while it runs
    return { accessKeyId: `STS.key-${calls}`, accessKeySecret: `secret-${calls}`, securityToken: `token-${calls}`, expiration: iso(c.t + 3600_000) };
  };
  const cache = credentialsCache(provider, { now: c.now });
  const first = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
  assert.equal(calls, 1);
  assert.ok(first.every((x) => x.accessKeyId === "STS.key-1" && x.securityToken === "token-1"));
  assert.equal(Object.hasOwn(first[0], "expiration"), false, "the expiration stays inside the cache");

  c.t += 54 * 60_000; // 6 minutes before expiry: still fresh (refresh 5 minutes before)
  await Promise.all(Array.from({ length: 100 }, () => cache.get()));
  assert.equal(calls, 1);

  c.t += 2 * 60_000; // 4 minutes before expiry: stale
  const second = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
  assert.equal(calls, 2, "one refresh for 100 concurrent calls");
  assert.ok(second.every((x) => x.accessKeyId === "STS.key-2"));

  cache.invalidate();
  await cache.get();
  assert.equal(calls, 3);
});

test("short-lived credentials are refreshed at half their lifetime", async () => {
  const c = clock();
  let calls = 0;
  const cache = credentialsCache(() => ({ accessKeyId: "AK", accessKeySecret: `SK${++calls}`, expiration: new Date(c.t + 4 * 60_000) }), { now: c.now });
  await cache.get();
  c.t += 119_000;
  await cache.get();
  assert.equal(calls, 1);
  c.t += 2_000;
  assert.equal((await cache.get()).accessKeySecret, "SK2");
});

test("objects with getCredentials() or getCredential() (an official Credential client) are providers, called with their this", async () => {
  const provider = {
    secret: "from-this",
    async getCredentials() {
      return { accessKeyId: "AK", accessKeySecret: this.secret };
    },
  };
  assert.equal((await credentialsCache(provider).get()).accessKeySecret, "from-this");
  class OfficialLike {
    async getCredential() {
      return { accessKeyId: "AK2", accessKeySecret: "SK2", securityToken: "T2", type: "sts", providerName: "x" };
    }
  }
  assert.deepEqual(await credentialsCache(new OfficialLike()).get(), { accessKeyId: "AK2", accessKeySecret: "SK2", securityToken: "T2" });
});

test("a failing provider rejects with CREDENTIALS_ERROR that never contains what it read", async () => {
  const SECRET = "very-secret-value-9f8e7d";
  const thrower = credentialsCache(async () => {
    const e = new Error(`cannot parse {"AccessKeySecret":"${SECRET}"}`);
    e.secret = SECRET;
    throw e;
  });
  let e = await rejectsWith(thrower.get(), "CREDENTIALS_ERROR");
  assert.ok(!exposed(e).includes(SECRET), exposed(e));
  assert.equal(e.cause, undefined);
  assert.match(e.message, /credentials function failed \(Error\)/);

  // Even an AliyunIdvError coded CREDENTIALS_ERROR from the caller's provider is wrapped: only the
  // package's own messages are known to be safe.
  e = await rejectsWith(credentialsCache(() => { throw new AliyunIdvError("CREDENTIALS_ERROR", `vault said ${SECRET}`); }).get(), "CREDENTIALS_ERROR");
  assert.ok(!exposed(e).includes(SECRET), exposed(e));
  assert.match(e.message, /credentials function failed \(CREDENTIALS_ERROR\)/);

  // Malformed answers: the message names the missing field, never a value it got.
  for (const [answer, field] of [
    [{ accessKeyId: SECRET }, "accessKeySecret"],
    [{ accessKeySecret: SECRET }, "accessKeyId"],
    [{ accessKeyId: "AK", accessKeySecret: SECRET, expiration: "not a date" }, "expiration"],
    [{ accessKeyId: "AK", accessKeySecret: SECRET, securityToken: 5 }, "securityToken"],
    [null, "accessKeyId"],
  ]) {
    e = await rejectsWith(credentialsCache(() => answer).get(), "CREDENTIALS_ERROR");
    assert.match(e.message, new RegExp(field));
    assert.ok(!exposed(e).includes(SECRET), exposed(e));
  }
  // Already expired on arrival.
  e = await rejectsWith(credentialsCache(() => ({ accessKeyId: "AK", accessKeySecret: SECRET, expiration: T0 - 1 }), { now: () => T0 }).get(), "CREDENTIALS_ERROR");
  assert.match(e.message, /expired/);
});

test("a failed refresh keeps the old credentials while they are valid, then rejects", async () => {
  const c = clock();
  let fail = false;
  let calls = 0;
  const cache = credentialsCache(
    () => {
      calls++;
      if (fail) throw new Error("STS down");
      return { accessKeyId: "AK", accessKeySecret: "SK", expiration: c.t + 3600_000 };
    },
    { now: c.now },
  );
  await cache.get();
  fail = true;
  c.t += 57 * 60_000; // stale, not expired
  assert.equal((await cache.get()).accessKeySecret, "SK");
  assert.equal(calls, 2);
  await cache.get(); // within the 10 s pause after a failure: no new call
  assert.equal(calls, 2);
  c.t += 11_000;
  await cache.get();
  assert.equal(calls, 3);
  c.t += 4 * 60_000; // expired
  await rejectsWith(cache.get(), "CREDENTIALS_ERROR");
});

test("environment variables: from an env object (Workers bindings) or process.env; read on each call", async () => {
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: "AK", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "SK" };
  const p = environmentCredentials({ env });
  assert.deepEqual(await p(), { accessKeyId: "AK", accessKeySecret: "SK" });
  env.ALIBABA_CLOUD_SECURITY_TOKEN = "TOK";
  assert.deepEqual(await p(), { accessKeyId: "AK", accessKeySecret: "SK", securityToken: "TOK" });
  const e = await rejectsWith(environmentCredentials({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "AK" } })(), "CREDENTIALS_ERROR");
  assert.equal(e.notConfigured, true);
  // Only own properties of the env object count.
  await rejectsWith(environmentCredentials({ env: Object.create(env) })(), "CREDENTIALS_ERROR");
});

function oidcSetup() {
  const tokenFile = join(dir, `oidc-token-${Math.random().toString(36).slice(2)}`);
  writeFileSync(tokenFile, "oidc-token-A\n");
  const env = {
    ALIBABA_CLOUD_ROLE_ARN: "acs:ram::100:role/idv",
    ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::100:oidc-provider/ack",
    ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
    ALIBABA_CLOUD_ROLE_SESSION_NAME: "idv-session",
  };
  return { tokenFile, env };
}

test("OIDC/RRSA: AssumeRoleWithOIDC built as a V3 request (anonymous), the token file re-read on every refresh", async (t) => {
  const c = clock();
  const { tokenFile, env } = oidcSetup();
  let accepted = "oidc-token-A";
  const sts = await startSts({
    oidcToken: () => accepted,
    issue: (n) => ({ AccessKeyId: `STS.oidc-${n}`, AccessKeySecret: `oidc-secret-${n}`, SecurityToken: `oidc-token-${n}`, Expiration: iso(c.t + 3600_000) }),
  });
  t.after(() => sts.close());
  const cache = credentialsCache(oidcCredentials({ env, stsEndpoint: `http://${sts.host}`, now: c.now }), { now: c.now });

  const all = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
  assert.equal(sts.log.length, 1, "one STS call for 100 concurrent calls");
  assert.ok(all.every((x) => x.accessKeyId === "STS.oidc-1" && x.securityToken === "oidc-token-1"));
  const first = sts.log[0];
  assert.equal(first.error, null);
  assert.equal(first.action, "AssumeRoleWithOIDC");
  assert.equal(first.headers.authorization, undefined);
  assert.deepEqual(first.form, {
    OIDCProviderArn: env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN,
    OIDCToken: "oidc-token-A",
    RoleArn: env.ALIBABA_CLOUD_ROLE_ARN,
    RoleSessionName: "idv-session",
    DurationSeconds: "3600",
  });
  assert.equal(first.headers["x-acs-date"], iso(T0));

  // The kubelet rotates the token; the next refresh sends the new one.
  writeFileSync(tokenFile, "oidc-token-B");
  accepted = "oidc-token-B";
  c.t += 56 * 60_000;
  const refreshed = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
  assert.equal(sts.log.length, 2);
  assert.equal(sts.log[1].form.OIDCToken, "oidc-token-B");
  assert.ok(refreshed.every((x) => x.accessKeyId === "STS.oidc-2"));
});

test("OIDC: an STS refusal gives its Code and RequestId, never the token, the answer's message or a secret", async (t) => {
  const { env } = oidcSetup();
  const sts = await startSts({ oidcToken: () => "something-else", issue: () => ({}) });
  t.after(() => sts.close());
  const e = await rejectsWith(credentialsCache(oidcCredentials({ env, stsEndpoint: `http://${sts.host}` })).get(), "CREDENTIALS_ERROR");
  assert.match(e.message, /AssumeRoleWithOIDC answered HTTP 400 \(AuthenticationFail\.OIDCToken\.Invalid\)/);
  assert.equal(e.httpStatus, 400);
  assert.equal(e.requestId, "REQ-OIDC-1");
  assert.ok(!exposed(e).includes("oidc-token-A"), exposed(e));

  // An answer without complete credentials, and an unreadable token file.
  const empty = await startSts({ oidcToken: () => "oidc-token-A", issue: () => ({ AccessKeyId: "STS.x", AccessKeySecret: "leaky-secret" }) });
  t.after(() => empty.close());
  const e2 = await rejectsWith(oidcCredentials({ env, stsEndpoint: `http://${empty.host}` })(), "CREDENTIALS_ERROR");
  assert.ok(!exposed(e2).includes("leaky-secret"));
  const e3 = await rejectsWith(oidcCredentials({ env: { ...env, ALIBABA_CLOUD_OIDC_TOKEN_FILE: join(dir, "missing") }, stsEndpoint: `http://${empty.host}` })(), "CREDENTIALS_ERROR");
  assert.match(e3.message, /ENOENT/);
  // Plain http only on loopback.
  await rejectsWith(oidcCredentials({ env, stsEndpoint: "http://sts.aliyuncs.com" })(), "CREDENTIALS_ERROR");
});

test("ECS RAM role: token first (PUT with TTL header), then the role name and its credentials with the token header", async (t) => {
  const c = clock();
  let n = 0;
  const md = await startMetadata({
    role: "idv-role",
    requireToken: true,
    credentials: () => ({ AccessKeyId: `STS.ecs-${++n}`, AccessKeySecret: `ecs-secret-${n}`, SecurityToken: `ecs-token-${n}`, Expiration: iso(c.t + 6 * 3600_000) }),
  });
  t.after(() => md.close());
  const cache = credentialsCache(ecsRamRoleCredentials({ metadataHost: md.host, env: {} }), { now: c.now });
  const all = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
  assert.ok(all.every((x) => x.accessKeyId === "STS.ecs-1" && x.securityToken === "ecs-token-1"));
  assert.deepEqual(md.log.map((r) => `${r.method} ${r.path}`), [
    "PUT /latest/api/token",
    "GET /latest/meta-data/ram/security-credentials/",
    "GET /latest/meta-data/ram/security-credentials/idv-role",
  ]);
  assert.equal(md.log[0].ttl, "21600");
  assert.ok(md.log.slice(1).every((r) => /^md-token-/.test(r.token)));
  c.t += 6 * 3600_000 - 60_000;
  assert.equal((await cache.get()).accessKeyId, "STS.ecs-2");
  assert.equal(md.log.length, 6);

  // The role named by ALIBABA_CLOUD_ECS_METADATA: no listing.
  md.log.length = 0;
  await ecsRamRoleCredentials({ metadataHost: md.host, env: { ALIBABA_CLOUD_ECS_METADATA: "idv-role" } })();
  assert.deepEqual(md.log.map((r) => r.method), ["PUT", "GET"]);
});

test("ECS RAM role: without a token endpoint falls back to plain requests, unless IMDSv1 is disabled", async (t) => {
  const md = await startMetadata({
    role: "r1",
    tokenEndpoint: false,
    credentials: () => ({ AccessKeyId: "STS.v1", AccessKeySecret: "s", SecurityToken: "t", Expiration: iso(T0 + 3600_000) }),
  });
  t.after(() => md.close());
  assert.equal((await ecsRamRoleCredentials({ metadataHost: md.host, env: {} })()).accessKeyId, "STS.v1");
  assert.equal(md.log[1].token, undefined);
  await rejectsWith(ecsRamRoleCredentials({ metadataHost: md.host, env: {}, disableIMDSv1: true })(), "CREDENTIALS_ERROR");
  await rejectsWith(ecsRamRoleCredentials({ metadataHost: md.host, env: { ALIBABA_CLOUD_IMDSV1_DISABLED: "true" } })(), "CREDENTIALS_ERROR");
  const off = await rejectsWith(ecsRamRoleCredentials({ metadataHost: md.host, env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" } })(), "CREDENTIALS_ERROR");
  assert.equal(off.notConfigured, true);
});

test("ECS RAM role: a metadata service that does not answer at all is given up after one request (not on ECS)", async () => {
  const urls = [];
  const fetch = async (url) => {
    urls.push(url);
    throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
  };
  const e = await rejectsWith(ecsRamRoleCredentials({ fetch, env: {} })(), "CREDENTIALS_ERROR");
  assert.deepEqual(urls, ["http://100.100.100.200/latest/api/token"], "the default host, reached only through the injected fetch");
  assert.equal(e.notConfigured, true);
  assert.match(e.message, /could not be reached \(ECONNREFUSED\)/);
});

function home(config) {
  const h = mkdtempSync(join(dir, "home-"));
  mkdirSync(join(h, ".aliyun"));
  writeFileSync(join(h, ".aliyun", "config.json"), typeof config === "string" ? config : JSON.stringify(config));
  return h;
}

test("config file: AK and StsToken profiles, chosen by option, ALIBABA_CLOUD_PROFILE or current", async () => {
  const h = home({
    current: "dev",
    profiles: [
      { name: "dev", mode: "AK", access_key_id: "AK-dev", access_key_secret: "SK-dev" },
      { name: "ci", mode: "StsToken", access_key_id: "STS.ci", access_key_secret: "SK-ci", sts_token: "TOK-ci" },
    ],
  });
  assert.deepEqual(await configFileCredentials({ homedir: h, env: {} })(), { accessKeyId: "AK-dev", accessKeySecret: "SK-dev" });
  assert.equal((await configFileCredentials({ homedir: h, env: { ALIBABA_CLOUD_PROFILE: "ci" } })()).securityToken, "TOK-ci");
  assert.equal((await configFileCredentials({ homedir: h, env: {}, profile: "ci" })()).accessKeyId, "STS.ci");
  await rejectsWith(configFileCredentials({ homedir: h, env: {}, profile: "nope" })(), "CREDENTIALS_ERROR");
  await rejectsWith(configFileCredentials({ homedir: h, env: { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" } })(), "CREDENTIALS_ERROR");
});

test("config file: RamRoleArn and ChainableRamRoleArn call AssumeRole signed (V3) with the source key", async (t) => {
  const sts = await startSts({
    secrets: { "AK-src": "SK-src", "STS.chained-2": "chained-secret-2" },
    issue: (n, entry) => ({ AccessKeyId: `STS.chained-${n}`, AccessKeySecret: `chained-secret-${n}`, SecurityToken: `chained-token-${n}`, Expiration: iso(T0 + 3600_000), _for: entry.form.RoleArn }),
  });
  t.after(() => sts.close());
  const h = home({
    current: "role",
    profiles: [
      { name: "src", mode: "AK", access_key_id: "AK-src", access_key_secret: "SK-src" },
      { name: "role", mode: "RamRoleArn", access_key_id: "AK-src", access_key_secret: "SK-src", ram_role_arn: "acs:ram::1:role/a", ram_session_name: "s1", expired_seconds: 900 },
      { name: "chain", mode: "ChainableRamRoleArn", source_profile: "role", ram_role_arn: "acs:ram::1:role/b" },
    ],
  });
  const opts = { homedir: h, env: {}, stsEndpoint: `http://${sts.host}`, now: () => T0 };
  const role = await configFileCredentials(opts)();
  assert.equal(role.accessKeyId, "STS.chained-1");
  assert.equal(sts.log[0].error, null);
  assert.equal(sts.log[0].signer, "AK-src", "signature verified with the source key");
  assert.deepEqual(sts.log[0].form, { RoleArn: "acs:ram::1:role/a", RoleSessionName: "s1", DurationSeconds: "900" });

  const chained = await configFileCredentials({ ...opts, profile: "chain" })();
  assert.equal(chained.accessKeyId, "STS.chained-3");
  assert.equal(sts.log[2].signer, "STS.chained-2", "the second AssumeRole is signed with the first one's credentials");
  assert.equal(sts.log[2].headers["x-acs-security-token"], "chained-token-2");
  assert.equal(sts.log[2].form.RoleArn, "acs:ram::1:role/b");
});

test("config file: unreadable, malformed or unsupported never leaks the file's content", async () => {
  const SECRET = "file-secret-123456";
  let e = await rejectsWith(configFileCredentials({ homedir: home(`{"profiles":[{"access_key_secret":"${SECRET}"`), env: {} })(), "CREDENTIALS_ERROR");
  assert.ok(!exposed(e).includes(SECRET));
  e = await rejectsWith(configFileCredentials({ homedir: home({ current: "x", profiles: [{ name: "x", mode: "CloudSSO", access_token: SECRET }] }), env: {} })(), "CREDENTIALS_ERROR");
  assert.match(e.message, /not supported/);
  assert.ok(!exposed(e).includes(SECRET));
  e = await rejectsWith(configFileCredentials({ homedir: join(dir, "no-such-home"), env: {} })(), "CREDENTIALS_ERROR");
  assert.equal(e.notConfigured, true);
});

test("the default chain follows the official order: env, OIDC, config file, ECS RAM role; then keeps the one that answered", async (t) => {
  const md = await startMetadata({ role: "r", credentials: () => ({ AccessKeyId: "STS.ecs", AccessKeySecret: "s", SecurityToken: "t", Expiration: iso(T0 + 3600_000) }) });
  const sts = await startSts({ oidcToken: () => "oidc-token-A", issue: () => ({ AccessKeyId: "STS.oidc", AccessKeySecret: "s", SecurityToken: "t", Expiration: iso(T0 + 3600_000) }) });
  t.after(() => Promise.all([md.close(), sts.close()]));
  const { env: oidcEnv } = oidcSetup();
  const akEnv = { ALIBABA_CLOUD_ACCESS_KEY_ID: "AK-env", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "SK-env" };
  const cfgHome = home({ current: "p", profiles: [{ name: "p", mode: "AK", access_key_id: "AK-cfg", access_key_secret: "SK-cfg" }] });
  const noHome = join(dir, "no-such-home");
  const chain = (env, homedir) => defaultCredentialsChain({ env, homedir, metadataHost: md.host, stsEndpoint: `http://${sts.host}`, now: () => T0 });

  assert.equal((await chain({ ...akEnv, ...oidcEnv }, cfgHome)()).accessKeyId, "AK-env");
  assert.equal((await chain(oidcEnv, cfgHome)()).accessKeyId, "STS.oidc");
  assert.equal((await chain({}, cfgHome)()).accessKeyId, "AK-cfg");
  assert.equal((await chain({}, noHome)()).accessKeyId, "STS.ecs");

  // Sticky: once the config file answered, the chain asks it again even when env appears.
  const env = {};
  const sticky = chain(env, cfgHome);
  await sticky();
  Object.assign(env, akEnv);
  assert.equal((await sticky()).accessKeyId, "AK-cfg");

  // Nothing answers: one error listing every provider's reason, in order.
  await md.close();
  const e = await rejectsWith(chain({}, noHome)(), "CREDENTIALS_ERROR");
  const order = ["env:", "oidc:", "config_file:", "ecs_ram_role:"].map((p) => e.message.indexOf(p));
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), e.message);
});

test("clientCredentials (for createClient): credentials, else the key pair, else the chain in Node, else CREDENTIALS_MISSING", async () => {
  assert.equal(idv.clientCredentials, undefined, "internal: not exported by the entries");
  const fn = clientCredentials({ credentials: async () => ({ accessKeyId: "AK-fn", accessKeySecret: "SK" }) });
  assert.equal((await fn.get()).accessKeyId, "AK-fn");
  const pair = clientCredentials({ accessKeyId: "AK-pair", accessKeySecret: "SK", securityToken: "TOK" });
  assert.deepEqual(await pair.get(), { accessKeyId: "AK-pair", accessKeySecret: "SK", securityToken: "TOK" });
  assert.equal(pair.isStatic, true);
  // Node with the three variables: the chain's first provider answers.
  const saved = { ...process.env };
  try {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "AK-env";
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "SK-env";
    const chain = clientCredentials({});
    assert.equal(chain.isStatic, false);
    assert.equal((await chain.get()).accessKeyId, "AK-env");
  } finally {
    process.env = saved;
  }
  // No process environment (Workers, browsers): refused at once.
  const processObject = globalThis.process;
  const env = Object.getOwnPropertyDescriptor(processObject, "env");
  Object.defineProperty(processObject, "env", { value: undefined, configurable: true });
  try {
    assert.throws(() => clientCredentials({}), (e) => e instanceof AliyunIdvError && e.code === "CREDENTIALS_MISSING");
  } finally {
    Object.defineProperty(processObject, "env", env);
  }
});

