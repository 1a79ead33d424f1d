// Which column (CSV header) or key (JSON Lines) holds each field: the --id, --name, --mobile,
// --valid-from and --valid-to flags, else the first header matching a common Chinese or English name.
import { usage } from "./usage.mjs";

export const FIELDS = ["idNumber", "name", "mobile", "validFrom", "validTo"];

/** The flag of each field, for messages. */
export const FLAG = { idNumber: "--id", name: "--name", mobile: "--mobile", validFrom: "--valid-from", validTo: "--valid-to" };

/** Header names recognised without a flag, compared after lower-casing and dropping spaces, `_`, `-`, `.`. */
export const DEFAULT_HEADERS = {
  idNumber: [
    "身份证号", "身份证号码", "身份证", "证件号", "证件号码", "居民身份证号码", "公民身份号码",
    "idnumber", "id", "idno", "idcard", "idcardno", "idcardnumber", "certno", "certnumber", "certid", "identitynumber", "nationalid",
  ],
  name: ["姓名", "名字", "真实姓名", "证件姓名", "name", "fullname", "realname", "certname", "username"],
  mobile: ["手机号", "手机号码", "手机", "电话", "联系电话", "mobile", "mobilenumber", "mobileno", "phone", "phonenumber", "cellphone", "tel"],
  validFrom: [
    "有效期开始", "有效期开始日期", "有效期起始日期", "有效期起", "有效期自", "签发日期", "起始日期",
    "validfrom", "validitystart", "validstart", "startdate", "issuedate", "certvalidfrom",
  ],
  validTo: [
    "有效期截止", "有效期截止日期", "有效期结束", "有效期结束日期", "有效期至", "有效期止", "截止日期",
    "validto", "validityend", "validend", "enddate", "expirydate", "expirationdate", "certvalidto",
  ],
};

export const canonicalHeader = (h) => String(h).toLowerCase().replace(/[\s_\-.]/g, "");

/**
 * { field: header } for every field found. A flag names a header exactly (or, for CSV, a 1-based
 * column number); a flag naming no header is a usage error, and so is a file with none of the fields.
 */
export function resolveColumns(header, map, format) {
  const columns = {};
  for (const field of FIELDS) {
    const wanted = map[field];
    if (wanted === undefined || wanted === null || wanted === "") continue;
    if (header.includes(wanted)) {
      columns[field] = wanted;
    } else if (format === "csv" && /^[1-9][0-9]*$/.test(wanted) && Number(wanted) <= header.length) {
      columns[field] = header[Number(wanted) - 1];
    } else if (format === "jsonl") {
      columns[field] = wanted; // a key that the first object happens not to have
    } else {
      throw usage(`${FLAG[field]} ${JSON.stringify(wanted)}: no such column (the header has ${header.map((h) => JSON.stringify(h)).join(", ")})`);
    }
  }
  const canon = header.map(canonicalHeader);
  const taken = new Set(Object.values(columns));
  for (const field of FIELDS) {
    if (columns[field] !== undefined) continue;
    for (const name of DEFAULT_HEADERS[field]) {
      const i = canon.indexOf(name);
      if (i >= 0 && !taken.has(header[i])) {
        columns[field] = header[i];
        taken.add(header[i]);
        break;
      }
    }
  }
  if (columns.idNumber === undefined && columns.name === undefined && columns.mobile === undefined) {
    throw usage(
      `no ID number, name or mobile column found (the header has ${header.map((h) => JSON.stringify(h)).join(", ") || "nothing"}); ` +
        "name them with --id, --name, --mobile",
    );
  }
  if ((columns.validFrom === undefined) !== (columns.validTo === undefined)) {
    const missing = columns.validFrom === undefined ? "validFrom" : "validTo";
    throw usage(`a validity period needs both columns: name the ${missing === "validFrom" ? "start" : "end"} with ${FLAG[missing]}`);
  }
  return columns;
}
