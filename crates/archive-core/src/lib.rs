//! The pure logic of Archive Browser, shared by the `archive-bundle` CLI (native) and the app
//! (wasm): the bundle model and its loader with located problems, civil dates, the indexed
//! archive the views read, and the URL codec. No web dependencies, so all of it is tested with a
//! plain `cargo test`.
//!
//! - [`model`]: the serde model of bundle format version 1.
//! - [`load`]: JSON text → usable bundle + every problem with its location and severity.
//! - [`date`]: civil dates, times and offsets as published, never shifted by a time zone.
//! - [`archive`]: newest-first order, lookups, sections, months, neighbours, pages.
//! - [`route`]: views ⇄ URL fragments.
//! - [`shard`]: the sharded form of big archives (manifest, shards, index chunks) and its reader.
//! - [`hash`]: the bundle's content hash (computed with feature `hash`; the app has the
//!   browser compute the digest).

pub mod archive;
pub mod date;
pub mod hash;
pub mod load;
pub mod model;
pub mod route;
pub mod search;
pub mod shard;

pub use archive::{natural_cmp, paginate, Archive, Page, Period, PAGE_SIZE};
pub use date::{CivilDate, ClockTime, DateError, Timestamp, UtcOffset};
pub use load::{load_bundle, BundleError, Loaded, Location, Problem, Severity};
pub use model::{
    safe_link, ArchiveMeta, Article, Block, Bundle, IndexRef, Localized, Section, FORMAT, VERSION,
};
pub use route::{Route, View};
