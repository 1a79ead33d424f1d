// Reads the signing cases back from their folders (written by scripts/split-vectors.mjs) into case
// objects of the schema of tests/data/signing.json, sorted by id. Used by the package tests
// (tests/package/wire.test.mjs) and the mock's tests (tools/mock-cloudauth/mock.test.mjs), so that
// every consumer reads the same files. Node built-ins only.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** The case folders under `root` (default: this folder): those with a request.json. */
export function caseDirs(root = HERE) {
  return readdirSync(root)
    .filter((f) => {
      try {
        return statSync(join(root, f, "request.json")).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

/** One case: request.json plus, per signature version folder, each stage file. */
export function loadCase(dir) {
  const c = JSON.parse(readFileSync(join(dir, "request.json"), "utf8"));
  for (const version of readdirSync(dir).filter((f) => /^v\d+$/.test(f)).sort()) {
    const stages = {};
    for (const f of readdirSync(join(dir, version)).sort()) {
      const text = readFileSync(join(dir, version, f), "utf8");
      if (f.endsWith(".txt")) stages[f.slice(0, -4)] = text;
      else if (f.endsWith(".json")) stages[f.slice(0, -5)] = JSON.parse(text);
    }
    c[version] = stages;
  }
  return c;
}

/** Every case under `root`, sorted by folder name. */
export function loadSigningCases(root = HERE) {
  return caseDirs(root).map((d) => loadCase(join(root, d)));
}
