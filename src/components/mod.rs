//! Pieces shared by several pages.

mod article_list;
mod blocks;
mod chrome;
mod problems;
mod search_box;
mod share;
mod theme;

pub use article_list::{excerpt, list_view, ArticleList, ListEntry, ListPage, Pager};
pub use blocks::blocks;
pub use chrome::{
    retry_when_online, set_document_title, set_list_title, use_archive, use_shelf, DateText,
    Footer, Header, LoadErrorView, ToSidebar, WaysBack,
};
pub use problems::{ArchiveNotes, ProblemsRegion};
pub use search_box::{search_from, SearchBox};
pub use share::ShareCite;
pub use theme::{set_theme, stored_theme, Theme, ThemeSwitch, THEME_KEY};
