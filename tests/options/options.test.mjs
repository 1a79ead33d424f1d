// Strict options (pkg options.js) from the installed package: unknown keys and wrong types refused
// with INVALID_OPTION naming the key, never its value; own properties only; the schema and the
// declarations in index.d.ts list the same options.
import { internals } from "../support/internals.mjs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const pkgDir = join(project, "node_modules", "aliyun-idv");
const pkg = (f) => pathToFileURL(join(pkgDir, f)).href;
const { AliyunIdvError } = await internals(pkgDir);
const { readClientOptions, readBuildOptionValues, readOptions, CLIENT_OPTIONS, BUILD_OPTIONS, SIGN_OPTIONS, CALL_OPTIONS, PROVIDER_OPTIONS } = await import(pkg("options.js"));
// The builders read their options into an array in the core's order; here, by name.
const slots = new Map(Object.keys(BUILD_OPTIONS).map((k, i) => [k, i]));
function readBuildOptions(options, where, schema = BUILD_OPTIONS) {
  const values = readBuildOptionValues(options, where, schema, slots);
  return Object.fromEntries([...slots].filter(([, i]) => values[i] !== undefined).map(([k, i]) => [k, values[i]]));
}

const SECRET = "options-test-secret-\u5f20\u4e09";
const BASE = { accessKeyId: "AK", accessKeySecret: "SK" };

function refused(fn, field) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof AliyunIdvError, `expected INVALID_OPTION for ${field}, got ${error}`);
  assert.equal(error.code, "INVALID_OPTION");
  assert.equal(error.field, field);
  assert.ok(error.message.includes(field), error.message);
  assert.ok(!JSON.stringify(error).includes(SECRET) && !error.message.includes(SECRET), error.message);
  return error;
}

test("an unknown key is refused, named, with the nearest option suggested", () => {
  let e = refused(() => readClientOptions({ ...BASE, timeout: 5000 }), "timeout");
  assert.match(e.message, /did you mean timeoutMs\?/);
  e = refused(() => readClientOptions({ ...BASE, signatureVerison: SECRET }), "signatureVerison");
  assert.match(e.message, /did you mean signatureVersion\?/);
});

test("every option of the wrong type is refused, naming the key and never the value", () => {
  const wrong = {
    accessKeyId: 1, accessKeySecret: 2, securityToken: 3, credentials: SECRET, fetch: SECRET, timeoutMs: SECRET, retries: -1,
    backoffBaseMs: SECRET, backoffCapMs: 2 ** 31, random: 0.5, nonce: SECRET, now: 0, signatureVersion: "v2", endpoint: 1,
    regionId: 2, endpoints: SECRET, longTermAs: SECRET, today: 20260301, maxResponseBytes: 1.5, limits: SECRET, hooks: [],
    beforeSend: SECRET, vpc: "yes", allowResidencePermit: 1, sleep: SECRET,
  };
  assert.deepEqual(Object.keys(wrong).sort(), Object.keys(CLIENT_OPTIONS).sort(), "a wrong value for every declared option");
  for (const [key, value] of Object.entries(wrong)) {
    const base = key === "accessKeyId" || key === "accessKeySecret" ? { accessKeyId: "AK", accessKeySecret: "SK" } : key === "securityToken" ? { ...BASE } : {};
    refused(() => readClientOptions({ ...base, [key]: value }), key);
  }
});

test("nested options: limits, actions, hooks, endpoints and static credentials are checked key by key", () => {
  refused(() => readClientOptions({ limits: { qps: 0 } }), "limits.qps");
  refused(() => readClientOptions({ limits: { maxConcurrency: 2.5 } }), "limits.maxConcurrency");
  refused(() => readClientOptions({ limits: { rps: 5 } }), "limits.rps");
  refused(() => readClientOptions({ limits: { actions: { "id2MetaVerifyIntl ": { qps: 1 } } } }), "limits.actions.id2MetaVerifyIntl ");
  refused(() => readClientOptions({ limits: { actions: { Id2MetaVerifyIntl: { qps: -1 } } } }), "limits.actions.Id2MetaVerifyIntl.qps");
  refused(() => readClientOptions({ limits: { actions: { Id2MetaVerifyIntl: { burst: 3 } } } }), "limits.actions.Id2MetaVerifyIntl.burst");
  const e = refused(() => readClientOptions({ hooks: { onReqest: () => {} } }), "hooks.onReqest");
  assert.match(e.message, /did you mean hooks\.onRequest\?/);
  refused(() => readClientOptions({ hooks: { onError: SECRET } }), "hooks.onError");
  refused(() => readClientOptions({ endpoints: { international: "x" } }), "endpoints.international");
  refused(() => readClientOptions({ credentials: { accessKeyId: "AK" } }), "credentials.accessKeySecret");
  refused(() => readClientOptions({ credentials: { accessKeyId: "AK", accessKeySecret: "SK", secret: SECRET } }), "credentials.secret");
  refused(() => readClientOptions({ credentials: () => BASE, accessKeyId: "AK", accessKeySecret: "SK" }), "accessKeyId");
  refused(() => readClientOptions({ accessKeyId: "AK" }), "accessKeySecret");

  const ok = readClientOptions({
    limits: { qps: 20, maxConcurrency: 5, actions: { Id2MetaVerifyIntl: { qps: 2.5 }, Mobile3MetaVerifyIntl: null } },
    hooks: { onRequest: () => {}, onRetry: undefined },
    credentials: { getCredentials: async () => BASE },
    timeoutMs: 1000,
    endpoint: null,
  });
  assert.deepEqual(Object.keys(ok).sort(), ["credentials", "hooks", "limits", "timeoutMs"]);
  // Null-prototype results (nothing inherited can be read from them): compared as JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(ok.limits)), { qps: 20, maxConcurrency: 5, actions: { Id2MetaVerifyIntl: { qps: 2.5 } } });
  assert.equal(Object.getPrototypeOf(ok.limits), null);
  refused(() => readClientOptions({ regionId: { intl: "cn-hongkong", europe: "x" } }), "regionId.europe");
  assert.deepEqual({ ...readClientOptions({ regionId: { mainland: "cn-beijing" } }).regionId }, { mainland: "cn-beijing" });
  assert.deepEqual(Object.keys(ok.hooks), ["onRequest"]);
});

