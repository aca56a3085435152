//! One module per route, as the route table in [`crate::app`] names them.

mod all_news;
mod article;
mod date;
mod not_found;
mod search;
mod section;
mod sharded;

pub use all_news::AllNewsPage;
pub use article::ArticlePage;
pub use date::DatePage;
pub use not_found::{Missing, NotFoundPage};
pub use search::{Announcer, SearchPage};
pub use section::SectionPage;
pub use sharded::{LoadingBar, ShardedArticlePage, ShardedListPage, ShardedSearchPage};
