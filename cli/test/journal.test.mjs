// The journal of `verify`, in-process, against a client implementing the contract
// (contract-client.mjs) over an in-memory service with a fixed clock (fake-service.mjs). A "crash"
// freezes the run at a chosen point (before the request leaves, or after the service processed it
// and before the answer is back): nothing of that run happens afterwards, as after a SIGKILL; then a
// new run resumes from the same journal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { Writable } from "node:stream";
import * as idv from "aliyun-idv";
import { runVerify } from "../src/verify.mjs";
import { openJournal } from "../src/journal.mjs";
import { createClient as contractClient } from "./contract-client.mjs";
import { createFakeService } from "./fake-service.mjs";
import { person, prng } from "./fixtures/generate.mjs";
import { TODAY, tempDir } from "./helpers.mjs";

const SECRET = "test-secret-0123456789";
const AK = "test-ak-id";
const never = new Promise(() => {});
let runs = 0;

function clockAt(iso) {
  let t = Date.parse(iso);
  const clock = () => new Date(t);
  clock.advance = (ms) => (t += ms);
  return clock;
}

/** A CSV of `n` synthetic people with a few invalid rows between them; returns { csv, valid } */
function people(n, seed) {
  const rand = prng(seed);
  const lines = ["id,name"];
  const valid = [];
  for (let i = 0; i < n; i++) {
    const p = person(rand);
    if (i % 9 === 4) lines.push(`${p.idNumber.slice(0, 17)}${p.idNumber[17] === "0" ? "1" : "0"},${p.name}`);
    else {
      lines.push(`${p.idNumber},${p.name}`);
      valid.push({ row: i + 1, person: `${p.idNumber}|${p.name}` });
    }
  }
  return { csv: lines.join("\n") + "\n", valid, rows: n };
}

function collector() {
  let text = "";
  const stream = new Writable({
    write(chunk, _e, cb) {
      text += chunk;
      cb();
    },
  });
  stream.lines = () => text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  return stream;
}
const sink = new Writable({ write: (_c, _e, cb) => cb() });

/**
 * One run of verify. crash = { at, kind: "before" | "after" } freezes the run at the at-th fetch.
 * Returns { crashed } or { crashed: false, result, lines }.
 */
async function runOnce({ file, journal, service, clock, crash, options = {}, clientOptions = {}, wrapClient }) {
  let dead = false;
  let die;
  const died = new Promise((resolve) => (die = resolve));
  let fetches = 0;
  const fetch = async (url, init) => {
    if (dead) return never;
    fetches++;
    if (crash && fetches === crash.at) {
      if (crash.kind === "after") await service.fetch(url, init); // processed; the answer dies with the process
      dead = true;
      die();
      return never;
    }
    return service.fetch(url, init);
  };
  const createClient = (o) => {
    let c = contractClient({
      ...o,
      accessKeyId: AK,
      accessKeySecret: SECRET,
      fetch,
      now: clock,
      beforeSend: async (info) => {
        if (dead) await never;
        return o.beforeSend(info);
      },
      ...clientOptions,
    });
    if (wrapClient) c = wrapClient(c);
    const frozen = {};
    for (const k of Object.keys(c)) {
      frozen[k] = async (...a) => {
        try {
          const r = await c[k](...a);
          if (dead) await never;
          return r;
        } catch (e) {
          if (dead) await never;
          throw e;
        }
      };
    }
    return frozen;
  };
  const out = collector();
  const p = runVerify(
    { idv, createClient },
    file,
    // Each run's lock names a pid above any pid_max: the lock of a "crashed" run is then that of a
    // process that is gone, as after a real SIGKILL (this process itself is still alive).
    { action: "Id2MetaVerifyIntl", journal, qps: 1e6, maxConcurrency: 4, today: TODAY, secrets: [SECRET], progress: false, lockPid: 2 ** 30 + ++runs, ...options },
    { stdout: out, stderr: sink },
  );
  const r = await Promise.race([p.then((result) => ({ crashed: false, result })), died.then(() => ({ crashed: true }))]);
  if (!r.crashed) r.lines = out.lines();
  return r;
}

