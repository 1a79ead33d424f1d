// The verification family's declarations (the generated block of index.d.ts), under tsc --strict.
import {
  buildAction, buildBankMetaVerify, checkBankCard, buildMobileRecycledMetaVerify, buildId2MetaVerify, createClient, signRequest,
  type ActionName, type BankMetaVerifyInput, type Client, type ClientResult, type SignedRequest,
} from "aliyun-idv";

const opts = { accessKeyId: "id", accessKeySecret: "secret", timestamp: new Date(0), nonce: "n", allowResidencePermit: true, paramsIn: "sdk" as const };
const bank: BankMetaVerifyInput = { bankCard: "6217001234567890123", name: "张三", productType: "BANK_CARD_2_META" };
const a: SignedRequest = buildBankMetaVerify(bank, opts);
const b: SignedRequest = buildMobileRecycledMetaVerify({ mobile: "13812345678", registerDate: "20200101", paramType: "md5" }, opts);
const c: SignedRequest = buildId2MetaVerify({ idNumber: "11010519491231002X", name: "张三", paramType: "md5" }, opts);
const name: ActionName = "Mobile3MetaDetailStandardVerify";
const d: SignedRequest = buildAction(name, { idNumber: "11010519491231002X", name: "张三", mobile: "13812345678" }, opts);
const e = signRequest({ method: "POST", host: "h", action: "A", version: "v", query: { Tags: [{ Key: "k", Value: 1 }], On: true, No: null } }, opts);
// @ts-expect-error productType is an enumeration
buildBankMetaVerify({ ...bank, productType: "BANK_CARD_5_META" }, opts);
// @ts-expect-error registerDate is required
buildMobileRecycledMetaVerify({ mobile: "13812345678" }, opts);
// @ts-expect-error not an action of the table
buildAction("Nope", {}, opts);

async function family(): Promise<void> {
  const client: Client = createClient({ regionId: { intl: "ap-southeast-1", mainland: "cn-beijing" }, endpoints: { mainland: "proxy.example.com" }, vpc: true, allowResidencePermit: false });
  const r: ClientResult = await client.bankMetaVerifyIntl(bank);
  const s: ClientResult = await client.mobile2MetaVerifyIntl({ name: "张三", mobile: "13812345678" });
  void [r.verdict, s.ispName];
}
const card = checkBankCard("6217001234567890122");
if (card.ok) {
  const luhn: boolean = card.info.luhn;
  void luhn;
}
void [a, b, c, d, e.signature, family];
