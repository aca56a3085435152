//! The pages of a sharded archive: the same views as a single-file archive's (the same list,
//! article and search layouts), each fetching only the files it needs first (see
//! [`crate::shards`]): all news and a month need the card files of the page shown; a section
//! needs the doc table too; an article its id bucket and its shard; a search the index chunks of
//! its terms and the doc table, then the cards of the results shown, which appear as they
//! arrive (whole articles when phrases must be checked on them).

use std::sync::Arc;

use archive_core::route::SearchParams;
use archive_core::search::{
    corrected_query, layout_swapped, widen_section_filter, Clause, FacetCounts, Filters,
    ParsedQuery, Sort,
};
use archive_core::shard::{Lookup, Need, ShardSearch};
use archive_core::{Period, View, PAGE_SIZE};
use leptos::prelude::*;

use super::all_news::ArchiveIndex;
use super::article::{article_view, ArticleLink};
use super::date::months_nav;
use super::search::{
    fewer_words, narrowed_note, result_items, search_view, widened_note, Announcer, Counts,
    DidYouMean, ResultEntry,
};
use super::section::section_crumbs;
use super::{Missing, NotFoundPage};
use crate::components::{list_view, set_document_title, use_shelf, ListEntry, WaysBack};
use crate::i18n::{anywhere, month_title, Ui};
use crate::nav::Nav;
use crate::shards::ShardStore;

/// The sharded archive from context.
fn use_store() -> Arc<ShardStore> {
    match expect_context::<crate::data::Shelf>() {
        crate::data::Shelf::Sharded(s) => s,
        crate::data::Shelf::Single(_) => {
            unreachable!("sharded pages are only shown for a sharded archive")
        }
    }
}

/// Candidates counted for the facets per task: about 10 ms in the browser (a million-article
/// archive's commonest words have 100,000 candidates and more; counted in one task, 50 ms).
const FACET_STEP: usize = 25_000;

/// The page of `total` items numbered `asked` (1-based, clamped): `(number, pages, range)`.
fn page_of(total: usize, asked: usize) -> (usize, usize, std::ops::Range<usize>) {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let number = asked.clamp(1, pages);
    let start = (number - 1) * PAGE_SIZE;
    (number, pages, start.min(total)..(start + PAGE_SIZE).min(total))
}

/// What is loading: a progress bar with files and bytes, or nothing when idle.
#[component]
pub fn LoadingBar() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let store = use_store();
    let progress = store.progress;
    move || {
        let p = progress.get();
        (p.files > 0).then(|| {
            let size = anywhere(nav.lang.get()).size;
            let label = (nav.ui().loading_parts)(
                p.done,
                p.files,
                &size(p.done_bytes as f64),
                &size(p.bytes as f64),
            );
            // Not a live region: "Searching…" and the count say what matters, once each.
            view! {
                <div class="loading-bar">
                    <progress max=p.bytes.max(1).to_string() value=p.done_bytes.to_string() aria-label=nav.ui().loading_files></progress>
                    <span>{label}</span>
                </div>
            }
        })
    }
}

/// A status line while files load (the progress bar says how far): `text` picks the words;
/// a live region of its own when `live`.
fn status(text: fn(&Ui) -> &'static str, live: bool) -> impl IntoView {
    let nav = expect_context::<Nav>();
    view! {
        <div class="status" role=live.then_some("status")>
            <p>{move || text(nav.ui())}</p>
        </div>
    }
}

/// Shown while a view's files load (the archive itself is open).
fn waiting() -> impl IntoView {
    status(|ui| ui.loading_page, true)
}

/// [`waiting`] over a list still shown while the next one loads (no live region: the page's
/// heading gets focus once the next list is there).
fn waiting_shown() -> impl IntoView {
    status(|ui| ui.loading_page, false)
}

/// Shown while a search's index chunks load: the archive is open, the search is under way.
fn searching() -> impl IntoView {
    status(|ui| ui.searching, true)
}

