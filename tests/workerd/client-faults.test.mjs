// A subset of the fault suite (tests/faults/) inside workerd: createClient in a Worker (miniflare,
// workerd's own fetch) -> the fault proxy -> the mock. At most one bill per call, and the outcome.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { bundleWorker } from "./bundle.mjs";
import { startMock } from "../../tools/mock-cloudauth/server.mjs";
import { startProxy, FAULT_SCENARIOS } from "../faults/proxy.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const NOW = Date.UTC(2026, 5, 1, 4, 0, 0);
const SUBSET = ["pass through", "reset after forwarding", "504 HTML after forwarding", "delivered twice", "truncated body, then reset", "answer stalls", "throttled (not billed)"];
let mock, proxy, mf;

before(async () => {
  mock = await startMock({ now: () => new Date(NOW) });
  proxy = await startProxy(mock.url);
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
  await proxy?.close();
  await mock?.close();
});

const person = { label: "fault", action: "Id2MetaVerifyIntl", input: { idNumber: "110105199003070316", name: "张三" } };

for (const name of SUBSET) {
  const s = FAULT_SCENARIOS.find((x) => x.name === name);
  test(`workerd: ${name}`, { timeout: 30000 }, async () => {
    mock.reset();
    proxy.setPlan(s.plan ?? [], s.always ?? null);
    if (s.mockMode) mock.setMode(s.mockMode);
    const res = await mf.dispatchFetch("http://localhost/", {
      method: "POST",
      body: JSON.stringify({ now: NOW, scenarios: [person], endpoint: proxy.url, timeoutMs: 1500, retries: 2 }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const [r] = (await res.json()).out;
    const outcome = r.error ?? (r.errorKind === "answer_lost" ? `answer_lost:${r.lostReason}` : r.verdict);
    assert.ok(mock.stats.billed <= 1, "at most one bill per call");
    assert.equal(outcome, s.expect.outcome, JSON.stringify(r));
    assert.equal(r.attempts, s.expect.attempts, JSON.stringify(r));
    assert.equal(mock.stats.billed, s.expect.bills);
    if (r.nonce) assert.equal(mock.billsFor(r.nonce), s.expect.bills);
  });
}
