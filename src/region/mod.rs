//! GB/T 2260 administrative division codes since 1980, with names and the last year dated sources
//! list them (the data's first-seen year is not compiled in: no rule reads it), compiled from
//! `data/gb2260-regions.tsv` by `scripts/gen-tables.py` (format described there). Sources and
//! licences: `data/NOTICE.md`.

use crate::prelude::*;
#[rustfmt::skip]
#[allow(dead_code)]
mod layout;

use layout::*;
use core::sync::atomic::{AtomicBool, AtomicU16, AtomicU64, Ordering::Relaxed};
use once_cell::race::OnceBox;

#[cfg(feature = "region-names")]
mod coded;

/// The facts part of `regions.bin` (typed with the generated length, so a stale layout fails to
/// compile). Its names section (~78 KB of UTF-8) is what `loadRegionNames` loads into the browser
/// module; the server module compiles in the same names char-coded (`names.bin`, see `coded`).
static DATA: &[u8; NAMES_AT] = &head(include_bytes!("regions.bin"));

#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)] // const evaluation: an error fails the build
const fn head<const N: usize>(all: &[u8; TOTAL]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = all[i];
        i += 1;
    }
    out
}

#[cfg(feature = "region-names")]
static NAMES_BIN: &[u8; NAMES_CODED_LEN] = include_bytes!("names.bin");

/// The names text, once loaded (the browser module).
#[cfg(not(feature = "region-names"))]
static NAMES: OnceBox<String> = OnceBox::new();

/// The names section of `regions.bin` (`TOTAL - NAMES_AT` bytes of UTF-8), for a module built
/// without the `region-names` feature. True when the names are (now) available; false when
/// `names` is not this table's names section.
pub fn load_names(names: String) -> bool {
    #[cfg(feature = "region-names")]
    return names.len() == TOTAL.saturating_sub(NAMES_AT);
    #[cfg(not(feature = "region-names"))]
    {
        if names.len() != TOTAL.saturating_sub(NAMES_AT) || !names.ends_with('\n') {
            return false;
        }
        let _ = NAMES.set(Box::new(names));
        NAMES.get().is_some()
    }
}

/// Prefecture-level cities without counties: county level although their code ends in `00`.
const CITIES_WITHOUT_COUNTIES: [u32; 4] = [441900, 442000, 460400, 620200];

/// The 31 mainland province-level codes (first two digits).
const MAINLAND_PROVINCES: [u32; 31] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
    62, 63, 64, 65,
];

/// When dated sources list a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastSeen {
    /// Still listed by the latest source.
    Current,
    /// Last listed in this year.
    Year(u16),
    /// No dated source lists it.
    Unknown,
}

/// One code of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub code: u32,
    pub last_seen: LastSeen,
    /// Where the name is: the group and the row within it (resolved on demand, see `name`).
    group: usize,
    row_in_group: usize,
    /// The row of the table (0 to `ROWS - 1`): a dense key for the entry (see `row`).
    row: usize,
}

impl Region {
    /// The entry's row in the table, 0 to [`rows`]` - 1`: a dense key, so a caller can cache what
    /// it derives from an entry (its name) in an array rather than a map keyed by code.
    pub fn row(&self) -> usize {
        self.row
    }

    /// The name, where a source gives one. Resolved on demand: it scans the group's names.
    pub fn name(&self) -> Option<&'static str> {
        name_in_group(self.group, self.row_in_group)
    }

    /// The name, where a source gives one, in pieces into `f` without allocating (the compiled-in
    /// names a character at a time; loaded names in one piece). False when there is none.
    pub fn visit_name(&self, f: impl FnMut(&str)) -> bool {
        #[cfg(feature = "region-names")]
        return coded::visit_name(NAMES_BIN, self.group, self.row_in_group, f);
        #[cfg(not(feature = "region-names"))]
        name_in_group(self.group, self.row_in_group).map(f).is_some()
    }
}

fn byte(at: usize) -> Option<u8> {
    DATA.get(at).copied()
}