/// [`searching`] over results already shown, said by the page's [`Announcer`] rather than by
/// a live region of its own (which would arrive with its text in it, and often go unread).
fn searching_shown() -> impl IntoView {
    status(|ui| ui.searching, false)
}

/// A whole view that could not be loaded: [`failed`], and the tab says so (it would otherwise
/// keep the title of the page before).
fn failed_view(error: String, retry: impl Fn() + 'static) -> AnyView {
    let nav = expect_context::<Nav>();
    let shelf = use_shelf();
    set_document_title(nav.ui_now().part_failed, shelf.sections().title(nav.lang.get_untracked()));
    // In place of the whole view: a way back too, as a page not found has (offline, the views
    // opened before are there).
    view! {
        {failed(error, retry)}
        <WaysBack fallback=nav.href(View::AllNews) section=None results=None />
    }
    .into_any()
}

/// Shown when a file a view needs could not be loaded: which, why, and a retry.
fn failed(error: String, retry: impl Fn() + 'static) -> AnyView {
    let nav = expect_context::<Nav>();
    let offline = web_sys::window().is_some_and(|w| !w.navigator().on_line());
    // A file of a format version this app does not read (an archive written by an older or
    // newer archive-bundle): the same file comes again, so no Try again; say who can mend it.
    let stale = error.contains(archive_core::search::store::UNSUPPORTED_VERSION);
    let retry = crate::components::retry_when_online(retry);
    view! {
        <div class="load-error" role="alert">
            <h1>{move || nav.ui().part_failed}</h1>
            // Offline, only the parts opened before are saved (a sharded archive is not
            // precached whole): say so, before the browser's own words.
            {offline.then(|| view! { <p class="offline-part">{move || nav.ui().part_offline}</p> })}
            {stale.then(|| view! { <p class="stale-format">{move || nav.ui().stale_format}</p> })}
            // The file's address and what went wrong, as the browser and the reader word it:
            // English, marked so for a screen reader in another interface language.
            <p class="reason" lang=move || (nav.ui().lang != "en").then_some("en")>{error}</p>
            {(!stale).then(|| view! {
                <button type="button" on:click=move |_| retry()>{move || nav.ui().try_again}</button>
            })}
        </div>
    }
    .into_any()
}

/// A list (all news, a section, a month or year), with the sidebar.
#[component]
pub fn ShardedListPage() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let store = use_store();
    let lang = nav.lang.get_untracked();
    // The page follows the route itself (paging, another section or month), keeping the list
    // shown until the next one's cards have arrived, as a search keeps its results: a reader
    // paging back in time on a slow link keeps the list they are on in front of them, instead
    // of a "Loading…" page per step.
    let list = {
        let store = store.clone();
        LocalResource::new(move || {
            let (view, page) = nav.route.with(|r| (r.view.clone(), r.page));
            let store = store.clone();
            async move {
                // A list the reader has left while it loaded (another page, another section)
                // is given up, never shown: the one they went to replaces the one on screen.
                // (Looked at every 100 ms while it loads, and once more when it has loaded.)
                let here = {
                    let view = view.clone();
                    move || nav.route.with_untracked(|r| r.view == view && r.page == page)
                };
                let left = {
                    let here = here.clone();
                    async move {
                        while here() {
                            crate::data::sleep(std::time::Duration::from_millis(100)).await;
                        }
                    }
                };
                let work = list_page(store, view, page, lang);
                match futures::future::select(Box::pin(work), Box::pin(left)).await {
                    futures::future::Either::Left((data, _)) => here().then_some(data),
                    futures::future::Either::Right(_) => None,
                }
            }
        })
    };
    let pending = RwSignal::new(false);
    let shown = StoredValue::new(false);
    view! {
        <div class="with-sidebar">
            <div class="list">
                {move || (pending.get() && shown.get_value()).then(waiting_shown)}
                // The list on screen is the one being left: dimmed, and inert, so that its pager
                // does not send the reader elsewhere than where they are going.
                <div class="list-wait" aria-busy=move || pending.get().to_string() inert=move || pending.get()>
                <Transition fallback=waiting set_pending=pending>
                    {move || {
                        list.get()
                            .map(|result| {
                                shown.set_value(true);
                                // (Given up: the list gone to is on its way.)
                                let Some(result) = result else { return waiting().into_any() };
                                match result {
                                    Ok(Some(data)) => render_list(&store, data, lang),
                                    Ok(None) => {
                                        let missing = nav.route.with_untracked(|r| match &r.view {
                                            View::Section(id) => Missing::Section(id.clone()),
                                            _ => Missing::Path(String::new()),
                                        });
                                        view! { <NotFoundPage missing /> }.into_any()
                                    }
                                    Err(e) => failed_view(e, move || list.refetch()),
                                }
                            })
                    }}
                </Transition>
                </div>
            </div>
            <ArchiveIndex />
        </div>
    }
}

