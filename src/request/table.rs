//! The declarative action table: one entry per action (name, product and so API version and host,
//! where the official SDK puts the business parameters, whether md5 mode exists, whether Hong
//! Kong/Macao/Taiwan residence permits are accepted, the result table) and its parameters (wire
//! name, which input fills it, when it is required, its md5 form). The generic builder
//! (`build.rs`), the response parser's per-action tables (`response/family.rs`) and the JS action
//! table (`pkg-template/actions.js`, checked against this one by a test) all follow from it.
//!
//! Sources: the official SDK models `alibabacloud-cloudauth-intl20220809` 3.23.1 and
//! `alibabacloud-cloudauth20190307` 3.14.0 and the API metadata, as quoted in
//! `docs/family-actions.md`.

use super::md5_form::Md5Form;
use crate::error::Field;

/// Which product (and so API version and default host) an action belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Product {
    /// cloudauth-intl, 2022-08-09.
    Intl,
    /// cloudauth (mainland), 2019-03-07.
    Mainland,
}

impl Product {
    pub fn as_str(self) -> &'static str {
        match self {
            Product::Intl => "intl",
            Product::Mainland => "mainland",
        }
    }
    pub fn version(self) -> &'static str {
        match self {
            Product::Intl => "2022-08-09",
            Product::Mainland => "2019-03-07",
        }
    }
    pub fn default_host(self) -> &'static str {
        match self {
            Product::Intl => "cloudauth-intl.cn-hongkong.aliyuncs.com",
            Product::Mainland => "cloudauth.cn-shanghai.aliyuncs.com",
        }
    }
}

/// Where the official SDK puts the business parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Query,
    Body,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Query => "query",
            Placement::Body => "form body",
        }
    }
}

/// The named inputs of every builder, in the fixed order of the generic entry (the wasm boundary
/// passes them as an ordered list of optional strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputField {
    IdNumber,
    Name,
    Mobile,
    ParamType,
    ValidityStart,
    ValidityEnd,
    MerchantBizId,
    MerchantUserId,
    SceneCode,
    BankCard,
    ProductType,
    VerifyMode,
    IdentityType,
    RegisterDate,
}

impl InputField {
    pub const COUNT: usize = 14;
    /// Every input, in the fixed order.
    pub const ALL: [InputField; InputField::COUNT] = [
        InputField::IdNumber,
        InputField::Name,
        InputField::Mobile,
        InputField::ParamType,
        InputField::ValidityStart,
        InputField::ValidityEnd,
        InputField::MerchantBizId,
        InputField::MerchantUserId,
        InputField::SceneCode,
        InputField::BankCard,
        InputField::ProductType,
        InputField::VerifyMode,
        InputField::IdentityType,
        InputField::RegisterDate,
    ];

    /// The JS property name.
    pub fn js_name(self) -> &'static str {
        self.field().as_str()
    }

    /// The field errors name.
    pub fn field(self) -> Field {
        match self {
            InputField::IdNumber => Field::IdNumber,
            InputField::Name => Field::Name,
            InputField::Mobile => Field::Mobile,
            InputField::ParamType => Field::ParamType,
            InputField::ValidityStart => Field::ValidityStart,
            InputField::ValidityEnd => Field::ValidityEnd,
            InputField::MerchantBizId => Field::MerchantBizId,
            InputField::MerchantUserId => Field::MerchantUserId,
            InputField::SceneCode => Field::SceneCode,
            InputField::BankCard => Field::BankCard,
            InputField::ProductType => Field::ProductType,
            InputField::VerifyMode => Field::VerifyMode,
            InputField::IdentityType => Field::IdentityType,
            InputField::RegisterDate => Field::RegisterDate,
        }
    }

    /// The position in [`InputField::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The input named `js` (e.g. `"bankCard"`).
    pub fn from_js_name(js: &str) -> Option<InputField> {
        InputField::ALL.iter().copied().find(|f| f.js_name() == js)
    }
}

