//! Component tests in a real browser (wasm-bindgen-test, headless Chromium): mount a piece of
//! the app, let it render, and check the DOM.

#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use archive_browser::components::{blocks, ArticleList, ListEntry, ProblemsRegion};
use archive_browser::data::LoadedArchive;
use archive_browser::nav::Nav;
use archive_browser::pages::ArticlePage;
use archive_core::{load_bundle, Archive, Block, Route};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const HOSTILE: &str = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">";

/// A fresh element in the document to mount into.
fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn provide_nav(fragment: &str) {
    let (route, set_route) = signal(Route::from_fragment(fragment));
    let lang = Memo::new(move |_| match route.with(|r| r.lang.clone()).as_deref() {
        Some("ru") => "ru",
        _ => "en",
    });
    provide_context(Nav {
        route,
        lang,
        set_route,
        typing: StoredValue::new(None),
        committed: StoredValue::new(None),
        fresh: StoredValue::new(None),
        trail: StoredValue::new(None),
        back_to_result: StoredValue::new(None),
    });
}

fn loaded(articles: serde_json::Value) -> Arc<LoadedArchive> {
    let text = serde_json::json!({
        "format": "archive-browser-bundle", "version": 1,
        "archive": {"id": "t", "title": {"en": "T"}, "languages": ["en", "ru"], "default_language": "en"},
        "sections": [{"id": "news", "title": {"en": "News", "ru": "Новости"}}],
        "articles": articles,
    })
    .to_string();
    let loaded = load_bundle(&text).unwrap();
    Arc::new(LoadedArchive::new(Archive::new(loaded.bundle), loaded.problems, "test".into()))
}

#[wasm_bindgen_test]
async fn article_text_never_becomes_markup() {
    let el = container();
    let list = vec![
        Block::Paragraph { text: HOSTILE.into() },
        Block::Heading { level: 2, text: HOSTILE.into() },
        Block::Quote { text: HOSTILE.into(), cite: Some(HOSTILE.into()) },
        Block::List { ordered: false, items: vec![HOSTILE.into()] },
        Block::Image {
            src: "javascript:window.pwned=3".into(),
            alt: HOSTILE.into(),
            caption: None,
        },
        Block::Document { href: Some("javascript:window.pwned=4".into()), title: HOSTILE.into() },
    ];
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_nav("#/");
        view! { <div>{blocks(list, &|t: String| t.into_any())}</div> }
    });
    tick().await;
    assert_eq!(el.query_selector_all("script, img, a").unwrap().length(), 0, "{}", el.inner_html());
    // One element per block, each holding the hostile text as text.
    let div = el.first_element_child().unwrap();
    assert_eq!(div.child_element_count(), 6, "{}", el.inner_html());
    assert!(el.text_content().unwrap().matches(HOSTILE).count() >= 6);
    assert!(js_sys::Reflect::get(&window(), &"pwned".into()).unwrap().is_undefined());
    drop(handle);
}

#[wasm_bindgen_test]
async fn marked_search_words_in_an_article_stay_text() {
    let el = container();
    let data = loaded(serde_json::json!([
        {"id": "h", "lang": "en", "title": format!("Windows {HOSTILE}"), "date": "2024-07-01",
         "lead": HOSTILE, "body": [{"type": "paragraph", "text": format!("{HOSTILE} onerror")}]},
    ]));
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_nav("#/article/h?hl=window%20onerror");
        provide_context(data.clone());
        view! { <ArticlePage id="h".to_owned() /> }
    });
    tick().await;
    assert_eq!(el.query_selector_all("script, img").unwrap().length(), 0, "{}", el.inner_html());
    assert!(js_sys::Reflect::get(&window(), &"pwned".into()).unwrap().is_undefined());
    let marks = el.query_selector_all("article mark").unwrap();
    let texts: Vec<String> =
        (0..marks.length()).map(|i| marks.item(i).unwrap().text_content().unwrap()).collect();
    // `window` (twice in each copy of the hostile text, and its inflection `Windows` in the
    // title) and `onerror` (once in each, and once more in the body), in the title, the lead
    // and the body: each inside the hostile text, which stays text around them.
    let count = |w: &str| texts.iter().filter(|t| *t == w).count();
    assert_eq!((count("Windows"), count("window"), count("onerror")), (1, 6, 4), "{texts:?}");
    assert_eq!(texts.len(), 11, "{texts:?}");
    let h1 = el.query_selector("h1").unwrap().unwrap().text_content().unwrap();
    assert_eq!(h1, format!("Windows {HOSTILE}"));
    let note = el.query_selector(".marks-note").unwrap().unwrap().text_content().unwrap();
    assert!(note.starts_with("11 matches of your search marked:"), "{note}");
    drop(handle);
}

