// Every export of the installed package, called with values of the wrong type in every argument
// position: checks answer `{ ok: false, error }`, throwing functions throw AliyunIdvError with a
// code, masks return strings, parseResponse returns a VerifyResult; nothing throws
// WebAssembly.RuntimeError or anything without a code; and after each bad call a known-good call
// still works (a JS exception thrown through the wasm frames, e.g. by a getter, would poison the
// instance). A new export without an entry in TABLE fails the first test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, assertStillWorks } from "./package.mjs";

const { AliyunIdvError } = api;
const MB = 1 << 20;
const CODE = /^[A-Z][A-Z0-9_]*$/;

// ---- The bad values. Factories: each call gets a fresh one (a Proxy, a Date, a getter object). ----

const WHITESPACE =
  " \t\n\v\f\r\u0085\u00A0\u1680\u180E\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A" +
  "\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF";

// Every property name the package reads from any argument, and the ones JS itself may look up.
const KEYS = [
  "today", "allowResidencePermit", "start", "end", "idNumber", "name", "mobile", "paramType", "validityStart",
  "validityEnd", "merchantBizId", "merchantUserId", "sceneCode", "accessKeyId", "accessKeySecret", "securityToken",
  "timestamp", "nonce", "signatureVersion", "endpoint", "longTermAs", "method", "host", "action", "version", "query",
  "form", "entries", "fetch", "timeoutMs", "retries", "backoffBaseMs", "backoffCapMs", "random", "module",
  "module_or_path", "field", "messageZh", "httpStatus", "requestId", "message", "code", "toString", "valueOf",
  "toJSON", "then", "length", "getTime", "toISOString", Symbol.toPrimitive, Symbol.iterator,
];

function throwingGetters() {
  const o = {};
  for (const k of KEYS) {
    Object.defineProperty(o, k, {
      enumerable: true,
      get() {
        throw new Error("getter " + String(k));
      },
    });
  }
  return o;
}

function throwingProxy() {
  const boom = (trap) => () => {
    throw new Error("proxy trap " + trap);
  };
  const traps = ["get", "set", "has", "ownKeys", "getOwnPropertyDescriptor", "defineProperty", "deleteProperty",
    "getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions"];
  return new Proxy({}, Object.fromEntries(traps.map((t) => [t, boom(t)])));
}

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** Claims to have every property, each 1 (a number where strings are wanted). */
function lyingProxy() {
  return new Proxy({}, {
    get: (_, k) => (k === Symbol.toPrimitive || k === "toString" || k === "valueOf" || k === "then" ? undefined : 1),
    has: () => true,
    ownKeys: () => ["idNumber", "name", "today"],
    getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true, writable: true }),
  });
}

const BAD = [
  ["undefined", () => undefined],
  ["null", () => null],
  ["true", () => true],
  ["0", () => 0],
  ["-1", () => -1],
  ["NaN", () => NaN],
  ["1e308", () => 1e308],
  ["2**53", () => 2 ** 53],
  ["BigInt 1n", () => 1n],
  ["Symbol", () => Symbol("bad")],
  ["{}", () => ({})],
  ["[]", () => []],
  ["a function", () => function f() {}],
  ["new Date(NaN)", () => new Date(NaN)],
  ["a 1 MB string of digits", () => "9".repeat(MB)],
  ["a 1 MB string of letters", () => "x".repeat(MB)],
  ["a 1 MB string of lone surrogates", () => "\uD800".repeat(MB)],
  ["an empty string", () => ""],
  ["NUL", () => "\0"],
  ["NULs", () => "\0".repeat(1000)],
  ["a valid ID with a NUL inside", () => "1101051949\u00001231002X"],
  ["a valid ID with a NUL after", () => "11010519491231002X\0"],
  ["every kind of whitespace", () => WHITESPACE],
  ["whitespace and NUL, repeated", () => (WHITESPACE + "\0").repeat(10000)],
  ["a lone low surrogate", () => "\uDC00"],
  ["an object whose getters throw", throwingGetters],
  ["a Proxy whose traps throw", throwingProxy],
  ["a revoked Proxy", revokedProxy],
  ["a Proxy that answers 1 for everything", lyingProxy],
];
const isString = (v) => typeof v === "string";

// ---- What a correct answer looks like ----

function describeThrown(e) {
  if (e instanceof WebAssembly.RuntimeError) return `WebAssembly.RuntimeError: ${e.message}`;
  try {
    return `${e && e.constructor && e.constructor.name}: code=${e && e.code} ${String(e && e.message).slice(0, 200)}`;
  } catch {
    return "an unprintable throw";
  }
}

/** Runs `f`; returns `{ value }` or `{ thrown }`. */
function attempt(f) {
  try {
    return { value: f() };
  } catch (e) {
    return { thrown: e };
  }
}

