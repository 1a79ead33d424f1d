// `aliyun-idv verify <file> --action <name>`: every valid row through the client, crash-safe and
// never billing a row twice (see journal.mjs for the rules). Results are JSON Lines, one per row:
// earlier runs' outcomes (replayed from the journal) first, then this run's, so the output of the
// run that finishes holds exactly one line per row.
//
// It stands on the client contract of the library (issues 11 and 14): createClient({ beforeSend,
// limits }), methods taking { signal } and resolving to a VerifyResult (errorKind "answer_lost":
// may have been billed, answer lost), client.resend(action, request, { signal, timestamp }).
import { AsyncLocalStorage } from "node:async_hooks";
import { createWriteStream, statSync } from "node:fs";
import { openInput } from "./input.mjs";
import { createRowChecker, maskers, rowError } from "./rowcheck.mjs";
import { openJournal, rowKey, decodeTimestamp, JournalError } from "./journal.mjs";
import { createProgress } from "./progress.mjs";
import { FLAG } from "./columns.mjs";
import { usage } from "./usage.mjs";

export const ACTIONS = {
  Id2MetaVerifyIntl: { method: "id2MetaVerifyIntl", needs: ["idNumber", "name"] },
  Mobile3MetaVerifyIntl: { method: "mobile3MetaVerifyIntl", needs: ["idNumber", "name", "mobile"] },
  Id2MetaPeriodVerifyIntl: { method: "id2MetaPeriodVerifyIntl", needs: ["idNumber", "name", "validFrom", "validTo"] },
  Id2MetaVerify: { method: "id2MetaVerify", needs: ["idNumber", "name"] },
};

/** `Id2MetaVerifyIntl`, or its method name `id2MetaVerifyIntl`, case-insensitive. */
export function resolveAction(name) {
  if (!name) throw usage(`--action is required: one of ${Object.keys(ACTIONS).join(", ")}`);
  const hit = Object.keys(ACTIONS).find((a) => a.toLowerCase() === String(name).toLowerCase());
  if (!hit) throw usage(`unknown --action ${JSON.stringify(name)}: one of ${Object.keys(ACTIONS).join(", ")}`);
  return { action: hit, ...ACTIONS[hit] };
}

/** The errors that stop the whole run (every later row would fail the same way). */
const FATAL_CODES = new Set(["BEFORE_SEND_FAILED", "CREDENTIALS_MISSING", "CREDENTIALS_ERROR", "INVALID_OPTION", "ENDPOINT_INVALID"]);

/** What the client contract needs; a library without it cannot journal its requests. */
export function assertContract(client) {
  if (!client || typeof client.resend !== "function") {
    throw usage(
      "this aliyun-idv has no crash-safe client (client.resend and the beforeSend hook of issues 11 and 14): " +
        "verify refuses to send requests it cannot journal first. Upgrade aliyun-idv.",
    );
  }
}

function input(action, values, merchantBizId) {
  const v = { idNumber: values.idNumber, name: values.name };
  if (action === "Mobile3MetaVerifyIntl") v.mobile = values.mobile;
  if (action === "Id2MetaPeriodVerifyIntl") {
    v.validityStart = values.validFrom;
    v.validityEnd = values.validTo;
    v.merchantBizId = merchantBizId;
  }
  return v;
}

function resultLine(row, line, r, masked, extra) {
  const o = { row, line, verdict: r.verdict, billed: r.billed ?? null, retryable: r.retryable ?? false };
  for (const k of ["code", "bizCode", "subCode", "ispName", "passed", "errorKind", "requestId", "attempts"]) {
    if (r[k] !== undefined && r[k] !== null) o[k] = r[k];
  }
  Object.assign(o, extra);
  o.input = masked;
  return o;
}

/**
 * Runs verify. deps = { idv (the library), createClient (the library's, or a test's), now?, sleep?
 * (the pacing clock, for tests) }. options:
 * action, journal (path), out (path; default io.stdout), qps, maxConcurrency, endpoint,
 * signatureVersion, today, format, encoding, map, stop (AbortSignal: finish in-flight calls and
 * stop), kill (AbortSignal: abort in-flight calls too), secrets (strings never to journal), lockPid
 * (tests: the pid written into the journal's lock, default this process's).
 * Returns { exitCode, summary }.
 */
