// `aliyun-idv check`, run as a user runs it: the 10,000-row fixture, every kind of bad row, every
// encoding, RFC 4180 quoting, JSON Lines, column mapping, progress only on request or a TTY, and
// memory that stays flat on a large file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES, TODAY, gbk, run, tempDir } from "./helpers.mjs";
import { person, prng } from "./fixtures/generate.mjs";

const json = async (args, opts) => {
  const r = await run(["check", ...args, "--json", "--today", TODAY], opts);
  assert.equal(r.stderr, "", "piped: no progress bar, no noise on stderr");
  return { ...r, report: JSON.parse(r.stdout) };
};
const counts = (report) => Object.fromEntries(report.errors.map((e) => [e.code, e.count]));

const PEOPLE = [
  ["110105199003070316", "张三", "13900000001"],
  ["310104198506120422", "李四", "18600000002"],
  ["440305196005200536", "王五", "18900000003"],
  ["51010720120901064X", "赵六", "15000000004"],
  ["650102199511230861", "阿依古丽·买买提", "17700000005"],
];

test("the 10,000-row fixture: every count is the one its generator intended", async () => {
  const expected = JSON.parse(readFileSync(join(FIXTURES, "people-10k.expected.json"), "utf8"));
  const { code, report } = await json([join(FIXTURES, "people-10k.csv"), "--max-listed", "5000"]);
  assert.equal(code, 1, "exit 1: some rows are invalid");
  assert.equal(report.rows, 10000);
  assert.equal(report.valid, expected.valid);
  assert.equal(report.invalid, expected.invalid);
  assert.deepEqual(counts(report), expected.errors);
  assert.deepEqual(report.normalised, expected.normalised);
  assert.deepEqual(Object.fromEntries(report.warnings.map((w) => [w.code, w.count])), expected.warnings);
  assert.equal(report.withWarnings, Object.values(expected.warnings).reduce((a, b) => a + b, 0));
  assert.match(report.warnings[0].messageZh, /[\u4e00-\u9fff]/);
  assert.deepEqual(report.columns, { idNumber: "身份证号", name: "姓名", mobile: "手机号", validFrom: "有效期开始", validTo: "有效期截止" });
  for (const e of report.errors) {
    assert.ok(e.message.length > 5 && /[\u4e00-\u9fff]/.test(e.messageZh), `${e.code} has both messages`);
  }
  assert.equal(report.invalidRows.length, expected.invalid, "one finding per invalid row in this fixture");
  // Every listed value is masked: no full ID number, name or mobile of the file is repeated.
  const csv = readFileSync(join(FIXTURES, "people-10k.csv"), "utf8");
  const ids = new Set(csv.match(/\b\d{17}[\dX]\b/g));
  const mobiles = new Set(csv.match(/\b1\d{10}\b/g));
  for (const row of report.invalidRows) {
    assert.ok(!ids.has(row.value) && !mobiles.has(row.value), `row ${row.row} ${row.field} is masked: ${row.value}`);
  }
  assert.ok(!/\b\d{17}[\dX]\b/.test(JSON.stringify(report)), "no full ID number anywhere in the report");
  const changes = Object.values(expected.normalised).reduce((a, b) => a + b, 0);
  assert.equal(report.normalisedExamples.length, changes, "every rewrite listed (within --max-listed)");
  for (const c of report.normalisedExamples) {
    assert.ok(!ids.has(c.normalised) && !mobiles.has(c.normalised), `row ${c.row}: the normalised value is masked`);
  }
  // A listed finding points at the file line that holds the value, masked.
  const lines = csv.split("\r\n");
  const f = report.invalidRows.find((r) => r.code === "ID_CHECKSUM");
  const id = lines[f.line - 1].split(",")[0];
  assert.equal(f.field, "idNumber");
  assert.equal(f.value, `${id.slice(0, 6)}********${id.slice(14)}`);
  assert.equal(f.row, f.line - 1, "one header line, no line breaks inside fields before it");
});