/// A list page's data once its shards are in.
#[derive(Debug, Clone)]
struct ListData {
    view: View,
    number: usize,
    pages: usize,
    total: usize,
    docs: Vec<u32>,
}

/// The doc numbers of `view`'s list, then the shards of page `page`; `None` for a section the
/// archive does not have.
async fn list_page(
    store: Arc<ShardStore>,
    view: View,
    page: usize,
    _lang: &'static str,
) -> Result<Option<ListData>, String> {
    let all: Vec<u32> = match &view {
        View::Section(id) => {
            store.ensure(vec![Need::Docs]).await?;
            let docs = store.archive().in_subtree(id).unwrap_or_default();
            if docs.is_empty() && store.sections.section(id).is_none() {
                return Ok(None);
            }
            docs
        }
        View::Date(period) => store.archive().period_range(*period).collect(),
        _ => (0..store.archive().len() as u32).collect(),
    };
    let (number, pages, range) = page_of(all.len(), page);
    let docs = all[range].to_vec();
    store.ensure_cards(&docs).await?;
    Ok(Some(ListData { view, number, pages, total: all.len(), docs }))
}

fn render_list(store: &ShardStore, data: ListData, lang: &str) -> AnyView {
    let nav = expect_context::<Nav>();
    let sections = &store.sections;
    let archive = store.archive();
    let items: Vec<ListEntry> = data
        .docs
        .iter()
        .filter_map(|&d| archive.card(d))
        .map(|a| ListEntry::new(a, sections, lang))
        .collect();
    let (title, extra) = match &data.view {
        View::Section(id) => (
            sections.section_title(id, lang).to_owned(),
            section_crumbs(sections, id).map(IntoAny::into_any),
        ),
        View::Date(period) => {
            (period_title(*period, lang), Some(months_nav(*period, archive.months()).into_any()))
        }
        _ => (nav.ui_now().all_news.to_owned(), None),
    };
    drop(archive);
    list_view(
        title,
        sections.title(lang),
        data.view,
        data.number,
        data.pages,
        data.total,
        items,
        extra,
    )
    .into_any()
}

/// One article, found through its id bucket and shard (and its twins' when it has any).
#[component]
pub fn ShardedArticlePage(id: String) -> impl IntoView {
    let store = use_store();
    let found = {
        let (store, id) = (store.clone(), id.clone());
        LocalResource::new(move || {
            let (store, id) = (store.clone(), id.clone());
            async move { find_article(&store, &id).await }
        })
    };
    view! {
        <Transition fallback=waiting>
            {move || {
                found.get().map(|r| match r {
                    Ok(Some(doc)) => render_article(&store, doc),
                    Ok(None) => view! { <NotFoundPage missing=Missing::Article(id.clone()) /> }.into_any(),
                    Err(e) => failed_view(e, move || found.refetch()),
                })
            }}
        </Transition>
    }
}

