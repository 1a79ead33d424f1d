// The installed tarball, loaded with require() from Node (the `node` + `require` conditions).
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const path = require("node:path");
const api = require("aliyun-idv");

const { cases } = JSON.parse(readFileSync(path.join(__dirname, "cases.json"), "utf8"));

test("require() resolves to node.cjs and is ready at once", () => {
  assert.match(require.resolve("aliyun-idv"), /[\\/]node_modules[\\/]aliyun-idv[\\/]node\.cjs$/);
  assert.equal(typeof api.checkIdNumber, "function");
});

test("shared cases through the CommonJS entry", async () => {
  const { runCases, mismatches } = await import("./run-cases.mjs");
  assert.deepEqual(mismatches(cases, runCases(api, cases)), []);
});

test("errors are AliyunIdvError with a code", () => {
  assert.throws(() => api.md5Hex({}), (e) => e instanceof api.AliyunIdvError && e.code === "INVALID_ARGUMENT");
});