/// The table's columns expanded on first use, for lookups in a few bit operations, into static
/// atomics (no allocation: the first check of a fresh instance compiles and runs less). Atomics
/// only for safe shared statics: the module is single-threaded.
const WORDS: usize = PREFIXES.div_ceil(64);
#[allow(clippy::declare_interior_mutable_const)]
const ZERO16: AtomicU16 = AtomicU16::new(0);
#[allow(clippy::declare_interior_mutable_const)]
const ZERO_SET: [AtomicU64; 2] = [AtomicU64::new(0), AtomicU64::new(0)];
#[allow(clippy::declare_interior_mutable_const)]
const ZERO64: AtomicU64 = AtomicU64::new(0);
/// The prefix bit set as 64-bit words.
static BITS: [AtomicU64; WORDS] = [ZERO64; WORDS];
/// Groups before each 64-bit word of the prefix bit set.
static RANK: [AtomicU16; WORDS] = [ZERO16; WORDS];
/// First row of each group, then `ROWS`.
static START: [AtomicU16; GROUPS + 1] = [ZERO16; GROUPS + 1];
static FILLED: AtomicBool = AtomicBool::new(false);
/// Bit `s` set when the group has the code ending in `s` (0 to 99), as two halves, made the first
/// time the group is looked up (a loop over all 7,264 rows in a fresh instance's first check got
/// itself compiled a second time by the engine's optimising tier during that call); bit 63 of the
/// high half ([`MADE`]) marks a set already made.
static SUFFIXES: [[AtomicU64; 2]; GROUPS] = [ZERO_SET; GROUPS];

/// The mark of a made suffix set (suffixes stop at 99, bit 35 of the high half).
const MADE: u64 = 1 << 63;

/// Word `i` of the prefix bit set, from the table's little-endian bytes.
fn word_of_table(i: usize) -> Option<u64> {
    let at = PREFIX_BITS_AT.checked_add(i.checked_mul(8)?)?;
    let bytes = DATA.get(at..GROUP_COUNT_AT.min(at.saturating_add(8)))?;
    Some(bytes.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b)))
}

/// Fills `RANK` and `START` once.
fn fill() {
    if FILLED.load(Relaxed) {
        return;
    }
    let mut groups = 0u16;
    for (i, (rank, bits)) in RANK.iter().zip(&BITS).enumerate() {
        let w = word_of_table(i).unwrap_or(0);
        bits.store(w, Relaxed);
        rank.store(groups, Relaxed);
        groups = groups.saturating_add(u16::try_from(w.count_ones()).unwrap_or(0));
    }
    let counts = DATA.get(GROUP_COUNT_AT..SUFFIX_AT).unwrap_or(&[]);
    let mut row = 0u16;
    for (start, &count) in START.iter().zip(counts) {
        start.store(row, Relaxed);
        row = row.saturating_add(u16::from(count));
    }
    if let Some(last) = START.get(counts.len()) {
        last.store(row, Relaxed);
    }
    FILLED.store(true, Relaxed);
}

/// First row of group `g` (`g == GROUPS`: `ROWS`); `fill` has run (a group was found).
fn start(g: usize) -> Option<usize> {
    START.get(g).map(|s| usize::from(s.load(Relaxed)))
}

/// The suffix set of group `g`, made on first use from the group's suffix deltas.
fn suffixes(g: usize) -> Option<u128> {
    let [low, high] = SUFFIXES.get(g)?;
    let h = high.load(Relaxed);
    if h & MADE != 0 {
        return Some(u128::from(h & !MADE) << 64 | u128::from(low.load(Relaxed)));
    }
    let deltas = DATA.get(SUFFIX_AT..LAST_AT)?.get(start(g)?..start(g.checked_add(1)?)?)?;
    // Two 64-bit halves: no 128-bit shift by a variable amount (a libcall in wasm) per row.
    let (mut l, mut h, mut suffix) = (0u64, 0u64, 0u32);
    for &d in deltas {
        suffix = suffix.saturating_add(u32::from(d));
        match suffix.checked_sub(64) {
            None => l |= 1u64 << suffix,
            Some(s) => h |= 1u64.checked_shl(s).unwrap_or(0),
        }
        suffix = suffix.saturating_add(1);
    }
    low.store(l, Relaxed);
    high.store(h | MADE, Relaxed);
    Some(u128::from(h) << 64 | u128::from(l))
}

/// Bits of `set` below bit `n`.
fn ones_below(set: u128, n: u32) -> usize {
    let below = 1u128.checked_shl(n).map_or(u128::MAX, |b| b.wrapping_sub(1));
    usize::try_from((set & below).count_ones()).unwrap_or(0)
}