test("own properties only: nothing is read from the prototype chain; non-plain objects are refused", () => {
  Object.prototype.endpoint = "evil.example.com";
  Object.prototype.fetch = () => {};
  try {
    const o = readClientOptions({ ...BASE });
    assert.equal(Object.hasOwn(o, "endpoint"), false);
    assert.equal(o.endpoint, undefined, "a null-prototype result: the polluted value cannot even be read from it");
    assert.deepEqual(Object.keys(o).sort(), ["accessKeyId", "accessKeySecret"]);
  } finally {
    delete Object.prototype.endpoint;
    delete Object.prototype.fetch;
  }
  refused(() => readClientOptions(Object.create({ endpoint: "evil.example.com" })), "options");
  refused(() => readClientOptions([]), "options");
  refused(() => readClientOptions("timeoutMs=5"), "options");
  refused(() => readClientOptions({ [Symbol("x")]: 1 }), "[symbol]");
});

test("a getter that throws or a hostile Proxy gives INVALID_OPTION, not its exception", () => {
  const getter = { ...BASE };
  Object.defineProperty(getter, "timeoutMs", { enumerable: true, get() { throw new Error(SECRET); } });
  refused(() => readClientOptions(getter), "timeoutMs");
  const proxy = new Proxy({}, { ownKeys() { throw new Error(SECRET); } });
  assert.throws(() => readClientOptions(proxy), (e) => e.code === "INVALID_OPTION" && !e.message.includes(SECRET));
  // Each option is read once.
  let reads = 0;
  const counted = { ...BASE };
  Object.defineProperty(counted, "retries", { enumerable: true, get() { reads++; return 1; } });
  assert.equal(readClientOptions(counted).retries, 1);
  assert.equal(reads, 1);
});

test("builder and signRequest options: the same rules", () => {
  const o = readBuildOptions({ ...BASE, timestamp: new Date(0), nonce: "n", signatureVersion: "v1", today: "2026-03-01" }, "buildId2MetaVerifyIntl");
  assert.ok(o.timestamp instanceof Date);
  let e = refused(() => readBuildOptions({ ...BASE, timeStamp: "x" }, "buildId2MetaVerifyIntl"), "timeStamp");
  assert.match(e.message, /^buildId2MetaVerifyIntl: /);
  assert.match(e.message, /did you mean timestamp\?/);
  refused(() => readBuildOptions({ ...BASE, nonce: 5 }, "buildMobile3MetaVerifyIntl"), "nonce");
  e = refused(() => readBuildOptions({ ...BASE, endpoint: "x" }, "signRequest", SIGN_OPTIONS), "endpoint");
  assert.match(e.message, /^signRequest: /);
  refused(() => readOptions(CALL_OPTIONS, { signal: {} }, "id2MetaVerifyIntl"), "signal");
  const like = { aborted: false, addEventListener() {}, removeEventListener() {} }; // a polyfill, another realm
  assert.equal(readOptions(CALL_OPTIONS, { signal: like }, "id2MetaVerifyIntl").signal, like);
  refused(() => readOptions(CALL_OPTIONS, { sginal: AbortSignal.abort() }, "id2MetaVerifyIntl"), "sginal");
  const none = readOptions(CALL_OPTIONS, undefined, "x");
  assert.deepEqual([Object.keys(none), Object.getPrototypeOf(none)], [[], null]);
});

test("the schema and index.d.ts declare the same options (createClient and the builders)", () => {
  const ts = createRequire(import.meta.url)(join(new URL("../../node_modules/typescript", import.meta.url).pathname));
  const file = join(pkgDir, "index.d.ts");
  const program = ts.createProgram([file], { strict: true, noEmit: true, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"], types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const declared = (name) => {
    const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).find((s) => s.name === name);
    assert.ok(symbol, `interface ${name} in index.d.ts`);
    return checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map((p) => p.name).sort();
  };
  assert.deepEqual(declared("ClientOptions"), Object.keys(CLIENT_OPTIONS).sort());
  assert.deepEqual(declared("ActionOptions"), Object.keys(BUILD_OPTIONS).sort());
  assert.deepEqual(declared("OidcOptions"), Object.keys(PROVIDER_OPTIONS.oidcCredentials).sort());
  assert.deepEqual(declared("EcsRamRoleOptions"), Object.keys(PROVIDER_OPTIONS.ecsRamRoleCredentials).sort());
  assert.deepEqual(declared("ConfigFileOptions"), Object.keys(PROVIDER_OPTIONS.configFileCredentials).sort());
  assert.deepEqual(declared("ConfigFileOptions"), Object.keys(PROVIDER_OPTIONS.defaultCredentialsChain).sort());
  assert.deepEqual([...declared("StsOptions"), "roleArn"].sort(), Object.keys(PROVIDER_OPTIONS.ramRoleArnCredentials).sort());
});
