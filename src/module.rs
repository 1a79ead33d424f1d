//! The runtime of the shipped .wasm modules (feature `module`, wasm32 only): the crate is
//! `no_std` there, so it brings its allocator and its panic handler. The library never panics by
//! design (clippy denies unwrap, expect, indexing and arithmetic that could); should a panic
//! happen anyway, the handler traps (`unreachable`) without formatting a message, which keeps
//! core's formatting and Unicode tables out of the module. The JS layer reports a trap as an
//! internal error, as it did for std's abort.

#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
