// The options of createClient and of the request builders, declared once. `readOptions` reads only
// own properties, each once, refuses an unknown key or a value of the wrong type with an
// AliyunIdvError coded INVALID_OPTION whose `field` and message name the key (never its value),
// and returns a fresh plain object of what was given (null and undefined count as absent).
import { AliyunIdvError } from "./api.js";

/** setTimeout fires at once for a delay above 2^31 - 1 ms: the longest time that means what it says. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** An action name as the API spells it, e.g. Id2MetaVerifyIntl. */
const ACTION_NAME = /^[A-Z][A-Za-z0-9]{1,63}$/;

// ---- Types ----------------------------------------------------------------------------------
// Each type is { describe: "a string", check(value, path) -> value | throws }.

function invalid(path, what, where) {
  return new AliyunIdvError("INVALID_OPTION", `${where}: options.${path} ${what}.`, {
    field: path,
    messageZh: `${where}：参数 ${path} 不正确。`,
  });
}

const simple = (describe, test) => ({
  describe,
  check(v, path, where) {
    if (!test(v)) throw invalid(path, `must be ${describe}`, where);
    return v;
  },
});

// Each type is a top-level binding and the schemas below name them directly (no `T.x` property
// reads, every call marked pure), so a bundler can drop all of this from a page that never reads
// an option (a page that only checks an ID number: tests/bundlers measures what it ships).
const string = /* @__PURE__ */ simple("a string", (v) => typeof v === "string");
const nonEmptyString = /* @__PURE__ */ simple("a non-empty string", (v) => typeof v === "string" && v.length > 0);
const func = /* @__PURE__ */ simple("a function", (v) => typeof v === "function");
const boolean = /* @__PURE__ */ simple("true or false", (v) => typeof v === "boolean");
const number = (min, max) => simple(`a number from ${min} to ${max}`, (v) => typeof v === "number" && v >= min && v <= max);
const integer = (min, max) => simple(`an integer from ${min} to ${max}`, (v) => Number.isInteger(v) && v >= min && v <= max);
const positive = /* @__PURE__ */ simple("a number above 0", (v) => typeof v === "number" && v > 0 && Number.isFinite(v));
const oneOf = (...values) => simple(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`, (v) => values.includes(v));
const date = /* @__PURE__ */ simple("a Date or a string", (v) => typeof v === "string" || isDate(v));
const signal = /* @__PURE__ */ simple("an AbortSignal", (v) => {
  try {
    return v !== null && typeof v === "object" && typeof v.aborted === "boolean" && typeof v.addEventListener === "function";
  } catch {
    return false;
  }
});
/** A plain object whose keys are all in `schema`. */
const object = (schema, describe = "an object") => ({
  describe,
  schema,
  check(v, path, where) {
    return readWith(schema, v, path, where);
  },
});
/** A plain object whose keys match `keyPattern`, each value of `type`. */
const record = (keyPattern, keyDescribe, type) => ({
  describe: "an object",
  check(v, path, where) {
    const keys = ownKeys(v, path, where);
    const out = Object.create(null);
    for (const key of keys) {
      if (typeof key !== "string" || !keyPattern.test(key)) throw invalid(`${path}.${keyName(key)}`, `is not ${keyDescribe}`, where);
      const value = readOwn(v, key, `${path}.${key}`, where);
      if (value === undefined || value === null) continue;
      out[key] = type.check(value, `${path}.${key}`, where);
    }
    return out;
  },
});
/** The first of `types` whose `accepts(v)` is true checks it. */
const either = (describe, ...branches) => ({
  describe,
  check(v, path, where) {
    for (const [accepts, type] of branches) if (accepts(v)) return type.check(v, path, where);
    throw invalid(path, `must be ${describe}`, where);
  },
});

export const T = { string, nonEmptyString, function: func, boolean, number, integer, positive, oneOf, date, signal, object, record, either };

function isDate(v) {
  if (v === null || typeof v !== "object") return false;
  try {
    Date.prototype.getTime.call(v);
    return true;
  } catch {
    return false;
  }
}

function isPlainObject(v) {
  try {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  } catch {
    return false; // a revoked Proxy
  }
}

/** A key as it may appear in a message: a string key cut to 64 characters, or `[symbol]`. */
function keyName(key) {
  if (typeof key !== "string") return "[symbol]";
  const s = key.length > 64 ? key.slice(0, 64) + "…" : key;
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, "?");
}

function ownKeys(v, path, where) {
  if (!isPlainObject(v)) throw invalid(path, "must be a plain object", where);
  try {
    return Reflect.ownKeys(v);
  } catch {
    throw invalid(path, "could not be read", where);
  }
}

function readOwn(obj, key, path, where) {
  try {
    return obj[key];
  } catch {
    throw invalid(path, "could not be read", where);
  }
}

/** The closest declared key (case-insensitive prefix or edit distance 2 at most), for the message. */
function suggestion(key, schema) {
  if (typeof key !== "string") return undefined;
  const k = key.toLowerCase();
  let best;
  let bestScore = Infinity;
  for (const name of Object.keys(schema)) {
    const n = name.toLowerCase();
    const score = n === k ? 0 : n.startsWith(k) || k.startsWith(n) ? 1 : distance(k, n);
    if (score < bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return bestScore <= 2 ? best : undefined;
}

function distance(a, b) {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** Each own key of `v` checked against `schema`, each value read once; `put(key, value)` for the present ones. */
function readEach(schema, v, path, where, put) {
  const keys = ownKeys(v, path, where);
  for (const key of keys) {
    if (typeof key !== "string" || !Object.prototype.hasOwnProperty.call(schema, key)) {
      const full = path ? `${path}.${keyName(key)}` : keyName(key);
      const near = suggestion(key, schema);
      throw invalid(full, `is not an option${near ? ` (did you mean ${path ? `${path}.` : ""}${near}?)` : ""}`, where);
    }
    // A schema's key: a plain identifier, its own name in a message.
    const full = path ? path + "." + key : key;
    const value = readOwn(v, key, full, where);
    if (value === undefined || value === null) continue;
    put(key, schema[key].check(value, full, where));
  }
}

function readWith(schema, v, path, where) {
  // Null-prototype: an option the caller left out reads as undefined, never as a polluted
  // Object.prototype value.
  const out = Object.create(null);
  readEach(schema, v, path, where, (key, value) => {
    out[key] = value;
  });
  return out;
}

/**
 * Reads `options` by `schema`: own properties only, unknown keys and wrong types refused with
 * INVALID_OPTION naming the key. `undefined` options give `{}`.
 * @param {Record<string, {check: Function}>} schema
 * @param {*} options
 * @param {string} where e.g. "createClient", for the message
 */
export function readOptions(schema, options, where) {
  if (options === undefined) return Object.create(null);
  plainOptions(options, where);
  return readWith(schema, options, "", where);
}

/** Throws INVALID_OPTION unless `options` (given) is a plain object. */
function plainOptions(options, where) {
  if (!isPlainObject(options)) {
    throw new AliyunIdvError("INVALID_OPTION", `${where} needs a plain options object.`, { field: "options", messageZh: `${where} 需要一个参数对象。` });
  }
}

// ---- The schemas ----------------------------------------------------------------------------

const LIMIT = {
  /** Requests started in any one-second window. */
  qps: positive,
  /** Requests in flight at once. */
  maxConcurrency: /* @__PURE__ */ integer(1, 1e6),
};

const STATIC_CREDENTIALS = {
  accessKeyId: nonEmptyString,
  accessKeySecret: nonEmptyString,
  securityToken: string,
};

const hasMethod = (name) => (v) => {
  try {
    return v !== null && typeof v === "object" && typeof v[name] === "function";
  } catch {
    return false;
  }
};

/** `credentials`: static values, a function, or an object with getCredentials() / getCredential(). */
const CREDENTIALS = /* @__PURE__ */ either(
  "{ accessKeyId, accessKeySecret, securityToken? }, a function returning them, or an object with a getCredentials() method",
  [(v) => typeof v === "function", func],
  [hasMethod("getCredentials"), { check: (v) => v }],
  [hasMethod("getCredential"), { check: (v) => v }],
  [isPlainObject, {
    check(v, path, where) {
      const out = readWith(STATIC_CREDENTIALS, v, path, where);
      if (out.accessKeyId === undefined) throw invalid(`${path}.accessKeyId`, "is required", where);
      if (out.accessKeySecret === undefined) throw invalid(`${path}.accessKeySecret`, "is required", where);
      return out;
    },
  }],
);

/** Every option of createClient. Keep in step with `ClientOptions` in index.d.ts (a test checks). */
export const CLIENT_OPTIONS = /* @__PURE__ */ (() =>
  Object.freeze({
  accessKeyId: nonEmptyString,
  accessKeySecret: nonEmptyString,
  securityToken: string,
  credentials: CREDENTIALS,
  fetch: func,
  timeoutMs: /* @__PURE__ */ number(1, MAX_TIMEOUT_MS),
  retries: /* @__PURE__ */ number(0, Number.MAX_SAFE_INTEGER),
  backoffBaseMs: /* @__PURE__ */ number(0, MAX_TIMEOUT_MS),
  backoffCapMs: /* @__PURE__ */ number(0, MAX_TIMEOUT_MS),
  random: func,
  nonce: func,
  now: func,
  signatureVersion: /* @__PURE__ */ oneOf("v3", "v1"),
  endpoint: string,
  regionId: /* @__PURE__ */ either(
    "a region id, or { intl, mainland }",
    [(v) => typeof v === "string", nonEmptyString],
    [isPlainObject, /* @__PURE__ */ object({ intl: nonEmptyString, mainland: nonEmptyString })],
  ),
  endpoints: /* @__PURE__ */ object({ intl: string, mainland: string }),
  vpc: boolean,
  allowResidencePermit: boolean,
  sleep: func,
  longTermAs: /* @__PURE__ */ oneOf("长期", "long-term"),
  today: string,
  maxResponseBytes: /* @__PURE__ */ integer(1, 2 ** 30),
  limits: /* @__PURE__ */ object({
    ...LIMIT,
    actions: /* @__PURE__ */ record(ACTION_NAME, "an action name as the API spells it (e.g. Id2MetaVerifyIntl)", /* @__PURE__ */ object(LIMIT)),
  }),
  hooks: /* @__PURE__ */ object({ onRequest: func, onResponse: func, onRetry: func, onError: func }),
  beforeSend: func,
  }))();

/**
 * The options of the request builders (buildId2MetaVerifyIntl, ...). Types only: the core checks
 * the values, with its own codes (SIGN_TIMESTAMP_INVALID, ENDPOINT_INVALID, LONG_TERM_AS_INVALID...).
 */
export const BUILD_OPTIONS = /* @__PURE__ */ Object.freeze({
  accessKeyId: string,
  accessKeySecret: string,
  securityToken: string,
  timestamp: date,
  nonce: string,
  signatureVersion: string,
  endpoint: string,
  longTermAs: string,
  today: string,
  allowResidencePermit: boolean,
  paramsIn: /* @__PURE__ */ oneOf("body", "sdk"),
});

/**
 * The options of signRequest: the builders' without endpoint and longTermAs (the request names its
 * host and parameters). `today` is accepted and ignored, so one options object serves both.
 */
export const SIGN_OPTIONS = /* @__PURE__ */ (() =>
  Object.freeze(
    Object.fromEntries(Object.entries(BUILD_OPTIONS).filter(([k]) => !["endpoint", "longTermAs", "allowResidencePermit", "paramsIn"].includes(k))),
  ))();

/** The options of every client method's second argument. */
export const CALL_OPTIONS = /* @__PURE__ */ Object.freeze({ signal: signal });

/**
 * createClient's options, checked: INVALID_OPTION for an unknown key, a wrong type, or both
 * `credentials` and `accessKeyId`/`accessKeySecret`/`securityToken`.
 */
export function readClientOptions(options) {
  const o = readOptions(CLIENT_OPTIONS, options, "createClient");
  if (o.credentials !== undefined) {
    for (const key of ["accessKeyId", "accessKeySecret", "securityToken"]) {
      if (o[key] !== undefined) throw invalid(key, "cannot be given with options.credentials (put it in credentials)", "createClient");
    }
  }
  if ((o.accessKeyId === undefined) !== (o.accessKeySecret === undefined)) {
    throw invalid(o.accessKeyId === undefined ? "accessKeyId" : "accessKeySecret", "is required with the other half of the key", "createClient");
  }
  return o;
}

/**
 * A builder's or signRequest's options, checked as `readOptions` checks them (`where` names the
 * function in the message), as an array: the value of each key at `slots.get(key)` (the core's
 * order of options), undefined where absent. An array, not an object: the hot path of every
 * builder and of signRequest, without a dictionary-mode object per call.
 */
export function readBuildOptionValues(options, where, schema, slots) {
  const values = new Array(slots.size);
  if (options === undefined) return values;
  plainOptions(options, where);
  readEach(schema, options, "", where, (key, value) => {
    values[slots.get(key)] = value;
  });
  return values;
}

// ---- The credential providers' options (credentials.js) ----

const anyObject = /* @__PURE__ */ simple("an object", (v) => {
  try {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  } catch {
    return false;
  }
});

/** The options of each exported provider factory (`environmentCredentials(options)`, ...). */
export const PROVIDER_OPTIONS = /* @__PURE__ */ (() => {
  /** What every provider may be given: the host functions, injectable. */
  const PROVIDER_HOST = { env: anyObject, fetch: func, readFile: func, now: func, nonce: func, timeoutMs: /* @__PURE__ */ number(1, MAX_TIMEOUT_MS) };
  const STS = {
    ...PROVIDER_HOST,
    roleSessionName: nonEmptyString,
    durationSeconds: /* @__PURE__ */ integer(900, 43200),
    policy: string,
    stsEndpoint: nonEmptyString,
    stsRegionId: nonEmptyString,
    enableVpc: boolean,
  };
  const OIDC = { ...STS, roleArn: nonEmptyString, oidcProviderArn: nonEmptyString, oidcTokenFile: nonEmptyString };
  const ECS = { ...PROVIDER_HOST, roleName: nonEmptyString, disableIMDSv1: boolean, metadataHost: nonEmptyString };
  return Object.freeze({
    environmentCredentials: /* @__PURE__ */ Object.freeze({ env: anyObject }),
    oidcCredentials: /* @__PURE__ */ Object.freeze(OIDC),
    ramRoleArnCredentials: /* @__PURE__ */ Object.freeze({ ...STS, roleArn: nonEmptyString }),
    ecsRamRoleCredentials: /* @__PURE__ */ Object.freeze(ECS),
    configFileCredentials: /* @__PURE__ */ Object.freeze({ ...OIDC, ...ECS, profile: nonEmptyString, path: nonEmptyString, homedir: nonEmptyString }),
    defaultCredentialsChain: /* @__PURE__ */ Object.freeze({ ...OIDC, ...ECS, profile: nonEmptyString, path: nonEmptyString, homedir: nonEmptyString }),
    credentialsCache: /* @__PURE__ */ Object.freeze({ now: func, refreshBeforeMs: /* @__PURE__ */ number(0, MAX_TIMEOUT_MS) }),
  });
})();

