// Compiled with `tsc --noEmit --strict` against the installed package's declarations (ESM).
import init, { AliyunIdvError, checkIdNumber, md5Hex, type Check, type IdInfo } from "aliyun-idv";

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
