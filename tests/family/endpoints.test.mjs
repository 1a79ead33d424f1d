// Endpoints per product and region (pkg-template/endpoints.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveEndpoints, hostFor, productOfHost, REGIONS } from "../../pkg-template/endpoints.js";

test("defaults: the intl product in Hong Kong, the mainland product in Shanghai (Casdoor's)", () => {
  assert.deepEqual(resolveEndpoints(), { intl: "cloudauth-intl.cn-hongkong.aliyuncs.com", mainland: "cloudauth.cn-shanghai.aliyuncs.com" });
  assert.deepEqual(resolveEndpoints({}), resolveEndpoints());
});

test("regionId per product, VPC for the intl product's documented internal host", () => {
  assert.deepEqual(resolveEndpoints({ regionId: { intl: "ap-southeast-1", mainland: "cn-beijing" } }), {
    intl: "cloudauth-intl.ap-southeast-1.aliyuncs.com", mainland: "cloudauth.cn-beijing.aliyuncs.com",
  });
  assert.equal(resolveEndpoints({ vpc: true }).intl, "cloudauth-intl-vpc.cn-hongkong.aliyuncs.com");
  assert.equal(resolveEndpoints({ vpc: true }).mainland, "cloudauth.cn-shanghai.aliyuncs.com", "vpc is the intl product's switch");
  assert.throws(() => hostFor("mainland", "cn-shanghai", true), (e) => e.code === "ENDPOINT_INVALID" && e.field === "vpc");
});

test("one regionId: the product that does not serve it fails when called, a region neither serves is refused", () => {
  const r = resolveEndpoints({ regionId: "cn-beijing" });
  assert.equal(r.mainland, "cloudauth.cn-beijing.aliyuncs.com");
  assert.equal(r.intl.error.code, "ENDPOINT_INVALID");
  assert.equal(r.intl.error.field, "regionId");
  for (const bad of ["cn-hangzhou-x", "", "CN-SHANGHAI"]) {
    assert.throws(() => resolveEndpoints({ regionId: bad }), (e) => e.code === "ENDPOINT_INVALID" && e.field === "regionId", bad);
  }
  assert.throws(() => resolveEndpoints({ regionId: { intl: "eu-nowhere-1" } }), (e) => e.field === "regionId");
  assert.throws(() => resolveEndpoints({ regionId: 5 }), (e) => e.field === "regionId");
  assert.throws(() => resolveEndpoints({ vpc: "yes" }), (e) => e.field === "vpc");
  assert.throws(() => resolveEndpoints({ endpoints: { intl: 42 } }), (e) => e.field === "endpoints");
});

test("a named host is used only for its product; another host (proxy, mock) for both", () => {
  assert.deepEqual(resolveEndpoints({ endpoint: "cloudauth-intl.ap-southeast-1.aliyuncs.com" }), {
    intl: "cloudauth-intl.ap-southeast-1.aliyuncs.com", mainland: "cloudauth.cn-shanghai.aliyuncs.com",
  });
  assert.deepEqual(resolveEndpoints({ endpoint: "https://cloudauth.aliyuncs.com" }), {
    intl: "cloudauth-intl.cn-hongkong.aliyuncs.com", mainland: "https://cloudauth.aliyuncs.com",
  });
  assert.deepEqual(resolveEndpoints({ endpoint: "http://127.0.0.1:8910" }), { intl: "http://127.0.0.1:8910", mainland: "http://127.0.0.1:8910" });
  assert.deepEqual(resolveEndpoints({ endpoints: { mainland: "idv-proxy.example.com" }, endpoint: "http://127.0.0.1:1" }), {
    intl: "http://127.0.0.1:1", mainland: "idv-proxy.example.com",
  });
  // The caller may name any host for a product, even the other product's (then it is theirs to choose).
  assert.equal(resolveEndpoints({ endpoints: { mainland: "cloudauth-intl.cn-hongkong.aliyuncs.com" } }).mainland, "cloudauth-intl.cn-hongkong.aliyuncs.com");
  // Only own properties are read.
  const inherited = Object.create({ intl: "evil.example.com" });
  assert.equal(resolveEndpoints({ endpoints: inherited }).intl, "cloudauth-intl.cn-hongkong.aliyuncs.com");
});

test("productOfHost and the region lists", () => {
  assert.equal(productOfHost("cloudauth-intl-vpc.cn-hongkong.aliyuncs.com"), "intl");
  assert.equal(productOfHost("https://cloudauth.cn-shanghai.aliyuncs.com:443/"), "mainland");
  assert.equal(productOfHost("127.0.0.1:8910"), null);
  assert.equal(productOfHost("cloudauth.example.com"), null);
  for (const [product, regions] of Object.entries(REGIONS)) for (const r of regions) assert.match(hostFor(product, r), /\.aliyuncs\.com$/);
});
