//! The four actions: API version, default host, and the business parameters each sends
//! (`docs/wire.md`, "Actions"). Values are checked and normalised here before they are signed.

use super::{BuildError, BuildOptions};
use crate::error::{CheckError, ErrorCode, Field};
use crate::hash::md5_hex;
use crate::id_number::{check_id_number, IdOptions};
use crate::period::{check_validity_period, End};
use crate::{check_mobile, check_name, date};

const INTL_VERSION: &str = "2022-08-09";
const INTL_HOST: &str = "cloudauth-intl.cn-hongkong.aliyuncs.com";
const CN_VERSION: &str = "2019-03-07";
const CN_HOST: &str = "cloudauth.cn-shanghai.aliyuncs.com";
/// DocType of the resident ID card (Id2MetaPeriodVerifyIntl).
const DOC_TYPE_RESIDENT_ID: &str = "00000001";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Id2MetaVerifyIntl,
    Mobile3MetaVerifyIntl,
    Id2MetaPeriodVerifyIntl,
    Id2MetaVerify,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Id2MetaVerifyIntl => "Id2MetaVerifyIntl",
            Action::Mobile3MetaVerifyIntl => "Mobile3MetaVerifyIntl",
            Action::Id2MetaPeriodVerifyIntl => "Id2MetaPeriodVerifyIntl",
            Action::Id2MetaVerify => "Id2MetaVerify",
        }
    }
    pub fn version(self) -> &'static str {
        match self {
            Action::Id2MetaVerify => CN_VERSION,
            _ => INTL_VERSION,
        }
    }
    pub fn default_host(self) -> &'static str {
        match self {
            Action::Id2MetaVerify => CN_HOST,
            _ => INTL_HOST,
        }
    }
}

/// `ParamType`: plain values, or the MD5 of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParamType {
    #[default]
    Normal,
    Md5,
}

impl ParamType {
    pub fn parse(s: &str) -> Result<Self, CheckError> {
        match s {
            "normal" => Ok(ParamType::Normal),
            "md5" => Ok(ParamType::Md5),
            _ => Err(CheckError::new(ErrorCode::ParamTypeInvalid, Field::ParamType)),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Id2MetaInput {
    pub id_number: String,
    pub name: String,
    /// Only `Normal`: these actions have no md5 mode, and asking for it is an error.
    pub param_type: ParamType,
}

fn normal_only(t: ParamType) -> Result<(), BuildError> {
    match t {
        ParamType::Normal => Ok(()),
        ParamType::Md5 => Err(CheckError::new(ErrorCode::ParamTypeUnsupported, Field::ParamType).into()),
    }
}

#[derive(Debug, Clone, Default)]
pub struct Mobile3MetaInput {
    pub id_number: String,
    pub name: String,
    pub mobile: String,
    pub param_type: ParamType,
}

#[derive(Debug, Clone, Default)]
pub struct PeriodInput {
    pub id_number: String,
    pub name: String,
    pub validity_start: String,
    pub validity_end: String,
    pub merchant_biz_id: String,
    pub merchant_user_id: Option<String>,
    pub scene_code: Option<String>,
}

type Params = Vec<(String, String)>;

fn p(k: &str, v: &str) -> (String, String) {
    (k.to_string(), v.to_string())
}

/// The checked, normalised ID number and name.
fn id_and_name(id_number: &str, name: &str, opts: &BuildOptions) -> Result<(String, String), BuildError> {
    let id = check_id_number(id_number, &IdOptions { today: opts.today, allow_residence_permit: false })?.value;
    let name = check_name(name)?.value;
    Ok((id, name))
}

pub fn id2_meta_intl_params(input: &Id2MetaInput, opts: &BuildOptions) -> Result<Params, BuildError> {
    normal_only(input.param_type)?;
    let (id, name) = id_and_name(&input.id_number, &input.name, opts)?;
    Ok(vec![p("ProductCode", "ID_2META"), p("ParamType", "normal"), p("IdentifyNum", &id), p("UserName", &name)])
}

pub fn mobile3_meta_intl_params(input: &Mobile3MetaInput, opts: &BuildOptions) -> Result<Params, BuildError> {
    let (id, name) = id_and_name(&input.id_number, &input.name, opts)?;
    let mobile = check_mobile(&input.mobile)?.value;
    let (kind, values) = match input.param_type {
        ParamType::Normal => ("normal", [id, name, mobile]),
        ParamType::Md5 => ("md5", [md5_hex(&id), md5_hex(&name), md5_hex(&mobile)]),
    };
    let [id, name, mobile] = values;
    Ok(vec![
        p("ProductCode", "MOBILE_3META"),
        p("ParamType", kind),
        p("IdentifyNum", &id),
        p("UserName", &name),
        p("Mobile", &mobile),
    ])
}

fn is_alnum_up_to(s: &str, max: usize, extra: &[u8]) -> bool {
    !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_alphanumeric() || extra.contains(&b))
}

pub fn period_intl_params(input: &PeriodInput, opts: &BuildOptions) -> Result<Params, BuildError> {
    let (id, name) = id_and_name(&input.id_number, &input.name, opts)?;
    let period = check_validity_period(&input.validity_start, &input.validity_end, Some(&id), opts.today)?;
    if !is_alnum_up_to(&input.merchant_biz_id, 32, b"") {
        return Err(CheckError::new(ErrorCode::MerchantBizIdInvalid, Field::MerchantBizId).into());
    }
    let mut params = vec![p("ProductCode", "eKYC_Date_MIN")];
    if let Some(scene) = &input.scene_code {
        if !is_alnum_up_to(scene, 10, b"_") {
            return Err(CheckError::new(ErrorCode::SceneCodeInvalid, Field::SceneCode).into());
        }
        params.push(p("SceneCode", scene));
    }
    params.push(p("MerchantBizId", &input.merchant_biz_id));
    if let Some(user) = &input.merchant_user_id {
        if user.is_empty() || user.len() > 64 || !user.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(CheckError::new(ErrorCode::MerchantUserIdInvalid, Field::MerchantUserId).into());
        }
        params.push(p("MerchantUserId", user));
    }
    let end = match period.end {
        End::Date(d) => date::compact(d),
        End::LongTerm => opts.long_term_as.wire().to_string(),
    };
    params.extend([
        p("DocType", DOC_TYPE_RESIDENT_ID),
        p("DocName", &name),
        p("DocNo", &id),
        p("ValidityStartDate", &date::compact(period.start)),
        ("ValidityEndDate".to_string(), end),
    ]);
    Ok(params)
}

pub fn id2_meta_cn_params(input: &Id2MetaInput, opts: &BuildOptions) -> Result<Params, BuildError> {
    normal_only(input.param_type)?;
    let (id, name) = id_and_name(&input.id_number, &input.name, opts)?;
    Ok(vec![p("ParamType", "normal"), p("IdentifyNum", &id), p("UserName", &name)])
}
