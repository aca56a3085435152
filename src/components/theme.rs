//! The theme switch: follow the system (the default), or always light, or always dark. The
//! choice is remembered in `localStorage` where the browser allows it (not in private modes with
//! storage off, nor in third-party frames); `boot.js` applies it before the app starts, so a
//! dark page never flashes light. The stylesheet reads `data-theme` on `<html>`.

use leptos::prelude::*;

use crate::i18n::anywhere;
use crate::nav::Nav;

/// The `localStorage` key (the same in `public/boot.js`).
pub const THEME_KEY: &str = "archive-browser.theme";

/// The reader's theme choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's light or dark preference.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The stored word for the choice, as `data-theme` also uses it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// Reads a stored word; anything unknown is [`Theme::System`].
    pub fn parse(s: &str) -> Self {
        match s {
            "light" => Self::Light,
            "dark" => Self::Dark,
            _ => Self::System,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    // Throws where storage is blocked: web-sys turns that into Err, and we go without.
    window().local_storage().ok().flatten()
}

/// The remembered theme, or [`Theme::System`].
pub fn stored_theme() -> Theme {
    storage()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .map_or(Theme::System, |t| Theme::parse(&t))
}

/// Shows `theme` now (on `<html>`), and remembers it where allowed.
pub fn set_theme(theme: Theme) {
    if let Some(root) = crate::embed::root_element() {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.as_str()),
        };
    }
    if let Some(storage) = storage() {
        let _ = match theme {
            Theme::System => storage.remove_item(THEME_KEY),
            t => storage.set_item(THEME_KEY, t.as_str()),
        };
    }
}

/// A labelled `<select>`: System, Light, Dark.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let current = RwSignal::new(stored_theme());
    let text = move || anywhere(nav.lang.get());
    let option = move |theme: Theme, label: fn(&crate::i18n::Anywhere) -> &'static str| {
        view! {
            <option value=theme.as_str() selected=move || current.get() == theme>
                {move || label(text())}
            </option>
        }
    };
    view! {
        <label class="theme-switch">
            <span>{move || text().theme}</span>
            <select
                prop:value=move || current.get().as_str()
                on:change=move |ev| {
                    let theme = Theme::parse(&event_target_value(&ev));
                    current.set(theme);
                    set_theme(theme);
                }
            >
                {option(Theme::System, |t| t.theme_system)}
                {option(Theme::Light, |t| t.theme_light)}
                {option(Theme::Dark, |t| t.theme_dark)}
            </select>
        </label>
    }
}
