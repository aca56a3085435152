//! The content hash of a bundle: `sha256:` + the lowercase hex SHA-256 (FIPS 180-4) of the
//! compact JSON of `[sections, articles]` as this crate serialises them.
//!
//! Two bundles with the same sections and articles have the same hash whatever their
//! `generated_at`, so a rebuilt archive is recognisably unchanged.

use sha2::{Digest, Sha256};

use crate::model::{Article, Section};

/// Computes the content hash of `sections` and `articles`, `"sha256:<64 hex digits>"`.
pub fn content_hash(sections: &[Section], articles: &[Article]) -> String {
    let mut hasher = Sha256::new();
    // Serialising plain model types cannot fail (no maps with non-string keys, no I/O).
    let json = serde_json::to_vec(&(sections, articles)).unwrap_or_default();
    hasher.update(&json);
    let digest = hasher.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
