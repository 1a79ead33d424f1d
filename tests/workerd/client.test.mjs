// createClient inside workerd (through miniflare), calling the local mock on loopback. The worker
// and the mock share a fixed clock (NOW): nothing here expires with the real date.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { bundleWorker } from "./bundle.mjs";
import { startMock, scenarios } from "../../tools/mock-cloudauth/server.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const NOW = Date.UTC(2026, 5, 1, 4, 0, 0);
let mock, mf;

before(async () => {
  mock = await startMock({ now: () => new Date(NOW) });
  copyFileSync(new URL("./client-worker.mjs", import.meta.url), join(project, "client-worker.mjs"));
  const { script, wasmModules } = await bundleWorker(join(project, "client-worker.mjs"));
  mf = new Miniflare({
    host: "127.0.0.1",
    compatibilityDate: "2026-04-01",
    modulesRoot: project,
    modules: [
      { type: "ESModule", path: join(project, "client-worker.js"), contents: script },
      ...[...wasmModules].map(([name, bytes]) => ({ type: "CompiledWasm", path: join(project, name), contents: bytes })),
    ],
    bindings: { MOCK_URL: mock.url, ACCESS_KEY_ID: "mock-ak-id", ACCESS_KEY_SECRET: "mock-ak-secret" },
  });
});
after(async () => {
  await mf?.dispose();
  mock?.close();
});

async function run(body) {
  const res = await mf.dispatchFetch("http://localhost/", { method: "POST", body: JSON.stringify({ now: NOW, ...body }) });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).out;
}

for (const signatureVersion of ["v3", "v1"]) {
  test(`every synthetic person through createClient in workerd (${signatureVersion})`, async () => {
    const covered = scenarios.filter((s) => ["Id2MetaVerifyIntl", "Mobile3MetaVerifyIntl", "Id2MetaPeriodVerifyIntl", "Id2MetaVerify"].includes(s.action));
    const out = await run({ scenarios: covered, signatureVersion });
    assert.equal(out.length, covered.length);
    covered.forEach((s, i) => {
      assert.equal(out[i].verdict, s.expect.verdict, `${s.label}: ${JSON.stringify(out[i])}`);
      if (s.expect.subCode) assert.equal(out[i].subCode, s.expect.subCode, s.label);
    });
  });
}

test("retries and validation inside workerd", async () => {
  mock.reset();
  mock.setMode({ throttle: 1, retryAfterMs: 1 });
  const person = { label: "retry", action: "Id2MetaVerifyIntl", input: { idNumber: "110105199003070316", name: "张三" } };
  const typo = { label: "typo", action: "Id2MetaVerifyIntl", input: { idNumber: "110105199003070317", name: "张三" } };
  const [retried, refused] = await run({ scenarios: [person, typo] });
  assert.equal(retried.verdict, "match");
  assert.equal(retried.attempts, 2);
  assert.equal(refused.error, "ID_CHECKSUM");
  assert.equal(mock.stats.total, 2, "the typo never reached the mock");
});
