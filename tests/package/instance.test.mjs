// `import` and `require` of the package in one Node process share one instance: one module, one
// AliyunIdvError class, one linear memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as esm from "aliyun-idv";

const cjs = createRequire(import.meta.url)("aliyun-idv");

test("require and import give the same instance", () => {
  assert.equal(esm.AliyunIdvError, cjs.AliyunIdvError);
  assert.equal(esm.checkIdNumber, cjs.checkIdNumber);
  let thrown;
  try {
    cjs.upgradeLegacyIdNumber("12345");
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof esm.AliyunIdvError, "an error thrown through require is an instance of the imported class");
  assert.equal(thrown.code, "ID_LENGTH");
  assert.deepEqual(Object.keys(esm).filter((k) => k !== "default").sort(), Object.keys(cjs).filter((k) => k !== "default").sort());
});
