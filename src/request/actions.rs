//! The typed inputs of the first four actions, kept for the Rust API; each converts into the
//! generic [`ActionInput`] of the table-driven builder (`build.rs`, `table.rs`).

use crate::prelude::*;
use super::build::ActionInput;
use super::table::InputField;
use crate::error::{CheckError, ErrorCode, Field};

pub use super::table::Action;

/// `ParamType`: plain values, the md5 forms the library computes, or md5 forms the caller holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParamType {
    #[default]
    Normal,
    /// Plaintext in, the library writes each field's documented md5 form.
    Md5,
    /// The caller already holds each field in its documented md5 form: shapes are checked, values
    /// sent as given (hex lower-cased), `ParamType=md5` on the wire.
    Md5Hashed,
}

impl ParamType {
    pub fn parse(s: &str) -> Result<Self, CheckError> {
        match s {
            "normal" => Ok(ParamType::Normal),
            "md5" => Ok(ParamType::Md5),
            "md5-hashed" => Ok(ParamType::Md5Hashed),
            _ => Err(CheckError::new(ErrorCode::ParamTypeInvalid, Field::ParamType)),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::Normal => "normal",
            ParamType::Md5 => "md5",
            ParamType::Md5Hashed => "md5-hashed",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Id2MetaInput {
    pub id_number: String,
    pub name: String,
    /// Id2MetaVerifyIntl has no md5 mode (asking for it is an error); mainland Id2MetaVerify has
    /// the partial md5 forms of its model.
    pub param_type: ParamType,
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

fn with_param_type(input: ActionInput, t: ParamType) -> ActionInput {
    match t {
        ParamType::Normal => input,
        other => input.with(InputField::ParamType, other.as_str()),
    }
}

impl From<&Id2MetaInput> for ActionInput {
    fn from(i: &Id2MetaInput) -> Self {
        let input = ActionInput::new().with(InputField::IdNumber, i.id_number.as_str()).with(InputField::Name, i.name.as_str());
        with_param_type(input, i.param_type)
    }
}

impl From<&Mobile3MetaInput> for ActionInput {
    fn from(i: &Mobile3MetaInput) -> Self {
        let input = ActionInput::new()
            .with(InputField::IdNumber, i.id_number.as_str())
            .with(InputField::Name, i.name.as_str())
            .with(InputField::Mobile, i.mobile.as_str());
        with_param_type(input, i.param_type)
    }
}

impl From<&PeriodInput> for ActionInput {
    fn from(i: &PeriodInput) -> Self {
        let mut input = ActionInput::new()
            .with(InputField::IdNumber, i.id_number.as_str())
            .with(InputField::Name, i.name.as_str())
            .with(InputField::ValidityStart, i.validity_start.as_str())
            .with(InputField::ValidityEnd, i.validity_end.as_str())
            .with(InputField::MerchantBizId, i.merchant_biz_id.as_str());
        input.set(InputField::MerchantUserId, i.merchant_user_id.clone());
        input.set(InputField::SceneCode, i.scene_code.clone());
        input
    }
}
