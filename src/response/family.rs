//! The result codes of the actions added with the action table (`request/table.rs`): each entry's
//! `result` kind picks a table below. English and Chinese descriptions from the models' result
//! field comments (`docs/family-actions.md`). Billing follows the models: BizCode 1 and 2 are
//! billed, 3 ("no record", for bank cards "unable to verify") is not.
//!
//! Also the `Forbidden.*` codes whose meaning differs for these actions.

use super::codes::{self, ErrorMeaning, Outcome};
use super::Verdict;
use crate::request::table::{Action, ResultKind};

const fn out(verdict: Verdict, billed: bool, en: &'static str, zh: &'static str) -> Outcome {
    Outcome { verdict, billed, en, zh }
}

use Verdict::{Match, Mismatch, NotFound};

/// Mobile2MetaVerify[Intl]: `BizCode`.
pub(super) const MOBILE2_BIZ: &[(&str, Outcome)] = &[
    ("1", out(Match, true, "The mobile number is registered to this name.", "手机号与姓名一致。")),
    ("2", out(Mismatch, true, "The mobile number is not registered to this name.", "手机号与姓名不一致。")),
    ("3", out(NotFound, false, "The carrier has no record of this mobile number; not billed.", "运营商查无此手机号记录，不计费。")),
];

/// Mainland Id2MetaPeriodVerify: `BizCode`.
pub(super) const ID2_PERIOD_BIZ: &[(&str, Outcome)] = &[
    ("1", out(Match, true, "The name, ID number and validity period match the official record.", "姓名、身份证号与证件有效期均与权威记录一致。")),
    ("2", out(Mismatch, true, "The name, the ID number or the validity dates do not match the official record.", "姓名、身份证号或证件有效期与权威记录不一致。")),
    ("3", out(NotFound, false, "No record of this ID number was found in the official database; not billed.", "权威数据库中查无此身份证号记录，不计费。")),
];

/// BankMetaVerify[Intl]: `BizCode`.
pub(super) const BANK_BIZ: &[(&str, Outcome)] = &[
    ("1", out(Match, true, "The bank card details match.", "银行卡信息核验一致。")),
    ("2", out(Mismatch, true, "The bank card details do not match.", "银行卡信息核验不一致。")),
    ("3", out(NotFound, false, "The bank card could not be verified; not billed.", "无法核验该银行卡，不计费。")),
];

const fn mis(en: &'static str, zh: &'static str) -> Outcome {
    out(Mismatch, true, en, zh)
}
const fn unv(en: &'static str, zh: &'static str) -> Outcome {
    out(NotFound, false, en, zh)
}

