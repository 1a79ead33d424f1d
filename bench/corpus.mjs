// The benchmark corpus: ~2,000 ID-number inputs and ~2,000 mobile inputs, generated
// deterministically (mulberry32, fixed seed) and labelled at generation time with the verdict the
// rules give (docs/validation.md; valid = the package must answer `ok: true`). The labels come from
// how each case is built, never from running a validator, so they can grade every contender, ours
// included. `make test-corpus` and tests/bench_corpus.rs require our checks to give every label.
//
//   node bench/corpus.mjs          writes bench/corpus.json (read by the native `cargo bench`)
//   node bench/corpus.mjs --check  fails if bench/corpus.json is not what this file generates
//
// Dates are judged on TODAY (passed to our package explicitly where it matters); "future" cases
// are born in 2040 or later so that the peers, which read the clock, agree on what is future.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const TODAY = "2026-11-22";
const SEED = 20261122;

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";
/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function checkChar(body17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

const pad = (n, w) => String(n).padStart(w, "0");
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y, m) => (m === 2 && leap(y) ? 29 : DAYS[m - 1]);

function dataFile(name) {
  return readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"));
}

/** County-level codes listed from 1980 and still current: in every peer's table too. */
function stableCounties() {
  return dataFile("gb2260-regions.tsv")
    .filter(([code, , first, last]) => !code.endsWith("00") && first === "1980" && last === "9999" && !code.startsWith("8"))
    .map(([code]) => code);
}

/** County-level codes first seen in 2000 or later and still current (valid; older peer tables miss them). */
function newerCounties() {
  return dataFile("gb2260-regions.tsv")
    .filter(([code, , first, last]) => !code.endsWith("00") && Number(first) >= 2000 && last === "9999" && !code.startsWith("8"))
    .map(([code]) => code);
}

const FULL_WIDTH = (s) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export function idCorpus() {
  const r = rng(SEED);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const stable = stableCounties();
  const newer = newerCounties();
  const body = (region, y, m, d) => region + pad(y, 4) + pad(m, 2) + pad(d, 2) + pad(int(0, 999), 3);
  const valid = (region = pick(stable)) => {
    const y = int(1930, 2008);
    const m = int(1, 12);
    const b = body(region, y, m, int(1, daysIn(y, m)));
    return b + checkChar(b);
  };
  const validWithX = () => {
    for (;;) {
      const v = valid();
      if (v.endsWith("X")) return v;
    }
  };
  const out = [];
  const add = (category, valid, input) => out.push({ category, valid, input });
  // [category, count, truth, make]: ~70% valid as typed or after the normalisation the spec makes.
  const plan = [
    ["valid", 1000, true, () => valid()],
    ["valid, check char X", 120, true, () => validWithX()],
    ["valid, region created after 2000", 80, true, () => valid(pick(newer))],
    ["valid, lower-case x", 60, true, () => validWithX().replace("X", "x")],
    ["valid, surrounding whitespace", 60, true, () => pick([" ", "  ", "\t", "\u3000"]) + valid() + pick([" ", "\n", "\u3000", ""])],
    ["valid, full-width digits", 60, true, () => FULL_WIDTH(valid())],
    ["wrong check char", 180, false, () => {
      const v = valid();
      let c;
      do c = pick("0123456789X".split("")); while (c === v[17]);
      return v.slice(0, 17) + c;
    }],
    ["transposed digits", 60, false, () => {
      for (;;) {
        const v = valid();
        const i = int(14, 15); // sequence digits: the date and region stay plausible
        if (v[i] === v[i + 1]) continue;
        const t = v.slice(0, i) + v[i + 1] + v[i] + v.slice(i + 2);
        if (checkChar(t.slice(0, 17)) !== t[17]) return t;
      }
    }],
    ["30 or 31 February", 60, false, () => {
      const b = body(pick(stable), int(1930, 2008), 2, int(30, 31));
      return b + checkChar(b);
    }],
    ["29 February, not a leap year", 30, false, () => {
      let y;
      do y = int(1930, 2007); while (leap(y));
      const b = body(pick(stable), y, 2, 29);
      return b + checkChar(b);
    }],
    ["month 13 or 00", 30, false, () => {
      const b = body(pick(stable), int(1930, 2008), pick([0, 13]), int(1, 28));
      return b + checkChar(b);
    }],
    ["birth date in the future", 60, false, () => {
      const y = int(2040, 2099);
      const m = int(1, 12);
      const b = body(pick(stable), y, m, int(1, daysIn(y, m)));
      return b + checkChar(b);
    }],
    ["born before 1900", 20, false, () => {
      const y = int(1800, 1899);
      const m = int(1, 12);
      const b = body(pick(stable), y, m, int(1, daysIn(y, m)));
      return b + checkChar(b);
    }],
    ["unknown region", 40, false, () => {
      const region = pick(["00", "10", "20", "27", "38", "49", "55", "66", "77", "90", "99"]) + pad(int(0, 9999), 4);
      const y = int(1930, 2008);
      const m = int(1, 12);
      const b = body(region, y, m, int(1, daysIn(y, m)));
      return b + checkChar(b);
    }],
    ["15-digit first generation", 60, false, () => {
      const y = int(1930, 1999);
      const m = int(1, 12);
      return pick(stable) + pad(y % 100, 2) + pad(m, 2) + pad(int(1, daysIn(y, m)), 2) + pad(int(0, 999), 3);
    }],
    ["17 or 19 characters", 40, false, () => {
      const v = valid();
      return r() < 0.5 ? v.slice(0, 17) : v + String(int(0, 9));
    }],
    ["inner space or hyphen", 30, false, () => {
      const v = valid();
      const sep = pick([" ", "-"]);
      return v.slice(0, 6) + sep + v.slice(6, 14) + sep + v.slice(14);
    }],
    ["letter inside", 20, false, () => {
      const v = valid();
      const i = int(0, 16);
      return v.slice(0, i) + pick(["X", "O", "l", "I"]) + v.slice(i + 1);
    }],
    ["empty or blank", 10, false, () => pick(["", " ", "\u3000"])],
  ];
  for (const [category, count, truth, make] of plan) for (let i = 0; i < count; i++) add(category, truth, make());
  // Interleave categories so a benchmark cycling through the corpus sees the mix, not runs.
  return shuffle(out, r);
}

