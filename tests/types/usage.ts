// Compiled with `tsc --noEmit --strict` against the installed package's declarations (ESM).
import init, {
  AliyunIdvError, checkIdNumber, checkMobile, checkName, checkValidityPeriod, maskIdNumber, maskMobile, maskName,
  md5Hex, upgradeLegacyIdNumber, buildId2MetaVerifyIntl, buildMobile3MetaVerifyIntl, buildId2MetaPeriodVerifyIntl,
  buildId2MetaVerify, signRequest, parseResponse, __wasmMemoryBytes, type Check, type IdInfo, type SignedRequest, type VerifyResult,
} from "aliyun-idv";

async function main(): Promise<void> {
  await init();
  const memoryBytes: number = __wasmMemoryBytes();
  void memoryBytes;
  const r: Check<string, IdInfo> = checkIdNumber("11010519491231002X", { today: "2026-11-22", allowResidencePermit: false });
  if (r.ok) {
    const v: string = r.value;
    const w: string[] = r.warnings;
    const c: boolean = r.changed;
    void [v, w, c];
  } else {
    const code: string = r.error.code;
    const zh: string = r.error.messageZh;
    const hint: string | undefined = r.error.hint;
    void [code, zh, hint];
  }
  if (r.ok) {
    const g: "male" | "female" = r.info.gender;
    const region: string | null = r.info.regionName;
    const age: number = r.info.age;
    void [g, region, age];
  }
  const m = checkMobile("13812345678");
  if (m.ok) {
    const carrier: "CMCC" | "CUCC" | "CTCC" | "CBN" = m.info.carrier;
    void carrier;
  }
  const n = checkName("张三");
  if (n.ok) void (n.info.minorityName satisfies boolean);
  const p = checkValidityPeriod({ start: "20200101", end: "长期", idNumber: "11010519491231002X" });
  if (p.ok) {
    const term: 5 | 10 | 20 | null = p.info.termYears;
    const end: string = p.value.end;
    void [term, end];
  }
  const masked: string[] = [maskIdNumber("x"), maskName("x"), maskMobile("x"), upgradeLegacyIdNumber("110105491231002")];
  void masked;
  // @ts-expect-error the period input needs an end
  checkValidityPeriod({ start: "20200101" });
  const creds = { accessKeyId: "id", accessKeySecret: "secret", timestamp: new Date(), nonce: crypto.randomUUID() };
  const req: SignedRequest = buildId2MetaVerifyIntl({ idNumber: "x", name: "y" }, creds);
  const init2: RequestInit = { method: req.method, headers: req.headers, body: req.body };
  void init2;
  buildMobile3MetaVerifyIntl({ idNumber: "x", name: "y", mobile: "z", paramType: "md5" }, { ...creds, signatureVersion: "v1" });
  buildId2MetaPeriodVerifyIntl({ idNumber: "x", name: "y", validityStart: "a", validityEnd: "b", merchantBizId: "c" }, { ...creds, longTermAs: "long-term" });
  buildId2MetaVerify({ idNumber: "x", name: "y" }, { ...creds, endpoint: "cloudauth.cn-shanghai.aliyuncs.com" });
  const s = signRequest({ method: "POST", host: "h", action: "A", version: "v", form: { K: "V" } }, creds);
  const parts: string[] = [s.canonicalRequest, s.stringToSign, s.signature];
  void parts;
  const v: VerifyResult = parseResponse("Id2MetaVerifyIntl", 200, "{}", new Headers());
  if (v.verdict === "error" && v.retryable) {
    const wait: number | undefined = v.retryAfterMs;
    void wait;
  }
  // @ts-expect-error paramType is only normal or md5
  buildMobile3MetaVerifyIntl({ idNumber: "x", name: "y", mobile: "z", paramType: "sha1" }, creds);
  const h: string = md5Hex("张三");
  void h;
  try {
    md5Hex("x");
  } catch (e) {
    if (e instanceof AliyunIdvError) {
      const code: string = e.code;
      const field: string | undefined = e.field;
      void [code, field];
    }
  }
  // @ts-expect-error today must be a string
  checkIdNumber("x", { today: 20261122 });
}
void main;
