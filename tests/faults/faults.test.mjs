// The fault-injection suite: Node's real fetch -> a misbehaving proxy (proxy.mjs) -> the local mock,
// which refuses a repeated nonce and counts what it billed per nonce. For every scenario and both
// signature versions: at most one bill per client call, and the exact outcome the caller gets.
// Writes the table (scenario x version -> bills, attempts, outcome) to build/faults-table.md.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startMock } from "../../tools/mock-cloudauth/server.mjs";
import { startProxy, FAULT_SCENARIOS } from "./proxy.mjs";

const project = readFileSync(new URL("../../build/pkgtest-dir", import.meta.url), "utf8").trim();
const lib = await import(pathToFileURL(join(project, "node_modules", "aliyun-idv", "node.mjs")).href);
const { createClient, __wasmMemoryBytes } = lib;

const PERSON = { idNumber: "110105199003070316", name: "张三" };
const T0 = Date.UTC(2026, 5, 1, 4, 0, 0);
const clock = { t: T0 };
let mock, proxy, closedPort;
const rows = [];

before(async () => {
  mock = await startMock({ now: () => new Date(clock.t) });
  proxy = await startProxy(mock.url);
  const closed = http.createServer();
  await new Promise((r) => closed.listen(0, "127.0.0.1", r));
  closedPort = closed.address().port;
  await new Promise((r) => closed.close(r));
});
after(async () => {
  await proxy?.close();
  await mock?.close();
  mkdirSync(new URL("../../build/", import.meta.url), { recursive: true });
  const lines = [
    "| scenario | v3 bills | v3 attempts | v3 outcome | v1 bills | v1 attempts | v1 outcome |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const s of FAULT_SCENARIOS) {
    const v3 = rows.find((r) => r.scenario === s.name && r.version === "v3");
    const v1 = rows.find((r) => r.scenario === s.name && r.version === "v1");
    const cell = (r) => (r ? `${r.bills} | ${r.attempts} | ${r.outcome}` : "- | - | -");
    lines.push(`| ${s.name} | ${cell(v3)} | ${cell(v1)} |`);
  }
  const table = lines.join("\n") + "\n";
  writeFileSync(new URL("../../build/faults-table.md", import.meta.url), table);
  console.log("\n" + table);
});

/** What the caller got, as one string: the verdict, `answer_lost:<reason>`, or the error code. */
function outcomeOf(r) {
  if (r instanceof Error) return r.code;
  if (r.errorKind === "answer_lost") return `answer_lost:${r.lostReason}`;
  return r.verdict === "error" ? `error:${r.errorKind}` : r.verdict;
}

for (const signatureVersion of ["v3", "v1"]) {
  for (const s of FAULT_SCENARIOS) {
    test(`${s.name} (${signatureVersion})`, { timeout: 30000 }, async () => {
      mock.reset();
      clock.t = T0;
      proxy.setPlan(s.plan ?? [], s.always ?? null);
      if (s.mockMode) mock.setMode(s.mockMode);
      const endpoint = s.refused ? `http://127.0.0.1:${closedPort}` : proxy.url;
      const client = createClient({
        accessKeyId: "mock-ak-id",
        accessKeySecret: "mock-ak-secret",
        signatureVersion,
        endpoint,
        retries: 2,
        timeoutMs: 1500, // generous: a loaded machine must not turn a slow pass-through into a resend
        now: () => clock.t,
        sleep: async (ms) => {
          clock.t += ms;
        },
      });
      const wasmBefore = __wasmMemoryBytes();
      const r = await client.id2MetaVerifyIntl(PERSON).catch((e) => e);
      const outcome = outcomeOf(r);
      const bills = mock.stats.billed;
      rows.push({ scenario: s.name, version: signatureVersion, bills, attempts: r.attempts, outcome });
      assert.ok(bills <= 1, `at most one bill per call (${bills})`);
      assert.equal(outcome, s.expect.outcome, JSON.stringify({ ...r, description: undefined }));
      assert.equal(r.attempts, s.expect.attempts);
      assert.equal(bills, s.expect.bills);
      if (r.nonce) assert.equal(mock.billsFor(r.nonce), bills, "the bill is the call's own nonce");
      if (outcome.startsWith("answer_lost")) {
        assert.equal(r.billed, null, "may have been billed: billed is not false");
        assert.equal(r.retryable, false);
        assert.equal(typeof r.nonce, "string");
      }
      if (s.name === "100 MB answer") {
        assert.ok(__wasmMemoryBytes() - wasmBefore < 4 * 1024 * 1024, "the 100 MB answer never reached WebAssembly");
      }
    });
  }
}

test("the 100 MB answer: wasm memory before and after (recorded in build/faults-memory.txt)", { timeout: 60000 }, async () => {
  mock.reset();
  clock.t = T0;
  const client = createClient({ accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret", endpoint: proxy.url, retries: 0, timeoutMs: 5000, now: () => clock.t });
  const before = __wasmMemoryBytes();
  const rssBefore = process.memoryUsage().rss;
  for (let i = 0; i < 3; i++) {
    proxy.setPlan(["huge_body"]);
    const r = await client.id2MetaVerifyIntl(PERSON);
    assert.equal(r.failure, "body_too_large");
    mock.reset();
  }
  const after = __wasmMemoryBytes();
  const rssAfter = process.memoryUsage().rss;
  assert.equal(after, before, "no growth of the instance's memory");
  writeFileSync(
    new URL("../../build/faults-memory.txt", import.meta.url),
    `three 100 MB answers: wasm memory ${before} -> ${after} bytes; process RSS ${(rssBefore / 2 ** 20).toFixed(1)} -> ${(rssAfter / 2 ** 20).toFixed(1)} MB\n`,
  );
});

test("abort while the answer's body stalls: ABORTED at once, billed unknown, nothing sent after", { timeout: 30000 }, async () => {
  mock.reset();
  clock.t = T0;
  proxy.setPlan(["stall_body"]);
  const controller = new AbortController();
  const client = createClient({ accessKeyId: "mock-ak-id", accessKeySecret: "mock-ak-secret", endpoint: proxy.url, timeoutMs: 20000, now: () => clock.t });
  const p = client.id2MetaVerifyIntl(PERSON, { signal: controller.signal });
  while (mock.stats.billed === 0) await new Promise((r) => setTimeout(r, 10));
  controller.abort();
  await assert.rejects(p, (e) => e.code === "ABORTED" && e.billed === null && e.attempts === 1);
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(proxy.seen, ["stall_body"], "nothing sent after the abort");
  assert.equal(mock.stats.billed, 1);
});
