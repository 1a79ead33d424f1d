#!/usr/bin/env node
// aliyun-idv: pre-validate a file of identities (check) and verify it crash-safely (verify).
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { runCheck } from "../src/check.mjs";
import { runVerify } from "../src/verify.mjs";

const HELP = `aliyun-idv: bulk pre-validation and verification with aliyun-idv

Usage:
  aliyun-idv check <file> [options]
  aliyun-idv verify <file> --action <name> [--qps N] [--journal <path>] [--out <path>] [--endpoint <host>] [options]

Input (both commands):
  <file>                   CSV with a header row (RFC 4180), or JSON Lines (.jsonl/.ndjson, or --format jsonl)
  --format csv|jsonl       override the format guessed from the file name
  --encoding utf8|gbk      default utf8 (a BOM is skipped)
  --id, --name, --mobile, --valid-from, --valid-to <header>
                           the column (header name, or 1-based number) or JSON key of each field;
                           default: common Chinese and English headers (身份证号, 姓名, 手机号,
                           有效期开始, 有效期截止, id_number, name, mobile, valid_from, valid_to, …)
  --today YYYY-MM-DD       the date the checks take as today (default: today in China)
  --progress / --no-progress   the progress bar (default: only when stderr is a terminal)

check:
  --json                   a JSON summary instead of the text report
  --max-listed N           list at most N invalid findings (default 1000)
  exit code: 0 every row valid, 1 some rows invalid, 2 usage or read error

verify:
  --action <name>          Id2MetaVerifyIntl, Mobile3MetaVerifyIntl, Id2MetaPeriodVerifyIntl or Id2MetaVerify
  --qps N                  at most N requests a second (default 5); --concurrency N in flight (default 2×qps)
  --journal <path>         the crash-safety journal (default <file>.journal; owner-only; holds personal data)
  --out <path>             the results, JSON Lines (default stdout)
  --endpoint <host>        e.g. http://127.0.0.1:8910 for the bundled mock; --signature-version v3|v1
  Credentials: as the library resolves them (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, …).
  Run it again with the same journal after a crash or Ctrl-C: finished rows are skipped, a row that
  may have been sent is resent only as its byte-identical signed request (or reported answer_lost).
  exit code: 0 done, 3 rows left pending (run again), 130 interrupted, 2 usage error
`;

const options = {
  format: { type: "string" },
  encoding: { type: "string" },
  id: { type: "string" },
  name: { type: "string" },
  mobile: { type: "string" },
  "valid-from": { type: "string" },
  "valid-to": { type: "string" },
  today: { type: "string" },
  progress: { type: "boolean" },
  "no-progress": { type: "boolean" },
  json: { type: "boolean" },
  "max-listed": { type: "string" },
  action: { type: "string" },
  qps: { type: "string" },
  concurrency: { type: "string" },
  journal: { type: "string" },
  out: { type: "string" },
  endpoint: { type: "string" },
  "signature-version": { type: "string" },
  "timeout-ms": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
};

function fail(message, code = 2) {
  process.stderr.write(`aliyun-idv: ${message}\n`);
  process.exitCode = code;
}

function number(v, flag) {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw Object.assign(new Error(`${flag} must be a number`), { usage: true });
  return n;
}

async function loadLibrary() {
  try {
    return await import("aliyun-idv");
  } catch (e) {
    throw Object.assign(new Error(`cannot load the aliyun-idv library (npm install aliyun-idv): ${e.code || e.message}`), { usage: true });
  }
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    fail(`${e.message}\n\n${HELP}`);
    return;
  }
  const v = parsed.values;
  const [command, file, ...rest] = parsed.positionals;
  if (v.version) {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    process.stdout.write(`${pkg.version}\n`);
    return;
  }
  if (v.help || !command || command === "help") {
    process.stdout.write(HELP);
    return;
  }
  if (command !== "check" && command !== "verify") return fail(`unknown command ${JSON.stringify(command)}\n\n${HELP}`);
  if (!file) return fail(`${command} needs a file\n\n${HELP}`);
  if (rest.length) return fail(`one file at a time (got ${parsed.positionals.length - 1})`);
  const map = { idNumber: v.id, name: v.name, mobile: v.mobile, validFrom: v["valid-from"], validTo: v["valid-to"] };
  const progress = v["no-progress"] ? false : v.progress ? true : undefined;
  if (v.today !== undefined && !/^\d{4}-?\d{2}-?\d{2}$/.test(v.today)) return fail("--today must be YYYY-MM-DD");
  const common = { format: v.format, encoding: v.encoding, map, today: v.today, progress };
  const io = { stdout: process.stdout, stderr: process.stderr };

  const idv = await loadLibrary();
  if (command === "check") {
    const maxListed = v["max-listed"] === undefined ? undefined : number(v["max-listed"], "--max-listed");
    process.exitCode = await runCheck(idv, file, { ...common, json: v.json, maxListed }, io);
    return;
  }

  // verify. ALIYUN_IDV_CLI_CLIENT_MODULE (tests only) names a module whose createClient implements
  // the same client contract, to exercise the journal before the library's client has it.
  let createClient = idv.createClient;
  if (process.env.ALIYUN_IDV_CLI_CLIENT_MODULE) {
    createClient = (await import(pathToFileURL(process.env.ALIYUN_IDV_CLI_CLIENT_MODULE).href)).createClient;
  }
  const stop = new AbortController();
  const kill = new AbortController();
  process.on("SIGINT", () => {
    if (!stop.signal.aborted) {
      process.stderr.write("\naliyun-idv: stopping after the calls in flight (Ctrl-C again to abandon them: the next run resolves them)\n");
      stop.abort();
    } else {
      kill.abort();
    }
  });
  process.on("SIGTERM", () => stop.abort());
  const secrets = [process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET].filter(Boolean);
  const { exitCode, summary } = await runVerify(
    { idv, createClient },
    file,
    {
      ...common,
      action: v.action,
      qps: number(v.qps, "--qps"),
      maxConcurrency: number(v.concurrency, "--concurrency"),
      journal: v.journal,
      out: v.out,
      endpoint: v.endpoint,
      signatureVersion: v["signature-version"],
      timeoutMs: number(v["timeout-ms"], "--timeout-ms"),
      stop: stop.signal,
      kill: kill.signal,
      secrets,
    },
    io,
  );
  const s = summary;
  process.stderr.write(
    `aliyun-idv verify: ${s.match} match, ${s.mismatch} mismatch, ${s.not_found} not_found, ${s.error} error ` +
      `(${s.answer_lost} answer_lost: may have been billed, answer lost), ${s.invalid} invalid (not sent); ` +
      `${s.billed} billed; ${s.earlier} from earlier runs, ${s.resent} resumed; ${s.pending} pending` +
      `${Object.keys(s.pendingErrors).length ? ` (this run's errors: ${Object.entries(s.pendingErrors).map(([c, n]) => `${n} ${c}`).join(", ")}; run again with the same --journal)` : ""}` +
      `${s.interrupted ? "; interrupted: run again with the same --journal to finish" : ""}\n`,
  );
  process.exitCode = exitCode;
}

// A reader that goes away (`aliyun-idv check big.csv | head`) ends the command quietly.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).catch((e) => {
  if (e && (e.usage || e.name === "JournalError")) fail(e.message);
  else if (e && e.name === "AliyunIdvError") fail(`${e.code}: ${e.message}`, 1);
  else fail(e && e.stack ? e.stack : String(e), 1);
});
