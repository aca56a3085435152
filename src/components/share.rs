//! "Share / cite" on an article: the article's address and a formatted citation (English: the
//! usual web-source form; Russian: GOST R 7.0.100), each in a read-only field with a Copy
//! button. Copying uses the asynchronous Clipboard API; where it is missing or refused (plain
//! HTTP, an old browser, a frame without permission) the field's text is selected and the
//! reader is told to copy it by hand. In an embed the address is the full app's, not the
//! partner's page.

use archive_core::CivilDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{anywhere, Citation};
use crate::nav::Nav;

/// Today's date in the reader's time zone, for "accessed".
fn today() -> Option<CivilDate> {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    CivilDate::new(u16::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok()
}

/// Copies `text` and says `done`; on failure calls `select` (which selects the field's text) and
/// tells the reader to copy by hand.
fn copy(
    text: String,
    select: impl Fn() + 'static,
    status: RwSignal<&'static str>,
    lang: &str,
    done: &'static str,
) {
    let words = anywhere(lang);
    let by_hand = move || {
        select();
        status.set(words.copy_by_hand);
    };
    let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into())
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok());
    let Some(clipboard) = clipboard else {
        by_hand();
        return;
    };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        match JsFuture::from(promise).await {
            Ok(_) => status.set(done),
            Err(_) => by_hand(),
        }
    });
}

/// The share / cite disclosure for one article.
#[component]
pub fn ShareCite(
    /// The article's title.
    title: String,
    /// The agency or author, if known.
    source: Option<String>,
    /// The publication date, if known.
    date: Option<CivilDate>,
    /// The archive's title.
    archive: String,
    /// The address the article was first published at, when known (a web address).
    original: Option<String>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let lang = nav.lang.get_untracked();
    let words = anywhere(lang);
    // The article's own address: the search words it was opened with (`hl=`) are not shared.
    let route = archive_core::Route { highlight: None, ..nav.route.get_untracked() };
    let url = crate::embed::public_url(&route.to_fragment());
    let citation = (words.cite)(&Citation {
        title,
        source,
        date,
        archive,
        url: url.clone(),
        accessed: today(),
        original,
    });
    let status = RwSignal::new("");
    let link_field: NodeRef<leptos::html::Input> = NodeRef::new();
    let cite_field: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let (copy_url, copy_cite) = (url.clone(), citation.clone());
    // On paper the disclosure is gone: the citation (with the archive's address) is printed.
    let printed = format!("{}: {citation}", words.citation);
    // Another article drawn in this one's place (a twin or a neighbour followed) keeps the
    // page's elements, and with them a disclosure the reader opened: it starts closed again.
    let details: NodeRef<leptos::html::Details> = NodeRef::new();
    Effect::new(move |_| {
        if let Some(d) = details.get() {
            let _ = d.remove_attribute("open");
        }
    });
    view! {
        // Escape closes it, from anywhere inside, and focus returns to its summary.
        <details
            class="share"
            node_ref=details
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    if let Some(d) = details.get_untracked().filter(|d| d.has_attribute("open")) {
                        ev.prevent_default();
                        let _ = d.remove_attribute("open");
                        if let Ok(Some(summary)) = d.query_selector("summary") {
                            crate::embed::focus(&summary);
                        }
                    }
                }
            }
        >
            <summary>{words.share}</summary>
            <div class="share-field">
                <label for="share-link">{words.link}</label>
                <input id="share-link" type="text" readonly node_ref=link_field prop:value=url />
                <button type="button" on:click=move |_| {
                    let select = move || { if let Some(f) = link_field.get_untracked() { f.select(); } };
                    copy(copy_url.clone(), select, status, lang, words.copied);
                } aria-label=words.copy_link>
                    {words.copy}
                </button>
            </div>
            <div class="share-field">
                <label for="share-citation">{words.citation}</label>
                <textarea id="share-citation" readonly rows="5" node_ref=cite_field prop:value=citation></textarea>
                <button type="button" on:click=move |_| {
                    let select = move || { if let Some(f) = cite_field.get_untracked() { f.select(); } };
                    copy(copy_cite.clone(), select, status, lang, words.citation_copied);
                } aria-label=words.copy_citation>
                    {words.copy}
                </button>
            </div>
            <p class="share-status" role="status">{move || status.get()}</p>
        </details>
        <p class="print-citation">{printed}</p>
    }
}