/// Where a parameter's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A constant of the API.
    Const(&'static str),
    /// `normal` or `md5`.
    ParamType,
    /// The checked, normalised value of an input (and its md5 form in md5 mode).
    Input(InputField),
}

/// When a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Always; a missing input fails its check.
    Required,
    /// Only when the input is given.
    Optional,
    /// Given input, or this default.
    Default(&'static str),
    /// Required when `ProductType` is one of these, refused (`FIELD_UNEXPECTED`) otherwise.
    WithProductType(&'static [&'static str]),
}

/// One parameter of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The wire name, e.g. `IdentifyNum`.
    pub wire: &'static str,
    pub source: Source,
    pub need: Need,
    /// Its form when `ParamType=md5`.
    pub md5: Md5Form,
    /// The values the model allows (empty: any value that passes the input's check).
    pub allowed: &'static [&'static str],
}

/// Which table of result codes an action answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultKind {
    /// `BizCode` 1/2/3 for name + ID number.
    Id2,
    /// `BizCode` 1/2/3 for name + ID number + validity period (mainland Id2MetaPeriodVerify).
    Id2Period,
    /// `Passed` + `SubCode` 200/202/223 (Id2MetaPeriodVerifyIntl).
    PeriodIntl,
    /// `BizCode` 1/2/3 for mobile + name, `IspName`.
    Mobile2,
    /// `BizCode` 1/2/3 (+ `SubCode` 101/201-204/301) for mobile + name + ID number, `IspName`.
    Mobile3,
    /// `BizCode` 1/2/3 + `SubCode` 101, 201-216, 301-306 of the bank-card verifications.
    Bank,
    /// `BizCode` 1/3 + `SubCode` 101/102/103/301 of MobileRecycledMetaVerify.
    Recycled,
}

/// One action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionSpec {
    pub action: Action,
    pub name: &'static str,
    pub product: Product,
    /// Where the official SDK puts the business parameters (the builders put them in the form
    /// body unless asked to do as the SDK does).
    pub sdk_placement: Placement,
    /// Whether `ParamType=md5` exists.
    pub md5: bool,
    /// Whether the docs say residence-permit numbers (810000/820000/830000) are accepted.
    pub residence_permits: bool,
    pub result: ResultKind,
    pub params: &'static [Param],
}

/// Allowed values of `ProductType` (bank-card verifications).
pub const BANK_PRODUCT_TYPES: &[&str] = &["BANK_CARD_2_META", "BANK_CARD_3_META", "BANK_CARD_4_META"];
/// Allowed values of `VerifyMode`.
pub const VERIFY_MODES: &[&str] = &["VERIFY_BANK_CARD"];
/// Allowed values of `IdentityType`: the resident ID card, the only document this library checks.
pub const IDENTITY_TYPES: &[&str] = &["01"];

const fn param(wire: &'static str, source: Source, need: Need, md5: Md5Form) -> Param {
    Param { wire, source, need, md5, allowed: &[] }
}
const fn one_of(p: Param, allowed: &'static [&'static str]) -> Param {
    Param { allowed, ..p }
}
const fn konst(wire: &'static str, value: &'static str) -> Param {
    param(wire, Source::Const(value), Need::Required, Md5Form::Plain)
}
const fn input(wire: &'static str, field: InputField, md5: Md5Form) -> Param {
    param(wire, Source::Input(field), Need::Required, md5)
}
const PARAM_TYPE: Param = param("ParamType", Source::ParamType, Need::Required, Md5Form::Plain);

use InputField as I;
use Md5Form::{CardLast6, Full, IdBirthDate, NameFirstChar, Plain};

