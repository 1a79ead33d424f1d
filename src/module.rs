//! The runtime of the shipped .wasm modules (feature `module` or `module-small`, wasm32 only): the
//! crate is `no_std` there, so it brings its allocator and its panic handler. The allocator is
//! dlmalloc for the server module (`module`: fast) and lol_alloc's free list for the browser one
//! (`module-small`: about 3.6 KB gzipped smaller). The library never panics by
//! design (clippy denies unwrap, expect, indexing and arithmetic that could); should a panic
//! happen anyway, the handler traps (`unreachable`) without formatting a message, which keeps
//! core's formatting and Unicode tables out of the module. The JS layer reports a trap as an
//! internal error, as it did for std's abort.

#[cfg(all(feature = "module", feature = "module-small"))]
compile_error!("features `module` and `module-small` each choose the module's allocator: enable one");

#[cfg(feature = "module")]
#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

// The locked wrapper (a spin lock that is never contended: the module is single-threaded) rather
// than `AssumeSingleThreaded`, which needs `unsafe`.
#[cfg(all(feature = "module-small", not(feature = "module")))]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
