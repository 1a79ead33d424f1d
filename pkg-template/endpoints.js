// Endpoints per product and region. A mainland (cloudauth 2019-03-07) call never goes to an
// international (cloudauth-intl 2022-08-09) host or the reverse, unless the caller names that host
// for that product. Defaults: cloudauth-intl.cn-hongkong.aliyuncs.com and
// cloudauth.cn-shanghai.aliyuncs.com (Casdoor's). Unknown regions are refused.
//
// Hosts follow the official SDKs' endpoint rules (alibabacloud-cloudauth-intl20220809: regional,
// `cloudauth-intl[-vpc].<region>.aliyuncs.com`; alibabacloud-cloudauth20190307: `cloudauth.<region>.aliyuncs.com`)
// for the regions listed below; `vpc: true` picks the intl product's documented internal host
// (`cloudauth-intl-vpc.<region>.aliyuncs.com`; the mainland product documents none, so it is
// refused there).

export const DEFAULT_REGIONS = Object.freeze({ intl: "cn-hongkong", mainland: "cn-shanghai" });

/** The regions each product is served from. */
export const REGIONS = Object.freeze({
  intl: Object.freeze(["cn-hongkong", "ap-southeast-1"]),
  mainland: Object.freeze(["cn-shanghai", "cn-beijing"]),
});

const PRODUCTS = ["intl", "mainland"];

function bad(field, message, messageZh) {
  return { code: "ENDPOINT_INVALID", field, message, messageZh };
}

/** The public (or, for intl with `vpc`, internal) host of `product` in `region`; throws for an unknown region. */
export function hostFor(product, region, vpc = false) {
  if (!PRODUCTS.includes(product)) throw bad("product", `Unknown product "${String(product)}": intl or mainland.`, "未知产品，只能是 intl 或 mainland。");
  if (typeof region !== "string" || !REGIONS[product].includes(region)) {
    throw bad("regionId", `Region ${typeof region === "string" ? `"${region}"` : "(not a string)"} does not serve the ${product} product (known: ${REGIONS[product].join(", ")}).`,
      `该地域不提供 ${product} 产品（可选：${REGIONS[product].join("、")}）。`);
  }
  if (vpc && product !== "intl") throw bad("vpc", "The mainland product documents no VPC endpoint; name the host in endpoints.mainland.", "中国内地产品没有文档化的 VPC 接入地址，请通过 endpoints.mainland 指定。");
  return product === "intl" ? `cloudauth-intl${vpc ? "-vpc" : ""}.${region}.aliyuncs.com` : `cloudauth.${region}.aliyuncs.com`;
}

/** Which product an Alibaba Cloud cloudauth host belongs to, or null for another host (a proxy, a mock). */
export function productOfHost(endpoint) {
  const host = String(endpoint).replace(/^https?:\/\//, "").replace(/\/$/, "").replace(/:\d+$/, "").toLowerCase();
  if (!host.endsWith(".aliyuncs.com")) return null;
  if (host.startsWith("cloudauth-intl")) return "intl";
  if (host.startsWith("cloudauth.") || host.startsWith("cloudauth-vpc.")) return "mainland";
  return null;
}

/**
 * `{ intl, mainland }` hosts from the client options `{ regionId, endpoints, vpc, endpoint }`:
 * - `endpoints.intl` / `endpoints.mainland` name a product's host (any host, e.g. a proxy);
 * - `regionId` picks the hosts in that region (a product that does not serve it is left as
 *   `{ error }`, thrown when that product is called; a region neither serves is refused at once),
 *   or `regionId: { intl, mainland }` one region per product (each must be served);
 * - `endpoint` (the single host of earlier versions) applies only to its own product when it is a
 *   cloudauth host, and to both when it is another host (a proxy or a local mock);
 * - `vpc: true` uses the intl product's internal host.
 * Throws an ENDPOINT_INVALID error object for an unknown region or a wrong-typed option.
 */
export function resolveEndpoints({ regionId, endpoints, vpc, endpoint } = {}) {
  if (vpc !== undefined && typeof vpc !== "boolean") throw bad("vpc", "vpc must be a boolean.", "vpc 必须是布尔值。");
  let regions = { ...DEFAULT_REGIONS };
  if (typeof regionId === "string") {
    regions = { intl: regionId, mainland: regionId };
  } else if (regionId !== undefined && regionId !== null) {
    if (typeof regionId !== "object") throw bad("regionId", "regionId must be a string or { intl, mainland }.", "regionId 必须是字符串或 { intl, mainland }。");
    for (const p of PRODUCTS) if (Object.hasOwn(regionId, p) && regionId[p] !== undefined) regions[p] = regionId[p];
  }
  const named = {};
  if (endpoints !== undefined && endpoints !== null) {
    if (typeof endpoints !== "object") throw bad("endpoints", "endpoints must be { intl?, mainland? }.", "endpoints 必须是 { intl?, mainland? }。");
    for (const p of PRODUCTS) {
      const v = Object.hasOwn(endpoints, p) ? endpoints[p] : undefined;
      if (v === undefined || v === null) continue;
      if (typeof v !== "string" || v === "") throw bad("endpoints", `endpoints.${p} must be a host.`, `endpoints.${p} 必须是主机名。`);
      named[p] = v;
    }
  }
  if (typeof endpoint === "string" && endpoint !== "") {
    const own = productOfHost(endpoint);
    for (const p of own ? [own] : PRODUCTS) named[p] ??= endpoint;
  }
  const out = {};
  for (const p of PRODUCTS) {
    if (named[p] !== undefined) {
      out[p] = named[p];
      continue;
    }
    try {
      out[p] = hostFor(p, regions[p], p === "intl" && vpc === true);
    } catch (e) {
      // One regionId for both products: a product that does not serve it fails when called.
      if (typeof regionId !== "string") throw e;
      out[p] = { error: e };
    }
  }
  if (PRODUCTS.every((p) => typeof out[p] !== "string")) throw out.intl.error;
  return out;
}
