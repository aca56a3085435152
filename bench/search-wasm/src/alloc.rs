//! A global allocator that counts what is live, so the benchmark can report the heap an index
//! holds: the difference in [`live_bytes`] across `SearchIndex::build` is the index.
//!
//! Each allocation is counted as dlmalloc (Rust's allocator on wasm32) lays it out: the request
//! plus a 4-byte header, rounded up to 8 bytes, at least 16 bytes. So many small `Vec`s cost what
//! they really cost, as V8's object headers do in the peers' heap numbers.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counted.
pub struct Counting;

/// Bytes dlmalloc spends on a block of `size` bytes (32-bit layout; an estimate elsewhere).
fn footprint(size: usize) -> usize {
    (size.saturating_add(4 + 7) & !7).max(16)
}

fn add(size: usize) {
    let live = LIVE.fetch_add(footprint(size), Ordering::Relaxed) + footprint(size);
    PEAK.fetch_max(live, Ordering::Relaxed);
    COUNT.fetch_add(1, Ordering::Relaxed);
}

fn sub(size: usize) {
    LIVE.fetch_sub(footprint(size), Ordering::Relaxed);
    COUNT.fetch_sub(1, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds `GlobalAlloc`'s contract;
// the counters only observe sizes.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same layout as our caller's, which `GlobalAlloc::alloc` requires to be valid.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            add(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator (so from `System`) with this layout.
        unsafe { System.dealloc(ptr, layout) };
        sub(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            sub(layout.size());
            add(new_size);
        }
        p
    }
}

/// Bytes live now (dlmalloc footprint of every allocation not yet freed).
pub fn live_bytes() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// Allocations live now.
pub fn live_count() -> usize {
    COUNT.load(Ordering::Relaxed)
}

/// The most bytes live at once since the last [`reset_peak`].
pub fn peak_bytes() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Starts a new peak measurement from what is live now.
pub fn reset_peak() {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}
