// Compiled with `tsc --noEmit --strict` against the installed package's declarations (ESM).
import init, {
  AliyunIdvError, checkIdNumber, checkMobile, checkName, checkValidityPeriod, maskIdNumber, maskMobile, maskName,
  md5Hex, upgradeLegacyIdNumber, type Check, type IdInfo,
} from "aliyun-idv";

async function main(): Promise<void> {
  await init();
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