/// BankMetaVerify[Intl]: `SubCode`.
pub(super) const BANK_SUB: &[(&str, Outcome)] = &[
    ("101", out(Match, true, "Verification passed: the bank card details match.", "验证通过，银行卡信息一致。")),
    ("201", mis("Inconsistent: the cardholder information is incorrect.", "认证信息不一致，持卡人信息有误。")),
    ("202", mis("Inconsistent: the card has not enabled authenticated payment.", "认证信息不一致，银行卡未开通认证支付。")),
    ("203", mis("Inconsistent: the card has expired.", "认证信息不一致，银行卡已过期。")),
    ("204", mis("Inconsistent: the card is restricted.", "认证信息不一致，银行卡为受限制的卡。")),
    ("205", mis("Inconsistent: the card has been confiscated.", "认证信息不一致，此卡被没收。")),
    ("206", mis("Inconsistent: the card is invalid.", "认证信息不一致，银行卡无效。")),
    ("207", mis("Inconsistent: no issuing bank was found for this card.", "认证信息不一致，此卡无对应发卡行。")),
    ("208", mis("Inconsistent: the card is not initialised or is dormant.", "认证信息不一致，该卡未初始化或睡眠卡。")),
    ("209", mis("Inconsistent: the card is a fraudulent or retained card.", "认证信息不一致，此卡为作弊卡、吞卡。")),
    ("210", mis("Inconsistent: the card has been reported lost.", "认证信息不一致，此卡已挂失。")),
    ("211", mis("Inconsistent: too many wrong password attempts.", "认证信息不一致，密码错误次数超限。")),
    ("212", mis("Inconsistent: the issuing bank does not support this transaction.", "认证信息不一致，发卡行不支持此交易。")),
    ("213", mis("Inconsistent: the card status is abnormal or the card is invalid.", "认证信息不一致，卡状态不正常或卡无效。")),
    ("214", mis("Inconsistent: no mobile number is registered with the card.", "认证信息不一致，未预留手机号。")),
    ("215", mis("Inconsistent: the password, expiry date or CVN2 is wrong.", "认证信息不一致，输入的密码、有效期或CVN2有误。")),
    ("216", mis("Inconsistent: another card exception.", "认证信息不一致，其他卡异常情况。")),
    ("301", unv("Unable to verify: the card does not support this service; not billed.", "无法验证，银行卡不支持该业务，不计费。")),
    ("302", unv("Unable to verify: the bank refused or the verification failed; contact the issuing bank. Not billed.", "无法验证，验证失败或银行拒绝验证，请联系发卡行，不计费。")),
    ("303", unv("Unable to verify: the card does not support mobile number verification yet; not billed.", "无法验证，银行卡暂不支持手机号验证，不计费。")),
    ("304", unv("Unable to verify: the card number is wrong; not billed.", "无法验证，银行卡号有误，不计费。")),
    ("305", unv("Unable to verify, for other reasons; not billed.", "无法验证，其他原因，不计费。")),
    ("306", unv("Unable to verify: too many verification attempts for this card; not billed.", "无法验证，验证次数超限，不计费。")),
];

/// MobileRecycledMetaVerify: `BizCode` (1 found, 3 not found).
pub(super) const RECYCLED_BIZ: &[(&str, Outcome)] = &[
    ("1", out(Match, true, "The carrier has a record of this mobile number.", "运营商查得此手机号记录。")),
    ("3", out(NotFound, false, "The carrier has no record of this mobile number; not billed.", "运营商查无此手机号记录，不计费。")),
];

/// MobileRecycledMetaVerify: `SubCode`.
pub(super) const RECYCLED_SUB: &[(&str, Outcome)] = &[
    ("101", out(Match, true, "Not recycled: the number was activated on or before the registration date, so it still belongs to the user who registered.", "未二次放号：注册日期不早于手机号开户日期，号码仍属于注册用户。")),
    ("102", out(Mismatch, true, "Recycled: the number was activated after the registration date, so it may now belong to someone else.", "已二次放号：注册日期早于手机号开户日期，号码可能已属于他人。")),
    ("103", unv("The new subscriber has not been synchronised yet; not billed.", "新用户数据尚未同步，不计费。")),
    ("301", unv("Data exception, or the subscriber has been deactivated; not billed.", "数据异常或用户已销户，不计费。")),
];

type Table = &'static [(&'static str, Outcome)];

/// The outcome of a success answer of a table action; `None` when `action` is not one of the
/// kinds handled here (the first four keep their tables in `codes.rs`).
pub(super) fn outcome(action: &str, biz: Option<&str>, sub: Option<&str>) -> Option<Option<Outcome>> {
    let kind = Action::from_name(action)?.spec().result;
    let (biz_table, sub_table): (Table, Table) = match kind {
        ResultKind::Mobile2 => (MOBILE2_BIZ, &[]),
        ResultKind::Id2Period => (ID2_PERIOD_BIZ, &[]),
        ResultKind::Bank => (BANK_BIZ, BANK_SUB),
        ResultKind::Recycled => (RECYCLED_BIZ, RECYCLED_SUB),
        ResultKind::Id2 => (codes::ID2_BIZ, &[]),
        ResultKind::Mobile3 => (codes::MOBILE3_BIZ, codes::MOBILE3_SUB),
        ResultKind::PeriodIntl => return None,
    };
    let by_biz = codes::lookup(biz_table, biz);
    Some(match codes::lookup(sub_table, sub) {
        // The SubCode is more precise, when it agrees with the BizCode (a recycled-number 102
        // comes with BizCode 1, "found": the SubCode decides there).
        Some(s) if by_biz.map_or(true, |b| b.verdict == s.verdict || kind == ResultKind::Recycled) => Some(s),
        _ => by_biz,
    })
}



