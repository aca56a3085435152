//! Pieces shared by several pages.

mod article_list;
mod blocks;
mod chrome;
mod problems;
mod search_box;
mod share;
mod theme;

pub use article_list::{excerpt, ArticleList, ListPage, Pager};
pub use blocks::Blocks;
pub use chrome::{set_document_title, use_archive, DateText, Footer, Header, LoadErrorView};
pub use problems::ProblemsRegion;
pub use search_box::{search_from, SearchBox};
pub use share::ShareCite;
pub use theme::{set_theme, stored_theme, Theme, ThemeSwitch, THEME_KEY};