/// Index of the group of 4-digit prefix `prefix`.
fn group(prefix: u32) -> Option<usize> {
    fill();
    let p = usize::try_from(prefix).ok()?;
    let w = BITS.get(p / 64)?.load(Relaxed);
    let bit = u32::try_from(p % 64).ok()?;
    if w >> bit & 1 == 0 {
        return None;
    }
    usize::from(RANK.get(p / 64)?.load(Relaxed)).checked_add(ones_below(u128::from(w), bit))
}

/// Byte offset of each group's first name in `names`, then the length of `names`.
#[cfg(not(feature = "region-names"))]
fn name_offsets(names: &[u8]) -> Vec<u32> {
    fill();
    let mut out = Vec::with_capacity(GROUPS.saturating_add(1));
    let mut lines = names.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i.saturating_add(1));
    let mut row = 0usize;
    let mut at = 0usize;
    for s in (0..=GROUPS).filter_map(start) {
        while row < s {
            at = lines.next().unwrap_or(names.len());
            row = row.saturating_add(1);
        }
        out.push(u32::try_from(at).unwrap_or(u32::MAX));
    }
    out
}

/// The names of group `g`, each followed by a newline: compiled in (decoded on first use).
#[cfg(feature = "region-names")]
fn group_names(g: usize) -> Option<&'static str> {
    static CODED: OnceBox<coded::CodedNames> = OnceBox::new();
    CODED.get_or_init(|| Box::new(coded::CodedNames::new(NAMES_BIN))).group(g)
}

/// The names of group `g`, each followed by a newline: loaded, or none yet.
#[cfg(not(feature = "region-names"))]
fn group_names(g: usize) -> Option<&'static str> {
    static OFFSETS: OnceBox<Vec<u32>> = OnceBox::new();
    let names = NAMES.get()?;
    let offsets = OFFSETS.get_or_init(|| Box::new(name_offsets(names.as_bytes())));
    let start = usize::try_from(*offsets.get(g)?).ok()?;
    let end = usize::try_from(*offsets.get(g.checked_add(1)?)?).ok()?;
    names.get(start..end)
}

/// Name of the `k`-th row (0-based) of group `g`.
fn name_in_group(g: usize, k: usize) -> Option<&'static str> {
    // A closure, not the char '\n': a char pattern searches with core's memchr (with maskName's,
    // 0.2 KB gzipped of the browser module); a group holds a few dozen short names.
    #[allow(clippy::manual_pattern_char_comparison)]
    let name = group_names(g)?.split(|c| c == '\n').nth(k)?;
    (!name.is_empty()).then_some(name)
}

/// The table's entry for a 6-digit code.
pub fn lookup(code: u32) -> Option<Region> {
    let g = group(code / 100)?;
    let suffix = code % 100;
    let set = suffixes(g)?;
    if set >> suffix & 1 == 0 {
        return None;
    }
    let k = ones_below(set, suffix);
    let row = start(g)?.checked_add(k)?;
    let last = byte(LAST_AT.checked_add(row)?)?;
    Some(Region {
        code,
        group: g,
        row_in_group: k,
        row,
        last_seen: match last {
            0 => LastSeen::Unknown,
            255 => LastSeen::Current,
            y => LastSeen::Year(1900u16.saturating_add(u16::from(y))),
        },
    })
}

/// Number of entries of the table (the bound of [`Region::row`]).
pub const fn rows() -> usize {
    ROWS
}

/// County level: the last two digits are not `00`, or one of the prefecture-level cities without
/// counties.
pub fn is_county_level(code: u32) -> bool {
    code % 100 != 0 || CITIES_WITHOUT_COUNTIES.contains(&code)
}

/// Whether some county-level code of the table starts with these four digits.
pub fn prefix_has_county(prefix: u32) -> bool {
    let Some(set) = group(prefix).and_then(suffixes) else {
        return false;
    };
    set & !1 != 0 || (set != 0 && is_county_level(prefix.saturating_mul(100)))
}

/// `MAINLAND_PROVINCES` as a table indexed by the two digits (no search, no 128-bit shift: a
/// libcall in wasm).
const MAINLAND_TABLE: [bool; 100] = {
    let mut table = [false; 100];
    let mut i = 0;
    while i < MAINLAND_PROVINCES.len() {
        #[allow(clippy::indexing_slicing)] // const evaluation: an error fails the build
        {
            table[MAINLAND_PROVINCES[i] as usize] = true;
        }
        i += 1;
    }
    table
};