/// The doc number of `id`, with its shard loaded; `None` when the archive has no such article.
async fn find_doc(store: &Arc<ShardStore>, id: &str) -> Result<Option<u32>, String> {
    let doc = loop {
        let lookup = store.archive().lookup(id);
        match lookup {
            Lookup::Doc(d) => break d,
            Lookup::Missing => return Ok(None),
            Lookup::Needs(need) => store.ensure(vec![need]).await?,
        }
    };
    let needs = store.archive().missing_shards([doc]);
    store.ensure(needs).await?;
    Ok(Some(doc))
}

async fn find_article(store: &Arc<ShardStore>, id: &str) -> Result<Option<u32>, String> {
    let Some(doc) = find_doc(store, id).await? else { return Ok(None) };
    let twins = store.archive().article(doc).map(|a| a.twins.clone()).unwrap_or_default();
    for twin in twins {
        // A twin that cannot be loaded is left out, not the article.
        if let Err(e) = find_doc(store, &twin).await {
            leptos::logging::warn!("twin {twin} of {id}: {e}");
        }
    }
    Ok(Some(doc))
}

fn render_article(store: &ShardStore, doc: u32) -> AnyView {
    let archive = store.archive();
    let Some(a) = archive.article(doc).cloned() else {
        return view! { <NotFoundPage missing=Missing::Path(String::new()) /> }.into_any();
    };
    let twins = a
        .twins
        .iter()
        .filter_map(|t| match archive.lookup(t) {
            Lookup::Doc(d) => archive.card(d).filter(|t| t.id != a.id).map(ArticleLink::to),
            _ => None,
        })
        .collect();
    // Neighbours come from the doc table when a section view has loaded it; an article opened
    // by a link does not fetch it (over half a megabyte at 145,000 articles) just for them, and
    // finds them in the shards it has (its own holds the articles nearest it in date).
    let (older, newer) =
        archive.neighbours_in_section(doc).unwrap_or_else(|| archive.neighbours_loaded(doc));
    let link = |d: Option<u32>| d.and_then(|d| archive.card(d)).map(ArticleLink::to);
    let neighbours = (link(older), link(newer));
    drop(archive);
    article_view(a, &store.sections, &store.analyzer, twins, neighbours)
}

