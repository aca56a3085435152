//! The content hash of a bundle: `sha256:` + the lowercase hex SHA-256 (FIPS 180-4) of the
//! compact JSON of `[sections, articles]` as this crate serialises them.
//!
//! Two bundles with the same sections and articles have the same hash whatever their
//! `generated_at`, so a rebuilt archive is recognisably unchanged.

#[cfg(feature = "hash")]
use sha2::{Digest, Sha256};

#[cfg(feature = "hash")]
use crate::model::{Article, Section};

/// Computes the content hash of `sections` and `articles`, `"sha256:<64 hex digits>"`
/// (feature `hash`: the CLI; the app has the browser compute the SHA-256 of the same JSON and
/// writes it with [`written`]).
#[cfg(feature = "hash")]
pub fn content_hash(sections: &[Section], articles: &[Article]) -> String {
    // Serialising plain model types cannot fail (no maps with non-string keys, no I/O).
    let json = serde_json::to_vec(&(sections, articles)).unwrap_or_default();
    written(&Sha256::digest(&json))
}

/// A SHA-256 digest (32 bytes) as the content hash is written: `sha256:` and lowercase hex.
pub fn written(digest: &[u8]) -> String {
    let mut out = String::with_capacity(7 + 2 * digest.len());
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
