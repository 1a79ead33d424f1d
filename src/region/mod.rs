//! GB/T 2260 administrative division codes since 1980, with names and the years dated sources list
//! them, compiled from `data/gb2260-regions.tsv` by `scripts/gen-tables.py` (format described
//! there). Sources and licences: `data/NOTICE.md`.

#[rustfmt::skip]
#[allow(dead_code)]
mod layout;

use layout::*;

// Typed with the generated length, so a stale layout fails to compile.
#[cfg(feature = "region-names")]
static DATA: &[u8; TOTAL] = include_bytes!("regions.bin");

/// Without the `region-names` feature (the browser module) only the facts are compiled in: the
/// names (the last section of the blob, ~78 KB) can be loaded at run time with [`load_names`].
#[cfg(not(feature = "region-names"))]
static DATA: &[u8; NAMES_AT] = &head(include_bytes!("regions.bin"));

#[cfg(not(feature = "region-names"))]
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

#[cfg(not(feature = "region-names"))]
static NAMES: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The names section of the table: compiled in, loaded, or none.
fn names() -> &'static [u8] {
    #[cfg(feature = "region-names")]
    return DATA.get(NAMES_AT..).unwrap_or(&[]);
    #[cfg(not(feature = "region-names"))]
    return NAMES.get().map_or(&[], |s| s.as_bytes());
}

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
        let _ = NAMES.set(names);
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
    /// First year a dated source lists the code.
    pub first_year: Option<u16>,
    pub last_seen: LastSeen,
    /// Where the name is: the group and the row within it (resolved on demand, see `name`).
    group: usize,
    row_in_group: usize,
}

impl Region {
    /// The name, where a source gives one. Resolved on demand: it scans the group's names.
    pub fn name(&self) -> Option<&'static str> {
        name_in_group(self.group, self.row_in_group)
    }
}

fn byte(at: usize) -> Option<u8> {
    DATA.get(at).copied()
}

fn u16_at(at: usize) -> Option<u16> {
    let b = DATA.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

fn u24_at(at: usize) -> Option<usize> {
    let b = DATA.get(at..at.checked_add(3)?)?;
    Some(usize::from(*b.first()?) | usize::from(*b.get(1)?) << 8 | usize::from(*b.get(2)?) << 16)
}

/// Index of the group of 4-digit prefix `prefix`.
fn group(prefix: u32) -> Option<usize> {
    let (mut lo, mut hi) = (0usize, GROUPS);
    while lo < hi {
        let mid = lo.wrapping_add(hi.wrapping_sub(lo) / 2);
        let p = u32::from(u16_at(GROUP_PREFIX_AT.checked_add(mid.checked_mul(2)?)?)?);
        match p.cmp(&prefix) {
            core::cmp::Ordering::Less => lo = mid.wrapping_add(1),
            core::cmp::Ordering::Greater => hi = mid,
            core::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// Rows `[start, end)` of group `g`.
fn group_rows(g: usize) -> Option<(usize, usize)> {
    let at = GROUP_ROW_AT.checked_add(g.checked_mul(2)?)?;
    Some((usize::from(u16_at(at)?), usize::from(u16_at(at.checked_add(2)?)?)))
}

/// Name of the `k`-th row (0-based) of group `g`.
fn name_in_group(g: usize, k: usize) -> Option<&'static str> {
    let at = GROUP_NAME_AT.checked_add(g.checked_mul(3)?)?;
    let start = u24_at(at)?;
    let end = u24_at(at.checked_add(3)?)?;
    let names = names().get(start..end)?;
    let line = names.split(|&b| b == b'\n').nth(k)?;
    let name = core::str::from_utf8(line).ok()?;
    (!name.is_empty()).then_some(name)
}

/// The table's entry for a 6-digit code.
pub fn lookup(code: u32) -> Option<Region> {
    let g = group(code / 100)?;
    let (start, end) = group_rows(g)?;
    let suffix = u8::try_from(code % 100).ok()?;
    let rows = DATA.get(SUFFIX_AT.checked_add(start)?..SUFFIX_AT.checked_add(end)?)?;
    let k = rows.binary_search(&suffix).ok()?;
    let row = start.checked_add(k)?;
    let first = byte(FIRST_AT.checked_add(row)?)?;
    let last = byte(LAST_AT.checked_add(row)?)?;
    Some(Region {
        code,
        group: g,
        row_in_group: k,
        first_year: (first != 0).then(|| 1900u16.saturating_add(u16::from(first))),
        last_seen: match last {
            0 => LastSeen::Unknown,
            255 => LastSeen::Current,
            y => LastSeen::Year(1900u16.saturating_add(u16::from(y))),
        },
    })
}

/// County level: the last two digits are not `00`, or one of the prefecture-level cities without
/// counties.
pub fn is_county_level(code: u32) -> bool {
    code % 100 != 0 || CITIES_WITHOUT_COUNTIES.contains(&code)
}

/// Whether some county-level code of the table starts with these four digits.
pub fn prefix_has_county(prefix: u32) -> bool {
    let Some((start, end)) = group(prefix).and_then(group_rows) else {
        return false;
    };
    let (Some(from), Some(to)) = (SUFFIX_AT.checked_add(start), SUFFIX_AT.checked_add(end)) else {
        return false;
    };
    DATA.get(from..to)
        .is_some_and(|suffixes| suffixes.iter().any(|&s| s != 0 || is_county_level(prefix.saturating_mul(100))))
}

/// Whether the first two digits are one of the 31 mainland provinces.
pub fn is_mainland_province(province: u32) -> bool {
    MAINLAND_PROVINCES.contains(&province)
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
    fn every_row_of_the_tsv_is_found_with_its_name_and_years() {
        let tsv = include_str!("../../data/gb2260-regions.tsv");
        let mut n = 0;
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            let code: u32 = f[0].parse().unwrap();
            let r = lookup(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(r.name(), (!f[1].is_empty()).then_some(f[1]), "{code}");
            assert_eq!(r.first_year, f[2].parse().ok(), "{code}");
            let last = match f[3] {
                "" => LastSeen::Unknown,
                "9999" => LastSeen::Current,
                y => LastSeen::Year(y.parse().unwrap()),
            };
            assert_eq!(r.last_seen, last, "{code}");
            n += 1;
        }
        assert_eq!(n, ROWS);
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