const ID2_PARTIAL: &[Param] = &[PARAM_TYPE, input("IdentifyNum", I::IdNumber, IdBirthDate), input("UserName", I::Name, NameFirstChar)];
const MOBILE3_FULL: &[Param] = &[PARAM_TYPE, input("IdentifyNum", I::IdNumber, Full), input("UserName", I::Name, Full), input("Mobile", I::Mobile, Full)];
const BANK_34: &[&str] = &["BANK_CARD_3_META", "BANK_CARD_4_META"];
const BANK_4: &[&str] = &["BANK_CARD_4_META"];
const BANK_MAINLAND: &[Param] = &[
    one_of(input("ProductType", I::ProductType, Plain), BANK_PRODUCT_TYPES),
    one_of(param("VerifyMode", Source::Input(I::VerifyMode), Need::Default("VERIFY_BANK_CARD"), Plain), VERIFY_MODES),
    PARAM_TYPE,
    input("BankCard", I::BankCard, CardLast6),
    input("UserName", I::Name, NameFirstChar),
    param("IdentifyNum", Source::Input(I::IdNumber), Need::WithProductType(BANK_34), IdBirthDate),
    one_of(param("IdentityType", Source::Input(I::IdentityType), Need::Optional, Plain), IDENTITY_TYPES),
    param("Mobile", Source::Input(I::Mobile), Need::WithProductType(BANK_4), Full),
];
const BANK_INTL: &[Param] = &[
    konst("ProductCode", "BANK_CARD_N_META"),
    one_of(input("ProductType", I::ProductType, Plain), BANK_PRODUCT_TYPES),
    one_of(param("VerifyMode", Source::Input(I::VerifyMode), Need::Default("VERIFY_BANK_CARD"), Plain), VERIFY_MODES),
    PARAM_TYPE,
    input("BankCard", I::BankCard, CardLast6),
    input("UserName", I::Name, NameFirstChar),
    param("IdentifyNum", Source::Input(I::IdNumber), Need::WithProductType(BANK_34), IdBirthDate),
    one_of(param("IdentityType", Source::Input(I::IdentityType), Need::Optional, Plain), IDENTITY_TYPES),
    param("Mobile", Source::Input(I::Mobile), Need::WithProductType(BANK_4), Full),
];

macro_rules! actions {
    ($( $variant:ident : $product:ident, $placement:ident, md5 $md5:literal, rp $rp:literal, $result:ident, $params:expr; )*) => {
        /// Every action the library builds and parses.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $( $variant, )* }

        /// The table, one entry per action.
        pub const ACTIONS: &[ActionSpec] = &[ $(
            ActionSpec {
                action: Action::$variant,
                name: stringify!($variant),
                product: Product::$product,
                sdk_placement: Placement::$placement,
                md5: $md5,
                residence_permits: $rp,
                result: ResultKind::$result,
                params: $params,
            },
        )* ];
    };
}

