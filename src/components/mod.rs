//! Pieces shared by several pages.

mod article_list;
mod blocks;
mod chrome;
mod problems;

pub use article_list::{ArticleList, ListPage};
pub use blocks::Blocks;
pub use chrome::{set_document_title, use_archive, DateText, Footer, Header, LoadErrorView};
pub use problems::ProblemsRegion;
