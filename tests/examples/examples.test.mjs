// The README's "Production" examples (examples/production-*.mjs), run verbatim against the bundled
// mock: the Node ones as child processes inside the installed-package project (so `aliyun-idv`
// resolves as it would for a user), the Worker inside workerd (miniflare). Also: the README shows
// each example file exactly.
//
// The examples use createClient's issue-14 options (credentials, limits, hooks, { signal }), which
// pkg-template/client.js wires in (options.js, credentials.js, limits.js, hooks.js): every run
// below runs, none is skipped.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { startMock } from "../../tools/mock-cloudauth/server.mjs";

const run = promisify(execFile);
const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const { createClient } = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);
const example = (name) => new URL(`../../examples/${name}`, import.meta.url);
const EXAMPLES = ["production-node.mjs", "production-provider.mjs", "production-worker.mjs"];

test("createClient refuses an unknown option (the examples' options are really read)", () => {
  assert.throws(() => createClient({ accessKeyId: "a", accessKeySecret: "b", notAnOption: true }), (e) => e && e.code === "INVALID_OPTION" && e.field === "notAnOption");
});

let mock;
let home;
before(async () => {
  mock = await startMock();
  home = mkdtempSync(join(tmpdir(), "aliyun-idv-home-")); // no ~/.aliyun/config.json
  for (const name of EXAMPLES) copyFileSync(example(name), join(project, name));
});
after(() => {
  mock?.close();
  rmSync(home, { recursive: true, force: true });
});

/** Runs an example in the installed-package project with only the given environment. */
async function node(name, env) {
  const { stdout } = await run(process.execPath, [name], {
    cwd: project,
    env: { PATH: process.env.PATH, HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIYUN_IDV_ENDPOINT: mock.url, ...env },
    timeout: 60_000,
  });
  return stdout.trim().split("\n");
}

test("the README shows every production example exactly as the file", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  for (const name of EXAMPLES) {
    const text = readFileSync(example(name), "utf8");
    assert.ok(readme.includes("```js\n" + text + "```"), `README.md shows examples/${name} verbatim`);
  }
});

test("production-node.mjs: the chain finds the environment's key, limits and hooks log masked events", async () => {
  mock.reset();
  const lines = await node("production-node.mjs", { ALIBABA_CLOUD_ACCESS_KEY_ID: "mock-ak-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "mock-ak-secret" });
  const events = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
  const results = lines.filter((l) => !l.startsWith("{"));
  assert.deepEqual(results, ["match 101 billed=true attempts=1", "mismatch 203 billed=true attempts=1", "not_found 301 billed=false attempts=1"]);
  assert.equal(events.filter((e) => e.type === "request").length, 3);
  assert.equal(events.filter((e) => e.type === "response").length, 3);
  for (const e of events.filter((e) => e.type === "response")) {
    assert.equal(e.httpStatus, 200);
    assert.equal(e.code, "Success");
    assert.match(e.requestId, /\S/);
    assert.equal(typeof e.durationMs, "number");
  }
  const text = lines.join("\n");
  for (const secret of ["mock-ak-secret", "110105199003070316", "13900000001", "张三"]) assert.ok(!text.includes(secret), secret);
  assert.ok(text.includes("110105********0316"));
  assert.equal(mock.stats.total, 3);
});

test("production-provider.mjs: STS credentials from the caller's function", async () => {
  mock.reset();
  // Valid for an hour from now on the example's own clock (the process it runs in).
  const sts = { AccessKeyId: "STS.mock-ak-id", AccessKeySecret: "mock-sts-secret", SecurityToken: "mock-security-token", Expiration: new Date(Date.now() + 3600_000).toISOString() };
  assert.deepEqual(await node("production-provider.mjs", { IDV_STS_JSON: JSON.stringify(sts) }), ["match billed=true"]);
});

test("production-worker.mjs: credentials from the Worker's bindings, inside workerd", async () => {
  const { Miniflare } = await import("miniflare");
  const { bundleWorker } = await import("../workerd/bundle.mjs");
  const { script, wasmModules } = await bundleWorker(join(project, "production-worker.mjs"));
  const mf = new Miniflare({
    host: "127.0.0.1",
    compatibilityDate: "2026-04-01",
    modulesRoot: project,
    modules: [
      { type: "ESModule", path: join(project, "production-worker.js"), contents: script },
      ...[...wasmModules].map(([name, bytes]) => ({ type: "CompiledWasm", path: join(project, name), contents: bytes })),
    ],
    bindings: { ALIYUN_IDV_ENDPOINT: mock.url, ALIBABA_CLOUD_ACCESS_KEY_ID: "mock-ak-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "mock-ak-secret" },
  });
  try {
    const res = await mf.dispatchFetch("http://localhost/", { method: "POST", body: JSON.stringify({ idNumber: "110105199003070316", name: "李四" }) });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.verdict, "mismatch");
    assert.equal(body.billed, true);
  } finally {
    await mf.dispose();
  }
});