function assertCheckResult(r, where) {
  assert.ok(r !== null && typeof r === "object", `${where}: a check returned ${typeof r}`);
  if (r.ok === true) {
    assert.ok("value" in r && "info" in r && Array.isArray(r.warnings) && typeof r.changed === "boolean", `${where}: ${JSON.stringify(r)}`);
    return;
  }
  assert.equal(r.ok, false, `${where}: ${JSON.stringify(r)}`);
  const e = r.error;
  assert.ok(e && typeof e === "object", `${where}: no error`);
  for (const k of ["code", "field", "message", "messageZh"]) assert.equal(typeof e[k], "string", `${where}: error.${k} is ${typeof e[k]}`);
  assert.match(e.code, CODE, where);
  assert.ok(e.message.length > 0 && e.messageZh.length > 0 && e.field.length > 0, where);
  assert.ok(e.message.length < 500, `${where}: the message should not echo the input`);
}

function assertIdvError(e, where) {
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `${where}: threw ${describeThrown(e)}`);
  assert.ok(e instanceof AliyunIdvError, `${where}: threw ${describeThrown(e)}, not an AliyunIdvError`);
  assert.ok(e instanceof Error, where);
  assert.equal(typeof e.code, "string", `${where}: code is ${typeof e.code}`);
  assert.match(e.code, CODE, where);
  assert.equal(typeof e.message, "string", where);
  assert.ok(e.message.length < 500, `${where}: the message should not echo the input`);
}

const VERDICTS = ["match", "mismatch", "not_found", "error"];
function assertVerifyResult(r, where) {
  assert.ok(r !== null && typeof r === "object", `${where}: returned ${typeof r}`);
  assert.ok(VERDICTS.includes(r.verdict), `${where}: verdict ${r.verdict}`);
  for (const k of ["billed", "retryable"]) assert.equal(typeof r[k], "boolean", `${where}: ${k}`);
  for (const k of ["requestId", "code", "message"]) assert.ok(r[k] === null || typeof r[k] === "string", `${where}: ${k}`);
  for (const k of ["description", "descriptionZh"]) assert.equal(typeof r[k], "string", `${where}: ${k}`);
  assert.doesNotThrow(() => JSON.stringify(r), where);
}

// ---- The table: one entry per export ----