export async function runVerify(deps, file, options, io) {
  const { idv } = deps;
  const spec = resolveAction(options.action);
  const qps = options.qps ?? 5;
  const maxConcurrency = options.maxConcurrency ?? Math.max(2, Math.min(64, Math.ceil(qps * 2)));
  if (!(qps > 0)) throw usage("--qps must be above 0");
  if (!(Number.isInteger(maxConcurrency) && maxConcurrency > 0)) throw usage("--concurrency must be a whole number above 0");

  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // openInput reports it
  }
  const progress = createProgress(io.stderr, { total: size, enabled: options.progress, label: "rows" });
  const rowInput = await openInput(file, { format: options.format, encoding: options.encoding, map: options.map, onBytes: progress.bytes });
  for (const f of spec.needs) {
    if (rowInput.columns[f] === undefined) throw usage(`${spec.action} needs the ${f} column: none found (name it with ${FLAG[f]})`);
  }
  // Only the fields the action sends are checked: a bad mobile does not stop an Id2Meta row.
  const needed = {};
  for (const f of spec.needs) needed[f] = rowInput.columns[f];
  const check = createRowChecker(idv, { columns: needed, today: options.today });
  const mask = maskers(idv);

  let out = io.stdout;
  const write = (obj) => {
    if (!out.write(JSON.stringify(obj) + "\n")) return new Promise((resolve) => out.once("drain", resolve));
    return undefined;
  };

  const counts = { earlier: 0, invalid: 0, match: 0, mismatch: 0, not_found: 0, error: 0, answer_lost: 0, billed: 0, resent: 0, pending: 0, pendingErrors: {} };
  const tally = (line) => {
    if (line.verdict === "invalid") return;
    counts[line.verdict] = (counts[line.verdict] ?? 0) + 1;
    if (line.errorKind === "answer_lost") counts.answer_lost++;
    if (line.billed === true) counts.billed++;
  };

  const als = new AsyncLocalStorage();
  let journal = null;
  let fatal = null;
  const beforeSend = async (info) => {
    const ctx = als.getStore();
    if (!ctx) throw new Error("aliyun-idv verify: a request outside any row; refusing to send it");
    ctx.sent = true;
    journal.appendSend(ctx.row, ctx.key, info); // written and fsync'ed before the request may leave
  };
  const clientOptions = { beforeSend, limits: { qps, maxConcurrency } };
  if (options.endpoint) clientOptions.endpoint = options.endpoint;
  if (options.signatureVersion) clientOptions.signatureVersion = options.signatureVersion;
  if (options.timeoutMs) clientOptions.timeoutMs = options.timeoutMs;
  // The client first: a library without the contract is refused before any file is touched.
  const client = deps.createClient(clientOptions);
  assertContract(client);

  const journalPath = options.journal ?? `${file}.journal`;
  if (options.out) out = createWriteStream(options.out, { flags: "w", mode: 0o600 });
  journal = await openJournal(journalPath, {
    action: spec.action,
    lockPid: options.lockPid,
    secrets: options.secrets ?? [],
    onOutcome: (result) => {
      counts.earlier++;
      tally(result);
      return write(result);
    },
  });


  const inflight = new Set();
  const contexts = new Set();
  let stopping = false;
  let wake;
  const stopped = new Promise((resolve) => (wake = resolve));
  // The CLI paces the rows it starts at --qps itself too, so the limit holds even with a client
  // whose own limits are not there (the client's limits also pace its retries).
  const gapMs = 1000 / qps;
  let nextStart = 0;
  const nowMs = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const pace = async () => {
    const now = nowMs();
    const wait = nextStart - now;
    nextStart = Math.max(nextStart, now) + gapMs;
    if (wait > 0) await Promise.race([sleep(wait), stopped]);
  };
  const stop = () => {
    stopping = true;
    wake();
    // Calls still queued in the client (not journalled, so not sent) are cancelled; those already
    // sent are left to finish, so their answers are not lost.
    for (const ctx of contexts) if (!ctx.sent) ctx.controller.abort();
  };
  const kill = () => {
    stop();
    for (const ctx of contexts) ctx.controller.abort();
  };
  if (options.stop) {
    if (options.stop.aborted) stop();
    else options.stop.addEventListener("abort", stop, { once: true });
  }
  if (options.kill) {
    if (options.kill.aborted) kill();
    else options.kill.addEventListener("abort", kill, { once: true });
  }

  let processed = 0;
  async function task(ctx, record, values, masked, pendingSend) {
    try {
      let r;
      if (pendingSend) {
        counts.resent++;
        r = await client.resend(pendingSend.action, pendingSend.request, { signal: ctx.controller.signal, timestamp: decodeTimestamp(pendingSend) });
      } else {
        const merchantBizId = `${journal.header.id}R${record.row}`.slice(0, 32);
        r = await client[spec.method](input(spec.action, values, merchantBizId), { signal: ctx.controller.signal });
        if (!ctx.sent) throw new Error("aliyun-idv verify: the client answered without calling beforeSend; refusing to trust it");
      }
      const extra = pendingSend ? { resumed: true } : {};
      const line = resultLine(record.row, record.line, r, masked, extra);
      journal.appendOutcome(record.row, ctx.key, line);
      tally(line);
      await write(line);
    } catch (e) {
      const code = e && e.code;
      if (code === "ABORTED" || (e && e.name === "AbortError")) return; // not finished: pending (if sent) or new
      if (FATAL_CODES.has(code) || e instanceof JournalError || !code) {
        fatal ??= e;
        stop();
        return;
      }
      if (ctx.sent || pendingSend) {
        // It may have left: it stays pending, for a later run to resend (or to report answer_lost).
        counts.pendingErrors[code] = (counts.pendingErrors[code] ?? 0) + 1;
        return;
      }
      const line = resultLine(record.row, record.line, { verdict: "error", billed: false, retryable: false, code, errorKind: "client_error" }, masked, {});
      journal.appendOutcome(record.row, ctx.key, line);
      tally(line);
      await write(line);
    } finally {
      contexts.delete(ctx);
      processed++;
      progress.rows(processed);
    }
  }

  try {
    for await (const record of rowInput.records) {
      if (stopping) break;
      const maskedOf = (fields) => {
        const m = {};
        for (const f of spec.needs) if (fields && fields[f] !== undefined) m[f] = mask[f](fields[f]);
        return m;
      };
      // A row the journal knows (it was valid and sent) cannot have become unreadable or invalid.
      const known = record.row !== null && journal.knows(record.row);
      const changed = () => new JournalError("JOURNAL_MISMATCH", `row ${record.row} differs from the row the journal holds: the input file changed since; use the original file or another --journal`);
      if (record.error) {
        if (known) throw changed();
        counts.invalid++;
        const e = rowError(record);
        await write({ row: record.row, line: record.line, verdict: "invalid", billed: false, errors: [{ field: e.field, code: e.code }] });
        continue;
      }
      const r = check(record.fields);
      const masked = maskedOf(r.ok ? r.values : record.fields); // what was sent: the normalised values
      if (!r.ok) {
        if (known) throw changed();
        counts.invalid++;
        await write({ row: record.row, line: record.line, verdict: "invalid", billed: false, errors: r.errors.map((e) => ({ field: e.field, code: e.code })), input: masked });
        continue;
      }
      const values = {};
      for (const f of spec.needs) values[f] = r.values[f];
      const key = rowKey(values);
      const status = journal.status(record.row, key);
      if (status === "done") continue;
      while (inflight.size >= maxConcurrency) await Promise.race(inflight);
      await pace();
      if (stopping) break;
      const ctx = { row: record.row, key, sent: false, controller: new AbortController() };
      contexts.add(ctx);
      const p = als.run(ctx, () => task(ctx, record, values, masked, status === "new" ? null : status.send));
      inflight.add(p);
      p.finally(() => inflight.delete(p));
    }
  } catch (e) {
    fatal ??= e;
    stop();
  }
  await Promise.allSettled([...inflight]);
  progress.done(processed);
  counts.pending = journal.pending.size;
  journal.close();
  if (options.out) await new Promise((resolve) => out.end(resolve));
  if (fatal) throw fatal;
  const interrupted = stopping;
  const exitCode = interrupted ? 130 : counts.pending > 0 ? 3 : 0;
  return { exitCode, summary: { ...counts, interrupted, journal: journalPath } };
}
