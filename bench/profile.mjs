// Where the time goes in one call of the package: a focused loop under `node --cpu-prof`, then the
// top self-time functions and a summary by layer (the Rust work in WebAssembly, the wasm-bindgen
// string copies, the JSON across the boundary, the hand-written API layer, GC).
//
//   node bench/profile.mjs [checkIdNumber|checkMobile|checkName|signV1|signV3|build|parse] [--seconds N] [--top N] [--names]
//
// Profiles go to target/bench-prof/. build.sh's wasm-opt drops the name section, so wasm
// functions show as wasm-function[N]; --names profiles a copy of pkg/ whose .wasm is rebuilt from
// the same cargo artifact by the same wasm-bindgen and `wasm-opt -Oz -g` (same code, names kept;
// needs a prior build.sh), so the Rust time splits into allocation, serde_json, fmt, hashing, ours.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { corpus } from "./corpus.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
let PKG = resolve(process.env.IDV_PKG || join(ROOT, "pkg"));
const TARGET_DIR = process.env.CARGO_TARGET_DIR || join(ROOT, "target");
const argv = process.argv.slice(2);
const arg = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const WITH_VALUE = new Set(["--seconds", "--top"]);
const target = argv.find((a, i) => !a.startsWith("--") && !(i > 0 && WITH_VALUE.has(argv[i - 1]))) || "checkIdNumber";
const seconds = Number(arg("--seconds", 4));
const TOP = Number(arg("--top", 15));

const COMMON = { accessKeyId: "LTAI5tBenchmarkKey0001", accessKeySecret: "BenchmarkSecret0123456789abcdef", timestamp: "2026-11-22T08:30:00Z", nonce: "3f1c9a2e-7b4d-4e8f-9a1b-c2d3e4f5a6b7" };

if (argv.includes("--child")) {
  const idv = await import(pathToFileURL(join(PKG, "node.mjs")).href);
  const c = corpus();
  const ids = c.ids.map((x) => x.input);
  const mobiles = c.mobiles.map((x) => x.input);
  const people = c.people;
  const req = (p, v) => ({ method: "POST", host: "cloudauth-intl.cn-hongkong.aliyuncs.com", action: "Id2MetaVerifyIntl", version: "2022-08-09", form: { ProductCode: "ID_2META", ParamType: "normal", IdentifyNum: p.idNumber, UserName: p.name } });
  const ops = {
    checkIdNumber: (i) => idv.checkIdNumber(ids[i % ids.length]),
    checkMobile: (i) => idv.checkMobile(mobiles[i % mobiles.length]),
    checkName: (i) => idv.checkName(people[i % people.length].name),
    signV1: (i) => idv.signRequest(req(people[i % people.length]), { ...COMMON, signatureVersion: "v1" }),
    signV3: (i) => idv.signRequest(req(people[i % people.length]), { ...COMMON, signatureVersion: "v3" }),
    build: (i) => idv.buildId2MetaVerifyIntl(people[i % people.length], { accessKeyId: COMMON.accessKeyId, accessKeySecret: COMMON.accessKeySecret, timestamp: new Date(), nonce: randomUUID() }),
    parse: () => idv.parseResponse("Id2MetaVerifyIntl", 200, '{"RequestId":"130A2C10-B9EE-4D84-88E3-5384FF000001","Code":"Success","Message":"success","Result":{"BizCode":"1"}}', { "content-type": "application/json" }),
  };
  const f = ops[target];
  if (!f) throw new Error(`unknown target ${target}: one of ${Object.keys(ops).join(", ")}`);
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) for (let k = 0; k < 256; k++) f(n++);
  process.stdout.write(String(n));
  process.exit(0);
}

if (argv.includes("--names")) {
  const named = join(TARGET_DIR, "bench-prof", "pkg-named");
  const tmp = join(TARGET_DIR, "bench-prof", "bindgen-named");
  rmSync(named, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
  cpSync(PKG, named, { recursive: true });
  const run = (cmd, args) => {
    const x = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT });
    if (x.status !== 0) throw new Error(`${cmd} failed`);
  };
  run("wasm-bindgen", ["--target", "web", "--out-dir", tmp, "--out-name", "aliyun_idv", join(TARGET_DIR, "wasm32-unknown-unknown/release/aliyun_idv.wasm")]);
  if (readFileSync(join(tmp, "aliyun_idv.js"), "utf8").trim() !== readFileSync(join(PKG, "aliyun_idv.js"), "utf8").replace(/^\/\/.*\n/gm, "").trim()) {
    console.error("warning: the rebuilt glue differs from pkg/aliyun_idv.js (is pkg/ from the current cargo build?)");
  }
  run(process.execPath, [join(ROOT, "node_modules/binaryen/bin/wasm-opt"), "-Oz", "-g", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", join(tmp, "aliyun_idv_bg.wasm"), "-o", join(named, "aliyun_idv_bg.wasm")]);
  PKG = named;
}

const dir = join(TARGET_DIR, "bench-prof", target);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, fileURLToPath(import.meta.url), "--child", target, "--seconds", String(seconds)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, IDV_PKG: PKG } });
if (r.status !== 0) process.exit(r.status ?? 1);
const calls = Number(r.stdout);
const file = join(dir, readdirSync(dir).find((f) => f.endsWith(".cpuprofile")));
const prof = JSON.parse(readFileSync(file, "utf8"));