const TODAY = "2026-11-22";
const OPTS = { accessKeyId: "test-ak", accessKeySecret: "test-secret", timestamp: "2026-11-22T01:02:03Z", nonce: "nonce-1", today: TODAY };
const PERSON = { idNumber: "11010519491231002X", name: "张三" };
const REQ = { method: "POST", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2022-08-09", form: { a: "b" } };

/**
 * kind:
 *   check   returns a Check, never throws; a wrong type in position 0 gives ok:false
 *   throws  returns a value (validated by `ok`) or throws AliyunIdvError; every bad value here throws
 *   mask    returns a string, never throws
 *   hash    a string gives 32 hex digits; anything else throws INVALID_ARGUMENT
 *   date    (acsTimestamp, chinaToday) undefined means "now"; anything else but a valid Date throws INVALID_ARGUMENT
 *   parse   returns a VerifyResult, never throws
 *   class   `new` never throws; `code` is a string
 *   noop    initSync/init once initialised: a no-op whatever the argument
 *   names   loadRegionNames: resolves to true whatever the argument (the server module has the names)
 *   client  createClient: throws AliyunIdvError for each bad options value (methods: see the tests below)
 *   diag    __wasmMemoryBytes: ignores arguments, returns the memory size
 *   factory the credential providers (never called here: they would reach the network): return a
 *           value (validated by `ok`) or throw AliyunIdvError; a primitive or an array throws INVALID_OPTION
 */
const TABLE = {
  checkIdNumber: { kind: "check", good: ["11010519491231002X", { today: TODAY }], field: "idNumber" },
  checkName: { kind: "check", good: ["张三"], field: "name" },
  checkMobile: { kind: "check", good: ["13812345678"], field: "mobile" },
  checkBankCard: { kind: "check", good: ["6217001234567890122"], field: "bankCard" },
  checkValidityPeriod: { kind: "check", good: [{ start: "2016-03-01", end: "2036-03-01", today: TODAY }], wrongTypeIsObject: true },
  upgradeLegacyIdNumber: { kind: "throws", good: ["110105491231002"], ok: (v) => v === "11010519491231002X" },
  maskIdNumber: { kind: "mask", good: ["11010519491231002X"], masked: "110105********002X" },
  maskName: { kind: "mask", good: ["张三"], masked: "张*" },
  maskMobile: { kind: "mask", good: ["13812345678"], masked: "138****5678" },
  md5Hex: { kind: "hash", good: ["张三"] },
  acsTimestamp: { kind: "date", good: [new Date(0)] },
  chinaToday: { kind: "date", good: [new Date(0)] },
  buildId2MetaVerifyIntl: { kind: "throws", good: [PERSON, OPTS], ok: isSigned, optionsAt: 1 },
  buildMobile3MetaVerifyIntl: { kind: "throws", good: [{ ...PERSON, mobile: "13812345678" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildId2MetaPeriodVerifyIntl: {
    kind: "throws",
    good: [{ ...PERSON, validityStart: "20160301", validityEnd: "long-term", merchantBizId: "biz0001" }, OPTS],
    ok: isSigned,
    optionsAt: 1,
  },
  buildId2MetaVerify: { kind: "throws", good: [PERSON, OPTS], ok: isSigned, optionsAt: 1 },
  // The builders of the action table (issue 13): same contract.
  buildAction: { kind: "throws", good: ["Id2MetaStandardVerify", PERSON, OPTS], ok: isSigned, optionsAt: 2 },
  buildMobile2MetaVerifyIntl: { kind: "throws", good: [{ name: "张三", mobile: "13812345678" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildBankMetaVerifyIntl: { kind: "throws", good: [{ bankCard: "6217001234567890123", name: "张三", productType: "BANK_CARD_2_META" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildId2MetaPeriodVerify: { kind: "throws", good: [{ ...PERSON, validityStart: "20160301", validityEnd: "长期" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildId2MetaStandardVerify: { kind: "throws", good: [PERSON, OPTS], ok: isSigned, optionsAt: 1 },
  buildMobile2MetaVerify: { kind: "throws", good: [{ name: "张三", mobile: "13812345678" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildMobile3MetaSimpleVerify: { kind: "throws", good: [{ ...PERSON, mobile: "13812345678" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildMobile3MetaDetailVerify: { kind: "throws", good: [{ ...PERSON, mobile: "13812345678" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildMobile3MetaSimpleStandardVerify: { kind: "throws", good: [{ ...PERSON, mobile: "13812345678" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildMobile3MetaDetailStandardVerify: { kind: "throws", good: [{ ...PERSON, mobile: "13812345678" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildMobileRecycledMetaVerify: { kind: "throws", good: [{ mobile: "13812345678", registerDate: "20200101" }, OPTS], ok: isSigned, optionsAt: 1 },
  buildBankMetaVerify: { kind: "throws", good: [{ bankCard: "6217001234567890123", name: "张三", productType: "BANK_CARD_2_META" }, OPTS], ok: isSigned, optionsAt: 1 },
  signRequest: { kind: "throws", good: [REQ, OPTS], ok: (r) => isSigned(r) && typeof r.signature === "string", optionsAt: 1 },
  parseResponse: { kind: "parse", good: ["Id2MetaVerifyIntl", 200, '{"Code":"Success","RequestId":"r1","Result":{"BizCode":"1"}}', {}] },
  createClient: { kind: "client", good: [{ accessKeyId: "ak", accessKeySecret: "sk", fetch: () => assert.fail("fetch called") }] },
  AliyunIdvError: { kind: "class", good: ["SOME_CODE", "a message", { field: "idNumber" }] },
  initSync: { kind: "noop", good: [undefined] },
  default: { kind: "noop", good: [undefined] },
  loadRegionNames: { kind: "names", good: [] },
  __wasmMemoryBytes: { kind: "diag", good: [] },
  // Issue 14: the credential providers (credentials.js).
  credentialsCache: { kind: "factory", good: [{ accessKeyId: "ak", accessKeySecret: "sk" }, { now: () => 0 }], ok: (c) => typeof c.get === "function" },
  environmentCredentials: { kind: "factory", good: [{ env: {} }], ok: isProvider },
  oidcCredentials: { kind: "factory", good: [{ env: {}, stsEndpoint: "http://127.0.0.1:9" }], ok: isProvider },
  ramRoleArnCredentials: { kind: "factory", good: [() => ({}), { roleArn: "acs:ram::1:role/r", stsEndpoint: "http://127.0.0.1:9" }], ok: isProvider },
  ecsRamRoleCredentials: { kind: "factory", good: [{ env: {}, metadataHost: "127.0.0.1:9" }], ok: isProvider },
  configFileCredentials: { kind: "factory", good: [{ env: {}, homedir: "/nonexistent" }], ok: isProvider },
  defaultCredentialsChain: { kind: "factory", good: [{ env: {}, homedir: "/nonexistent", metadataHost: "127.0.0.1:9" }], ok: isProvider },
};

function isProvider(p) {
  return typeof p === "function" && typeof p.providerName === "string";
}

function isSigned(r) {
  return r !== null && typeof r === "object" && (r.method === "POST" || r.method === "GET") && typeof r.url === "string" &&
    r.url.startsWith("https://") && typeof r.headers === "object" && (r.body === null || typeof r.body === "string");
}

const EVERYWHERE = -2;

/**
 * Calls export `name` with `args` and asserts the answer fits its kind. `badAt`: the position of
 * the bad value, -1 for a good call, EVERYWHERE when every argument is bad (then the checks that
 * depend on the position are left out).
 */
async function callAndAssert(name, args, badAt, badLabel) {
  const entry = TABLE[name];
  const fn = api[name];
  const where = badAt === EVERYWHERE ? `${name}(${badLabel})` : `${name}(${args.map((_, i) => (i === badAt ? badLabel : "good")).join(", ")})`;
  const isBad = badAt !== -1;
  const badValue = badAt === EVERYWHERE ? args[0] : isBad ? args[badAt] : undefined;
  let out;
  switch (entry.kind) {
    case "check": {
      out = attempt(() => fn(...args));
      assert.ok(!("thrown" in out), `${where} threw ${out.thrown !== undefined && describeThrown(out.thrown)}`);
      assertCheckResult(out.value, where);
      if (!isBad) assert.equal(out.value.ok, true, `${where}: the good call failed: ${JSON.stringify(out.value)}`);
      if (badAt === EVERYWHERE) assert.equal(out.value.ok, false, `${where} was accepted`);
      if (badAt === 0) {
        assert.equal(out.value.ok, false, `${where} was accepted`);
        const wrongType = entry.wrongTypeIsObject ? !isPlainObjectLike(badValue) : !isString(badValue);
        if (wrongType) assert.equal(out.value.error.code, "INVALID_ARGUMENT", where);
        else if (isString(badValue)) assert.notEqual(out.value.error.code, "INVALID_ARGUMENT", `${where}: a string is the right type`);
        if (wrongType && entry.field) assert.equal(out.value.error.field, entry.field, where);
      }
      break;
    }
    case "throws": {
      out = attempt(() => fn(...args));
      if (isBad) {
        assert.ok("thrown" in out, `${where} returned ${JSON.stringify(out.value)?.slice(0, 200)}`);
        assertIdvError(out.thrown, where);
        // Options (issue 14, options.js): a wrong type there is INVALID_OPTION naming the key; no
        // options at all is no credentials (SIGN_CREDENTIALS_MISSING).
        const atOptions = badAt === entry.optionsAt;
        const expected = atOptions ? (badValue === undefined ? "SIGN_CREDENTIALS_MISSING" : "INVALID_OPTION") : "INVALID_ARGUMENT";
        if (!isString(badValue) && !isPlainObjectLike(badValue)) assert.equal(out.thrown.code, expected, where);
      } else {
        assert.ok(!("thrown" in out), `${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
        assert.ok(entry.ok(out.value), `${where}: ${JSON.stringify(out.value)}`);
      }
      break;
    }
    case "mask": {
      out = attempt(() => fn(...args));
      assert.ok(!("thrown" in out), `${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
      assert.equal(typeof out.value, "string", where);
      if (!isBad) assert.equal(out.value, entry.masked, where);
      break;
    }
    case "hash": {
      out = attempt(() => fn(...args));
      // Strings up to 64 Ki characters are hashed; longer ones are refused before wasm (issue 11).
      if (!isBad || (isString(badValue) && badValue.length <= 65536)) {
        assert.ok(!("thrown" in out), `${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
        assert.match(out.value, /^[0-9a-f]{32}$/, where);
      } else {
        assert.ok("thrown" in out, `${where} returned ${out.value}`);
        assertIdvError(out.thrown, where);
        assert.equal(out.thrown.code, "INVALID_ARGUMENT", where);
      }
      break;
    }
    case "date": {
      out = attempt(() => fn(...args));
      if (!isBad || badValue === undefined) {
        assert.ok(!("thrown" in out), `${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
        assert.match(out.value, /^\d{4}-\d\d-\d\d/, where);
      } else {
        assert.ok("thrown" in out, `${where} returned ${out.value}`);
        assertIdvError(out.thrown, where);
        assert.equal(out.thrown.code, "INVALID_ARGUMENT", where);
      }
      break;
    }
    case "parse": {
      out = attempt(() => fn(...args));
      assert.ok(!("thrown" in out), `${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
      assertVerifyResult(out.value, where);
      if (!isBad) assert.equal(out.value.verdict, "match", where);
      break;
    }
    case "client": {
      out = attempt(() => fn(...args));
      // No options at all (undefined or {}) is not bad: in Node the client goes to the default
      // credentials chain, asked at the first call (see the CREDENTIALS_ERROR test below).
      let noOptions = false;
      try {
        noOptions = args.length === 1 && (args[0] === undefined || (isPlainObjectLike(args[0]) && Object.getPrototypeOf(args[0]) === Object.prototype && Reflect.ownKeys(args[0]).length === 0));
      } catch {
        noOptions = false;
      }
      if (isBad && !noOptions) {
        assert.ok("thrown" in out, `${where} returned a client`);
        assertIdvError(out.thrown, where);
      } else {
        assert.ok(!("thrown" in out), `${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
        assert.equal(typeof out.value.id2MetaVerifyIntl, "function", where);
      }
      break;
    }
    case "class": {
      out = attempt(() => new fn(...args));
      assert.ok(!("thrown" in out), `new ${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
      const e = out.value;
      assert.ok(e instanceof AliyunIdvError && e instanceof Error, where);
      assert.equal(typeof e.code, "string", where);
      assert.equal(typeof e.message, "string", where);
      assert.equal(e.name, "AliyunIdvError", where);
      assert.doesNotThrow(() => [String(e), JSON.stringify(e), e.stack], where);
      break;
    }
    case "noop": {
      out = attempt(() => fn(...args));
      assert.ok(!("thrown" in out), `${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
      const settled = await Promise.resolve(out.value).then((v) => ({ v }), (e) => ({ e }));
      assert.ok(!("e" in settled), `${where} rejected: ${"e" in settled && describeThrown(settled.e)}`);
      assert.equal(settled.v, undefined, where);
      break;
    }
    case "factory": {
      out = attempt(() => fn(...args));
      if ("thrown" in out) {
        assert.ok(isBad, `${where} threw ${describeThrown(out.thrown)}`);
        assertIdvError(out.thrown, where);
      } else {
        assert.ok(entry.ok(out.value), `${where} returned ${typeof out.value}`);
      }
      const primitive = badValue !== undefined && typeof badValue !== "function" && !isPlainObjectLike(badValue);
      if (isBad && primitive) assert.equal(out.thrown?.code, "INVALID_OPTION", `${where} was accepted`);
      break;
    }
    case "names": {
      out = attempt(() => fn(...args));
      assert.ok(!("thrown" in out), `${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
      assert.equal(await out.value, true, where);
      break;
    }
    case "diag": {
      out = attempt(() => fn(...args));
      assert.ok(!("thrown" in out), `${where} threw ${"thrown" in out && describeThrown(out.thrown)}`);
      assert.ok(Number.isInteger(out.value) && out.value > 0 && out.value % 65536 === 0, `${where}: ${out.value}`);
      break;
    }
    default:
      assert.fail(`${name}: unknown kind ${entry.kind}`);
  }
  assertStillWorks(where);
}

/** An object the package reads properties from (not an array, a function or a primitive). */
function isPlainObjectLike(v) {
  try {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  } catch {
    return false; // a revoked Proxy
  }
}

// createClient goes to the default credentials chain when none are passed: keep the environment's
// keys and OIDC variables out, and the chain away from the config file and the metadata service.
const savedEnv = {};
const CHAIN_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined, ALIBABA_CLOUD_SECURITY_TOKEN: undefined,
  ALIBABA_CLOUD_ROLE_ARN: undefined, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: undefined, ALIBABA_CLOUD_OIDC_TOKEN_FILE: undefined,
  ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
};
before(() => {
  for (const [k, v] of Object.entries(CHAIN_ENV)) {
    savedEnv[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
after(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v !== undefined) process.env[k] = v;
    else delete process.env[k];
  }
});

test("every export of the package has an entry in the table, and every entry is an export", () => {
  const exported = Object.keys(api).sort();
  const missing = exported.filter((k) => !(k in TABLE));
  assert.deepEqual(missing, [], `exports without a bad-input entry: ${missing.join(", ")}`);
  const stale = Object.keys(TABLE).filter((k) => !exported.includes(k));
  assert.deepEqual(stale, [], `entries for names that are not exported: ${stale.join(", ")}`);
});

for (const name of Object.keys(TABLE)) {
  test(`${name}: each bad value in each argument position`, async () => {
    const entry = TABLE[name];
    await callAndAssert(name, entry.good.slice(), -1, "");
    // Every declared position, and one past the end (extra arguments are ignored).
    const positions = Math.max(entry.good.length, 1) + 1;
    let calls = 0;
    for (let at = 0; at < positions; at++) {
      for (const [label, make] of BAD) {
        const args = entry.good.slice();
        while (args.length < at) args.push(undefined);
        args[at] = make();
        // Past the declared positions the call is a good one with a stray argument.
        await callAndAssert(name, args, at >= entry.good.length ? -1 : at, label);
        calls++;
      }
    }
    // And every position bad at once.
    for (const [label, make] of BAD) {
      const args = entry.good.map(() => make());
      if (args.length === 0) continue;
      await callAndAssert(name, args, EVERYWHERE, `${label} everywhere`);
      calls++;
    }
    assert.ok(calls >= BAD.length * 2);
  });
}

// ---- Specific answers (correctness, not timing) ----

test("1 MB inputs to the checks are refused with the right code", () => {
  const digits = "9".repeat(MB);
  const surrogates = "\uD800".repeat(MB);
  const code = (r) => (assert.equal(r.ok, false), r.error.code);
  assert.equal(code(api.checkIdNumber(digits, { today: TODAY })), "ID_LENGTH");
  // Far longer than any valid value: refused in JS before the copy into wasm, with the field's
  // own length code (issue 11).
  assert.equal(code(api.checkIdNumber(surrogates, { today: TODAY })), "ID_LENGTH");
  assert.equal(code(api.checkName(digits)), "NAME_TOO_LONG");
  assert.equal(code(api.checkName("张".repeat(MB))), "NAME_TOO_LONG");
  assert.equal(code(api.checkName(surrogates)), "NAME_TOO_LONG");
  assert.equal(code(api.checkMobile(digits)), "MOBILE_LENGTH");
  assert.equal(code(api.checkMobile(surrogates)), "MOBILE_LENGTH");
  assert.equal(code(api.checkValidityPeriod({ start: digits, end: digits, today: TODAY })), "PERIOD_START_INVALID");
  assert.equal(code(api.checkIdNumber("11010519491231002X", { today: surrogates })), "TODAY_INVALID");
  assert.throws(() => api.upgradeLegacyIdNumber(digits), (e) => e instanceof AliyunIdvError && e.code === "ID_LENGTH");
  assert.throws(() => api.buildId2MetaVerifyIntl({ idNumber: digits, name: "张三" }, OPTS), (e) => e instanceof AliyunIdvError && e.code === "ID_LENGTH");
  assert.throws(() => api.buildId2MetaVerifyIntl({ ...PERSON, name: surrogates }, OPTS), (e) => e instanceof AliyunIdvError && e.code === "NAME_TOO_LONG");
  assert.equal(api.maskIdNumber(digits), "********");
  assert.throws(() => api.md5Hex(surrogates), (e) => e instanceof AliyunIdvError && e.code === "INVALID_ARGUMENT");
  assert.match(api.md5Hex("\uD800".repeat(65536)), /^[0-9a-f]{32}$/);
  // A 1 MB body of nesting: serde_json's depth limit, not a stack overflow in wasm.
  assert.equal(api.parseResponse("Id2MetaVerifyIntl", 200, "[".repeat(MB)).errorKind, "malformed_response");
  assert.equal(api.parseResponse("Id2MetaVerifyIntl", 200, '{"a":'.repeat(200000)).errorKind, "malformed_response");
  assertStillWorks();
});

test("NUL and whitespace: normalisation trims ordinary whitespace, refuses NUL", () => {
  assert.equal(api.checkIdNumber(" \t11010519491231002X\u3000\n", { today: TODAY }).ok, true);
  assert.equal(api.checkIdNumber("11010519491231002X\0", { today: TODAY }).error.code, "ID_BAD_CHAR");
  assert.equal(api.checkName("张\0三").ok, false);
  assert.equal(api.checkMobile("138\u00001234\u00005678").ok, false);
  for (const s of [WHITESPACE, "\0"]) {
    for (const f of [api.checkIdNumber, api.checkName, api.checkMobile]) assert.equal(f(s).ok, false);
  }
});

test("a wrong type in an options object names the option", () => {
  const field = (r) => (assert.equal(r.ok, false), assert.equal(r.error.code, "INVALID_ARGUMENT"), r.error.field);
  assert.equal(field(api.checkIdNumber("11010519491231002X", { today: 20261122 })), "today");
  assert.equal(field(api.checkIdNumber("11010519491231002X", { allowResidencePermit: "yes" })), "options");
  assert.equal(field(api.checkIdNumber("11010519491231002X", throwingGetters())), "options");
  assert.equal(field(api.checkValidityPeriod({ start: "20160301", end: 20360301 })), "validityEnd");
  assert.equal(field(api.checkValidityPeriod({ start: "20160301", end: "20360301", today: new Date() })), "today");
  assert.throws(() => api.buildId2MetaVerifyIntl(PERSON, { ...OPTS, nonce: 5 }), (e) => e.code === "INVALID_OPTION" && e.field === "nonce");
  assert.throws(() => api.buildId2MetaVerifyIntl(PERSON, { ...OPTS, timeStamp: "x" }), (e) => e.code === "INVALID_OPTION" && e.field === "timeStamp");
  assert.throws(() => api.signRequest(REQ, { ...OPTS, endpoint: "cloudauth.aliyuncs.com" }), (e) => e.code === "INVALID_OPTION" && e.field === "endpoint");
  assert.throws(() => api.buildId2MetaVerifyIntl({ ...PERSON, name: ["张三"] }, OPTS), (e) => e.code === "INVALID_ARGUMENT" && e.field === "name");
  // Numbers and booleans are stringified as the SDKs do (issue 13); a Map is refused naming its key.
  assert.throws(() => api.signRequest({ ...REQ, query: { a: new Map() } }, OPTS), (e) => e.code === "INVALID_ARGUMENT" && e.field === "query.a");
  assert.throws(() => api.signRequest({ ...REQ, form: throwingProxy() }, OPTS), (e) => e.code === "INVALID_ARGUMENT" && e.field === "form");
  assert.throws(() => api.buildId2MetaVerifyIntl(PERSON, { ...OPTS, timestamp: new Date(NaN) }), (e) => e.code === "INVALID_ARGUMENT" && e.field === "date");
  // A valid Date is still a valid timestamp.
  assert.ok(isSigned(api.buildId2MetaVerifyIntl(PERSON, { ...OPTS, timestamp: new Date("2026-11-22T01:02:03.456Z") })));
  // Headers that cannot be read are no headers; the answer is still interpreted.
  assert.equal(api.parseResponse(...TABLE.parseResponse.good.slice(0, 3), throwingGetters()).verdict, "match");
  assert.equal(api.parseResponse(...TABLE.parseResponse.good.slice(0, 3), throwingProxy()).verdict, "match");
  assertStillWorks();
});

// ---- createClient: bad options, and bad inputs to its methods ----

const CREDS = { accessKeyId: "test-ak", accessKeySecret: "test-secret" };

function recordingFetch() {
  const calls = [];
  const f = async (...args) => {
    calls.push(args);
    return new Response('{"Code":"Success","RequestId":"r1","Result":{"BizCode":"1"}}', { status: 200 });
  };
  return { f, calls };
}

test("createClient refuses bad options with AliyunIdvError", () => {
  const { f, calls } = recordingFetch();
  // Issue 14: every option error is INVALID_OPTION naming the key (options.js).
  const cases = [
    ["no secret", { accessKeyId: "ak", fetch: f }, "INVALID_OPTION"],
    ["empty credentials", { accessKeyId: "", accessKeySecret: "", fetch: f }, "INVALID_OPTION"],
    ["an unknown option", { ...CREDS, fetch: f, timeout: 100 }, "INVALID_OPTION"],
    ["credentials and a key pair", { ...CREDS, credentials: CREDS, fetch: f }, "INVALID_OPTION"],
    ["limits of the wrong shape", { ...CREDS, fetch: f, limits: { qps: 0 } }, "INVALID_OPTION"],
    ["a hook that is not a function", { ...CREDS, fetch: f, hooks: { onRequest: "log" } }, "INVALID_OPTION"],
    ["an endpoint sending personal data in the clear", { ...CREDS, fetch: f, endpoint: "http://127.0.0.1.nip.io:8910" }, "ENDPOINT_INVALID"],
    ["credentials of the wrong type", { accessKeyId: 1, accessKeySecret: {}, fetch: f }, "INVALID_OPTION"],
    ["a secret of the wrong type", { accessKeyId: "ak", accessKeySecret: 42, fetch: f }, "INVALID_OPTION"],
    ["a security token of the wrong type", { ...CREDS, securityToken: [], fetch: f }, "INVALID_OPTION"],
    ["fetch not a function", { ...CREDS, fetch: "https://example.invalid" }, "INVALID_OPTION"],
    ["fetch an object", { ...CREDS, fetch: {} }, "INVALID_OPTION"],
    ["negative timeoutMs", { ...CREDS, fetch: f, timeoutMs: -1 }, "INVALID_OPTION"],
    ["zero timeoutMs", { ...CREDS, fetch: f, timeoutMs: 0 }, "INVALID_OPTION"],
    ["NaN timeoutMs", { ...CREDS, fetch: f, timeoutMs: NaN }, "INVALID_OPTION"],
    ["Infinity timeoutMs", { ...CREDS, fetch: f, timeoutMs: Infinity }, "INVALID_OPTION"],
    ["timeoutMs above what setTimeout keeps", { ...CREDS, fetch: f, timeoutMs: 2 ** 31 }, "INVALID_OPTION"],
    ["string timeoutMs", { ...CREDS, fetch: f, timeoutMs: "100" }, "INVALID_OPTION"],
    ["negative retries", { ...CREDS, fetch: f, retries: -1 }, "INVALID_OPTION"],
    ["NaN retries", { ...CREDS, fetch: f, retries: NaN }, "INVALID_OPTION"],
    ["BigInt retries", { ...CREDS, fetch: f, retries: 1n }, "INVALID_OPTION"],
    ["negative backoff", { ...CREDS, fetch: f, backoffBaseMs: -5 }, "INVALID_OPTION"],
    ["backoff cap of the wrong type", { ...CREDS, fetch: f, backoffCapMs: "5" }, "INVALID_OPTION"],
    ["endpoint of the wrong type", { ...CREDS, fetch: f, endpoint: 8080 }, "INVALID_OPTION"],
    ["signatureVersion of the wrong type", { ...CREDS, fetch: f, signatureVersion: 3 }, "INVALID_OPTION"],
    ["nonce not a function", { ...CREDS, fetch: f, nonce: "fixed" }, "INVALID_OPTION"],
    ["getters that throw", throwingGetters(), "INVALID_OPTION"],
    ["a Proxy whose traps throw", throwingProxy(), "INVALID_OPTION"],
    ["a revoked Proxy", revokedProxy(), "INVALID_OPTION"],
    ["an array", [CREDS], "INVALID_OPTION"],
    ["null", null, "INVALID_OPTION"],
    ["a string", "ak:sk", "INVALID_OPTION"],
  ];
  for (const [label, options, code] of cases) {
    assert.throws(() => api.createClient(options), (e) => {
      assertIdvError(e, label);
      assert.equal(e.code, code, `${label}: ${e.code} ${e.message}`);
      return true;
    }, label);
  }
  // undefined means "no options": in Node, the default credentials chain (asked at the first call).
  assert.equal(typeof api.createClient().id2MetaVerifyIntl, "function");
  // Options that are fine: retries above the cap are cut to 10, not refused; null means absent.
  assert.equal(typeof api.createClient({ ...CREDS, fetch: f, retries: 99, timeoutMs: null, endpoint: null }).id2MetaVerifyIntl, "function");
  assert.equal(calls.length, 0);
  assertStillWorks();
});

test("no credentials anywhere: the first call rejects with CREDENTIALS_ERROR and nothing is sent", async () => {
  const { f, calls } = recordingFetch();
  const client = api.createClient({ fetch: f }); // the default chain: nothing in this environment answers
  for (let i = 0; i < 2; i++) {
    await assert.rejects(client.id2MetaVerifyIntl(PERSON), (e) => {
      assertIdvError(e, "chain without credentials");
      assert.equal(e.code, "CREDENTIALS_ERROR");
      assert.equal(e.billed, false);
      return true;
    });
  }
  assert.equal(calls.length, 0);
});

test("client methods reject bad input with AliyunIdvError and never call fetch", async () => {
  const { f, calls } = recordingFetch();
  for (const signatureVersion of ["v3", "v1"]) {
    const client = api.createClient({ ...CREDS, fetch: f, signatureVersion, retries: 3, backoffBaseMs: 1, backoffCapMs: 2 });
    const methods = Object.keys(client);
    assert.deepEqual(methods.sort(), [
      "bankMetaVerify", "bankMetaVerifyIntl", "id2MetaPeriodVerify", "id2MetaPeriodVerifyIntl", "id2MetaStandardVerify", "id2MetaVerify",
      "id2MetaVerifyIntl", "mobile2MetaVerify", "mobile2MetaVerifyIntl", "mobile3MetaDetailStandardVerify", "mobile3MetaDetailVerify",
      "mobile3MetaSimpleStandardVerify", "mobile3MetaSimpleVerify", "mobile3MetaVerifyIntl", "mobileRecycledMetaVerify", "resend",
    ]);
    methods.splice(methods.indexOf("resend"), 1); // its own bad-input test is in tests/client/
    const inputs = [
      ...BAD.map(([label, make]) => [label, make]),
      ["a bad ID", () => ({ idNumber: "110105194912310021", name: "张三", mobile: "13812345678", validityStart: "20160301", validityEnd: "20360301", merchantBizId: "b1" })],
      ["a bad name", () => ({ idNumber: "11010519491231002X", name: "Zhang3", mobile: "13812345678", validityStart: "20160301", validityEnd: "20360301", merchantBizId: "b1" })],
      ["fields of the wrong type", () => ({ idNumber: 11010519491231002, name: ["张三"] })],
      ["fields with getters that throw", () => Object.assign(throwingGetters())],
    ];
    for (const method of methods) {
      for (const [label, make] of inputs) {
        // The mobile two-element actions do not read an ID number.
        if (label === "a bad ID" && /^mobile2Meta/.test(method)) continue;
        const where = `${signatureVersion} ${method}(${label})`;
        let p;
        assert.doesNotThrow(() => (p = client[method](make())), `${where} threw synchronously`);
        assert.ok(p instanceof Promise, where);
        await assert.rejects(p, (e) => (assertIdvError(e, where), true), where);
        assertStillWorks(where);
      }
    }
  }
  assert.equal(calls.length, 0, "fetch was called for bad input");
  // And the same client still sends a good request.
  const ok = await api.createClient({ ...CREDS, fetch: f }).id2MetaVerifyIntl(PERSON);
  assert.equal(ok.verdict, "match");
  assert.equal(calls.length, 1);
});

test("client: a broken fetch or a bad nonce function rejects with AliyunIdvError", async () => {
  // A fetch failure that does not say the request never left (no connect-phase error code) may
  // have been processed: resent identically, then answer_lost, never a crash (issue 11).
  const broken = [
    ["fetch throws", () => { throw new TypeError("no network"); }],
    ["fetch rejects with a non-Error", () => Promise.reject(42)],
    ["fetch answers a non-Response", () => Promise.resolve({})],
    ["fetch answers null", () => Promise.resolve(null)],
  ];
  for (const [label, fetch] of broken) {
    const client = api.createClient({ ...CREDS, fetch, retries: 1, backoffBaseMs: 1, backoffCapMs: 1 });
    const r = await client.id2MetaVerifyIntl(PERSON);
    assert.deepEqual([r.errorKind, r.billed, r.retryable, r.attempts], ["answer_lost", null, false, 2], label);
  }
  const refused = () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }));
  await assert.rejects(api.createClient({ ...CREDS, fetch: refused, retries: 1, backoffBaseMs: 1, backoffCapMs: 1 }).id2MetaVerifyIntl(PERSON),
    (e) => (assertIdvError(e, "refused"), assert.equal(e.code, "NETWORK_ERROR"), assert.equal(e.billed, false), true));
  const { f, calls } = recordingFetch();
  const badNonce = api.createClient({ ...CREDS, fetch: f, nonce: () => 7 });
  await assert.rejects(badNonce.id2MetaVerifyIntl(PERSON), (e) => (assertIdvError(e, "nonce"), assert.equal(e.code, "INVALID_ARGUMENT"), true));
  const spaceNonce = api.createClient({ ...CREDS, fetch: f, nonce: () => "a nonce" });
  await assert.rejects(spaceNonce.id2MetaVerifyIntl(PERSON), (e) => (assertIdvError(e, "nonce"), assert.equal(e.code, "SIGN_NONCE_INVALID"), true));
  assert.equal(calls.length, 0);
  assertStillWorks();
});