actions! {
    Id2MetaVerifyIntl: Intl, Query, md5 false, rp false, Id2,
        &[konst("ProductCode", "ID_2META"), PARAM_TYPE, input("IdentifyNum", I::IdNumber, Plain), input("UserName", I::Name, Plain)];
    Mobile3MetaVerifyIntl: Intl, Query, md5 true, rp false, Mobile3,
        &[konst("ProductCode", "MOBILE_3META"), PARAM_TYPE, input("IdentifyNum", I::IdNumber, Full), input("UserName", I::Name, Full), input("Mobile", I::Mobile, Full)];
    Id2MetaPeriodVerifyIntl: Intl, Body, md5 false, rp false, PeriodIntl,
        &[
            konst("ProductCode", "eKYC_Date_MIN"),
            param("SceneCode", Source::Input(I::SceneCode), Need::Optional, Plain),
            input("MerchantBizId", I::MerchantBizId, Plain),
            param("MerchantUserId", Source::Input(I::MerchantUserId), Need::Optional, Plain),
            konst("DocType", "00000001"),
            input("DocName", I::Name, Plain),
            input("DocNo", I::IdNumber, Plain),
            input("ValidityStartDate", I::ValidityStart, Plain),
            input("ValidityEndDate", I::ValidityEnd, Plain),
        ];
    Id2MetaVerify: Mainland, Body, md5 true, rp true, Id2, ID2_PARTIAL;
    Mobile2MetaVerifyIntl: Intl, Body, md5 true, rp false, Mobile2,
        &[konst("ProductCode", "MOBILE_2META"), PARAM_TYPE, input("UserName", I::Name, Full), input("Mobile", I::Mobile, Full)];
    BankMetaVerifyIntl: Intl, Query, md5 true, rp false, Bank, BANK_INTL;
    Id2MetaPeriodVerify: Mainland, Body, md5 true, rp false, Id2Period,
        &[
            PARAM_TYPE,
            input("IdentifyNum", I::IdNumber, IdBirthDate),
            input("UserName", I::Name, NameFirstChar),
            input("ValidityStartDate", I::ValidityStart, Plain),
            input("ValidityEndDate", I::ValidityEnd, Plain),
        ];
    Id2MetaStandardVerify: Mainland, Body, md5 true, rp false, Id2, ID2_PARTIAL;
    Mobile2MetaVerify: Mainland, Body, md5 true, rp false, Mobile2,
        &[PARAM_TYPE, input("UserName", I::Name, Full), input("Mobile", I::Mobile, Full)];
    Mobile3MetaSimpleVerify: Mainland, Body, md5 true, rp true, Mobile3, MOBILE3_FULL;
    Mobile3MetaDetailVerify: Mainland, Body, md5 true, rp true, Mobile3, MOBILE3_FULL;
    Mobile3MetaSimpleStandardVerify: Mainland, Body, md5 true, rp false, Mobile3, MOBILE3_FULL;
    Mobile3MetaDetailStandardVerify: Mainland, Body, md5 true, rp false, Mobile3, MOBILE3_FULL;
    MobileRecycledMetaVerify: Mainland, Query, md5 true, rp false, Recycled,
        &[PARAM_TYPE, input("Mobile", I::Mobile, Full), input("RegisterDate", I::RegisterDate, Plain)];
    BankMetaVerify: Mainland, Query, md5 true, rp false, Bank, BANK_MAINLAND;
}

impl Action {
    /// The table entry of this action.
    pub fn spec(self) -> &'static ActionSpec {
        // The table lists every variant in declaration order (checked by a test).
        ACTIONS.get(self as usize).unwrap_or(&ACTIONS_FIRST)
    }
    pub fn name(self) -> &'static str {
        self.spec().name
    }
    pub fn version(self) -> &'static str {
        self.spec().product.version()
    }
    pub fn default_host(self) -> &'static str {
        self.spec().product.default_host()
    }
    pub fn product(self) -> Product {
        self.spec().product
    }
    /// The action named `name` (ASCII case-insensitive, trimmed).
    pub fn from_name(name: &str) -> Option<Action> {
        let name = name.trim();
        ACTIONS.iter().find(|s| s.name.eq_ignore_ascii_case(name)).map(|s| s.action)
    }
    /// Every action, in table order.
    pub fn all() -> impl Iterator<Item = Action> {
        ACTIONS.iter().map(|s| s.action)
    }
}

const ACTIONS_FIRST: ActionSpec = ActionSpec {
    action: Action::Id2MetaVerifyIntl,
    name: "Id2MetaVerifyIntl",
    product: Product::Intl,
    sdk_placement: Placement::Query,
    md5: false,
    residence_permits: false,
    result: ResultKind::Id2,
    params: &[],
};