#[wasm_bindgen_test]
async fn list_links_keep_the_language_and_show_dates() {
    let el = container();
    let data = loaded(serde_json::json!([
        {"id": "a", "lang": "en", "title": "Older", "date": "2024-07-01", "section": "news", "lead": "A"},
        {"id": "b", "lang": "ru", "title": "Новее", "date": "2024-07-25", "section": "news", "lead": "Б"},
    ]));
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_nav("#/?lang=ru");
        provide_context(data.clone());
        let a = &data.archive;
        let items = a.all().iter().map(|&p| ListEntry::new(a.at(p), a, "ru")).collect();
        view! { <ArticleList items /> }
    });
    tick().await;
    let links: Vec<(String, String)> = {
        let nodes = el.query_selector_all("h2 a").unwrap();
        (0..nodes.length())
            .map(|i| {
                let a: web_sys::Element = nodes.item(i).unwrap().unchecked_into();
                (a.get_attribute("href").unwrap(), a.text_content().unwrap())
            })
            .collect()
    };
    assert_eq!(
        links,
        [
            ("#/article/b?lang=ru".to_owned(), "Новее".to_owned()),
            ("#/article/a?lang=ru".into(), "Older".into())
        ]
    );
    let time = el.query_selector("time").unwrap().unwrap();
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2024-07-25"));
    assert_eq!(time.text_content().as_deref(), Some("25 июля 2024 г."));
    let section = el.query_selector(".section-link").unwrap().unwrap();
    assert_eq!(section.text_content().as_deref(), Some("Новости"));
    assert_eq!(
        el.query_selector("article").unwrap().unwrap().get_attribute("lang").as_deref(),
        Some("ru")
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn skipped_articles_are_reported_not_hidden() {
    let el = container();
    let data = loaded(serde_json::json!([
        {"id": "ok", "lang": "en", "title": "Fine", "date": "2024-07-01", "lead": "x"},
        {"id": "bad", "lang": "en", "date": "2024-07-01"},
    ]));
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_nav("#/");
        provide_context(data.clone());
        view! { <ProblemsRegion /> }
    });
    tick().await;
    let region = el.query_selector("[role=region]").unwrap().expect("a problems region");
    assert_eq!(region.get_attribute("aria-label").as_deref(), Some("Problems in this archive"));
    let text = region.text_content().unwrap();
    assert!(text.contains("1 article or section could not be shown"), "{text}");
    assert!(text.contains("articles[1] (id \"bad\"), field `title`"), "{text}");
    // The loader's messages are English whatever the interface's language.
    let list = region.query_selector("ul.problem-errors").unwrap().expect("the skipped items");
    assert_eq!(list.get_attribute("lang").as_deref(), Some("en"));
    drop(handle);
}

/// The browser's hash of the built-in archive is the one `archive-bundle index` wrote into it
/// (archive-core's SHA-256 of the same JSON), and an edited article changes it.
#[wasm_bindgen_test]
async fn the_browser_computes_the_content_hash_the_cli_wrote() {
    let text = include_str!("../public/archive.json");
    let mut bundle = load_bundle(text).unwrap().bundle;
    let stated = bundle.archive.content_hash.clone().expect("the built-in archive has a hash");
    let computed = archive_browser::data::content_hash(&bundle).await;
    assert_eq!(computed.as_ref(), Some(&stated));
    bundle.articles[0].title.push('!');
    let edited = archive_browser::data::content_hash(&bundle).await.unwrap();
    assert_ne!(edited, stated);
    assert!(edited.starts_with("sha256:") && edited.len() == 7 + 64);
    // Written in batches (with yields) past 500 articles, the JSON is still the pair's, byte
    // for byte; and with no articles or sections.
    let many: Vec<_> = (0..7).flat_map(|_| bundle.articles.clone()).collect();
    assert!(many.len() > 1000);
    bundle.articles = many;
    let json = archive_browser::data::content_json(&bundle).await.unwrap();
    assert_eq!(json, serde_json::to_vec(&(&bundle.sections, &bundle.articles)).unwrap());
    bundle.articles.clear();
    bundle.sections.clear();
    assert_eq!(archive_browser::data::content_json(&bundle).await.unwrap(), b"[[],[]]");
}

#[wasm_bindgen_test]
async fn languages_are_named_ahead_when_the_browser_is_idle() {
    use archive_browser::i18n::{language_named, name_languages_when_idle};
    name_languages_when_idle("ru".into(), vec!["ca".into(), "uk".into()]);
    assert!(!language_named("ru", "ca"), "not before the browser is idle");
    let waited = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1500).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(waited).await.unwrap();
    assert!(language_named("ru", "ca") && language_named("ru", "uk"));
    assert!(!language_named("en", "ca"), "in the interface language given only");
}
