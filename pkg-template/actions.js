// GENERATED from src/request/table.rs by tests/js_action_table.rs: do not edit by hand
// (`UPDATE_JS_ACTIONS=1 cargo test --test js_action_table` rewrites it; `cargo test` checks it).
// Every action the package builds: its name, client method, named builder, product, where the
// official SDK puts its parameters, md5 mode, residence permits, and the inputs it takes.

/** The builder inputs, in the fixed order of the generic wasm entry (bit i of its mask = field i). */
export const INPUT_FIELDS = Object.freeze([
  "idNumber",
  "name",
  "mobile",
  "paramType",
  "validityStart",
  "validityEnd",
  "merchantBizId",
  "merchantUserId",
  "sceneCode",
  "bankCard",
  "productType",
  "verifyMode",
  "identityType",
  "registerDate",
]);

/** One entry per action. */
export const ACTIONS = Object.freeze([
  Object.freeze({ name: "Id2MetaVerifyIntl", method: "id2MetaVerifyIntl", builder: "buildId2MetaVerifyIntl", product: "intl", sdkPlacement: "query", md5: false, residencePermits: false, inputs: Object.freeze(["paramType", "idNumber", "name"]), required: Object.freeze(["idNumber", "name"]) }),
  Object.freeze({ name: "Mobile3MetaVerifyIntl", method: "mobile3MetaVerifyIntl", builder: "buildMobile3MetaVerifyIntl", product: "intl", sdkPlacement: "query", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "idNumber", "name", "mobile"]), required: Object.freeze(["idNumber", "name", "mobile"]) }),
  Object.freeze({ name: "Id2MetaPeriodVerifyIntl", method: "id2MetaPeriodVerifyIntl", builder: "buildId2MetaPeriodVerifyIntl", product: "intl", sdkPlacement: "body", md5: false, residencePermits: false, inputs: Object.freeze(["paramType", "idNumber", "name", "validityStart", "validityEnd", "merchantBizId", "merchantUserId", "sceneCode"]), required: Object.freeze(["idNumber", "name", "validityStart", "validityEnd", "merchantBizId"]) }),
  Object.freeze({ name: "Id2MetaVerify", method: "id2MetaVerify", builder: "buildId2MetaVerify", product: "mainland", sdkPlacement: "body", md5: true, residencePermits: true, inputs: Object.freeze(["paramType", "idNumber", "name"]), required: Object.freeze(["idNumber", "name"]) }),
  Object.freeze({ name: "Mobile2MetaVerifyIntl", method: "mobile2MetaVerifyIntl", builder: "buildMobile2MetaVerifyIntl", product: "intl", sdkPlacement: "body", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "name", "mobile"]), required: Object.freeze(["name", "mobile"]) }),
  Object.freeze({ name: "BankMetaVerifyIntl", method: "bankMetaVerifyIntl", builder: "buildBankMetaVerifyIntl", product: "intl", sdkPlacement: "query", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "idNumber", "name", "mobile", "bankCard", "productType", "verifyMode", "identityType"]), required: Object.freeze(["name", "bankCard", "productType"]) }),
  Object.freeze({ name: "Id2MetaPeriodVerify", method: "id2MetaPeriodVerify", builder: "buildId2MetaPeriodVerify", product: "mainland", sdkPlacement: "body", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "idNumber", "name", "validityStart", "validityEnd"]), required: Object.freeze(["idNumber", "name", "validityStart", "validityEnd"]) }),
  Object.freeze({ name: "Id2MetaStandardVerify", method: "id2MetaStandardVerify", builder: "buildId2MetaStandardVerify", product: "mainland", sdkPlacement: "body", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "idNumber", "name"]), required: Object.freeze(["idNumber", "name"]) }),
  Object.freeze({ name: "Mobile2MetaVerify", method: "mobile2MetaVerify", builder: "buildMobile2MetaVerify", product: "mainland", sdkPlacement: "body", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "name", "mobile"]), required: Object.freeze(["name", "mobile"]) }),
  Object.freeze({ name: "Mobile3MetaSimpleVerify", method: "mobile3MetaSimpleVerify", builder: "buildMobile3MetaSimpleVerify", product: "mainland", sdkPlacement: "body", md5: true, residencePermits: true, inputs: Object.freeze(["paramType", "idNumber", "name", "mobile"]), required: Object.freeze(["idNumber", "name", "mobile"]) }),
  Object.freeze({ name: "Mobile3MetaDetailVerify", method: "mobile3MetaDetailVerify", builder: "buildMobile3MetaDetailVerify", product: "mainland", sdkPlacement: "body", md5: true, residencePermits: true, inputs: Object.freeze(["paramType", "idNumber", "name", "mobile"]), required: Object.freeze(["idNumber", "name", "mobile"]) }),
  Object.freeze({ name: "Mobile3MetaSimpleStandardVerify", method: "mobile3MetaSimpleStandardVerify", builder: "buildMobile3MetaSimpleStandardVerify", product: "mainland", sdkPlacement: "body", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "idNumber", "name", "mobile"]), required: Object.freeze(["idNumber", "name", "mobile"]) }),
  Object.freeze({ name: "Mobile3MetaDetailStandardVerify", method: "mobile3MetaDetailStandardVerify", builder: "buildMobile3MetaDetailStandardVerify", product: "mainland", sdkPlacement: "body", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "idNumber", "name", "mobile"]), required: Object.freeze(["idNumber", "name", "mobile"]) }),
  Object.freeze({ name: "MobileRecycledMetaVerify", method: "mobileRecycledMetaVerify", builder: "buildMobileRecycledMetaVerify", product: "mainland", sdkPlacement: "query", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "mobile", "registerDate"]), required: Object.freeze(["mobile", "registerDate"]) }),
  Object.freeze({ name: "BankMetaVerify", method: "bankMetaVerify", builder: "buildBankMetaVerify", product: "mainland", sdkPlacement: "query", md5: true, residencePermits: false, inputs: Object.freeze(["paramType", "idNumber", "name", "mobile", "bankCard", "productType", "verifyMode", "identityType"]), required: Object.freeze(["name", "bankCard", "productType"]) }),
]);

/** The entry of `name`, or undefined. */
export function actionEntry(name) {
  return ACTIONS.find((a) => a.name === name);
}