impl ActionSpec {
    /// Whether some parameter is filled from `field` (`paramType` belongs to every action).
    pub fn uses(&self, field: InputField) -> bool {
        field == InputField::ParamType || self.params.iter().any(|p| p.source == Source::Input(field))
    }
    /// The values the model allows for `field` (empty: any value that passes its check).
    pub fn allowed(&self, field: InputField) -> &'static [&'static str] {
        self.param_of(field).map_or(&[], |p| p.allowed)
    }
    /// The parameter filled from `field`.
    pub fn param_of(&self, field: InputField) -> Option<&'static Param> {
        self.params.iter().find(|p| p.source == Source::Input(field))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_variant_order_and_names_are_unique() {
        for (i, s) in ACTIONS.iter().enumerate() {
            assert_eq!(s.action as usize, i, "{}", s.name);
            assert_eq!(s.action.spec().name, s.name);
            assert_eq!(Action::from_name(&s.name.to_ascii_lowercase()), Some(s.action));
        }
        assert_eq!(ACTIONS.len(), 15);
        let names: std::collections::HashSet<_> = ACTIONS.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), ACTIONS.len());
    }

    #[test]
    fn input_fields_round_trip_their_js_names() {
        for (i, f) in InputField::ALL.iter().enumerate() {
            assert_eq!(f.index(), i);
            assert_eq!(InputField::from_js_name(f.js_name()), Some(*f));
        }
        assert_eq!(InputField::from_js_name("nope"), None);
    }

    #[test]
    fn residence_permits_where_the_docs_say_so() {
        let rp: Vec<&str> = ACTIONS.iter().filter(|s| s.residence_permits).map(|s| s.name).collect();
        assert_eq!(rp, ["Id2MetaVerify", "Mobile3MetaSimpleVerify", "Mobile3MetaDetailVerify"]);
    }

    #[test]
    fn query_placement_as_the_sdks_do() {
        let q: Vec<&str> = ACTIONS.iter().filter(|s| s.sdk_placement == Placement::Query).map(|s| s.name).collect();
        assert_eq!(q, ["Id2MetaVerifyIntl", "Mobile3MetaVerifyIntl", "BankMetaVerifyIntl", "MobileRecycledMetaVerify", "BankMetaVerify"]);
    }

    #[test]
    fn md5_forms_where_the_models_state_them() {
        let form = |a: Action, wire: &str| a.spec().params.iter().find(|p| p.wire == wire).map(|p| p.md5);
        assert_eq!(form(Action::Id2MetaVerify, "IdentifyNum"), Some(Md5Form::IdBirthDate));
        assert_eq!(form(Action::Id2MetaVerify, "UserName"), Some(Md5Form::NameFirstChar));
        assert_eq!(form(Action::BankMetaVerify, "BankCard"), Some(Md5Form::CardLast6));
        assert_eq!(form(Action::BankMetaVerify, "Mobile"), Some(Md5Form::Full));
        assert_eq!(form(Action::BankMetaVerifyIntl, "IdentifyNum"), Some(Md5Form::IdBirthDate));
        assert_eq!(form(Action::Mobile2MetaVerify, "UserName"), Some(Md5Form::Full));
        assert_eq!(form(Action::Mobile3MetaDetailStandardVerify, "IdentifyNum"), Some(Md5Form::Full));
        assert_eq!(form(Action::MobileRecycledMetaVerify, "RegisterDate"), Some(Md5Form::Plain));
        assert_eq!(form(Action::Id2MetaPeriodVerify, "ValidityEndDate"), Some(Md5Form::Plain));
    }

    #[test]
    fn enumerations_are_in_the_table() {
        for a in [Action::BankMetaVerify, Action::BankMetaVerifyIntl] {
            assert_eq!(a.spec().allowed(InputField::ProductType), ["BANK_CARD_2_META", "BANK_CARD_3_META", "BANK_CARD_4_META"]);
            assert_eq!(a.spec().allowed(InputField::VerifyMode), ["VERIFY_BANK_CARD"]);
            assert_eq!(a.spec().allowed(InputField::IdentityType), ["01"]);
        }
        assert!(Action::Mobile2MetaVerify.spec().allowed(InputField::Mobile).is_empty());
    }
}
