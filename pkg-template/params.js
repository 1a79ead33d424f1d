// signRequest's parameters by the official RPC rules (what @alicloud/openapi-util's `query` and
// the Darabonba SDKs do before signing): numbers, bigints and booleans are stringified with
// String(); null and undefined are dropped; arrays and plain objects are flattened to
// `Key.1`, `Key.1.Sub` (1-based indexes). Unlike the SDKs, a Map, Set, Date, class instance,
// function or symbol is refused (the SDKs sign a Map silently as no parameters) with an
// INVALID_ARGUMENT error that names the key path, never the value. Only own enumerable string
// keys are read, each once.

const BAD = {
  code: "INVALID_ARGUMENT",
  message: "An argument has the wrong type or shape.",
  messageZh: "参数类型或格式不正确。",
};

/** An error object the API layer throws as AliyunIdvError (see fromCore in api.js). */
function refuse(field, why) {
  return { ...BAD, field, message: `${field}: ${why} (signRequest takes strings, numbers, booleans, null/undefined, arrays and plain objects).` };
}

/** Own data property `key` of `obj`, or undefined. Never runs a getter of the prototype chain; never throws. */
export function own(obj, key) {
  try {
    if (obj === null || (typeof obj !== "object" && typeof obj !== "function")) return undefined;
    return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  } catch {
    return undefined;
  }
}

/** A plain object: `{}` literal, Object.create(null), or one from another realm. Never throws. */
export function isPlainObject(v) {
  try {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v);
    return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(v) === "[object Object]";
  } catch {
    return false;
  }
}

function kindOf(v) {
  try {
    return kindOfUnsafe(v);
  } catch {
    return "an object that could not be read";
  }
}

function kindOfUnsafe(v) {
  if (v instanceof Map) return "a Map";
  if (v instanceof Set) return "a Set";
  if (v instanceof Date) return "a Date";
  if (typeof v === "function") return "a function";
  if (typeof v === "symbol") return "a symbol";
  return "an object that is not a plain object";
}

const MAX_DEPTH = 32;
const MAX_PARAMS = 1000;

/** `out[key] = value`, counting distinct keys in `out.n`: more than MAX_PARAMS is refused. */
function put(acc, key, value, field) {
  if (!(key in acc.out) && ++acc.n > MAX_PARAMS) throw refuse(field, `has more than ${MAX_PARAMS} parameters`);
  acc.out[key] = value;
}

function flatten(acc, key, value, field, depth) {
  if (value === null || value === undefined) return;
  switch (typeof value) {
    case "string":
      put(acc, key, value, field);
      return;
    case "number":
    case "bigint":
    case "boolean":
      put(acc, key, String(value), field);
      return;
    default:
      break;
  }
  const path = field + "." + key;
  if (depth >= MAX_DEPTH) throw refuse(path, "nested too deeply");
  let entries;
  if (Array.isArray(value)) {
    let n;
    try {
      n = value.length;
    } catch {
      throw refuse(path, "could not be read");
    }
    entries = [];
    for (let i = 0; i < n; i++) {
      let item;
      try {
        item = value[i];
      } catch {
        throw refuse(path, "could not be read");
      }
      entries.push([String(i + 1), item]);
    }
  } else if (isPlainObject(value)) {
    try {
      entries = Object.entries(value);
    } catch {
      throw refuse(path, "could not be read");
    }
  } else {
    throw refuse(path, "is " + kindOf(value));
  }
  for (const [k, v] of entries) flatten(acc, key + "." + k, v, field, depth + 1);
}

/**
 * The parameters of an RPC request's `query` or `form` as a flat list, name then value (the same
 * parameters as `rpcParams`, in its order); [] for null/undefined. When every value is a
 * string, number, bigint, boolean, null or undefined (what a request almost always is), the list
 * is made straight from the object's entries: no names can collide, and no dictionary-mode object
 * is built per call.
 */
export function rpcParamList(v, field) {
  if (v === null || v === undefined) return [];
  if (!isPlainObject(v)) throw refuse(field, "is " + kindOf(v));
  let keys;
  try {
    keys = Object.keys(v); // own enumerable string keys, as Object.entries reads them
  } catch {
    throw refuse(field, "could not be read");
  }
  const n = keys.length;
  const out = [];
  for (let i = 0; i < n; i++) {
    const value = read(v, keys[i], field);
    if (value === null || value === undefined) continue;
    switch (typeof value) {
      case "string":
        out.push(keys[i], value);
        continue;
      case "number":
      case "bigint":
      case "boolean":
        out.push(keys[i], String(value));
        continue;
      default: {
        // Nested: the general flattening, over the entries (each value read once).
        const entries = [];
        for (let j = 0; j < out.length; j += 2) entries.push([out[j], out[j + 1]]);
        entries.push([keys[i], value]);
        for (let j = i + 1; j < n; j++) entries.push([keys[j], read(v, keys[j], field)]);
        return listOf(flattenEntries(entries, field));
      }
    }
  }
  if (out.length > 2 * MAX_PARAMS) throw refuse(field, `has more than ${MAX_PARAMS} parameters`);
  return out;
}

function read(v, key, field) {
  try {
    return v[key];
  } catch {
    throw refuse(field, "could not be read");
  }
}

function listOf(flat) {
  const out = [];
  for (const k in flat) out.push(k, flat[k]); // a null-prototype object: its own keys only
  return out;
}

function flattenEntries(entries, field) {
  // A null-prototype object: a `__proto__` key is kept and signed as given, never dropped.
  const acc = { out: Object.create(null), n: 0 };
  for (const [k, value] of entries) flatten(acc, k, value, field, 0);
  return acc.out;
}

/**
 * `{ name: string }` of an RPC request's `query` or `form` (`field` names it in errors); `{}` for
 * null/undefined. Throws an INVALID_ARGUMENT error object naming the offending key.
 */
export function rpcParams(v, field) {
  if (v === null || v === undefined) return {};
  if (!isPlainObject(v)) throw refuse(field, "is " + kindOf(v));
  let entries;
  try {
    entries = Object.entries(v);
  } catch {
    throw refuse(field, "could not be read");
  }
  return flattenEntries(entries, field);
}
