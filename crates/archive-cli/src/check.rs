//! `archive-bundle check FILE`: load a bundle the way the app does and list every problem,
//! then check what `archive-bundle index` published with it: that `content_hash` is the hash
//! of the sections and articles (an edit after publishing leaves it stale), and that the search
//! index it names is there, readable and built for this content.
//!
//! Output (stdout): one line per problem, as [`archive_core::Problem`] displays it —
//! `error: articles[3] (id "x"), field `title`: the title is empty` — then a summary line
//! `FILE: N articles usable, E errors, W warnings`. Values quoted from the bundle have their
//! control and bidirectional characters escaped (`\n`, `\u{1b}`), so every problem is one
//! line that says only what it says; output into a pipe closed early (`| head`) ends quietly.

use std::path::Path;

use anyhow::{Context, Result};
use archive_core::search::SearchIndex;
use archive_core::{load_bundle, Loaded, Location, Problem, Severity};

use crate::import::read_text;
use crate::stdout::outln;

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
    let mut problems = loaded.problems.clone();
    problems.extend(published_problems(path, &loaded));
    for problem in &problems {
        outln!("{problem}");
    }
    let count = |s: Severity| problems.iter().filter(|p| p.severity == s).count();
    let errors = count(Severity::Error);
    let warnings = count(Severity::Warning);
    outln!(
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

/// What is wrong with the content hash and the search index of a bundle loaded from `path`:
/// warnings at `archive.content_hash` and `archive.search_index` (the app falls back to
/// building its own index, so nothing is lost, but a stale index would give wrong results).
/// Nothing is said when articles were left out (the content then differs by design).
fn published_problems(path: &Path, loaded: &Loaded) -> Vec<Problem> {
    let mut out = Vec::new();
    if loaded.count(Severity::Error) > 0 {
        return out;
    }
    let meta = &loaded.bundle.archive;
    let mut warn = |field: &str, message: String| {
        out.push(Problem {
            severity: Severity::Warning,
            location: Location::Archive { field: field.into() },
            message,
        });
    };
    let actual = archive_core::hash::content_hash(&loaded.bundle.sections, &loaded.bundle.articles);
    if let Some(stated) = meta.content_hash.as_ref().filter(|h| **h != actual) {
        warn(
            "content_hash",
            format!(
                "{stated} is not the hash of the sections and articles ({actual}): the bundle \
                 was edited after it was indexed; run `archive-bundle index` again"
            ),
        );
    }
    let Some(reference) = &meta.search_index else { return out };
    if reference.href.contains("://") || reference.href.starts_with('/') {
        return out; // Not beside the bundle: only the app can fetch it.
    }
    let file = path.parent().unwrap_or(Path::new("")).join(&reference.href);
    let field = "search_index";
    match std::fs::read(&file) {
        Err(e) => warn(
            field,
            format!("{} cannot be read ({e}); the app will build its own index", file.display()),
        ),
        Ok(bytes) => match SearchIndex::from_bytes(&bytes) {
            Err(e) => warn(
                field,
                format!(
                    "{} is not a usable index ({e}); the app will build its own",
                    file.display()
                ),
            ),
            Ok((index, hash)) => {
                if hash != actual {
                    warn(
                        field,
                        format!(
                            "{} was built for other content ({hash}, not {actual}); run \
                             `archive-bundle index` again",
                            file.display()
                        ),
                    );
                } else if index.article_count() != loaded.bundle.articles.len() {
                    warn(
                        field,
                        format!(
                            "{} numbers {} articles, the bundle has {}; run `archive-bundle \
                             index` again",
                            file.display(),
                            index.article_count(),
                            loaded.bundle.articles.len()
                        ),
                    );
                }
            }
        },
    }
    out
}