/// Search: the chunks of the query's terms and the doc table first, then the shards of the
/// results on this page, shown as they arrive (the count says "at most" while phrases are not
/// yet checked on them).
///
/// One page for every search while the route stays a search (see `app.rs`): it follows the
/// route, and the results shown stay, marked busy under a "Searching…" status, until the next
/// search's files have arrived, so typing does not blank the page at every keystroke.
#[component]
pub fn ShardedSearchPage() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let store = use_store();
    let found = {
        let store = store.clone();
        LocalResource::new(move || {
            // Every route set, an equal one too (Enter on the search just typed completes it).
            let (params, page) = nav.route.with(|r| match &r.view {
                View::Search(p) => (Some(p.clone()), r.page),
                _ => (None, r.page),
            });
            // Only while the reader types is the last word also a prefix: a search opened from
            // a link, a reload or Enter is complete, and prefix matches would cost index chunks
            // for nothing.
            let typing = nav.is_typing();
            let store = store.clone();
            async move {
                // Leaving the search: this page is about to go; keep what it shows till then.
                let Some(params) = params else { return std::future::pending().await };
                // In a task of its own, not the keystroke's: the letter typed is drawn first, and
                // the search (tens of milliseconds over a big archive's common words) does not
                // make one long task with the input's handling.
                crate::shards::next_task().await;
                let mut query = ParsedQuery::parse(&params.q);
                // A finished search's last word is a word, unless as a word it finds nothing
                // (then it is the prefix the reader saw results for while typing).
                let finished_word = query.open_last_word && !typing;
                query.open_last_word &= typing;
                // On a parent section's page the search box sets `section=` to it: take its
                // sub-sections too.
                let mut filters = params.filters.clone();
                widen_section_filter(&mut query, &mut filters, &store.sections);
                let unsearchable = !params.q.trim().is_empty() && query.clauses.is_empty();
                let top = page.saturating_mul(PAGE_SIZE);
                let search = |query: &ParsedQuery| {
                    let store = store.clone();
                    let (query, filters, sort) = (query.clone(), filters.clone(), params.sort);
                    async move {
                        let needs = {
                            let a = store.archive();
                            ShardSearch::new(&a, &store.analyzer, &query).needs(&filters, sort)
                        };
                        store.ensure(needs).await?;
                        let a = store.archive();
                        let hits = a.search_top(&store.analyzer, &query, &filters, sort, top);
                        Ok::<_, String>(if unsearchable { Default::default() } else { hits })
                    }
                };
                let mut hits = search(&query).await?;
                let mut widened = false;
                if hits.hits.is_empty() && finished_word {
                    let wide = ParsedQuery { open_last_word: true, ..query.clone() };
                    let wide_hits = search(&wide).await?;
                    if !wide_hits.hits.is_empty() {
                        (query, hits, widened) = (wide, wide_hits, true);
                    }
                }
                // Phrases and tag filters are checked on the articles: enough of them, in
                // order, to fill the pages up to this one, so that each page is full and the
                // count is exact once every candidate has been checked.
                let (mut at_most, mut verified) = (false, 0);
                if hits.unchecked {
                    // (All in order: see `ShardedArchive::search_top`.)
                    let (passed, checked) =
                        checked_hits(&store, &query, &filters, &hits.hits, top).await?;
                    at_most = checked < hits.hits.len();
                    verified = passed.len();
                    let rest = hits.hits.split_off(checked);
                    hits.hits = passed;
                    hits.hits.extend(rest);
                }
                // The word being typed, matched as a prefix only in part: said above the results.
                let narrowed = !widened && {
                    let a = store.archive();
                    ShardSearch::new(&a, &store.analyzer, &query).typing_narrowed()
                };
                // Nothing found: the query retyped in the other keyboard layout (`cfyrwbb` →
                // `санкции`), as it is or with its misspelt words corrected (`ctyrwbb` →
                // `сенкции` → `санкции`), else the query with its misspelt words corrected
                // (from the chunks its words' search fetched), when that finds something; a
                // last word taken as a prefix (`коронавирс`) is corrected too, when that finds
                // more. Each offer is searched first (its chunks fetched for it).
                let mut offer = None;
                if (hits.hits.is_empty() || widened) && !unsearchable {
                    let found = |q: String| {
                        let mut parsed = ParsedQuery::parse(&q);
                        parsed.open_last_word = false;
                        let search = &search;
                        async move { Ok::<_, String>((search(&parsed).await?.hits.len(), q)) }
                    };
                    let corrected = |q: &str, parsed: &ParsedQuery| {
                        let fixes = store.archive().suggest(parsed, &store.analyzer);
                        (!fixes.is_empty()).then(|| corrected_query(q, &fixes))
                    };
                    let languages = store.archive().manifest().archive.languages.clone();
                    // (Not while the reader types: each keystroke would fetch the chunks of
                    // its retyped words.)
                    let swapped = layout_swapped(&params.q, &languages);
                    if let Some(q) = swapped.filter(|_| !widened && !typing) {
                        let (n, q) = found(q).await?;
                        offer = if n > 0 {
                            Some(q)
                        } else if let Some(fixed) = corrected(&q, &ParsedQuery::parse(&q)) {
                            let (n, fixed) = found(fixed).await?;
                            (n > 0).then_some(fixed)
                        } else {
                            None
                        };
                    }
                    if offer.is_none() {
                        if let Some(fixed) = corrected(&params.q, &query) {
                            let (n, fixed) = found(fixed).await?;
                            offer = (n > hits.hits.len()).then_some(fixed);
                        }
                    }
                }
                // Found, but less than a page: a word's commoner spelling (from the chunks its
                // search fetched), when that finds more (`Zelensky`: `Zelenskyy`).
                let few = !hits.hits.is_empty() && hits.hits.len() < PAGE_SIZE;
                if offer.is_none() && few && !widened && !unsearchable && !typing {
                    let fixes = store.archive().commoner(&query, &store.analyzer);
                    if !fixes.is_empty() {
                        let mut parsed = ParsedQuery::parse(&corrected_query(&params.q, &fixes));
                        parsed.open_last_word = false;
                        let n = search(&parsed).await?.hits.len();
                        offer = (n > hits.hits.len()).then(|| corrected_query(&params.q, &fixes));
                    }
                }
                // Words too common to be in the index (`и`, `в` at 145,000 articles): matched
                // everywhere, so said, with whether they were all there was to search for.
                let common: Vec<String> = {
                    let a = store.archive();
                    let is_common = |w: &str| a.manifest().index.is_common(&store.analyzer.term(w));
                    let mut words: Vec<String> = Vec::new();
                    for clause in &query.clauses {
                        if let Clause::Word(w) = clause {
                            if is_common(w) && !words.contains(w) {
                                words.push(w.clone());
                            }
                        }
                    }
                    words
                };
                let alone = !common.is_empty()
                    && query.clauses.iter().all(|c| match c {
                        Clause::Word(w) => common.contains(w),
                        Clause::Prefix(_) | Clause::Phrase(_) => false,
                        _ => true,
                    });
                let hits = Arc::new(hits);
                let notes = (widened, narrowed, offer, (common, alone));
                Ok::<_, String>((params, page, query, filters, notes, at_most, verified, hits))
            }
        })
    };
    let pending = RwSignal::new(false);
    // Whether results are shown (the first search shows the fallback instead).
    let shown = StoredValue::new(false);
    // The app's one live region: "Searching…" when a search takes long, then each count.
    let announcer = use_context::<Announcer>();
    Effect::new(move |_| {
        if pending.get() && shown.get_value() {
            if let Some(announcer) = announcer {
                let about = nav.route.with_untracked(archive_core::Route::to_fragment);
                announcer.say(about, nav.ui_now().searching.to_owned());
            }
        }
    });
    view! {
        {move || (pending.get() && shown.get_value()).then(searching_shown)}
        <div class="search-wait" aria-busy=move || pending.get().to_string()>
        <Transition fallback=searching set_pending=pending>
            {move || {
                let store = store.clone();
                found.get().map(move |r| match r {
                    Err(e) => failed_view(e, move || found.refetch()),
                    Ok((params, page, query, filters, (widened, narrowed, offer, (common, alone)), at_most, verified, hits)) => {
                        shown.set_value(true);
                        // The cards (or shards) of the page shown, fetched once the hits are
                        // known; the page redraws as each arrives (`arrived`). The facet counts
                        // come from the doc table, which a plain query does not wait for: they
                        // appear when it has arrived. Both are this search's own (set with
                        // `try_set`: a later search may have replaced it by then).
                        let shards_failed = RwSignal::new(None::<String>);
                        let facets_failed = RwSignal::new(None::<String>);
                        // Counted facets of results count them (`total` > 0); so do failed ones.
                        let facets = RwSignal::new(FacetCounts::default());
                        let (number, pages, range) = page_of(hits.hits.len(), page);
                        // Hits before `verified` were checked already; the rest of a page that
                        // ran out of its check budget are checked as they arrive.
                        let first = range.start;
                        let docs: Vec<u32> = hits.hits[range].iter().map(|h| h.pos as u32).collect();
                        // Phrases and tag filters are checked on the whole article; otherwise
                        // the cards are enough.
                        let unchecked = hits.unchecked;
                        let needs = if unchecked {
                            store.archive().missing_shards(docs.iter().copied())
                        } else {
                            store.archive().missing_cards(docs.iter().copied())
                        };
                        if !needs.is_empty() {
                            let (store, docs) = (store.clone(), docs.clone());
                            leptos::task::spawn_local(async move {
                                let done = if unchecked {
                                    store.ensure(needs).await
                                } else {
                                    store.ensure_cards(&docs).await
                                };
                                if let Err(e) = done {
                                    shards_failed.try_set(Some(e));
                                }
                            });
                        }
                        // Then the doc table for the facet counts (after the cards: they are what
                        // the reader waits for).
                        {
                            let (store, hits, filters) = (store.clone(), hits.clone(), filters.clone());
                            leptos::task::spawn_local(async move {
                                match store.ensure(vec![Need::Docs]).await {
                                    Ok(()) => {
                                        // After the results are drawn, in tasks of their own:
                                        // a big result set a part per task.
                                        let mut tally = store.archive().facet_tally();
                                        for part in hits.candidates.chunks(FACET_STEP) {
                                            crate::shards::next_task().await;
                                            store.archive().tally(&mut tally, part, &filters);
                                        }
                                        // Drawn (the panel, the histogram) in a task apart
                                        // from the counting.
                                        let counts = store.archive().facets_of(tally);
                                        crate::shards::next_task().await;
                                        facets.try_set(counts);
                                    }
                                    // The results stand; the filters, counts and histogram say
                                    // why they are missing.
                                    Err(e) => {
                                        facets_failed.try_set(Some(e));
                                        // No counts, and no room kept for the chart.
                                        let total = hits.hits.len();
                                        facets.try_set(FacetCounts { total, ..Default::default() });
                                    }
                                }
                            });
                        }
                        let total = hits.hits.len();
                        let lang = nav.lang.get_untracked();
                        let counts = Counts { number, pages, total, at_most, facets_at_most: unchecked };
                        // Only the result items follow the arrivals (and only while some are
                        // missing); the rest of the page is drawn once.
                        let missing = RwSignal::new(docs.len());
                        // Nothing found: the query with its misspelt words corrected, from the
                        // index chunks this search fetched (the corrected words are there; the
                        // filters may still leave nothing).
                        let suggestion = offer.map(|q| SearchParams { q, ..params.clone() });
                        // Nothing found for several words: the searches with one word fewer
                        // that find something, from the chunks this search fetched (each of
                        // their words is this search's).
                        let fewer = if total == 0 {
                            let a = store.archive();
                            fewer_words(&params, |q| {
                                a.search_top(&store.analyzer, q, &Filters::default(), Sort::Relevance, 0).hits.len()
                            })
                        } else {
                            Vec::new()
                        };
                        let offer = suggestion.as_ref().map(|p| p.q.clone());
                        let common = (!common.is_empty()).then(|| {
                            let ui = nav.ui_now();
                            let words: Vec<String> = common.iter().map(|w| ui.quote(w)).collect();
                            view! { <p class="common-words" role="note">{(ui.common_words)(&words.join(", "), words.len(), alone)}</p> }
                        });
                        let note = view! {
                            {common}
                            {widened_note(widened, &params.q)}
                            {narrowed_note(narrowed, &params.q)}
                            {suggestion.map(|p| view! { <DidYouMean params=p /> })}
                        }
                        .into_any();
                        let loading = move || {
                            (missing.get() > 0).then(|| match shards_failed.get() {
                                Some(e) => failed(e, move || found.refetch()),
                                None => view! { <p class="partial" role="status">{nav.ui_now().partial}</p> }.into_any(),
                            })
                        };
                        let no_facets = move || {
                            facets_failed.get().map(|e| {
                                view! {
                                    <div class="load-error facets-failed" role="alert">
                                        <p>{nav.ui_now().filters_failed}</p>
                                        <p class="reason">{e}</p>
                                        <button type="button" on:click=move |_| found.refetch()>
                                            {nav.ui_now().try_again}
                                        </button>
                                    </div>
                                }
                            })
                        };
                        // Until the counts are drawn (or have failed), the histogram above the
                        // results is still to come: a return to this search's scroll, or to a
                        // facet chosen from the keyboard, waits.
                        let counting = move || {
                            (facets.with(|f| f.total == 0) && total > 0)
                                .then(|| view! { <span class="counting" hidden></span> })
                        };
                        let before = view! { {note} {loading} {no_facets} {counting} };
                        let items = {
                            let store = store.clone();
                            let params = params.clone();
                            move || {
                                if missing.get_untracked() > 0 {
                                    store.arrived.track();
                                }
                                let a = store.archive();
                                let mut results = Vec::new();
                                let mut waiting = 0;
                                for (i, &d) in docs.iter().enumerate() {
                                    let shown = if unchecked { a.article(d) } else { a.card(d) };
                                    let check = unchecked && first + i >= verified;
                                    match shown {
                                        Some(art) if check && !a.verify(art, &store.analyzer, &query, &filters) => {}
                                        Some(art) => results.push(ResultEntry::new(art, &store.sections, &query, &store.analyzer, lang)),
                                        None => waiting += 1,
                                    }
                                }
                                drop(a);
                                if waiting != missing.get_untracked() {
                                    missing.set(waiting);
                                }
                                result_items(results, &params.q)
                            }
                        };
                        search_view(params.clone(), facets.into(), counts, before.into_any(), items.into_any(), fewer, offer)
                    }
                })
            }}
        </Transition>
        </div>
    }
}

