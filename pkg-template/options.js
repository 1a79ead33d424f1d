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

export const T = {
  string: simple("a string", (v) => typeof v === "string"),
  nonEmptyString: simple("a non-empty string", (v) => typeof v === "string" && v.length > 0),
  function: simple("a function", (v) => typeof v === "function"),
  boolean: simple("true or false", (v) => typeof v === "boolean"),
  number: (min, max) => simple(`a number from ${min} to ${max}`, (v) => typeof v === "number" && v >= min && v <= max),
  integer: (min, max) => simple(`an integer from ${min} to ${max}`, (v) => Number.isInteger(v) && v >= min && v <= max),
  positive: simple("a number above 0", (v) => typeof v === "number" && v > 0 && Number.isFinite(v)),
  oneOf: (...values) => simple(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`, (v) => values.includes(v)),
  date: simple("a Date or a string", (v) => typeof v === "string" || isDate(v)),
  signal: simple("an AbortSignal", (v) => {
    try {
      return v !== null && typeof v === "object" && typeof v.aborted === "boolean" && typeof v.addEventListener === "function";
    } catch {
      return false;
    }
  }),
  /** A plain object whose keys are all in `schema`. */
  object: (schema, describe = "an object") => ({
    describe,
    schema,
    check(v, path, where) {
      return readWith(schema, v, path, where);
    },
  }),
  /** A plain object whose keys match `keyPattern`, each value of `type`. */
  record: (keyPattern, keyDescribe, type) => ({
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
  }),
  /** The first of `types` whose `accepts(v)` is true checks it. */
  either: (describe, ...branches) => ({
    describe,
    check(v, path, where) {
      for (const [accepts, type] of branches) if (accepts(v)) return type.check(v, path, where);
      throw invalid(path, `must be ${describe}`, where);
    },
  }),
};

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

function readWith(schema, v, path, where) {
  const keys = ownKeys(v, path, where);
  // Null-prototype: an option the caller left out reads as undefined, never as a polluted
  // Object.prototype value.
  const out = Object.create(null);
  for (const key of keys) {
    const full = path ? `${path}.${keyName(key)}` : keyName(key);
    if (typeof key !== "string" || !Object.prototype.hasOwnProperty.call(schema, key)) {
      const near = suggestion(key, schema);
      throw invalid(full, `is not an option${near ? ` (did you mean ${path ? `${path}.` : ""}${near}?)` : ""}`, where);
    }
    const value = readOwn(v, key, full, where);
    if (value === undefined || value === null) continue;
    out[key] = schema[key].check(value, full, where);
  }
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
  if (!isPlainObject(options)) {
    throw new AliyunIdvError("INVALID_OPTION", `${where} needs a plain options object.`, { field: "options", messageZh: `${where} 需要一个参数对象。` });
  }
  return readWith(schema, options, "", where);
}

// ---- The schemas ----------------------------------------------------------------------------

const LIMIT = {
  /** Requests started in any one-second window. */
  qps: T.positive,
  /** Requests in flight at once. */
  maxConcurrency: T.integer(1, 1e6),
};

const STATIC_CREDENTIALS = {
  accessKeyId: T.nonEmptyString,
  accessKeySecret: T.nonEmptyString,
  securityToken: T.string,
};

const hasMethod = (name) => (v) => {
  try {
    return v !== null && typeof v === "object" && typeof v[name] === "function";
  } catch {
    return false;
  }
};

/** `credentials`: static values, a function, or an object with getCredentials() / getCredential(). */
const CREDENTIALS = T.either(
  "{ accessKeyId, accessKeySecret, securityToken? }, a function returning them, or an object with a getCredentials() method",
  [(v) => typeof v === "function", T.function],
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
export const CLIENT_OPTIONS = Object.freeze({
  accessKeyId: T.nonEmptyString,
  accessKeySecret: T.nonEmptyString,
  securityToken: T.string,
  credentials: CREDENTIALS,
  fetch: T.function,
  timeoutMs: T.number(1, MAX_TIMEOUT_MS),
  retries: T.number(0, Number.MAX_SAFE_INTEGER),
  backoffBaseMs: T.number(0, MAX_TIMEOUT_MS),
  backoffCapMs: T.number(0, MAX_TIMEOUT_MS),
  random: T.function,
  nonce: T.function,
  now: T.function,
  signatureVersion: T.oneOf("v3", "v1"),
  endpoint: T.string,
  regionId: T.either(
    "a region id, or { intl, mainland }",
    [(v) => typeof v === "string", T.nonEmptyString],
    [isPlainObject, T.object({ intl: T.nonEmptyString, mainland: T.nonEmptyString })],
  ),
  endpoints: T.object({ intl: T.string, mainland: T.string }),
  vpc: T.boolean,
  allowResidencePermit: T.boolean,
  sleep: T.function,
  longTermAs: T.oneOf("长期", "long-term"),
  today: T.string,
  maxResponseBytes: T.integer(1, 2 ** 30),
  limits: T.object({
    ...LIMIT,
    actions: T.record(ACTION_NAME, "an action name as the API spells it (e.g. Id2MetaVerifyIntl)", T.object(LIMIT)),
  }),
  hooks: T.object({ onRequest: T.function, onResponse: T.function, onRetry: T.function, onError: T.function }),
  beforeSend: T.function,
});

/**
 * The options of the request builders (buildId2MetaVerifyIntl, ...). Types only: the core checks
 * the values, with its own codes (SIGN_TIMESTAMP_INVALID, ENDPOINT_INVALID, LONG_TERM_AS_INVALID...).
 */
export const BUILD_OPTIONS = Object.freeze({
  accessKeyId: T.string,
  accessKeySecret: T.string,
  securityToken: T.string,
  timestamp: T.date,
  nonce: T.string,
  signatureVersion: T.string,
  endpoint: T.string,
  longTermAs: T.string,
  today: T.string,
  allowResidencePermit: T.boolean,
  paramsIn: T.oneOf("body", "sdk"),
});

/**
 * The options of signRequest: the builders' without endpoint and longTermAs (the request names its
 * host and parameters). `today` is accepted and ignored, so one options object serves both.
 */
export const SIGN_OPTIONS = Object.freeze(
  Object.fromEntries(Object.entries(BUILD_OPTIONS).filter(([k]) => !["endpoint", "longTermAs", "allowResidencePermit", "paramsIn"].includes(k))),
);

/** The options of every client method's second argument. */
export const CALL_OPTIONS = Object.freeze({ signal: T.signal });

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

/** A builder's or signRequest's options, checked (`where` names the function in the message). */
export function readBuildOptions(options, where, schema = BUILD_OPTIONS) {
  return readOptions(schema, options, where);
}

// ---- The credential providers' options (credentials.js) ----

const anyObject = simple("an object", (v) => {
  try {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  } catch {
    return false;
  }
});

/** What every provider may be given: the host functions, injectable. */
const PROVIDER_HOST = { env: anyObject, fetch: T.function, readFile: T.function, now: T.function, nonce: T.function, timeoutMs: T.number(1, MAX_TIMEOUT_MS) };
const STS = {
  ...PROVIDER_HOST,
  roleSessionName: T.nonEmptyString,
  durationSeconds: T.integer(900, 43200),
  policy: T.string,
  stsEndpoint: T.nonEmptyString,
  stsRegionId: T.nonEmptyString,
  enableVpc: T.boolean,
};
const OIDC = { ...STS, roleArn: T.nonEmptyString, oidcProviderArn: T.nonEmptyString, oidcTokenFile: T.nonEmptyString };
const ECS = { ...PROVIDER_HOST, roleName: T.nonEmptyString, disableIMDSv1: T.boolean, metadataHost: T.nonEmptyString };

/** The options of each exported provider factory (`environmentCredentials(options)`, ...). */
export const PROVIDER_OPTIONS = Object.freeze({
  environmentCredentials: Object.freeze({ env: anyObject }),
  oidcCredentials: Object.freeze(OIDC),
  ramRoleArnCredentials: Object.freeze({ ...STS, roleArn: T.nonEmptyString }),
  ecsRamRoleCredentials: Object.freeze(ECS),
  configFileCredentials: Object.freeze({ ...OIDC, ...ECS, profile: T.nonEmptyString, path: T.nonEmptyString, homedir: T.nonEmptyString }),
  defaultCredentialsChain: Object.freeze({ ...OIDC, ...ECS, profile: T.nonEmptyString, path: T.nonEmptyString, homedir: T.nonEmptyString }),
  credentialsCache: Object.freeze({ now: T.function, refreshBeforeMs: T.number(0, MAX_TIMEOUT_MS) }),
});

