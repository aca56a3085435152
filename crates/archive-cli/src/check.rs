//! `archive-bundle check FILE`: load a bundle the way the app does and list every problem.
//!
//! Output (stdout): one line per problem, as [`archive_core::Problem`] displays it —
//! `error: articles[3] (id "x"), field `title`: the title is empty` — then a summary line
//! `FILE: N articles usable, E errors, W warnings`.

use std::path::Path;

use anyhow::{Context, Result};
use archive_core::{load_bundle, Severity};

use crate::import::read_text;

/// How a readable bundle fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No error-severity problem (warnings allowed).
    Valid,
    /// At least one article or section was left out.
    Invalid,
}

/// Checks the bundle at `path`, printing its problems and a summary to stdout.
///
/// # Errors
/// The file cannot be read (the chain holds the `std::io::Error`: exit code 2), is not UTF-8,
/// or cannot be used as a bundle at all (not JSON — with line and column —, another format or
/// version, unusable archive metadata): exit code 1.
pub fn run(path: &Path) -> Result<Verdict> {
    let text = read_text(path)?;
    let loaded = load_bundle(&text)
        .with_context(|| format!("`{}` is not a usable bundle", path.display()))?;
    for problem in &loaded.problems {
        println!("{problem}");
    }
    let errors = loaded.count(Severity::Error);
    let warnings = loaded.count(Severity::Warning);
    println!(
        "{}: {} article{} usable, {} error{}, {} warning{}",
        path.display(),
        loaded.bundle.articles.len(),
        if loaded.bundle.articles.len() == 1 { "" } else { "s" },
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
    );
    Ok(if errors == 0 { Verdict::Valid } else { Verdict::Invalid })
}
