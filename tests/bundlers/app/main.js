// The browser app every bundler builds: a page that checks an ID number with a plain import.
import { checkIdNumber } from "aliyun-idv";

const good = checkIdNumber("11010519491231002X", { today: "2026-11-22" });
const bad = checkIdNumber("110105194912310021", { today: "2026-11-22" });
window.__result = { good, bad };
