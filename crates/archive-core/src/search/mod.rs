//! Full-text search over an archive, the same code in the CLI (index time) and the app (query
//! time): [`analyze`] turns text into terms, [`query`] parses what the reader types, [`index`]
//! finds and ranks articles (BM25F), [`mod@snippet`] picks and marks the best passage, and
//! [`facets`] counts what the results hold by section, date, language, source, tag and person;
//! [`suggest`] offers the nearest word of the archive for a word no article has.

pub mod analyze;
pub mod facets;
pub mod index;
pub mod query;
pub mod snippet;
pub mod store;
pub mod suggest;

pub use analyze::Analyzer;
pub use facets::{facet_counts, facet_counts_of, section_totals, FacetCounts};
pub use index::{order, widen_section_filter, Dimension, Filters, Hit, SearchIndex, Sort};
pub use query::{is_quote, Clause, Field, ParsedQuery, TypedFilter};
pub use snippet::{highlight, snippet, Part, Snippet};
pub use store::IndexError;
pub use suggest::{corrected_query, layout_swapped};
