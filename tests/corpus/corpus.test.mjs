// Accuracy as a test, through the built package (pkg/, the same files the tarball ships): every row
// of the labelled benchmark corpus (bench/corpus.json, labelled by bench/corpus.mjs from how each
// case was built) gets its label from checkIdNumber / checkMobile. `make test-corpus` first checks
// that bench/corpus.json is what the generator gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkIdNumber, checkMobile } from "../../pkg/node.mjs";

const corpus = JSON.parse(readFileSync(new URL("../../bench/corpus.json", import.meta.url), "utf8"));

for (const [key, check, min] of [
  ["ids", (s) => checkIdNumber(s, { today: corpus.today }).ok, 2000],
  ["mobiles", (s) => checkMobile(s).ok, 2000],
]) {
  test(`every labelled ${key} row gets its label (${corpus[key].length} rows)`, () => {
    const rows = corpus[key];
    assert.ok(rows.length >= min);
    const wrong = rows.filter((r) => check(r.input) !== r.valid).map((r) => `${r.category}: ${JSON.stringify(r.input)} labelled ${r.valid}`);
    assert.deepEqual(wrong, []);
    assert.ok(rows.some((r) => r.valid) && rows.some((r) => !r.valid));
  });
}
