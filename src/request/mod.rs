//! Request builders for the four actions: run the checks first (a typo is refused before anything
//! billable is built), send the normalised values, keep personal data out of the URL (form body),
//! then sign. The actions' parameters, hosts and versions are in `actions.rs`.

pub mod actions;
pub mod endpoint;
pub mod inputs;

use chrono::NaiveDate;

use crate::error::{CheckError, ErrorCode, Field};
use crate::sign::{self, Credentials, Method, RequestSpec, SignError, SignatureVersion, SignedRequest, SigningParams, Timestamp};

pub use actions::{Action, Id2MetaInput, Mobile3MetaInput, ParamType, PeriodInput};

/// How a long-term end date goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LongTermAs {
    /// `长期`, as the Chinese API reference asks (the default).
    #[default]
    Chinese,
    /// `long-term`, as the English API reference writes it.
    English,
}

impl LongTermAs {
    pub fn parse(s: &str) -> Result<Self, CheckError> {
        match s {
            "长期" => Ok(LongTermAs::Chinese),
            "long-term" => Ok(LongTermAs::English),
            _ => Err(CheckError::new(ErrorCode::LongTermAsInvalid, Field::LongTermAs)),
        }
    }
    pub fn wire(self) -> &'static str {
        match self {
            LongTermAs::Chinese => "长期",
            LongTermAs::English => "long-term",
        }
    }
}

/// Everything a builder needs besides the action's input.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub credentials: Credentials,
    /// When the request is signed (parsed once: [`Timestamp::parse`]).
    pub timestamp: Timestamp,
    pub nonce: String,
    pub signature_version: SignatureVersion,
    /// Host (optionally `https://` or, for loopback, `http://`, and a port); default per action.
    pub endpoint: Option<String>,
    pub long_term_as: LongTermAs,
    /// The date the checks are made on.
    pub today: NaiveDate,
}

/// Why a request was not built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// A check of the input or of an option failed.
    Check(CheckError),
    /// The signer refused the credentials, timestamp or nonce.
    Sign(SignError),
}

impl BuildError {
    pub fn code(&self) -> &'static str {
        match self {
            BuildError::Check(e) => e.code.as_str(),
            BuildError::Sign(e) => e.as_str(),
        }
    }
    pub fn field(&self) -> &'static str {
        match self {
            BuildError::Check(e) => e.field.as_str(),
            BuildError::Sign(e) => e.field(),
        }
    }
    pub fn message(&self) -> &'static str {
        match self {
            BuildError::Check(e) => e.message(),
            BuildError::Sign(e) => e.message(),
        }
    }
    pub fn message_zh(&self) -> &'static str {
        match self {
            BuildError::Check(e) => e.message_zh(),
            BuildError::Sign(e) => e.message_zh(),
        }
    }
}

impl From<CheckError> for BuildError {
    /// Drops the hint: a build error is thrown and ends up in logs, and a hint may hold a full ID
    /// number (the upgraded form of a 15-digit one). The check functions still return it.
    fn from(e: CheckError) -> Self {
        BuildError::Check(CheckError { hint: None, ..e })
    }
}

impl From<SignError> for BuildError {
    fn from(e: SignError) -> Self {
        BuildError::Sign(e)
    }
}

impl core::fmt::Display for BuildError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code())?;
        f.write_str(": ")?;
        f.write_str(self.message())
    }
}

impl std::error::Error for BuildError {}

/// Signs an action's parameters as a POST with a form body.
fn finish(action: Action, form: Vec<(String, String)>, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    let (scheme, host) = match &opts.endpoint {
        Some(e) => endpoint::parse(e)?,
        None => (sign::Scheme::Https, action.default_host().to_string()),
    };
    let req = RequestSpec {
        method: Method::Post,
        host,
        scheme,
        action: action.name().to_string(),
        version: action.version().to_string(),
        query: Vec::new(),
        form,
    };
    let params = SigningParams {
        credentials: opts.credentials.clone(),
        timestamp: opts.timestamp,
        nonce: opts.nonce.clone(),
        version: opts.signature_version,
    };
    Ok(sign::sign(&req, &params)?)
}

/// Id2MetaVerifyIntl: name and ID number.
pub fn build_id2_meta_verify_intl(input: &Id2MetaInput, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    finish(Action::Id2MetaVerifyIntl, actions::id2_meta_intl_params(input, opts)?, opts)
}

/// Mobile3MetaVerifyIntl: name, ID number and mobile, plain or md5.
pub fn build_mobile3_meta_verify_intl(input: &Mobile3MetaInput, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    finish(Action::Mobile3MetaVerifyIntl, actions::mobile3_meta_intl_params(input, opts)?, opts)
}

/// Id2MetaPeriodVerifyIntl: name, ID number and the card's validity period.
pub fn build_id2_meta_period_verify_intl(input: &PeriodInput, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    finish(Action::Id2MetaPeriodVerifyIntl, actions::period_intl_params(input, opts)?, opts)
}

/// Id2MetaVerify, the mainland 2019-03-07 API: name and ID number.
pub fn build_id2_meta_verify(input: &Id2MetaInput, opts: &BuildOptions) -> Result<SignedRequest, BuildError> {
    finish(Action::Id2MetaVerify, actions::id2_meta_cn_params(input, opts)?, opts)
}

#[cfg(test)]
mod tests;
