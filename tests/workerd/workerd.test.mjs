// The installed package inside a real Cloudflare Workers runtime (workerd, through miniflare),
// on loopback.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { bundleWorker } from "./bundle.mjs";
import { mismatches } from "../package/run-cases.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
copyFileSync(new URL("./worker.mjs", import.meta.url), join(project, "worker.mjs"));
const { cases } = JSON.parse(readFileSync(join(project, "cases.json"), "utf8"));

const { script, wasmModules } = await bundleWorker(join(project, "worker.mjs"));
const mf = new Miniflare({
  host: "127.0.0.1",
  compatibilityDate: "2026-04-01",
  modulesRoot: project,
  modules: [
    { type: "ESModule", path: join(project, "worker.js"), contents: script },
    ...[...wasmModules].map(([name, bytes]) => ({ type: "CompiledWasm", path: join(project, name), contents: bytes })),
  ],
});
after(() => mf.dispose());

test("the bundle uses the workerd entry: a wasm module import, no Node APIs, no runtime compilation", () => {
  assert.deepEqual([...wasmModules.keys()], ["aliyun_idv_bg.wasm"]);
  assert.match(script, /from "\.\/aliyun_idv_bg\.wasm"/);
  assert.doesNotMatch(script, /node:fs|readFileSync/);
});

test("shared cases inside workerd", async () => {
  const res = await mf.dispatchFetch("http://localhost/");
  assert.equal(res.status, 200, await res.clone().text());
  const { outcomes } = await res.json();
  assert.deepEqual(mismatches(cases, outcomes), []);
});
