#!/usr/bin/env node
// Splits a signing-vectors file (the schema of tests/data/signing.json: `{ cases: [...] }`) into one
// folder per case, so that a failure names its case and stage and a diff shows one string:
//
//   <outdir>/<case id>/request.json        the request description: every member of the case but
//                                           the signature versions (id, action, host, method,
//                                           credentials, timestamp, nonce, params, ...)
//   <outdir>/<case id>/<vN>/<stage>.txt    each string of signature version vN, byte for byte
//                                           (no newline added): canonical_request, string_to_sign,
//                                           signature, authorization, ...
//   <outdir>/<case id>/<vN>/<stage>.json   each non-string member of vN (request, signed_params, ...)
//
// Schema-driven: a signature version is any member named v<digits> whose value is an object, and
// every member of it becomes a file, whatever its name. Other cases' folders in <outdir> are left
// alone, so several files (signing.json, family-signing.json) can be split into the same folder.
//
//   node scripts/split-vectors.mjs <cases.json> <outdir>           write the folders
//   node scripts/split-vectors.mjs --check <cases.json> <outdir>   exit 1 unless they are current
//
// tests/data/signing/load.mjs reads the folders back into case objects of the same schema.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const VERSION = /^v\d+$/;
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function usage(message) {
  console.error(`split-vectors: ${message}\nusage: node scripts/split-vectors.mjs [--check] <cases.json> <outdir>`);
  process.exit(2);
}

const args = process.argv.slice(2);
const check = args[0] === "--check";
if (check) args.shift();
if (args.length !== 2) usage("expected <cases.json> <outdir>");
const [input, outdir] = args;

let doc;
try {
  doc = JSON.parse(readFileSync(input, "utf8"));
} catch (e) {
  usage(`${input}: ${e.message}`);
}
if (!doc || !Array.isArray(doc.cases)) usage(`${input}: no "cases" array`);

const json = (v) => JSON.stringify(v, null, 2) + "\n";
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** The files of one case: relative path -> exact content. */
function filesOf(c) {
  if (!isObject(c) || typeof c.id !== "string" || !SAFE.test(c.id)) usage(`a case without a usable id: ${JSON.stringify(c?.id)}`);
  const files = new Map();
  const request = {};
  for (const [key, value] of Object.entries(c)) {
    if (VERSION.test(key) && isObject(value)) {
      for (const [stage, v] of Object.entries(value)) {
        if (!SAFE.test(stage)) usage(`${c.id}: stage name ${JSON.stringify(stage)}`);
        if (typeof v === "string") files.set(`${key}/${stage}.txt`, v);
        else files.set(`${key}/${stage}.json`, json(v));
      }
    } else {
      request[key] = value;
    }
  }
  files.set("request.json", json(request));
  return files;
}

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? listFiles(p, base) : [relative(base, p).split("\\").join("/")];
  });
}

const ids = new Set();
const problems = [];
let written = 0;
for (const c of doc.cases) {
  const files = filesOf(c);
  if (ids.has(c.id)) usage(`duplicate case id ${c.id}`);
  ids.add(c.id);
  const dir = join(outdir, c.id);
  if (check) {
    for (const [rel, content] of files) {
      const p = join(dir, rel);
      if (!existsSync(p)) problems.push(`${c.id}/${rel}: missing`);
      else if (readFileSync(p, "utf8") !== content) problems.push(`${c.id}/${rel}: differs from ${input}`);
    }
    for (const rel of listFiles(dir)) if (!files.has(rel)) problems.push(`${c.id}/${rel}: not in ${input}`);
  } else {
    rmSync(dir, { recursive: true, force: true });
    for (const [rel, content] of files) {
      const p = join(dir, rel);
      mkdirSync(join(p, ".."), { recursive: true });
      writeFileSync(p, content);
      written++;
    }
  }
}

if (check) {
  if (problems.length) {
    console.error(`split-vectors: ${outdir} is not current with ${input} (run: node scripts/split-vectors.mjs ${input} ${outdir}):\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`split-vectors: ${ids.size} cases of ${input} are current in ${outdir}`);
} else {
  console.log(`split-vectors: ${ids.size} cases, ${written} files written to ${outdir}`);
}
