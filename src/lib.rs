//! aliyun-idv: a no-I/O core for Alibaba Cloud ID Verification.
//!
//! Pre-validates what users type, hashes and masks fields, and (in later modules) builds signed
//! requests and parses answers. Nothing here reads the clock, randomness, the network or the
//! file system: "today", timestamps and nonces are inputs.
//!
//! The plain Rust API lives in the modules below; `bindings` (wasm32 only) is the thin
//! WebAssembly layer that the npm package wraps.
//!
//! Cargo features: `full` (default) = `sign` (signer, builders, response mapping) +
//! `region-names` (names compiled in); without them the crate is the checks-only core of the
//! browser module. `json` adds [`parse_response`] over a JSON body, for native tests only.

#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]
// The shipped .wasm modules (feature `module` or `module-small`, scripts/build.sh) are built
// without std: see `module`.
#![cfg_attr(all(target_arch = "wasm32", any(feature = "module", feature = "module-small")), no_std)]

extern crate alloc;

#[cfg(all(target_arch = "wasm32", any(feature = "module", feature = "module-small")))]
mod module;
mod prelude;

pub mod bank_card;
pub mod date;
pub mod error;
pub mod hash;
pub mod id_number;
pub mod mask;
pub mod mobile;
pub mod name;
pub mod period;
pub mod region;
pub mod register_date;
#[cfg(feature = "sign")]
pub mod request;
#[cfg(feature = "sign")]
pub mod response;
#[cfg(feature = "sign")]
pub mod sign;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use bank_card::{check_bank_card, BankCardCheck};
pub use error::{CheckError, ErrorCode, Field};
pub use hash::md5_hex;
pub use id_number::{check_id_number, upgrade_legacy, Gender, IdCheck, IdInfo, IdOptions};
pub use mask::{mask_id_number, mask_mobile, mask_name};
pub use mobile::{check_mobile, Carrier, MobileCheck};
pub use name::{check_name, NameCheck};
pub use period::{check_validity_period, PeriodCheck, Term};
#[cfg(feature = "json")]
pub use response::parse_response;
#[cfg(feature = "sign")]
pub use response::{interpret, ErrorKind, ResponseFields, Verdict, VerifyResult};
#[cfg(feature = "sign")]
pub use sign::{sign, sign_with_debug, Credentials, Method, RequestSpec, Scheme, SignError, SignatureVersion, SignedRequest, SigningDebug, SigningParams, Timestamp};
