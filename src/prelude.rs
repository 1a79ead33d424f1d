//! What std's prelude gives, from `alloc`, for the `no_std` build of the shipped .wasm modules
//! (`use crate::prelude::*;` in the modules that allocate).

pub(crate) use alloc::boxed::Box;
pub(crate) use alloc::string::{String, ToString};
pub(crate) use alloc::vec;
pub(crate) use alloc::vec::Vec;