test("the text report: per-code counts in English and Chinese, rows with line numbers, normalisation", async (t) => {
  const tmp = tempDir(t);
  const f = tmp.file("a.csv", "姓名,身份证号,手机号\n张三,110105199003070317,13900000001\n李四, 310104198506120422 ,+86 186 0000 0002\n王五,440305196005200536,1390000\n");
  const r = await run(["check", f, "--today", TODAY]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.match(r.stdout, /row 1 \(line 2\)\s+idNumber\s+ID_CHECKSUM\s+110105\*{8}0317/);
  assert.match(r.stdout, /row 3 \(line 4\)\s+mobile\s+MOBILE_LENGTH\s+1\*+0\n/);
  assert.match(r.stdout, /Rows: 3; valid 1 \(33\.3%\), invalid 2 \(66\.7%\)/);
  assert.match(r.stdout, /1\s+ID_CHECKSUM\s+The last character of the ID number does not match/);
  assert.match(r.stdout, /身份证号码校验位不正确/);
  assert.match(r.stdout, /Normalised[^\n]*\n\s+1\s+idNumber\n\s+1\s+mobile/);
  assert.match(r.stdout, /row 2 \(line 3\)\s+mobile\s+\S+ → 186\*{4}0002\n/, "an example of what normalisation rewrote, masked");
  assert.doesNotMatch(r.stdout, /110105199003070317|310104198506120422|13900000001|18600000002/, "values are masked");
});

test("all valid: exit 0", async (t) => {
  const tmp = tempDir(t);
  const f = tmp.file("ok.csv", "id,name,mobile\n" + PEOPLE.map((p) => p.join(",")).join("\n") + "\n");
  const { code, report } = await json([f]);
  assert.equal(code, 0);
  assert.equal(report.valid, 5);
  assert.deepEqual(report.errors, []);
});

test("encodings: UTF-8, UTF-8 with BOM and GBK (--encoding gbk) give the same report; GBK read as UTF-8 is flagged", async (t) => {
  const tmp = tempDir(t);
  const text = "身份证号,姓名,手机号\r\n" + PEOPLE.map((p) => p.join(",")).join("\r\n") + "\r\n11010519900307031,张三,13900000001\r\n";
  const plain = await json([tmp.file("u.csv", text)]);
  const bom = await json([tmp.file("b.csv", "\uFEFF" + text)]);
  const g = await json([tmp.file("g.csv", gbk(text)), "--encoding", "gbk"]);
  for (const r of [plain, bom, g]) {
    assert.equal(r.report.valid, 5);
    assert.deepEqual(counts(r.report), { ID_LENGTH: 1 });
    assert.equal(r.report.columns.idNumber, "身份证号", "the Chinese header is recognised (a BOM is not part of it)");
  }
  assert.equal(g.report.encoding, "gbk");

  // GBK bytes read as UTF-8: with English headers the rows holding Chinese are ROW_ENCODING.
  const en = "id,name,mobile\n" + PEOPLE.map((p) => p.join(",")).join("\n") + "\n";
  const wrong = await json([tmp.file("g2.csv", gbk(en))]);
  assert.deepEqual(counts(wrong.report), { ROW_ENCODING: 5 });
  assert.match(wrong.report.errors[0].message, /--encoding gbk/);
  // ... and with Chinese headers nothing can be mapped: a usage error naming the flags.
  const nohead = await run(["check", tmp.file("g3.csv", gbk(text))]);
  assert.equal(nohead.code, 2);
  assert.match(nohead.stderr, /no ID number, name or mobile column found.*--id/);
});

test("RFC 4180: quoted commas, doubled quotes, line breaks in quotes, CRLF/LF/CR mixed, empty lines; malformed records", async (t) => {
  const tmp = tempDir(t);
  const f = tmp.file(
    "q.csv",
    'note,身份证号,姓名\r\n' +
      '"a, b",110105199003070316,"张三"\n' +
      '"say ""hi""",310104198506120422,李四\r' +
      '"two\nlines",440305196005200536,王五\r\n' +
      "\n" +
      "x,51010720120901064X\n" + // one column short
      'y,650102199511230861,阿依古丽·买买提,extra\n' + // one column too many
      'z,110105199003070316,赵"六\n' + // a stray quote inside an unquoted field: kept, the name is bad
      'w,"110105199003070316,张三\n', // an unclosed quote swallows the rest of the file
  );
  const { report } = await json([f, "--max-listed", "100"]);
  assert.equal(report.valid, 3, "the three quoted rows are valid");
  assert.deepEqual(counts(report), { ROW_COLUMN_COUNT: 2, NAME_BAD_CHAR: 1, ROW_MALFORMED: 1 });
  const at = (code) => report.invalidRows.filter((r) => r.code === code).map((r) => [r.row, r.line]);
  assert.deepEqual(at("ROW_COLUMN_COUNT"), [[4, 7], [5, 8]], "line numbers count the line break inside quotes and the empty line");
  const byCode = Object.fromEntries(report.invalidRows.map((r) => [r.code, r]));
  assert.equal(byCode.NAME_BAD_CHAR.row, 6);
  assert.equal(byCode.ROW_MALFORMED.row, null);
  assert.equal(byCode.ROW_MALFORMED.line, 10);
});

test("JSON Lines: English keys by default, blank lines, bad JSON, non-objects, numbers for IDs, missing keys", async (t) => {
  const tmp = tempDir(t);
  const lines = [
    JSON.stringify({ id_number: PEOPLE[0][0], name: PEOPLE[0][1], mobile: PEOPLE[0][2] }),
    "",
    JSON.stringify({ id_number: PEOPLE[1][0], name: PEOPLE[1][1], mobile: PEOPLE[1][2], extra: 1 }),
    '{"id_number": "440305196005200536", "name": ',
    "[1,2,3]",
    '{"id_number": 110105199003070316, "name": "张三", "mobile": "13900000001"}',
    JSON.stringify({ id_number: PEOPLE[3][0], mobile: PEOPLE[3][2] }),
    "   ",
    JSON.stringify({ id_number: PEOPLE[4][0], name: PEOPLE[4][1], mobile: null }),
  ];
  const f = tmp.file("p.jsonl", "\uFEFF" + lines.join("\n") + "\n");
  const { report } = await json([f, "--max-listed", "100"]);
  assert.equal(report.format, "jsonl");
  assert.deepEqual(report.columns, { idNumber: "id_number", name: "name", mobile: "mobile" });
  assert.equal(report.rows, 7);
  assert.equal(report.valid, 2);
  assert.deepEqual(counts(report), { ROW_MALFORMED: 1, ROW_NOT_OBJECT: 1, FIELD_TYPE: 1, NAME_EMPTY: 1, MOBILE_EMPTY: 1 });
  const typeRow = report.invalidRows.find((r) => r.code === "FIELD_TYPE");
  assert.deepEqual([typeRow.row, typeRow.line, typeRow.field], [5, 6, "idNumber"]);
  assert.match(report.errors.find((e) => e.code === "FIELD_TYPE").message, /JSON numbers lose digits/);
});

test("column mapping: flags by header name or column number; defaults for common headers; mistakes are usage errors", async (t) => {
  const tmp = tempDir(t);
  const f = tmp.file("m.csv", "客户编号,证件,客户姓名,联系方式\n1,110105199003070316,张三,13900000001\n2,310104198506120422,李四,13800000000x\n");
  const byName = await json([f, "--id", "证件", "--name", "客户姓名", "--mobile", "联系方式"]);
  assert.deepEqual(byName.report.columns, { idNumber: "证件", name: "客户姓名", mobile: "联系方式" });
  assert.deepEqual(counts(byName.report), { MOBILE_BAD_CHAR: 1 });
  const byNumber = await json([f, "--id", "2", "--name", "3"]);
  assert.deepEqual(byNumber.report.columns, { idNumber: "证件", name: "客户姓名" });
  assert.equal(byNumber.report.valid, 2);

  const missing = await run(["check", f, "--id", "证件号码"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--id "证件号码": no such column/);
  const none = await run(["check", f]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no ID number, name or mobile column found/);
  const half = await run(["check", tmp.file("h.csv", "id,valid_from\n1,20200101\n")]);
  assert.equal(half.code, 2);
  assert.match(half.stderr, /--valid-to/);
  const unreadable = await run(["check", tmp.path("nope.csv")]);
  assert.equal(unreadable.code, 2);
  assert.match(unreadable.stderr, /cannot read .*ENOENT/);

  const english = tmp.file("e.csv", "Full Name,ID-Number,Phone Number,Valid From,Valid To\n王五,440305196005200536,18900000003,2012-01-01,长期\n");
  const en = await json([english]);
  assert.deepEqual(en.report.columns, { idNumber: "ID-Number", name: "Full Name", mobile: "Phone Number", validFrom: "Valid From", validTo: "Valid To" });
  assert.equal(en.report.valid, 1);
  assert.deepEqual(en.report.normalised, { validityPeriod: 1 }, "2012-01-01 was rewritten; 长期 as typed is not a change");
});

test("progress: silent when piped, a bar with rate and ETA when forced (as on a terminal)", async (t) => {
  const f = join(FIXTURES, "people-10k.csv");
  const quiet = await run(["check", f, "--today", TODAY, "--max-listed", "0"]);
  assert.equal(quiet.stderr, "");
  const bar = await run(["check", f, "--today", TODAY, "--max-listed", "0", "--progress"]);
  assert.match(bar.stderr, /\[#+\] 100%\s+10,000 rows\s+[\d,]+ rows\/s\s+ETA 0:00\x1b\[K\n$/);
  const untimed = (s) => s.replace(/in [\d.]+ s \([\d,]+ rows\/min\)/, "");
  assert.equal(untimed(bar.stdout), untimed(quiet.stdout), "the report itself is the same");
  void t;
});

test("progress on a real terminal (a pseudo-terminal through util-linux `script`), without being asked", async (t) => {
  const { spawnSync } = await import("node:child_process");
  if (spawnSync("script", ["--version"]).status !== 0) {
    t.skip("no `script` (util-linux) to make a pseudo-terminal");
    return;
  }
  const { BIN } = await import("./helpers.mjs");
  const cmd = [process.execPath, BIN, "check", join(FIXTURES, "people-10k.csv"), "--today", TODAY, "--max-listed", "0"].map((a) => `'${a}'`).join(" ");
  const r = spawnSync("script", ["-qec", cmd, "/dev/null"], { encoding: "utf8" });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /\[#+\] 100%\s+10,000 rows\s+[\d,]+ rows\/s\s+ETA 0:00/);
});

test("memory stays flat: 300,000 rows, all invalid, checked within a 48 MB heap", async (t) => {
  const tmp = tempDir(t);
  const rand = prng(99);
  const rows = [];
  for (let i = 0; i < 300000; i++) {
    const p = person(rand);
    rows.push(`${p.idNumber.slice(0, 17)}${p.idNumber[17] === "0" ? "1" : "0"},${p.name},${p.mobile}`);
  }
  const f = tmp.file("big.csv", "id,name,mobile\n" + rows.join("\n") + "\n");
  rows.length = 0;
  const r = await run(["check", f, "--json", "--today", TODAY], { nodeArgs: ["--max-old-space-size=48"] });
  assert.equal(r.code, 1, r.stderr.slice(0, 500));
  const report = JSON.parse(r.stdout);
  assert.equal(report.rows, 300000);
  assert.equal(report.invalid, 300000);
  assert.equal(report.invalidRows.length, 1000, "--json keeps at most --max-listed (default 1000) findings");
  assert.equal(report.invalidFindings, 300000);
});
