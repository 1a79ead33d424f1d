// `make demo`: what the freshly built package says about a few inputs.
// (Later: verifies synthetic people through createClient against the local mock endpoint.)
import { checkIdNumber, md5Hex } from "../pkg/node.mjs";

const today = "2026-11-22";
const inputs = [
  "11010519491231002X",          // the GB 11643-1999 example: valid
  " 11010519491231002x ",        // lower-case x and spaces: valid after normalisation
  "１１０１０５１９４９１２３１００２Ｘ", // full-width: valid after normalisation
  "110105194912310021",          // one wrong character: checksum error
  "110105491231002",             // a first-generation 15-digit number
  "1101-0519491231002X",         // a hyphen: refused, not repaired
];

console.log(`aliyun-idv demo (today = ${today})\n`);
for (const input of inputs) {
  const r = checkIdNumber(input, { today });
  const shown = JSON.stringify(input);
  if (r.ok) console.log(`ok     ${shown} -> ${r.value}${r.changed ? " (normalised)" : ""}`);
  else console.log(`error  ${shown} -> ${r.error.code}: ${r.error.message} / ${r.error.messageZh}`);
}
console.log(`\nmd5Hex("张三") = ${md5Hex("张三")}  (the md5 parameter mode hashes UTF-8 bytes)`);