/// Whether the first two digits are one of the 31 mainland provinces.
pub fn is_mainland_province(province: u32) -> bool {
    usize::try_from(province).ok().and_then(|p| MAINLAND_TABLE.get(p)).copied().unwrap_or(false)
}

/// Name of the province `XX0000`.
pub fn province_name(province: u32) -> Option<&'static str> {
    lookup(province.saturating_mul(10000)).and_then(|r| r.name())
}

/// Tests of the checks-only build load the names the way the package does.
#[cfg(all(test, not(feature = "region-names")))]
pub(crate) fn load_names_for_tests() {
    let all = include_bytes!("regions.bin");
    let names = core::str::from_utf8(all.get(NAMES_AT..).unwrap_or(&[])).map(String::from).unwrap_or_default();
    assert!(load_names(names));
}
#[cfg(all(test, feature = "region-names"))]
pub(crate) fn load_names_for_tests() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(feature = "region-names"))]
    #[test]
    fn names_load_only_from_the_matching_section() {
        assert!(!load_names(String::from("北京市\n")));
        assert!(!load_names("x".repeat(TOTAL - NAMES_AT)), "must end with a newline");
        load_names_for_tests();
        assert_eq!(lookup(110105).unwrap().name(), Some("朝阳区"));
        assert_eq!(province_name(65), Some("新疆维吾尔自治区"));
    }

    #[cfg(feature = "region-names")]
    #[test]
    fn compiled_in_names_accept_only_their_own_section() {
        assert!(!load_names(String::from("北京市\n")));
        assert_eq!(lookup(110105).unwrap().name(), Some("朝阳区"));
    }

    #[test]
    fn layout_matches_the_blob() {
        assert_eq!(include_bytes!("regions.bin").len(), TOTAL);
    }

    #[cfg(feature = "region-names")]
    #[test]
    fn every_row_of_the_tsv_is_found_with_its_name_and_last_year() {
        let tsv = include_str!("../../data/gb2260-regions.tsv");
        let mut n = 0;
        let mut seen_rows = std::collections::BTreeSet::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            let code: u32 = f[0].parse().unwrap();
            let r = lookup(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(r.name(), (!f[1].is_empty()).then_some(f[1]), "{code}");
            let last = match f[3] {
                "" => LastSeen::Unknown,
                "9999" => LastSeen::Current,
                y => LastSeen::Year(y.parse().unwrap()),
            };
            assert_eq!(r.last_seen, last, "{code}");
            assert!(r.row() < rows() && seen_rows.insert(r.row()), "{code}: row {} repeated or out of range", r.row());
            n += 1;
        }
        assert_eq!(n, ROWS);
    }

    #[cfg(feature = "region-names")]
    #[test]
    fn exactly_the_tsv_codes_are_found_and_prefixes_have_counties_as_the_tsv_says() {
        let tsv = include_str!("../../data/gb2260-regions.tsv");
        let codes: std::collections::BTreeSet<u32> =
            tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| l.split('\t').next().unwrap().parse().unwrap()).collect();
        for code in 0..1_000_000 {
            assert_eq!(lookup(code).map(|r| r.code), codes.contains(&code).then_some(code), "{code}");
        }
        for prefix in 0..10_000 {
            let expected = codes.range(prefix * 100..prefix * 100 + 100).any(|&c| is_county_level(c));
            assert_eq!(prefix_has_county(prefix), expected, "{prefix}");
        }
    }

    #[test]
    fn absent_codes_are_absent() {
        for code in [0, 110199, 119999, 999999, 710001, 1_000_000] {
            assert_eq!(lookup(code), None, "{code}");
        }
    }

    #[cfg(feature = "region-names")]
    #[test]
    fn names_and_levels() {
        assert_eq!(lookup(110105).unwrap().name(), Some("朝阳区"));
        assert_eq!(province_name(11), Some("北京市"));
        assert_eq!(province_name(65), Some("新疆维吾尔自治区"));
        assert!(is_county_level(110105) && is_county_level(441900) && !is_county_level(110100));
        assert!(prefix_has_county(1101) && prefix_has_county(4419) && !prefix_has_county(1199));
        assert!(is_mainland_province(11) && !is_mainland_province(71) && !is_mainland_province(81));
    }
}