// Self time per node: samples × their intervals.
const self = new Map();
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? 0;
  self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function layer(cf) {
  const fn = cf.functionName || "(anonymous)";
  const url = cf.url || "";
  if (url.startsWith("wasm://") || /^\$?(func|wasm-function)/.test(fn) || url.endsWith(".wasm") || /^[0-9a-f]{8}$/.test(url)) {
    if (/^wasm-function\[/.test(fn)) return "Rust (wasm, unnamed: --names splits it)";
    if (/dlmalloc|__rust_alloc|__rust_dealloc|__rust_realloc|alloc::raw_vec|RawVec|alloc::alloc|\bmalloc\b|\bfree\b|memcpy|memmove|memset/.test(fn)) return "Rust: allocation and copies (dlmalloc, memcpy)";
    if (/serde_json|serde::/.test(fn)) return "Rust: serde_json (options in, result out)";
    if (/core::fmt|alloc::fmt|Formatter|Display|write_fmt/.test(fn)) return "Rust: core::fmt";
    if (/sha1|sha2|hmac|md5|digest|compress|base64|hex::/i.test(fn)) return "Rust: hashing, HMAC, encodings";
    if (/chrono/.test(fn)) return "Rust: chrono";
    if (/wasm_bindgen|externref|__wbindgen/.test(fn)) return "Rust: wasm-bindgen shims";
    if (/aliyun_idv/.test(fn)) return "Rust: aliyun_idv (the checks and signing logic)";
    return "Rust: other (core, std)";
  }
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)" || fn === "(idle)" || fn === "(root)") return "V8 / runtime (program)";
  if (url.includes("aliyun_idv.js")) {
    if (/passStringToWasm|encodeString|encodeInto|getUint8Memory|getStringFromWasm|getCachedStringFromWasm|decodeText|cachedText/i.test(fn)) return "string copies across the boundary (wasm-bindgen)";
    return "wasm-bindgen glue (other)";
  }
  if (url.includes("api.js") || url.includes("client.js")) return "API layer (api.js: checks, JSON.stringify/parse, defaults)";
  if (/^(parse|stringify)$/.test(fn)) return "JSON (builtins)";
  if (/encodeInto|encode|decode/.test(fn)) return "string copies across the boundary (wasm-bindgen)";
  if (url.includes("profile.mjs")) return "benchmark loop";
  if (/^(node:|internal\/)/.test(url) || /^(realm|encoding|loader|esm|cjs)/.test(url)) return "Node internals (Date, randomUUID, TextDecoder, loader)";
  return "other JS";
}

const fnTotals = new Map();
const layerTotals = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const wasm = /\.wasm|^wasm:|^[0-9a-f]{8}$/.test(cf.url || "");
  const name = (cf.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");
  const key = wasm ? `${name} (wasm)` : `${name}  ${cf.url ? cf.url.replace(/^.*\//, "") + ":" + (cf.lineNumber + 1) : ""}`;
  fnTotals.set(key, (fnTotals.get(key) ?? 0) + t);
  const l = layer(cf);
  layerTotals.set(l, (layerTotals.get(l) ?? 0) + t);
}
const perCall = (t) => ((t * 1000) / calls).toFixed(0);
const rows = (m) => [...m].sort((a, b) => b[1] - a[1]);
console.log(`## Profile: ${target} (${calls} calls in ${seconds} s, ${((total * 1000) / calls).toFixed(0)} ns/call sampled; ${file})`);
console.log();
console.log("| layer | self time | ns per call |");
console.log("|---|---:|---:|");
for (const [l, t] of rows(layerTotals)) console.log(`| ${l} | ${((100 * t) / total).toFixed(1)}% | ${perCall(t)} |`);
console.log();
console.log(`| top ${TOP} functions by self time | self | ns per call |`);
console.log("|---|---:|---:|");
for (const [k, t] of rows(fnTotals).slice(0, TOP)) console.log(`| \`${k.trim()}\` | ${((100 * t) / total).toFixed(1)}% | ${perCall(t)} |`);