/// How many article shards (about 35 KB gzipped each) beyond one a result wanted a search that
/// checks its candidates on their articles may fetch before it shows what it has: a phrase
/// whose words are common but seldom together must not download the archive to fill one page.
/// The page then shows fewer results, the count stays "at most", and the next page checks
/// further. Counted in shards, not candidates: the candidates of a search with no words
/// (`place:Sochi` alone) are every article in date order, many to a shard, and a budget of
/// candidates left its first pages empty ("at most 1,716 results" for 21).
const CHECK_BUDGET: usize = 3 * PAGE_SIZE;

/// The first of `hits` (in order) that hold on their articles ([`ShardedArchive::verify`]:
/// phrases, tag and person clauses), until `want` have, none are left, or the shards fetched
/// for them number [`CHECK_BUDGET`] more than `want`; fetching the shards of the next
/// candidates a batch at a time (about as many as are still wanted, at least half a page).
/// Returns those hits and how many of `hits` were checked.
///
/// [`ShardedArchive::verify`]: archive_core::shard::ShardedArchive::verify
async fn checked_hits(
    store: &Arc<ShardStore>,
    query: &ParsedQuery,
    filters: &archive_core::search::Filters,
    hits: &[archive_core::search::Hit],
    want: usize,
) -> Result<(Vec<archive_core::search::Hit>, usize), String> {
    let mut passed = Vec::new();
    let (mut checked, mut fetched) = (0, 0);
    let budget = want.saturating_add(CHECK_BUDGET);
    while passed.len() < want && checked < hits.len() && fetched < budget {
        let more = (want - passed.len()).max(PAGE_SIZE / 2);
        let batch = &hits[checked..(checked + more).min(hits.len())];
        let needs = store.archive().missing_shards(batch.iter().map(|h| h.pos as u32));
        fetched += needs.len();
        store.ensure(needs).await?;
        let a = store.archive();
        for hit in batch {
            let doc = hit.pos as u32;
            let article =
                a.article(doc).ok_or_else(|| format!("article {doc} is not in its shard"))?;
            if a.verify(article, &store.analyzer, query, filters) {
                passed.push(*hit);
            }
        }
        checked += batch.len();
    }
    Ok((passed, checked))
}

/// The heading of a month's or a year's list.
fn period_title(period: Period, lang: &str) -> String {
    match period.month {
        Some(m) => month_title(lang, period.year, m),
        None => period.year.to_string(),
    }
}
