// Compiled with `tsc --noEmit --strict` against the declarations that `require` resolves.
import idv = require("aliyun-idv");

const r = idv.checkIdNumber("11010519491231002X");
const ok: boolean = r.ok;
const hex: string = idv.md5Hex("abc");
const isErr: boolean = new Error() instanceof idv.AliyunIdvError;
void [ok, hex, isErr];