function journalRecords(path) {
  return readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

/** The invariants of a finished file: one outcome per row, at most one processed request and one nonce per person. */
function assertAtMostOnce(data, lines, service, journalPath) {
  const byRow = new Map();
  for (const l of lines) {
    assert.ok(!byRow.has(l.row), `row ${l.row} has one result line, not two`);
    byRow.set(l.row, l);
  }
  for (let row = 1; row <= data.rows; row++) assert.ok(byRow.has(row), `row ${row} has a result (no row lost)`);
  const outcomes = new Map();
  for (const rec of journalRecords(journalPath)) {
    if (rec.type !== "outcome") continue;
    assert.ok(!outcomes.has(rec.row), `row ${rec.row}: one outcome in the journal`);
    outcomes.set(rec.row, rec);
  }
  for (const { row, person: who } of data.valid) {
    const processed = service.processedByPerson.get(who) ?? 0;
    const nonces = service.noncesByPerson.get(who)?.size ?? 0;
    assert.ok(processed <= 1, `row ${row} processed (billed) ${processed} times`);
    assert.ok(nonces <= 1, `row ${row} was signed afresh: ${nonces} nonces reached the service`);
    assert.ok(outcomes.has(row), `row ${row} has its outcome in the journal`);
    const line = byRow.get(row);
    if (line.errorKind === "answer_lost") {
      assert.notEqual(line.billed, false, "answer_lost never says not billed");
    } else {
      assert.equal(processed, 1, `row ${row} has a real verdict (${line.verdict}), so the service processed it once`);
      assert.ok(["match", "mismatch"].includes(line.verdict));
    }
  }
}

test("a clean run: one result per row, each send journalled before its outcome, owner-only, no secret", async (t) => {
  const tmp = tempDir(t);
  const data = people(30, 1);
  const file = tmp.file("in.csv", data.csv);
  const journal = tmp.path("in.journal");
  const clock = clockAt("2026-11-22T02:00:00Z");
  const service = createFakeService(clock);
  const r = await runOnce({ file, journal, service, clock });
  assert.equal(r.result.exitCode, 0);
  assertAtMostOnce(data, r.lines, service, journal);
  assert.equal(r.result.summary.invalid, data.rows - data.valid.length);
  assert.equal(statSync(journal).mode & 0o777, 0o600);
  const text = readFileSync(journal, "utf8");
  assert.ok(!text.includes(SECRET), "the secret is never journalled");
  assert.ok(text.includes(`Credential=${AK}`), "the signed request (with the AccessKeyId) is");
  const recs = journalRecords(journal);
  assert.equal(recs[0].type, "journal");
  assert.equal(recs[0].action, "Id2MetaVerifyIntl");
  const sentAt = new Map();
  recs.forEach((rec, i) => {
    if (rec.type === "send") sentAt.set(rec.row, i);
    if (rec.type === "outcome") assert.ok(sentAt.get(rec.row) < i, `row ${rec.row}: its send record precedes its outcome`);
  });
  for (const l of r.lines) assert.doesNotMatch(JSON.stringify(l), /\d{17}[\dX]/, "results hold masked inputs only");
  const invalid = r.lines.find((l) => l.verdict === "invalid");
  assert.deepEqual(invalid.errors, [{ field: "idNumber", code: "ID_CHECKSUM" }]);
  assert.equal(service.received, data.valid.length, "one request per valid row, none for invalid rows");

  // Run again: everything is done; nothing is sent; the output holds every row again.
  const again = await runOnce({ file, journal, service, clock });
  assert.equal(again.result.exitCode, 0);
  assert.equal(again.result.summary.earlier, data.valid.length);
  assert.equal(service.received, data.valid.length);
  assertAtMostOnce(data, again.lines, service, journal);
});

test("killed at 30 random points (before a request leaves, or after the service processed it), resumed: every row once, never billed twice", async (t) => {
  for (let seed = 1; seed <= 30; seed++) {
    const tmp = tempDir(t);
    const data = people(24, 100 + seed);
    const file = tmp.file("in.csv", data.csv);
    const journal = tmp.path("j");
    const clock = clockAt("2026-11-22T02:00:00Z");
    const service = createFakeService(clock);
    const rand = prng(seed);
    let crashes = 0;
    for (let i = 0; i < 3; i++) {
      const crash = { at: 1 + Math.floor(rand() * data.valid.length), kind: rand() < 0.5 ? "before" : "after" };
      const r = await runOnce({ file, journal, service, clock, crash });
      if (r.crashed) crashes++;
      clock.advance(5000);
    }
    const last = await runOnce({ file, journal, service, clock });
    assert.equal(last.result.exitCode, 0, `seed ${seed}`);
    assert.equal(last.result.summary.pending, 0);
    assertAtMostOnce(data, last.lines, service, journal);
    assert.ok(crashes >= 1, `seed ${seed}: at least one run was killed`);
  }
});

test("resumed inside the window: an undelivered request is resent byte-identical and verified; a delivered one ends answer_lost, billed once", async (t) => {
  for (const kind of ["before", "after"]) {
    const tmp = tempDir(t);
    const data = people(3, 7);
    const file = tmp.file("in.csv", data.csv);
    const journal = tmp.path("j");
    const clock = clockAt("2026-11-22T02:00:00Z");
    const service = createFakeService(clock);
    const r = await runOnce({ file, journal, service, clock, crash: { at: 1, kind }, options: { maxConcurrency: 1 } });
    assert.ok(r.crashed);
    const sent = journalRecords(journal).filter((x) => x.type === "send");
    assert.equal(sent.length, 1);
    clock.advance(10 * 60 * 1000); // 10 minutes: still inside the 15-minute window
    const last = await runOnce({ file, journal, service, clock, options: { maxConcurrency: 1 } });
    const line = last.lines.find((l) => l.row === 1);
    const resends = journalRecords(journal).filter((x) => x.type === "send" && x.row === 1);
    assert.equal(resends.length, 2, "the resend was journalled too");
    assert.equal(resends[1].nonce, resends[0].nonce);
    assert.deepEqual(resends[1].request, resends[0].request, "byte-identical: same URL, headers, body");
    assert.equal(resends[1].resend, true);
    assert.equal(service.processedByPerson.get(data.valid[0].person), 1);
    if (kind === "before") {
      assert.equal(line.verdict === "match" || line.verdict === "mismatch", true, `the real verdict: ${JSON.stringify(line)}`);
      assert.equal(line.resumed, true);
    } else {
      assert.equal(line.errorKind, "answer_lost");
      assert.equal(line.verdict, "error");
      assert.notEqual(line.billed, false);
    }
    assertAtMostOnce(data, last.lines, service, journal);
  }
});

test("resumed beyond the window: answer_lost without sending, never signed afresh", async (t) => {
  const tmp = tempDir(t);
  const data = people(3, 8);
  const file = tmp.file("in.csv", data.csv);
  const journal = tmp.path("j");
  const clock = clockAt("2026-11-22T02:00:00Z");
  const service = createFakeService(clock);
  await runOnce({ file, journal, service, clock, crash: { at: 1, kind: "before" }, options: { maxConcurrency: 1 } });
  clock.advance(20 * 60 * 1000);
  const received = service.received;
  const last = await runOnce({ file, journal, service, clock, options: { maxConcurrency: 1 } });
  const line = last.lines.find((l) => l.row === 1);
  assert.equal(line.errorKind, "answer_lost");
  assert.equal(service.noncesByPerson.get(data.valid[0].person), undefined, "the row's request never reached the service, and no fresh one was signed");
  assert.equal(service.received, received + data.valid.length - 1, "only the other rows were sent");
  assertAtMostOnce(data, last.lines, service, journal);
});

test("a torn last line (killed mid-write) is dropped; a damaged line elsewhere, a foreign file, another action, a changed input are refused", async (t) => {
  const tmp = tempDir(t);
  const data = people(6, 9);
  const file = tmp.file("in.csv", data.csv);
  const journal = tmp.path("j");
  const clock = clockAt("2026-11-22T02:00:00Z");
  const service = createFakeService(clock);
  await runOnce({ file, journal, service, clock, crash: { at: 3, kind: "after" }, options: { maxConcurrency: 1 } });
  appendFileSync(journal, '{"type":"send","row":4,"key":1,"request":{"met');
  const last = await runOnce({ file, journal, service, clock, options: { maxConcurrency: 1 } });
  assert.equal(last.result.exitCode, 0);
  assertAtMostOnce(data, last.lines, service, journal);
  for (const line of readFileSync(journal, "utf8").split("\n").filter(Boolean)) JSON.parse(line);

  const refuse = async (path, code, opts = {}) => {
    await assert.rejects(openJournal(path, { action: "Id2MetaVerifyIntl", ...opts }), (e) => e.code === code);
  };
  const damaged = tmp.file("damaged", readFileSync(journal, "utf8").replace('"type":"outcome"', '"type":"outc\u0000'.replace("\u0000", '"x')));
  await refuse(damaged, "JOURNAL_CORRUPT");
  await refuse(tmp.file("foreign", "name,id\n"), "JOURNAL_FOREIGN");
  await refuse(journal, "JOURNAL_ACTION", { action: "Mobile3MetaVerifyIntl" });
  assert.equal(readFileSync(tmp.path("foreign"), "utf8"), "name,id\n", "a foreign file is left as it was");

  writeFileSync(file, data.csv.replace(/\n([^,\n]+),/, "\n$1,王"));
  await assert.rejects(runOnce({ file, journal, service, clock }), (e) => e.code === "JOURNAL_MISMATCH" && /input file changed/.test(e.message));
  // A row that was verified and is now invalid (its ID number edited) is a changed file too.
  writeFileSync(file, data.csv.replace(/\n(\d{17})[\dX],/, (_m, body) => `\n${body}${"0123456789X".replace(_m[18], "")[0]},`));
  await assert.rejects(runOnce({ file, journal, service, clock }), (e) => e.code === "JOURNAL_MISMATCH");
});

test("the journal is made owner-only even when the file existed with wider permissions", async (t) => {
  const tmp = tempDir(t);
  const path = tmp.file("j", "");
  chmodSync(path, 0o644);
  const j = await openJournal(path, { action: "Id2MetaVerifyIntl" });
  j.close();
  assert.equal(statSync(path).mode & 0o777, 0o600);
});

test("a request holding the secret is never journalled nor sent: the run stops", async (t) => {
  const tmp = tempDir(t);
  const data = people(4, 10);
  const clock = clockAt("2026-11-22T02:00:00Z");
  // A broken client whose beforeSend info carries the secret in a header.
  const tmp2 = tempDir(t);
  const file2 = tmp2.file("in.csv", data.csv);
  const journal2 = tmp2.path("j");
  const service2 = createFakeService(clock);
  const createClient = (o) =>
    contractClient({
      ...o, accessKeyId: AK, accessKeySecret: SECRET, fetch: service2.fetch, now: clock,
      beforeSend: (info) => o.beforeSend({ ...info, request: { ...info.request, headers: { ...info.request.headers, "x-debug": SECRET } } }),
    });
  await assert.rejects(
    runVerify({ idv, createClient }, file2, { action: "Id2MetaVerifyIntl", journal: journal2, qps: 1e6, maxConcurrency: 1, today: TODAY, secrets: [SECRET], progress: false }, { stdout: sink, stderr: sink }),
    (e) => e.code === "BEFORE_SEND_FAILED",
  );
  assert.equal(service2.received, 0, "nothing was sent");
  assert.ok(!readFileSync(journal2, "utf8").includes(SECRET));
});

test("stop (Ctrl-C): the calls in flight finish and are recorded, queued ones are not sent; a new run finishes the file", async (t) => {
  const tmp = tempDir(t);
  const data = people(20, 11);
  const file = tmp.file("in.csv", data.csv);
  const journal = tmp.path("j");
  const clock = clockAt("2026-11-22T02:00:00Z");
  const service = createFakeService(clock);
  const stop = new AbortController();
  let sends = 0;
  // Hold every answer a little, and press Ctrl-C once the 5th request has left.
  const slowFetch = async (url, init) => {
    sends++;
    if (sends === 5) setImmediate(() => stop.abort());
    await new Promise((resolve) => setTimeout(resolve, 20));
    return service.fetch(url, init);
  };
  const r = await runOnce({ file, journal, service, clock, clientOptions: { fetch: slowFetch }, options: { stop: stop.signal, maxConcurrency: 3 } });
  assert.equal(r.result.exitCode, 130);
  assert.equal(r.result.summary.interrupted, true);
  assert.equal(r.result.summary.pending, 0, "every request that left has its outcome");
  const outcomes = journalRecords(journal).filter((x) => x.type === "outcome").length;
  assert.equal(outcomes, service.received, "each request sent has its outcome recorded");
  assert.ok(service.received >= 5 && service.received < data.valid.length, `stopped early (${service.received} sent)`);
  const last = await runOnce({ file, journal, service, clock });
  assert.equal(last.result.exitCode, 0);
  assertAtMostOnce(data, last.lines, service, journal);
});

test("a library without the client contract is refused before any request or journal exists", async (t) => {
  const tmp = tempDir(t);
  const file = tmp.file("in.csv", people(2, 12).csv);
  const journal = tmp.path("j");
  let created = 0;
  const createClient = () => {
    created++;
    return { id2MetaVerifyIntl: async () => ({ verdict: "match" }) };
  };
  await assert.rejects(
    runVerify({ idv, createClient }, file, { action: "Id2MetaVerifyIntl", journal, today: TODAY, progress: false }, { stdout: sink, stderr: sink }),
    /no crash-safe client.*refuses to send requests it cannot journal/,
  );
  assert.equal(created, 1);
  assert.equal(existsSync(journal), false);
});

test("--qps holds even when the client has no limits of its own: no more than qps rows start in any second (simulated clock)", async (t) => {
  const tmp = tempDir(t);
  const data = people(60, 13);
  const file = tmp.file("in.csv", data.csv);
  const clock = clockAt("2026-11-22T02:00:00Z");
  const service = createFakeService(clock);
  let ms = 0;
  const sends = [];
  const createClient = (o) =>
    contractClient({
      ...o, limits: undefined, accessKeyId: AK, accessKeySecret: SECRET, now: clock,
      fetch: (url, init) => {
        sends.push(ms);
        return service.fetch(url, init);
      },
    });
  const r = await runVerify(
    { idv, createClient, now: () => ms, sleep: async (d) => { ms += d; } },
    file,
    { action: "Id2MetaVerifyIntl", journal: tmp.path("j"), qps: 10, maxConcurrency: 8, today: TODAY, progress: false },
    { stdout: sink, stderr: sink },
  );
  assert.equal(r.exitCode, 0);
  assert.equal(sends.length, data.valid.length);
  for (let i = 0; i + 10 < sends.length; i++) assert.ok(sends[i + 10] - sends[i] >= 1000, `11 sends within a second at ${sends[i]} ms`);
  assert.ok(sends.at(-1) <= (data.valid.length / 10) * 1000, "and no slower than the rate");
});

test("a call that fails after its request was journalled stays pending (exit 3, the error counted); the next run resends it and finishes", async (t) => {
  const tmp = tempDir(t);
  const data = people(8, 14);
  const file = tmp.file("in.csv", data.csv);
  const journal = tmp.path("j");
  const clock = clockAt("2026-11-22T02:00:00Z");
  const service = createFakeService(clock);
  const first = await runOnce({
    file, journal, service, clock,
    clientOptions: { fetch: async () => { throw new TypeError("fetch failed"); } },
    // as the library's client rejects a request it knows was not delivered
    wrapClient: (c) => ({
      ...c,
      id2MetaVerifyIntl: async (...a) => {
        const r = await c.id2MetaVerifyIntl(...a);
        if (r.errorKind === "answer_lost") throw Object.assign(new Error("The request could not be sent."), { code: "NETWORK_ERROR" });
        return r;
      },
    }),
  });
  assert.equal(first.result.exitCode, 3);
  assert.equal(first.result.summary.pending, data.valid.length);
  assert.deepEqual(first.result.summary.pendingErrors, { NETWORK_ERROR: data.valid.length });
  assert.equal(first.lines.filter((l) => l.verdict !== "invalid").length, 0, "no outcome was invented");
  assert.equal(service.received, 0);
  const last = await runOnce({ file, journal, service, clock });
  assert.equal(last.result.exitCode, 0);
  assert.equal(last.result.summary.resent, data.valid.length);
  assertAtMostOnce(data, last.lines, service, journal);
  assert.ok(last.lines.filter((l) => l.verdict !== "invalid").every((l) => l.resumed === true && l.verdict !== "error"));
});

test("one run at a time per journal: a second run is refused while the first is alive; a dead run's lock is taken over", async (t) => {
  const tmp = tempDir(t);
  const data = people(4, 15);
  const file = tmp.file("in.csv", data.csv);
  const journal = tmp.path("j");
  const clock = clockAt("2026-11-22T02:00:00Z");
  const service = createFakeService(clock);
  // A run that is alive (this process) holds the journal...
  const held = await openJournal(journal, { action: "Id2MetaVerifyIntl" });
  await assert.rejects(runOnce({ file, journal, service, clock }), (e) => e.code === "JOURNAL_LOCKED" && e.message.includes(`pid ${process.pid}`));
  assert.equal(service.received, 0, "the second run sent nothing");
  held.close();
  // ... a lock left by a process that is gone (a SIGKILL) is taken over.
  writeFileSync(`${journal}.lock`, JSON.stringify({ pid: 2 ** 30, host: (await import("node:os")).hostname() }) + "\n");
  const r = await runOnce({ file, journal, service, clock });
  assert.equal(r.result.exitCode, 0);
  assert.equal(existsSync(`${journal}.lock`), false, "released at the end");
  assertAtMostOnce(data, r.lines, service, journal);
});