/// Codes that mean something particular for one kind of action (none confirmed yet beyond the
/// shared ones above; the error tables of the new actions' API pages are to be added here).
const BY_ACTION: &[(ResultKind, &str, ErrorMeaning)] = &[];

/// The meaning of `code` for `action` when it differs from the generic one (`codes.rs`).
pub(super) fn error_meaning(action: &str, code: &str) -> Option<ErrorMeaning> {
    let kind = Action::from_name(action).map(|a| a.spec().result);
    BY_ACTION
        .iter()
        .find(|(k, c, _)| Some(*k) == kind && *c == code)
        .map(|(_, _, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_unique_and_bilingual_and_only_not_found_is_unbilled() {
        for table in [MOBILE2_BIZ, ID2_PERIOD_BIZ, BANK_BIZ, BANK_SUB, RECYCLED_BIZ, RECYCLED_SUB] {
            let mut seen = std::collections::HashSet::new();
            for (code, o) in table {
                assert!(seen.insert(code), "{code}");
                assert!(o.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{code}");
                assert!(o.en.is_ascii() && o.en.ends_with('.'), "{code}");
                assert_eq!(o.billed, o.verdict != NotFound, "{code}");
            }
        }
        // Every bank SubCode of the model: 101, 201-216, 301-306.
        let subs: Vec<&str> = BANK_SUB.iter().map(|(c, _)| *c).collect();
        let mut want = vec!["101".to_string()];
        want.extend((201..=216).map(|n: u32| n.to_string()));
        want.extend((301..=306).map(|n: u32| n.to_string()));
        assert_eq!(subs, want);
    }

    #[test]
    fn outcomes_by_action() {
        let v = |a: &str, b: Option<&str>, s: Option<&str>| outcome(a, b, s).flatten().map(|o| (o.verdict, o.billed));
        assert_eq!(v("BankMetaVerify", Some("2"), Some("210")), Some((Mismatch, true)));
        assert_eq!(v("BankMetaVerifyIntl", Some("3"), Some("304")), Some((NotFound, false)));
        assert_eq!(v("BankMetaVerify", Some("1"), Some("210")), Some((Match, true)), "a SubCode that contradicts the BizCode loses");
        assert_eq!(v("MobileRecycledMetaVerify", Some("1"), Some("102")), Some((Mismatch, true)));
        assert_eq!(v("MobileRecycledMetaVerify", Some("1"), Some("101")), Some((Match, true)));
        assert_eq!(v("MobileRecycledMetaVerify", Some("3"), Some("301")), Some((NotFound, false)));
        assert_eq!(v("Mobile2MetaVerifyIntl", Some("3"), None), Some((NotFound, false)));
        assert_eq!(v("Id2MetaPeriodVerify", Some("2"), None), Some((Mismatch, true)));
        assert_eq!(v("Mobile3MetaDetailStandardVerify", Some("2"), Some("203")), Some((Mismatch, true)));
        assert_eq!(v("Id2MetaStandardVerify", Some("9"), None), None);
        assert!(outcome("Id2MetaPeriodVerifyIntl", None, None).is_none());
        assert!(outcome("NoSuchAction", Some("1"), None).is_none());
    }

    #[test]
    fn forbidden_meanings() {
        // Forbidden.ExceptionRepeatedInvoke and the other shared codes live in codes.rs.
        assert!(error_meaning("Mobile2MetaVerifyIntl", "Forbidden.ExceptionRepeatedInvoke").is_none(), "left to codes.rs");
        assert!(error_meaning("BankMetaVerify", "Forbidden.RAMUserAccessDenied").is_none(), "left to codes.rs");
    }
}