function shuffle(a, r) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const FULL_WIDTH_DIGITS = (s) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export function mobileCorpus() {
  const r = rng(SEED + 1);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const digits = (n) => {
    let s = "";
    for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10));
    return s;
  };
  const prefixes = dataFile("mobile-prefixes.tsv").map(([p]) => p);
  const mno = dataFile("mobile-prefixes.tsv").filter(([, , kind]) => kind === "mno").map(([p]) => p);
  const listed = (n) => prefixes.some((p) => n.startsWith(p));
  const valid = (from = mno) => {
    const p = pick(from);
    return p + digits(11 - p.length);
  };
  const spaced = (n) => n.slice(0, 3) + " " + n.slice(3, 7) + " " + n.slice(7);
  const out = [];
  const plan = [
    ["valid", 1100, true, () => valid()],
    ["valid, any listed range (MVNO, data card, satellite)", 150, true, () => valid(prefixes)],
    ["valid, spaces", 120, true, () => spaced(valid())],
    ["valid, hyphens", 60, true, () => valid().replace(/^(\d{3})(\d{4})/, "$1-$2-")],
    ["valid, +86 / 0086 / 86", 150, true, () => pick(["+86 ", "+86", "0086 ", "86"]) + pick([valid(), spaced(valid())])],
    ["valid, full-width digits", 40, true, () => FULL_WIDTH_DIGITS(valid())],
    ["unassigned prefix", 120, false, () => {
      for (;;) {
        const n = pick(["140", "141", "142", "143", "144", "146", "148", "154", "160", "161", "163", "164", "168", "169", "179", "194"]) + digits(8);
        if (!listed(n)) return n;
      }
    }],
    ["10 or 12 digits", 80, false, () => (r() < 0.5 ? valid().slice(0, 10) : valid() + digits(1))],
    ["landline", 60, false, () => pick(["010", "021", "0755", "020"]) + pick(["", "-", " "]) + digits(8)],
    ["other country code", 40, false, () => pick(["+1 ", "+852 ", "+44 "]) + valid()],
    ["letter or stray symbol", 40, false, () => {
      const v = valid();
      const i = 3 + Math.floor(r() * 8);
      return v.slice(0, i) + pick(["O", "l", "*", "."]) + v.slice(i + 1);
    }],
    ["2-prefix (not a mobile)", 40, false, () => "2" + digits(10)],
  ];
  for (const [category, count, truth, make] of plan) for (let i = 0; i < count; i++) out.push({ category, valid: truth, input: make() });
  return shuffle(out, r);
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强海燕文斌晓东立新春梅宏伟";

/** Valid (ID number, name) pairs for the request builders. */
export function peopleCorpus(ids) {
  const r = rng(SEED + 2);
  const pick = (s) => [...s][Math.floor(r() * [...s].length)];
  return ids
    .filter((c) => c.valid && c.category === "valid")
    .slice(0, 500)
    .map((c) => ({ idNumber: c.input, name: pick(SURNAMES) + pick(GIVEN) + (r() < 0.6 ? pick(GIVEN) : "") }));
}

export function corpus() {
  const ids = idCorpus();
  return { about: "Generated by bench/corpus.mjs; do not edit. valid = the verdict the spec gives.", today: TODAY, ids, mobiles: mobileCorpus(), people: peopleCorpus(ids) };
}

const FILE = new URL("./corpus.json", import.meta.url);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = JSON.stringify(corpus(), null, 0).replace(/\},\{/g, "},\n{") + "\n";
  if (process.argv.includes("--check")) {
    if (readFileSync(FILE, "utf8") !== text) {
      console.error("bench/corpus.json is stale: run node bench/corpus.mjs");
      process.exit(1);
    }
  } else {
    writeFileSync(FILE, text);
    const c = corpus();
    console.log(`bench/corpus.json: ${c.ids.length} ID inputs, ${c.mobiles.length} mobile inputs, ${c.people.length} people`);
  }
}
