//! `#/search?q=…` — ranked results with snippets, the facet panel, active-filter chips, the
//! month histogram that can be brushed to set a date range, and a helpful empty state.
//!
//! Everything shown derives from [`SearchParams`] in the URL; every control is a link or a
//! navigation to another URL, so Back, reload and sharing reproduce the view exactly.

use archive_core::date::days_in_month;
use archive_core::route::SearchParams;
use archive_core::search::analyze::{fold, for_each_token, tokenize, with_elision};
use archive_core::search::suggest::edit_distance;
use archive_core::search::{corrected_query, layout_swapped};
use archive_core::search::{
    facet_counts_of, highlight, order, section_totals, snippet, widen_section_filter, Analyzer,
    Clause, FacetCounts, Field, Filters, ParsedQuery, Part, Snippet, Sort, TypedFilter,
};
use archive_core::{paginate, Article, CivilDate, Route, View, PAGE_SIZE};
use leptos::prelude::*;

use crate::components::{
    set_list_title, use_archive, use_shelf, DateText, ListEntry, Pager, ToSidebar,
};
use crate::i18n::{language_name, month_title, Ui};
use crate::nav::{navigate, Nav, ResultTrail, TrailStep};

/// Words in a result's snippet.
const SNIPPET_WORDS: usize = 32;
/// Values shown per facet before the rest go behind a "more" disclosure.
const FACET_VALUES: usize = 12;

/// Text parts with hits wrapped in `<mark>`, as text nodes only.
pub(crate) fn marked(parts: Vec<Part>) -> impl IntoView {
    parts
        .into_iter()
        .map(|p| if p.hit { view! { <mark>{p.text}</mark> }.into_any() } else { p.text.into_any() })
        .collect_view()
}

/// One result as shown: the article with its section, its title with the query's words
/// marked, and the best passage of its text.
#[derive(Debug, Clone)]
pub struct ResultEntry {
    /// The article and its section.
    pub entry: ListEntry,
    /// The title, split at the query's hits.
    pub title: Vec<Part>,
    /// The passage shown under it.
    pub snippet: Snippet,
}

impl ResultEntry {
    /// The result entry of `a` for `query`.
    pub fn new(
        a: &Article,
        sections: &archive_core::Archive,
        query: &ParsedQuery,
        analyzer: &Analyzer,
        lang: &str,
    ) -> Self {
        // The body's text (else the lead's), after the dateline: both are searched as the body
        // is, so a word found only in the dateline is seen marked there.
        let mut pieces: Vec<String> = a.dateline.iter().cloned().collect();
        if a.body.is_empty() {
            pieces.extend(a.lead.clone());
        } else {
            pieces.extend(a.body.iter().map(archive_core::Block::text));
        }
        let text = pieces.join("\n");
        Self {
            entry: ListEntry::new(a, sections, lang),
            title: highlight(&a.title, query, analyzer),
            snippet: snippet(&text, query, analyzer, SNIPPET_WORDS),
        }
    }
}

/// The search results page of a single-file archive: one search, then the filters, the facets
/// and the page asked for ([`search_view`] draws them).
#[component]
pub fn SearchPage(params: SearchParams) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let loaded = use_archive();
    let page = nav.route.with_untracked(|r| r.page);
    let archive = &loaded.archive;
    let mut query = ParsedQuery::parse(&params.q);
    // Only while the reader types is the last word also a prefix: a search opened from a link,
    // a reload or Back is complete (as on a sharded archive)…
    let typing = nav.is_typing();
    let finished_word = query.open_last_word && !typing;
    query.open_last_word &= typing;
    // On a parent section's page the search box sets `section=` to it: take its sub-sections.
    let mut filters = params.filters.clone();
    widen_section_filter(&mut query, &mut filters, archive);
    let index = loaded.search_index();
    // Text with nothing to search for (only punctuation, emoji, a bare `-` or `field:`) finds
    // nothing, rather than everything.
    let unsearchable = !params.q.trim().is_empty() && query.clauses.is_empty();
    // One search: the articles the text matches, then the filters for the results and the
    // other filters for each facet's counts.
    let search = |query: &ParsedQuery| {
        let candidates = if unsearchable {
            Vec::new()
        } else {
            index.candidates(archive, &loaded.analyzer, query)
        };
        let hits: Vec<_> =
            candidates.iter().copied().filter(|h| filters.accepts(archive.at(h.pos))).collect();
        (candidates, hits)
    };
    let (mut candidates, mut hits) = search(&query);
    // …unless, as a word, it finds nothing: then it is the prefix the reader saw results for.
    let mut widened = false;
    if hits.is_empty() && finished_word {
        let wide = ParsedQuery { open_last_word: true, ..query.clone() };
        let (c, h) = search(&wide);
        if !h.is_empty() {
            (query, candidates, hits, widened) = (wide, c, h, true);
        }
    }
    let facets = facet_counts_of(&candidates, archive, &filters);
    // Only the pages up to this one need to be in order.
    let pages = hits.len().div_ceil(PAGE_SIZE).max(1);
    order(&mut hits, archive, params.sort, page.clamp(1, pages) * PAGE_SIZE);
    let positions: Vec<usize> = hits.iter().map(|h| h.pos).collect();
    let shown = paginate(&positions, page, PAGE_SIZE);
    let lang = nav.lang.get_untracked();
    let results = shown
        .items
        .iter()
        .map(|&pos| ResultEntry::new(archive.at(pos), archive, &query, &loaded.analyzer, lang))
        .collect();
    let counts = Counts {
        number: shown.number,
        pages: shown.pages,
        total: shown.total,
        at_most: false,
        facets_at_most: false,
    };
    let items = result_items(results, &params.q).into_any();
    // Nothing found: the query retyped in the other keyboard layout (`cfyrwbb` → `санкции`),
    // as it is or with its misspelt words corrected (`ctyrwbb` → `сенкции` → `санкции`), else
    // the query with its misspelt words corrected, when that finds something. A last word
    // taken as a prefix (`коронавирс`, which finds one article's own typo) is corrected too,
    // when that finds more.
    let found = |q: &str| {
        let mut parsed = ParsedQuery::parse(q);
        parsed.open_last_word = false;
        search(&parsed).1.len()
    };
    // Each word offered as the articles write it (`traducció`, not `traduccio`): the
    // corrections of misspelt words, or (`commoner`) the commoner spellings of rare ones.
    let respelled = |q: &str, parsed: &ParsedQuery, commoner: bool| {
        let fixes = if commoner {
            index.commoner(parsed, &loaded.analyzer)
        } else {
            index.suggest(parsed, &loaded.analyzer)
        };
        let fixes: Vec<(String, String)> = fixes
            .into_iter()
            .map(|(typed, near)| {
                let written = index.as_written(&loaded.archive, &near);
                (typed, written.unwrap_or(near))
            })
            .collect();
        (!fixes.is_empty()).then(|| corrected_query(q, &fixes))
    };
    let corrected = |q: &str, parsed: &ParsedQuery| respelled(q, parsed, false);
    let nothing = hits.is_empty() && !unsearchable;
    let retyped = nothing
        .then(|| layout_swapped(&params.q, &archive.bundle().archive.languages))
        .flatten()
        .and_then(|q| {
            if found(&q) > 0 {
                return Some(q);
            }
            corrected(&q, &ParsedQuery::parse(&q)).filter(|fixed| found(fixed) > 0)
        });
    let suggestion = retyped
        .or_else(|| {
            (nothing || widened)
                .then(|| corrected(&params.q, &query))
                .flatten()
                .filter(|fixed| found(fixed) > hits.len())
        })
        // Found, but less than a page: a word's commoner spelling, when that finds more
        // (`Zelensky`, 13 releases; `Zelenskyy`, 721).
        .or_else(|| {
            (!nothing && !widened && hits.len() < PAGE_SIZE)
                .then(|| respelled(&params.q, &query, true))
                .flatten()
                .filter(|fixed| found(fixed) > hits.len())
        })
        .map(|q| SearchParams { q, ..params.clone() });
    let offer = suggestion.as_ref().map(|p| p.q.clone());
    let before = view! {
        {widened_note(widened, &params.q)}
        {suggestion.map(|p| view! { <DidYouMean params=p /> })}
    }
    .into_any();
    // Nothing found for several words: the searches with one word fewer that find something.
    let fewer = if hits.is_empty() {
        fewer_words(&params, |q| index.candidates(archive, &loaded.analyzer, q).len())
    } else {
        Vec::new()
    };
    search_view(params, Signal::stored(facets), counts, before, items, fewer, offer)
}

/// A link to the search `params` (the reader's, its misspelt words corrected).
#[component]
pub fn DidYouMean(params: SearchParams) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let ui = nav.ui_now();
    let lang = nav.route.with_untracked(|r| r.lang.clone());
    let q = params.q.clone();
    let href = Route::view(View::Search(params)).with_lang(lang).to_fragment();
    view! {
        <p class="did-you-mean" role="note">
            {ui.did_you_mean} " " <a href=href>{q}</a> "?"
        </p>
    }
}

/// The last word of query `q` as the search read it (folded: `a&b` is the words `a` and `b`),
/// which the notes below name; the text's last piece when it has no word.
fn last_word(q: &str) -> String {
    let parsed = ParsedQuery::parse(q);
    let word = parsed.clauses.iter().rev().find_map(|c| match c {
        Clause::Word(w) => Some(w.clone()),
        _ => None,
    });
    word.unwrap_or_else(|| {
        let q = q.trim_end();
        q.rsplit(char::is_whitespace).next().unwrap_or(q).to_owned()
    })
}

/// The note above a sharded archive's results while the word being typed is matched as a
/// prefix only in part ([`archive_core::shard::ShardSearch::typing_narrowed`]).
pub fn narrowed_note(narrowed: bool, q: &str) -> impl IntoView {
    word_note(narrowed, "narrowed", |ui| ui.typing_narrowed, q)
}

/// A note naming the last word of `q` (`say`'s sentence), shown when `show`.
fn word_note(
    show: bool,
    class: &'static str,
    say: fn(&Ui) -> fn(&str) -> String,
    q: &str,
) -> Option<impl IntoView> {
    let ui = expect_context::<Nav>().ui_now();
    show.then(|| view! { <p class=class role="note">{say(ui)(&last_word(q))}</p> })
}

/// Said over results found by the last word as a prefix, because as a word it found nothing
/// (`secretar` after Enter: the results the reader saw while typing).
pub fn widened_note(widened: bool, q: &str) -> impl IntoView {
    word_note(widened, "widened", |ui| ui.widened, q)
}

/// The reader's one live region for search counts, which outlives the views drawn under it
/// (a live region that arrives with its text already in it is often not read).
/// [`search_view`] says its count (and what it offers when nothing was found) here when one is
/// provided, instead of in a live region of its own; the app provides one for every view
/// ([`Announcer::region`]).
///
/// It speaks once the reader has paused: each keystroke in the search box draws new results,
/// and a count said per keystroke would bury the one that matters under the ones before it.
#[derive(Clone, Copy)]
pub struct Announcer {
    text: RwSignal<String>,
    /// Bumped by each [`Announcer::say`]: a later one cancels what an earlier one had pending.
    said: StoredValue<u64>,
    /// What was last said (or is pending), and what about: a view drawn again with the same
    /// count (a card file arrived) is not said twice.
    last: StoredValue<(String, String)>,
}

/// How long [`Announcer::say`] waits for nothing else to be said: GOV.UK's
/// accessible-autocomplete waits 1,400 ms before it updates its status, for the same reason.
pub const SAY_AFTER: std::time::Duration = std::time::Duration::from_millis(1400);

impl Announcer {
    /// An empty region.
    pub fn new() -> Self {
        Self {
            text: RwSignal::new(String::new()),
            said: StoredValue::new(0),
            last: StoredValue::new(Default::default()),
        }
    }

    /// Empties the region at once, and says `text` in it after [`SAY_AFTER`] unless something
    /// else is said before then; nothing when `text` about `about` (a view, as its address
    /// says it) is what was said last. Emptied first, the region speaks even when `text` is
    /// what it said about something else (the same count for the next search). Safe to call
    /// while a view is drawn: both writes come in later tasks.
    pub fn say(self, about: String, text: String) {
        let pair = (about, text.clone());
        if self.last.with_value(|last| *last == pair) {
            return;
        }
        self.last.set_value(pair);
        let ticket = self.said.get_value().wrapping_add(1);
        self.said.set_value(ticket);
        let region = self.text;
        set_timeout(move || _ = region.try_set(String::new()), std::time::Duration::ZERO);
        let said = self.said;
        set_timeout(
            move || {
                if said.try_get_value() == Some(ticket) {
                    _ = region.try_set(text);
                }
            },
            SAY_AFTER,
        );
    }

    /// Empties the region and drops what is pending, for a view that says nothing in it: the
    /// count of a search left behind would otherwise be the first thing read on the next page
    /// (the region is at the top of `<main>`).
    pub fn hush(self) {
        self.said.set_value(self.said.get_value().wrapping_add(1));
        self.last.set_value(Default::default());
        if !self.text.with_untracked(String::is_empty) {
            self.text.set(String::new());
        }
    }

    /// The region itself (visually hidden): put once on a page that stays.
    pub fn region(self) -> impl IntoView {
        view! {
            <p class="visually-hidden announcer" role="status" aria-live="polite" aria-atomic="true">
                {move || self.text.get()}
            </p>
        }
    }
}

impl Default for Announcer {
    fn default() -> Self {
        Self::new()
    }
}

/// Where a page of results stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// This page, 1-based.
    pub number: usize,
    /// How many pages.
    pub pages: usize,
    /// How many results.
    pub total: usize,
    /// Whether `total` is an upper bound (a sharded archive checks phrases only on the
    /// results it shows).
    pub at_most: bool,
    /// Whether the facet counts are upper bounds: a sharded archive counts them over the
    /// candidates of a phrase or tag search, before they are checked, so they stay upper bounds
    /// even once `total` is exact.
    pub facets_at_most: bool,
}

/// The `<li>` items of a page of results for the query `q`: each links to its article with
/// `q`'s words to mark (`hl=`), when `q` has words.
pub fn result_items(results: Vec<ResultEntry>, q: &str) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let words = ParsedQuery::parse(q)
        .clauses
        .iter()
        .any(|c| matches!(c, Clause::Word(_) | Clause::Prefix(_) | Clause::Phrase(_)));
    let lang = nav.route.with_untracked(|r| r.lang.clone());
    let article_href = |id: String| {
        let route = Route::view(View::Article(id)).with_lang(lang.clone());
        if words { route.with_highlight(q) } else { route }.to_fragment()
    };
    // The page's results in order, for an article opened from them to lead to its neighbours.
    let steps = results
        .iter()
        .map(|r| {
            let a = &r.entry.article;
            let (id, title, lang) = (a.id.clone(), a.title.clone(), a.lang.clone());
            TrailStep { href: article_href(id.clone()), id, title, lang }
        })
        .collect();
    ResultTrail::drawn(&nav, nav.route.get_untracked(), steps);
    results
        .into_iter()
        .map(|r| {
            let a = r.entry.article;
            let snip = r.snippet;
            let section = r.entry.section.map(|(id, label)| {
                view! { <a class="section-link" href=nav.href(View::Section(id))>{label}</a> }
            });
            view! {
                <li>
                    <article lang=a.lang.clone()>
                        <h2>
                            <a href=article_href(a.id.clone())>{marked(r.title)}</a>
                        </h2>
                        <p class="meta">
                            <DateText date=a.date />
                            {section}
                            {a.source.clone().map(|s| view! { <span class="source">{s}</span> })}
                        </p>
                        <p class="snippet">
                            {snip.cut_before.then_some("… ")}
                            {marked(snip.parts)}
                            {snip.cut_after.then_some(" …")}
                        </p>
                    </article>
                </li>
            }
        })
        .collect_view()
}

/// The search page for `params`: heading and count, chips, histogram, sort links, the
/// `results` of this page (the items of the `<ol>`, see [`result_items`]; anything before them,
/// such as a note that more are coming, goes in `before`), the pager and the facet panel.
/// `facets` may change (a sharded archive's facet counts arrive after its results): only the
/// histogram and the facet panel follow it, as only `results` follows its own signals.
pub fn search_view(
    params: SearchParams,
    facets: Signal<FacetCounts>,
    counts: Counts,
    before: AnyView,
    results: AnyView,
    fewer: Vec<(String, usize)>,
    offer: Option<String>,
) -> AnyView {
    let nav = expect_context::<Nav>();
    let shelf = use_shelf();
    let ui = nav.ui_now();
    let lang = nav.route.with_untracked(|r| r.lang.clone());
    let Counts { number, pages, total, at_most, facets_at_most } = counts;
    ResultTrail::paged(&nav, nav.route.get_untracked(), pages);

    let to = {
        let lang = lang.clone();
        move |p: SearchParams, page: usize| {
            Route::view(View::Search(p)).with_page(page).with_lang(lang.clone()).to_fragment()
        }
    };
    let with = {
        let to = to.clone();
        let params = params.clone();
        move |change: &dyn Fn(&mut SearchParams)| {
            let mut p = params.clone();
            change(&mut p);
            to(p, 1)
        }
    };
    let title = if params.q.trim().is_empty() {
        ui.search.to_owned()
    } else {
        format!("{} {}", ui.results_for, ui.quote_query(params.q.trim()))
    };
    set_list_title(&title, number, pages, shelf.sections().title(nav.lang.get_untracked()));

    let sorts = [
        (Sort::Relevance, ui.by_relevance),
        (Sort::Newest, ui.newest_first),
        (Sort::Oldest, ui.oldest_first),
    ]
    .into_iter()
    .map(|(sort, label)| {
        let href = with(&|p| p.sort = sort);
        let current = (params.sort == sort).then_some("true");
        view! { <a href=href aria-current=current>{label}</a> }
    })
    .collect_view();

    let past_last = crate::nav::past_last_page(&nav, pages, total);
    crate::nav::show_page_in_url(&nav, number);
    let newer = (number > 1).then(|| to(params.clone(), number - 1));
    let older = (number < pages).then(|| to(params.clone(), number + 1));
    // What the count's live region says: the count, and what is offered when nothing was
    // found (the corrected search, the searches with a word fewer), which a reader who stays
    // in the search box would otherwise never hear of.
    // Sentences after the count's own ("0 results."), each with its own stop.
    let offers = {
        let mut said = Vec::new();
        // Beyond the first page, which page this is (the heading, focused after a turn, does
        // not say it); and the filters that bound the search, which a reader who stays in the
        // box would not hear of (a search started on a month's page keeps to that month).
        if number > 1 {
            said.push(format!("{}.", (ui.page_of)(number, pages)));
        }
        let bounds: Vec<String> = filter_removals(&params).into_iter().map(|(l, _)| l).collect();
        if !bounds.is_empty() {
            // (A label may end with its own stop: "31 декабря 2025 г.")
            let bounds = bounds.join(", ");
            let stop = if bounds.ends_with('.') { "" } else { "." };
            said.push(format!("{}: {bounds}{stop}", ui.active_filters));
        }
        if let Some(q) = &offer {
            said.push(format!("{} {q}?", ui.did_you_mean));
        }
        if !fewer.is_empty() {
            let list: Vec<&str> = fewer.iter().map(|(q, _)| q.as_str()).collect();
            said.push(format!("{} {}", ui.fewer_words, list.join(", ")));
        }
        if said.is_empty() {
            String::new()
        } else {
            format!(". {}", said.join(" "))
        }
    };
    let announcer = use_context::<Announcer>();
    // Results drawn while a newer search is on its way (a sharded archive keeps the last ones
    // shown) are not the reader's search: their count is not said ("Searching…" is).
    let current = nav.route.with_untracked(|r| matches!(&r.view, View::Search(p) if *p == params));
    if let Some(announcer) = announcer.filter(|_| current) {
        announcer.say(
            nav.route.with_untracked(Route::to_fragment),
            format!("{}{}{offers}", if at_most { ui.at_most } else { "" }, (ui.results)(total)),
        );
    }
    let live = announcer.is_none();
    let offers = (live && !offers.is_empty())
        .then(|| view! { <span class="visually-hidden">{offers}</span> });
    let named = sections_named(&shelf, &params, nav.lang.get_untracked());
    let named = (!named.is_empty()).then(|| {
        let links = named
            .into_iter()
            .map(|(id, label)| {
                view! {
                    <li>
                        <a href=nav.href(View::Section(id))>{label}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="sections-named">
                <p>{ui.sections_named}</p>
                <ul>{links}</ul>
            </div>
        }
    });
    // Nothing found: the notes and the offer (Did you mean…) follow the empty state's first
    // lines, which say that nothing was found and for what, and come before its other help.
    let nothing = total == 0 && !params.is_empty();
    let (notes, before) = if nothing { (Some(before), None) } else { (None, Some(before)) };
    let empty =
        nothing.then(|| view! { <EmptyState params=params.clone() fewer=fewer notes=notes /> });
    view! {
        <div class="with-sidebar search-page">
            <div class="list">
                <header class="list-head">
                    <h1>{title}</h1>
                    <p
                        class="count"
                        role=live.then_some("status")
                        aria-live=live.then_some("polite")
                        aria-atomic=live.then_some("true")
                    >
                        {at_most.then_some(ui.at_most)}
                        {(ui.results)(total)}
                        {offers}
                    </p>
                    {(total > 0).then(|| view! { <ToSidebar label=ui.filters /> })}
                </header>
                {past_last}
                <Chips params=params.clone() />
                {
                    let params = params.clone();
                    move || {
                        let facets = facets.get();
                        // A sharded archive counts the facets after the results: until then the
                        // chart's room is kept, so the results do not move down when it comes.
                        // (Counted facets of results count them; so do failed ones, which leave
                        // no room.)
                        if facets.total == 0 && total > 0 {
                            return view! { <HistogramRoom /> }.into_any();
                        }
                        view! { <Histogram params=params.clone() facets=facets /> }.into_any()
                    }
                }
                // Nothing to order when nothing was found.
                {(total > 0).then(|| view! {
                    <nav class="sort" aria-label=ui.sort>
                        // Named by its label once: a screen reader said "Sort, Sort:".
                        <span aria-hidden="true">{ui.sort} ": "</span>
                        {sorts}
                    </nav>
                })}
                {named}
                {empty}
                {(params.is_empty()).then(|| {
                    // The filter's example is a source of this archive (one a quote would
                    // break is passed over).
                    let sources = shelf.sources();
                    let example = sources.iter().map(|(s, _)| s.as_str()).find(|s| !s.contains('"'));
                    view! { <p class="hint">{(ui.search_hint)(example)}</p> }
                })}
                {before}
                <ol class="article-list results">{results}</ol>
                // An upper bound's last pages may not exist, and finding out checks every
                // candidate: no way to the last page or to a page by its number then.
                <Pager number pages newer older newer_label=ui.previous older_label=ui.next open_ended=at_most />
            </div>
            {move || {
                view! { <FacetPanel params=params.clone() facets=facets.get() at_most=facets_at_most /> }
            }}
        </div>
    }
    .into_any()
}

/// Calls `measure` when the browser has laid out `elements`, and again whenever one of them
/// changes size, until the current owner is cleaned up (a `ResizeObserver`). Sizes read in
/// `measure` cost no layout of their own: reading them while the page is being drawn would
/// make the browser lay the whole page out at once, in the drawing's task (6–9 ms of a results
/// page at a million articles).
fn observe_sizes(elements: &[web_sys::Element], measure: impl Fn() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let callback = Closure::<dyn Fn()>::new(measure);
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    for element in elements {
        observer.observe(element);
    }
    // Disconnected, then dropped with the callback, when the chart goes.
    let kept = StoredValue::new_local((observer, callback));
    on_cleanup(move || kept.try_with_value(|(observer, _)| observer.disconnect()).unwrap_or(()));
}

/// A filter's human label: `(dimension name, value shown)`.
fn filter_labels(
    f: &Filters,
    ui: &Ui,
    lang: &str,
    section_title: &dyn Fn(&str) -> String,
) -> Vec<(&'static str, String, Filters)> {
    let mut out = Vec::new();
    let without = |change: &dyn Fn(&mut Filters)| {
        let mut g = f.clone();
        change(&mut g);
        g
    };
    if let Some(s) = &f.section {
        out.push((ui.f_section, section_title(s), without(&|g| g.section = None)));
    }
    // A month is a month of its year: its chip says "Month: April 2024" and leaves the year
    // when removed; the year's chip removes both.
    match (f.year, f.month) {
        (Some(y), Some(m)) => {
            out.push((ui.f_month, month_title(lang, y, m), without(&|g| g.month = None)));
        }
        (Some(y), None) => out.push((
            ui.f_year,
            y.to_string(),
            without(&|g| {
                g.year = None;
                g.month = None;
            }),
        )),
        _ => {}
    }
    if let Some(l) = &f.lang {
        out.push((ui.f_language, language_name(lang, l), without(&|g| g.lang = None)));
    }
    if let Some(s) = &f.source {
        out.push((ui.f_source, s.clone(), without(&|g| g.source = None)));
    }
    if let Some(t) = &f.tag {
        out.push((ui.f_tag, t.clone(), without(&|g| g.tag = None)));
    }
    if let Some(p) = &f.person {
        out.push((ui.f_person, p.clone(), without(&|g| g.person = None)));
    }
    if f.from.is_some() || f.to.is_some() {
        let d = |d: Option<CivilDate>| d.map(|d| d.to_long(lang)).unwrap_or_else(|| "…".into());
        out.push((
            ui.f_dates,
            format!("{} – {}", d(f.from), d(f.to)),
            without(&|g| {
                g.from = None;
                g.to = None;
            }),
        ));
    }
    out
}

/// Each active filter as `("Dimension: value", link to the same search without it)`, in the
/// order the chips and the empty state list them.
fn filter_removals(params: &SearchParams) -> Vec<(String, String)> {
    let nav = expect_context::<Nav>();
    let shelf = use_shelf();
    let lang = nav.lang.get_untracked();
    let route_lang = nav.route.with_untracked(|r| r.lang.clone());
    let section_title = |id: &str| shelf.sections().section_label(id, lang);
    let href =
        |p: SearchParams| Route::view(View::Search(p)).with_lang(route_lang.clone()).to_fragment();
    let typed_filters = ParsedQuery::parse(&params.q).typed_filters;
    // A typed filter that says what a facet filter says (`lang:ru` with Language: Русский set)
    // is one filter to the reader: one chip, which removes both.
    let facet_value = |t: &TypedFilter| -> Option<&String> {
        value_of(&params.filters, t.field).filter(|v| !t.negated && fold(v) == fold(&t.value))
    };
    let mut out: Vec<(String, String)> =
        filter_labels(&params.filters, nav.ui_now(), lang, &section_title)
            .into_iter()
            .map(|(dim, value, without)| {
                let mut q = params.q.clone();
                // Last first, so that the earlier spans still point at their filters.
                for t in typed_filters.iter().rev() {
                    if facet_value(t).is_some() && facet_value(t) != value_of(&without, t.field) {
                        q = t.remove_from(&q);
                    }
                }
                let p = SearchParams { q, filters: without, ..params.clone() };
                (format!("{dim}: {value}"), href(p))
            })
            .collect();
    // Filters typed into the query (`source:TASS`): removing one removes it from the text.
    for typed in typed_filters.iter().filter(|t| facet_value(t).is_none()) {
        let value =
            match typed.field {
                // A tag of the archive by its name; anything else (`lang:russian`, which matches
                // nothing) as typed, not as the language it looks like.
                Field::Lang => {
                    let langs = &shelf.sections().bundle().archive.languages;
                    if langs.iter().any(|l| fold(l) == fold(&typed.value)) {
                        language_name(lang, &typed.value.to_lowercase())
                    } else {
                        crate::i18n::ui(lang).quote(&typed.value)
                    }
                }
                // A section named by its id, by its title in the interface language, as the facet
                // names it; a title (which several sections may share) stays as typed.
                Field::Section => {
                    let want = fold(&typed.value);
                    let sections = shelf.sections();
                    sections.bundle().sections.iter().find(|s| fold(&s.id) == want).map_or_else(
                        || typed.value.clone(),
                        |s| sections.section_label(&s.id, lang),
                    )
                }
                _ => typed.value.clone(),
            };
        let p = SearchParams { q: typed.remove_from(&params.q), ..params.clone() };
        let dim = field_label(nav.ui_now(), typed.field);
        out.push(match typed.negated {
            false => (format!("{dim}: {value}"), href(p)),
            // A language's name is a capitalised label alone, but lowercase after "не".
            true if typed.field == Field::Lang && nav.ui_now().lang == "ru" => {
                (format!("{dim}: {} {}", nav.ui_now().not_value, value.to_lowercase()), href(p))
            }
            true => (format!("{dim}: {} {value}", nav.ui_now().not_value), href(p)),
        });
    }
    out
}

/// The facet filter of `filters` on `field`, if it has one (sections and places have none
/// that a typed filter means the same as).
fn value_of(filters: &Filters, field: Field) -> Option<&String> {
    match field {
        Field::Lang => filters.lang.as_ref(),
        Field::Source => filters.source.as_ref(),
        Field::Tag => filters.tag.as_ref(),
        Field::Person => filters.person.as_ref(),
        // A typed year (or years) stays a chip of its own beside the year facet's.
        Field::Section | Field::Place | Field::Year => None,
    }
}

/// The query text without any `field:value` filter typed into it.
fn without_typed_filters(q: &str) -> String {
    let mut q = q.to_owned();
    // Last first, so that the earlier spans still point at their filters.
    for typed in ParsedQuery::parse(&q).typed_filters.iter().rev() {
        q = typed.remove_from(&q);
    }
    q
}

/// The interface's name for a query field.
fn field_label(ui: &Ui, field: Field) -> &'static str {
    match field {
        Field::Source => ui.f_source,
        Field::Section => ui.f_section,
        Field::Lang => ui.f_language,
        Field::Tag => ui.f_tag,
        Field::Person => ui.f_person,
        Field::Place => ui.f_place,
        Field::Year => ui.f_year,
    }
}

/// The active filters as chips, each removable with one click, and "clear all".
#[component]
fn Chips(params: SearchParams) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let ui = nav.ui_now();
    let chips = filter_removals(&params);
    if chips.is_empty() {
        return None;
    }
    let clear = {
        let p = SearchParams {
            q: without_typed_filters(&params.q),
            filters: Filters::default(),
            ..params.clone()
        };
        Route::view(View::Search(p))
            .with_lang(nav.route.with_untracked(|r| r.lang.clone()))
            .to_fragment()
    };
    let chips = chips
        .into_iter()
        .map(|(label, href)| {
            let aria = format!("{} {label}", ui.remove_filter);
            view! {
                <li>
                    <a class="chip" href=href aria-label=aria>
                        // (A no-break space: the × stays with the last word.)
                        {label} <span aria-hidden="true">"\u{a0}×"</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <nav class="chips" aria-label=ui.active_filters>
            <ul>
                {chips}
                <li>
                    <a class="chip clear" href=clear>{ui.clear_all}</a>
                </li>
            </ul>
        </nav>
    })
}

/// The words of `query` when it is made of plain words only (and prefixes, with `prefixes`);
/// `None` when it has a phrase, an exclusion or a field clause.
fn plain_words(query: &ParsedQuery, prefixes: bool) -> Option<Vec<&String>> {
    query
        .clauses
        .iter()
        .map(|c| match c {
            Clause::Word(w) => Some(w),
            Clause::Prefix(w) if prefixes => Some(w),
            _ => None,
        })
        .collect()
}

/// The sections whose name, in any of its languages, is what a query of plain words says (the
/// same words, matched as the search matches them: folded and stemmed), as `(id, label in
/// `lang`)`, at most five: a reader who searches *учения* where the exercises are reported in
/// English finds the section «Учения» (*CSTO* does not list every section with CSTO in its
/// name). None for any other query, or with a section chosen.
fn sections_named(
    shelf: &crate::data::Shelf,
    params: &SearchParams,
    lang: &str,
) -> Vec<(String, String)> {
    let parsed = ParsedQuery::parse(&params.q);
    let words = plain_words(&parsed, true);
    let Some(words) = words.filter(|w| !w.is_empty()) else { return Vec::new() };
    if params.filters.section.is_some() || !parsed.typed_filters.is_empty() {
        return Vec::new();
    }
    let analyzer = shelf.analyzer();
    let want: std::collections::HashSet<String> =
        words.iter().map(|w| analyzer.term(w).into_owned()).collect();
    let archive = shelf.sections();
    archive
        .bundle()
        .sections
        .iter()
        .filter(|s| {
            s.title.values().any(|title| {
                let mut have = std::collections::HashSet::new();
                for_each_token(title, |_, folded| {
                    have.insert(analyzer.term(folded).into_owned());
                });
                have == want
            })
        })
        .take(5)
        .map(|s| (s.id.clone(), archive.section_label(&s.id, lang)))
        .collect()
}

/// When no article has all of a query's plain words (two to five, no filters, nothing else):
/// the query without each one of them in turn, those that find something by `count` (the
/// number of articles a query matches), as `(text, count)`, for the empty state to offer.
/// Empty for any other query.
pub fn fewer_words(
    params: &SearchParams,
    count: impl Fn(&ParsedQuery) -> usize,
) -> Vec<(String, usize)> {
    let parsed = ParsedQuery::parse(&params.q);
    if !params.filters.is_empty() || !parsed.typed_filters.is_empty() {
        return Vec::new();
    }
    let words = plain_words(&parsed, false).unwrap_or_default();
    if !(2..=5).contains(&words.len()) {
        return Vec::new();
    }
    // Each word as the reader typed it (`català`, not the folded `catala`; `L’Ajuntament`).
    let q = &params.q;
    let typed: Vec<(String, &str)> =
        tokenize(q).into_iter().map(|t| (t.folded, &q[with_elision(q, t.span)])).collect();
    let as_typed = |w: &str| {
        typed.iter().find(|(folded, _)| folded == w).map_or(w, |&(_, raw)| raw).to_owned()
    };
    (0..words.len())
        .map(|skip| {
            let kept: Vec<String> = words
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, w)| as_typed(w))
                .collect();
            let text = kept.join(" ");
            let mut query = ParsedQuery::parse(&text);
            query.open_last_word = false;
            let n = count(&query);
            (text, n)
        })
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// How many of an archive's sources a search that found nothing with `source:` names.
const SOURCES_NAMED: usize = 8;

/// How many of an archive's sections a search filtered by a section id it lacks names.
const SECTIONS_NAMED: usize = 8;

/// For `section=ID` where the archive has no section `ID` (a misspelt id in a partner's link,
/// `trainings` for `training`): the archive's sections as `(label, id)`, the likest first (by
/// [`edit_distance`] between the ids, then a common start; else in the archive's order), at
/// most [`SECTIONS_NAMED`], and whether there are more.
fn sections_like(
    shelf: &crate::data::Shelf,
    id: &str,
    lang: &str,
) -> Option<(Vec<(String, String)>, bool)> {
    let archive = shelf.sections();
    if archive.section(id).is_some() {
        return None;
    }
    let typed: Vec<char> = id.chars().collect();
    let likeness = |other: &str| {
        let chars: Vec<char> = other.chars().collect();
        let distance = edit_distance(&typed, &chars, usize::MAX).unwrap_or(usize::MAX);
        let common = typed.iter().zip(&chars).take_while(|(a, b)| a == b).count();
        (distance, std::cmp::Reverse(common))
    };
    let mut sections: Vec<&str> = archive.bundle().sections.iter().map(|s| s.id.as_str()).collect();
    // Stable: sections alike stay in the archive's order.
    sections.sort_by_cached_key(|other| likeness(other));
    let named = sections
        .iter()
        .take(SECTIONS_NAMED)
        .map(|other| (archive.section_label(other, lang), (*other).to_owned()))
        .collect();
    Some((named, sections.len() > SECTIONS_NAMED))
}

/// What to say when nothing matched: the query, and each filter as a link that drops it.
#[component]
fn EmptyState(
    params: SearchParams,
    /// [`fewer_words`]: the searches with a word fewer that find something, with their counts.
    fewer: Vec<(String, usize)>,
    /// The search's notes and its offer (Did you mean…), shown after the query: of what might
    /// help, a correction is the likeliest.
    notes: Option<AnyView>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let ui = nav.ui_now();
    let drops = filter_removals(&params)
        .into_iter()
        .map(|(label, href)| {
            view! {
                <li>
                    <a href=href>{format!("{} {label}", ui.remove_filter)}</a>
                </li>
            }
        })
        .collect_view();
    let parsed = ParsedQuery::parse(&params.q);
    let has_filters = !params.filters.is_empty() || !parsed.typed_filters.is_empty();
    let no_words = !params.q.trim().is_empty() && parsed.clauses.is_empty();
    // `lang:russian` or `lang:ру`: say which tags there are.
    let languages = use_shelf().sections().bundle().archive.languages.clone();
    let unknown_lang = parsed
        .typed_filters
        .iter()
        .any(|t| t.field == Field::Lang && !languages.iter().any(|l| fold(l) == fold(&t.value)));
    let lang_hint = (unknown_lang && !languages.is_empty()).then(|| {
        let tags = languages
            .iter()
            .map(|l| format!("{l} ({})", language_name(ui.lang, l)))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="lang-values">{(ui.lang_values)(&tags)}</p> }
    });
    // `source:ТАСС` in an archive of other sources: say which there are.
    let sources = if parsed.typed_filters.iter().any(|t| t.field == Field::Source) {
        use_shelf().sources()
    } else {
        Vec::new()
    };
    let unknown_source = parsed.typed_filters.iter().any(|t| {
        t.field == Field::Source && !sources.iter().any(|(s, _)| fold(s) == fold(&t.value))
    });
    let source_hint = unknown_source.then(|| {
        let text = if sources.is_empty() {
            ui.no_sources.to_owned()
        } else {
            let mut names: Vec<String> = sources
                .iter()
                .take(SOURCES_NAMED)
                .map(|(name, n)| format!("{name} ({})", (ui.articles)(*n as usize)))
                .collect();
            if sources.len() > SOURCES_NAMED {
                names.push("…".to_owned());
            }
            (ui.source_values)(&names.join(", "))
        };
        view! { <p class="source-values">{text}</p> }
    });
    // `section=trainings`: no section has that id; say which there are.
    // Each a link to this search in that section instead.
    let section_hint = params.filters.section.as_deref().and_then(|id| {
        let (named, more) = sections_like(&use_shelf(), id, nav.lang.get_untracked())?;
        let route_lang = nav.route.with_untracked(|r| r.lang.clone());
        let links = named
            .into_iter()
            .enumerate()
            .map(|(i, (label, other))| {
                let mut p = params.clone();
                p.filters.section = Some(other.clone());
                let href = Route::view(View::Search(p)).with_lang(route_lang.clone()).to_fragment();
                view! { {(i > 0).then_some(", ")} <a href=href>{format!("{label} ({other})")}</a> }
            })
            .collect_view();
        Some(view! {
            <p class="section-values">
                {(ui.section_unknown)(id)} " " {links} {if more { ", …." } else { "." }}
            </p>
        })
    });
    // `year:last` or `year:20`: say how a year is written. `year:2030` in an archive that ends
    // in 2026: say which years it has. `year:2021 year:2022`: an article has one year, so say
    // how both are written.
    let years: Vec<Option<(u16, u16)>> = parsed
        .typed_filters
        .iter()
        .filter(|t| t.field == Field::Year && !t.negated)
        .map(|t| Field::years(&fold(&t.value)))
        .collect();
    let year_hint =
        (!years.is_empty()).then(|| use_shelf().years()).flatten().and_then(|(first, last)| {
            let text = if years.iter().any(Option::is_none) {
                (ui.year_values)(first, last)
            } else if years.iter().flatten().any(|&(a, b)| b < first || a > last) {
                (ui.year_span)(first, last)
            } else {
                let spans = || years.iter().flatten();
                let latest_start = spans().map(|y| y.0).max()?;
                let earliest_end = spans().map(|y| y.1).min()?;
                if latest_start <= earliest_end {
                    return None;
                }
                let first = spans().map(|y| y.0).min()?;
                let last = spans().map(|y| y.1).max()?;
                (ui.years_disjoint)(first, last)
            };
            Some(view! { <p class="year-values">{text}</p> })
        });
    // Several plain words and no filter: no article has them all. The same search without
    // each one of them (at most five), where that finds something.
    let fewer = (!fewer.is_empty()).then(|| {
        let route_lang = nav.route.with_untracked(|r| r.lang.clone());
        let links = fewer
            .into_iter()
            .map(|(q, n)| {
                let p = SearchParams { q: q.clone(), ..params.clone() };
                let href = Route::view(View::Search(p)).with_lang(route_lang.clone()).to_fragment();
                view! {
                    <li>
                        <a href=href>{q}</a>
                        " "
                        <span class="n">{format!("({})", (ui.results)(n))}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p>{ui.fewer_words}</p>
            <ul class="fewer-words">{links}</ul>
        }
    });
    view! {
        <div class="empty">
            <p>{if no_words { ui.no_words } else { ui.no_results }}</p>
            {(!params.q.trim().is_empty()).then(|| view! { <p><q>{params.q.clone()}</q></p> })}
            {notes}
            {section_hint}
            {lang_hint}
            {source_hint}
            {year_hint}
            {fewer}
            {has_filters.then(|| view! { <p>{ui.try_instead}</p> <ul>{drops}</ul> })}
        </div>
    }
}

/// The facet panel: counts per value that follow the query; each value is a link that sets
/// (or, when set, clears) that filter.
#[component]
fn FacetPanel(
    params: SearchParams,
    facets: FacetCounts,
    /// Whether the counts are upper bounds (see [`Counts::at_most`]): each is marked so.
    #[prop(optional)]
    at_most: bool,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let shelf = use_shelf();
    let ui = nav.ui_now();
    let lang = nav.lang.get_untracked();
    let route_lang = nav.route.with_untracked(|r| r.lang.clone());
    let f = params.filters.clone();
    let href = move |change: &dyn Fn(&mut Filters)| {
        let mut p = params.clone();
        change(&mut p.filters);
        Route::view(View::Search(p)).with_lang(route_lang.clone()).to_fragment()
    };
    // `none`: the results without a value in this dimension, said under its values.
    let group = |title: &'static str,
                 mut rows: Vec<(String, usize, String, bool)>,
                 none: Option<String>| {
        (!rows.is_empty() || none.is_some()).then(|| {
            let item = |(label, n, href, active): (String, usize, String, bool)| {
                view! {
                    <li>
                        <a href=href aria-current=active.then_some("true")>{label}</a>
                        " "
                        // Seen as "≤ 1,234", heard as "at most 1,234 results".
                        <span class="n">
                            <span aria-hidden="true">
                                {at_most.then_some("≤ ")}
                                {crate::i18n::count(lang, n)}
                            </span>
                            <span class="visually-hidden">
                                {at_most.then_some(ui.at_most)}
                                {(ui.results)(n)}
                            </span>
                        </span>
                    </li>
                }
            };
            // The rest behind a disclosure, so that every value can be chosen. It is open when
            // the value chosen is in it: the reader sees the choice, and focus stays on it.
            let rest = rows.split_off(rows.len().min(FACET_VALUES));
            let more = (!rest.is_empty()).then(|| {
                let label = format!("{} ({})", ui.more_values, rest.len());
                let open = rest.iter().any(|row| row.3);
                view! {
                    <details class="more" open=open>
                        <summary>{label}</summary>
                        <ul>{rest.into_iter().map(item).collect_view()}</ul>
                    </details>
                }
            });
            view! {
                <h3>{title}</h3>
                <ul>{rows.into_iter().map(item).collect_view()}</ul>
                {more}
                {none.map(|text| view! { <p class="none">{text}</p> })}
            }
        })
    };
    // A section counts what choosing it finds: the results under it and below it.
    let sections = section_totals(&facets.sections, shelf.sections())
        .iter()
        .map(|(id, n)| {
            let active = f.section.as_deref() == Some(id);
            let id2 = id.clone();
            let h = href(&|g| g.section = if active { None } else { Some(id2.clone()) });
            (shelf.sections().section_label(id, lang), *n, h, active)
        })
        .collect();
    let years = facets
        .years
        .iter()
        .map(|&(y, n)| {
            let active = f.year == Some(y);
            // A year chosen replaces a date range (as a range brushed replaces a year).
            let h = href(&|g| {
                g.year = if active { None } else { Some(y) };
                g.month = None;
                if !active {
                    (g.from, g.to) = (None, None);
                }
            });
            (y.to_string(), n, h, active)
        })
        .collect();
    let months = facets
        .months
        .iter()
        .map(|&(m, n)| {
            let active = f.month == Some(m);
            let h = href(&|g| {
                g.month = if active { None } else { Some(m) };
                if !active {
                    (g.from, g.to) = (None, None);
                }
            });
            (month_title(lang, f.year.unwrap_or(1), m), n, h, active)
        })
        .collect();
    let strings = |values: &[(String, usize)],
                   current: &Option<String>,
                   set: fn(&mut Filters, Option<String>),
                   label: &dyn Fn(&str) -> String| {
        values
            .iter()
            .map(|(v, n)| {
                let active = current.as_deref() == Some(v.as_str());
                let v2 = v.clone();
                let h = href(&|g| set(g, if active { None } else { Some(v2.clone()) }));
                (label(v), *n, h, active)
            })
            .collect::<Vec<_>>()
    };
    let langs = strings(&facets.langs, &f.lang, |g, v| g.lang = v, &|l| language_name(lang, l));
    let sources = strings(&facets.sources, &f.source, |g, v| g.source = v, &str::to_owned);
    let tags = strings(&facets.tags, &f.tag, |g, v| g.tag = v, &str::to_owned);
    let people = strings(&facets.people, &f.person, |g, v| g.person = v, &str::to_owned);
    // What the section and year values leave out, so the counts add up to the results; not
    // alone, under a heading with nothing to choose (an archive without sections or dates).
    let unsectioned = (facets.unsectioned > 0 && !facets.sections.is_empty())
        .then(|| (ui.in_no_section)(facets.unsectioned));
    let undated =
        (facets.undated > 0 && !facets.years.is_empty()).then(|| (ui.no_date)(facets.undated));
    // No heading over an empty panel (a search that found nothing).
    let any = [&facets.sections, &facets.langs, &facets.sources, &facets.tags, &facets.people]
        .iter()
        .any(|v| !v.is_empty())
        || !facets.years.is_empty()
        || !facets.months.is_empty();
    view! {
        // A landmark only when it holds filters: an empty one would be listed and say nothing.
        <aside
            class="sidebar facets"
            id="sidebar"
            aria-label=any.then_some(ui.filters)
            role=(!any).then_some("none")
        >
            {any.then(|| view! { <h2>{ui.filters}</h2> })}
            {(any && at_most).then(|| view! { <p class="at-most">{ui.facets_at_most}</p> })}
            {group(ui.f_section, sections, unsectioned)}
            {group(ui.f_year, years, undated)}
            {group(ui.f_month, months, None)}
            {group(ui.f_language, langs, None)}
            {group(ui.f_source, sources, None)}
            {group(ui.f_tag, tags, None)}
            {group(ui.f_person, people, None)}
        </aside>
    }
}

/// The most bars the histogram draws per month; beyond that (results spanning more than 15
/// years) it draws one bar per year, as months would be thinner than a pixel and thousands of
/// interactive bars a long task to draw. A narrow window lowers it: [`month_bars_for`].
const MONTH_BARS: usize = 180;

/// The narrowest a month's bar may be, in CSS pixels, before the histogram draws years instead:
/// on a phone (375 px) more than about 85 months would make bars too thin to aim at.
const MONTH_BAR_MIN_PX: f64 = 4.0;

/// The most month bars that fit a window `width` CSS pixels wide (the chart spans it less the
/// page's margins): at least 24 (two years of months), at most [`MONTH_BARS`].
fn month_bars_for(width: f64) -> usize {
    let fit = ((width - 32.0) / MONTH_BAR_MIN_PX).max(0.0) as usize;
    fit.clamp(24, MONTH_BARS)
}

/// A bar of the histogram: its first and last month and its count.
type Bar = ((u16, u8), (u16, u8), usize);

/// The bars for `months` (results per month, a continuous run): one per month, or per year when
/// there would be more than `most` months; and whether they are years.
fn bars_of(months: &[((u16, u8), usize)], most: usize) -> (Vec<Bar>, bool) {
    if months.len() <= most {
        return (months.iter().map(|&(m, n)| (m, m, n)).collect(), false);
    }
    let mut out: Vec<Bar> = Vec::new();
    for &((y, m), n) in months {
        match out.last_mut() {
            Some(bar) if bar.0 .0 == y => {
                bar.1 = (y, m);
                bar.2 += n;
            }
            _ => out.push(((y, m), (y, m), n)),
        }
    }
    (out, true)
}

/// The years to name along the histogram's axis between its two ends, as `(where, year)`:
/// `where` is the middle of the year's bar (or of its January's, when bars are months) in
/// hundredths of a percent of the chart's width (integers: no float formatting in the wasm).
/// Every 1, 2, 5, 10, 20 or 50 years, the least step that names at most six; none within
/// `clear` (left, right; hundredths of a percent) of the ends, where the first and last bars
/// are named.
fn year_ticks(bins: &[Bar], yearly: bool, clear: (usize, usize)) -> Vec<(usize, u16)> {
    let n = bins.len();
    let (Some(first), Some(last)) = (bins.first(), bins.last()) else { return Vec::new() };
    let span = usize::from(last.1 .0.saturating_sub(first.0 .0));
    if span < 2 {
        return Vec::new();
    }
    let step = [1, 2, 5, 10, 20, 50].into_iter().find(|s| span / s <= 6).unwrap_or(100);
    bins.iter()
        .enumerate()
        .filter(|(_, bar)| (yearly || bar.0 .1 == 1) && usize::from(bar.0 .0) % step == 0)
        .map(|(i, bar)| ((2 * i + 1) * 10_000 / (2 * n), bar.0 .0))
        .filter(|&(at, _)| at >= clear.0 && at + clear.1 <= 10_000)
        .collect()
}

/// A bar's label: its month, or its year when the bars are years (`yearly`), though the first
/// or last year may have results in one month only.
fn bar_title(lang: &str, bar: &Bar, yearly: bool) -> String {
    if yearly {
        bar.0 .0.to_string()
    } else {
        month_title(lang, bar.0 .0, bar.0 .1)
    }
}

/// The first day of bar `a` to the last day of bar `b` (in either order); whole years when the
/// bars are years (`yearly`), though the first or last year may have results in fewer months.
fn month_range(bins: &[Bar], a: usize, b: usize, yearly: bool) -> Option<(CivilDate, CivilDate)> {
    let (lo, hi) = (a.min(b), a.max(b));
    let (y0, m0) = if yearly { (bins.get(lo)?.0 .0, 1) } else { bins.get(lo)?.0 };
    let (y1, m1) = if yearly { (bins.get(hi)?.1 .0, 12) } else { bins.get(hi)?.1 };
    Some((CivilDate::new(y0, m0, 1).ok()?, CivilDate::new(y1, m1, days_in_month(y1, m1)).ok()?))
}

/// An SVG bar chart of results per month (per year beyond [`MONTH_BARS`] months, fewer in a
/// narrow window). Each bar acts
/// as a link to its month or year (click, Enter or Space); dragging across bars sets the date
/// range to the months covered.
/// The room the [`Histogram`] will take, kept while the facets are counted: its caption and
/// hint (which wrap as the chart's will), a chart and an axis line, all hidden.
#[component]
fn HistogramRoom() -> impl IntoView {
    let ui = expect_context::<Nav>().ui_now();
    let hint = ui.histogram_hint;
    view! {
        <figure class="histogram room" aria-hidden="true">
            <figcaption>
                {ui.histogram}
                <span class="hint">
                    {" — "}{hint[0]}<span class="keys">{hint[1]}</span>{hint[2]}
                </span>
            </figcaption>
            <svg viewBox="0 0 10 600" preserveAspectRatio="none"></svg>
            <div class="axis"><span class="end">"\u{a0}"</span></div>
        </figure>
    }
}

/// The least height of a bar with results, in the chart's units (600 high).
const MIN_BAR: usize = 30;

#[component]
fn Histogram(params: SearchParams, facets: FacetCounts) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let ui = nav.ui_now();
    let lang = nav.lang.get_untracked();
    // Read once per drawing: the chart is drawn anew with every search, and a window turned
    // from portrait to landscape keeps the bars it had until then.
    let width = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64());
    let (bins, yearly) = bars_of(&facets.histogram, width.map_or(MONTH_BARS, month_bars_for));
    let (caption, hint) = if yearly {
        (ui.histogram_years, ui.histogram_years_hint)
    } else {
        (ui.histogram, ui.histogram_hint)
    };
    if bins.len() < 2 {
        return None;
    }
    // Integer SVG units (bars 10 wide, 600 high), so no float formatting code enters the wasm.
    let max = bins.iter().map(|b| b.2).max().unwrap_or(1).max(1);
    let (bar_w, h) = (10usize, 600usize);
    let width = bar_w * bins.len();
    let brush: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    let dragged = StoredValue::new(false);
    let svg_ref: NodeRef<leptos::svg::Svg> = NodeRef::new();
    let n = bins.len();
    let bin_at = move |client_x: i32| -> Option<usize> {
        let svg = svg_ref.get_untracked()?;
        let rect = svg.get_bounding_client_rect();
        let x = (f64::from(client_x) - rect.left()) / rect.width().max(1.0);
        Some(((x * n as f64).floor().max(0.0) as usize).min(n - 1))
    };
    let route_lang = nav.route.with_untracked(|r| r.lang.clone());
    let range_href = {
        let params = params.clone();
        let bins = bins.clone();
        let route_lang = route_lang.clone();
        move |a: usize, b: usize| {
            let (from, to) = month_range(&bins, a, b, yearly)?;
            let mut p = params.clone();
            p.filters.from = Some(from);
            p.filters.to = Some(to);
            // The range replaces a chosen year or month (the histogram shows every month).
            p.filters.year = None;
            p.filters.month = None;
            Some(Route::view(View::Search(p)).with_lang(route_lang.clone()))
        }
    };
    let finish = {
        let range_href = range_href.clone();
        let counts: Vec<usize> = bins.iter().map(|b| b.2).collect();
        move || {
            if let Some((a, b)) = brush.get_untracked() {
                // A drag sets its range. A press and release on one month chooses that month
                // here: the chart captured the pointer, so the click lands on the chart and
                // never reaches the bar.
                if a != b || counts.get(a).is_some_and(|&c| c > 0) {
                    dragged.set_value(true);
                    if let Some(route) = range_href(a, b) {
                        navigate(&nav, &route, false);
                    }
                }
            }
            brush.set(None);
        }
    };
    // One tab stop for the whole chart (a roving tabindex, WAI-ARIA APG): arrows move between
    // months that have results, Home/End jump to the ends, Enter or Space chooses. Shift with
    // the arrows brushes a range from the bar where it began (Enter chooses it, Escape drops it).
    // The bars the current date range (or the chosen year or month) covers are marked, until
    // the reader brushes anew; a year's bar that it covers only in part (a range of some
    // months, a chosen month) is marked as partly chosen: `(covered, partly)`.
    let f = &params.filters;
    let chosen = if f.from.is_some() || f.to.is_some() {
        Some((
            f.from.map_or((u16::MIN, 1), |d| (d.year(), d.month())),
            f.to.map_or((u16::MAX, 12), |d| (d.year(), d.month())),
        ))
    } else {
        f.year.map(|year| match f.month {
            Some(month) => ((year, month), (year, month)),
            None => ((year, 1), (year, 12)),
        })
    };
    let marks = move |&((y, m), (y1, m1), _): &Bar| {
        let covered = chosen.is_some_and(|(first, last)| first <= (y, m) && (y1, m1) <= last);
        let partly =
            !covered && chosen.is_some_and(|(first, last)| (y, m) <= last && first <= (y1, m1));
        (covered, partly)
    };
    let counts: Vec<usize> = bins.iter().map(|b| b.2).collect();
    let anchor: StoredValue<Option<usize>> = StoredValue::new(None);
    // The tab stop: the first chosen bar with results (so a bar chosen with Enter keeps it),
    // else the newest with results.
    let start = (0..bins.len())
        .find(|&i| {
            counts[i] > 0 && {
                let (c, p) = marks(&bins[i]);
                c || p
            }
        })
        .or_else(|| counts.iter().rposition(|&c| c > 0))
        .unwrap_or(0);
    let roving = RwSignal::new(start);
    let move_focus = move |from: usize, key: &str| -> Option<usize> {
        let with_results = |i: &usize| counts[*i] > 0;
        let next = match key {
            "ArrowLeft" | "ArrowDown" => (0..from).rev().find(with_results),
            "ArrowRight" | "ArrowUp" => (from + 1..counts.len()).find(with_results),
            "Home" => (0..counts.len()).find(with_results),
            "End" => (0..counts.len()).rev().find(with_results),
            _ => return None,
        };
        next.or(Some(from))
    };
    let bars = bins
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let count = bar.2;
            let move_focus = move_focus.clone();
            // A month with a result or two stays visible (3 px of the chart's 64), chosen or
            // not: at 10 units it was a hairline under a tall scale.
            let bar_h = (count * (h - 20) / max).max(if count > 0 { MIN_BAR } else { 0 });
            let label = format!("{}: {}", bar_title(lang, bar, yearly), (ui.results)(count));
            let (in_range, partly) = marks(bar);
            // Heard as well as seen: a bar in the chosen range says so.
            let aria = match (in_range, partly) {
                (true, _) => format!("{label}, {}", ui.bar_chosen),
                (_, true) => format!("{label}, {}", ui.bar_partly_chosen),
                _ => label.clone(),
            };
            // The bar that is the whole chosen range, chosen again, drops it (as a chosen
            // filter of the panel does).
            // (A year's bar chooses the whole year: `month_range`.)
            let span = if yearly { ((bar.0 .0, 1), (bar.1 .0, 12)) } else { (bar.0, bar.1) };
            let alone = chosen == Some(span);
            let selected = move || match brush.get() {
                Some((a, b)) => (a.min(b)..=a.max(b)).contains(&i),
                None => in_range,
            };
            let partly = move || brush.with(Option::is_none) && partly;
            let month = range_href.clone();
            let unchosen = alone.then(|| {
                let mut p = params.clone();
                (p.filters.from, p.filters.to, p.filters.year, p.filters.month) =
                    (None, None, None, None);
                Route::view(View::Search(p)).with_lang(route_lang.clone())
            });
            let go = move || {
                if let Some(route) = unchosen.clone().or_else(|| month(i, i)) {
                    navigate(&nav, &route, false);
                }
            };
            let go2 = go.clone();
            let choose_range = range_href.clone();
            view! {
                <g
                    class="bin"
                    id=format!("hist-bin-{i}")
                    tabindex=move || if roving.get() == i { "0" } else { "-1" }
                    role="link"
                    // An empty bar leads nowhere and the arrows skip it: hidden from screen
                    // readers, which would otherwise list every empty month as a link.
                    aria-hidden=(count == 0).then_some("true")
                    aria-label=aria
                    on:click=move |_| {
                        // A drag has already gone to its range; an empty month leads nowhere.
                        if !dragged.get_value() && count > 0 {
                            go();
                        }
                        dragged.set_value(false);
                    }
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        let key = ev.key();
                        let brushed = anchor.get_value().and(brush.get_untracked());
                        if key == "Enter" || key == " " {
                            ev.prevent_default();
                            anchor.set_value(None);
                            brush.set(None);
                            match brushed {
                                Some((a, b)) => {
                                    if let Some(route) = choose_range(a, b) {
                                        navigate(&nav, &route, false);
                                    }
                                }
                                None if count > 0 => go2(),
                                None => {}
                            }
                        } else if key == "Escape" && brushed.is_some() {
                            ev.prevent_default();
                            anchor.set_value(None);
                            brush.set(None);
                        } else if let Some(j) = move_focus(i, &key) {
                            ev.prevent_default();
                            if ev.shift_key() {
                                let a = anchor.get_value().unwrap_or(i);
                                anchor.set_value(Some(a));
                                brush.set(Some((a, j)));
                            } else if brushed.is_some() {
                                anchor.set_value(None);
                                brush.set(None);
                            }
                            roving.set(j);
                            // (Through the embed's root: in a script embed, the chart is in a
                            // shadow root, out of the document's reach.)
                            if let Some(el) = crate::embed::query(&format!("#hist-bin-{j}")) {
                                crate::embed::focus(&el);
                            }
                        }
                    }
                >
                    <title>{label}</title>
                    <rect class="hit" x=bar_w * i y="0" width=bar_w height=h></rect>
                    <rect
                        class="bar"
                        class:selected=selected
                        class:partly=partly
                        x=bar_w * i + 1
                        y=h - bar_h
                        width=bar_w - 2
                        height=bar_h
                    ></rect>
                </g>
            }
        })
        .collect_view();
    let first = bins.first().map(|b| bar_title(lang, b, yearly)).unwrap_or_default();
    let last = bins.last().map(|b| bar_title(lang, b, yearly)).unwrap_or_default();
    // Years named along the axis between its ends, at their bars, clear of the ends' names: the
    // axis and its end names are measured as drawn (a window, an embed, a zoom level), and a
    // year is kept 24 px clear of them (half a year's name at the axis' 0.8rem, and a gap).
    let (axis_ref, first_ref, last_ref) = (
        NodeRef::<leptos::html::Div>::new(),
        NodeRef::<leptos::html::Span>::new(),
        NodeRef::<leptos::html::Span>::new(),
    );
    let measured: RwSignal<Option<(usize, usize, usize)>> = RwSignal::new(None);
    Effect::new(move |_| {
        if let (Some(axis), Some(first), Some(last)) =
            (axis_ref.get(), first_ref.get(), last_ref.get())
        {
            let element = |e: &web_sys::Element| e.clone();
            let observed = [element(&axis), element(&first), element(&last)];
            observe_sizes(&observed, move || {
                let px = |w: i32| usize::try_from(w).unwrap_or(0);
                _ = measured.try_set(Some((
                    px(axis.client_width()),
                    px(first.offset_width()),
                    px(last.offset_width()),
                )));
            });
        }
    });
    let ticks = {
        let bins = bins.clone();
        move || {
            let (axis_w, first_w, last_w) = measured.get().filter(|m| m.0 > 0)?;
            let clear = |end_w: usize| (end_w + 24) * 10_000 / axis_w;
            let ticks = year_ticks(&bins, yearly, (clear(first_w), clear(last_w)));
            Some(
                ticks
                    .into_iter()
                    .map(|(at, year)| {
                        // Set through the CSSOM (`style:`), which the page's CSP allows.
                        let left = format!("{}.{:02}%", at / 100, at % 100);
                        view! { <span class="tick" style:left=left>{year}</span> }
                    })
                    .collect_view(),
            )
        }
    };
    // What a brushed range holds, for screen readers (the bars' colours say it to the eye).
    let range = {
        let bins = bins.clone();
        move || {
            let (a, b) = brush.get()?;
            let (a, b) = (a.min(b), a.max(b));
            let n: usize = bins[a..=b].iter().map(|bar| bar.2).sum();
            let (from, to) = (bar_title(lang, &bins[a], yearly), bar_title(lang, &bins[b], yearly));
            let range = if a == b { from } else { format!("{from} – {to}") };
            Some(format!("{range}: {}", (ui.results)(n)))
        }
    };
    // Shown to the eye too, between the axis' ends, while a range is brushed: on a touch
    // screen, with no tooltip, it is how a reader sees which years a finger is on.
    let brushed = {
        let range = range.clone();
        move || range().map(|r| format!("{r}. {}", ui.brush_hint))
    };
    Some(view! {
        <figure class="histogram">
            <figcaption>
                {caption}
                // The scale: the bars are drawn to the tallest, so two searches' charts are
                // compared by it.
                <span class="peak">{(ui.histogram_peak)(max, yearly)}</span>
                <span class="hint" id="histogram-hint">
                    {" — "}{hint[0]}<span class="keys">{hint[1]}</span>{hint[2]}
                </span>
            </figcaption>
            <svg
                node_ref=svg_ref
                viewBox=format!("0 0 {width} {h}")
                preserveAspectRatio="none"
                // (Unnamed: the figure's caption names the chart, and is read once; its hint
                // describes the bars' group, said on entering it from the keyboard.)
                role="group"
                aria-describedby="histogram-hint"
                on:pointerdown=move |ev: web_sys::PointerEvent| {
                    if ev.button() == 0 {
                        dragged.set_value(false);
                        // Keep receiving the pointer when it leaves the chart mid-drag, so a
                        // release outside still sets the range.
                        if let Some(svg) = svg_ref.get_untracked() {
                            let _ = svg.set_pointer_capture(ev.pointer_id());
                        }
                        if let Some(i) = bin_at(ev.client_x()) {
                            brush.set(Some((i, i)));
                        }
                    }
                }
                on:pointermove=move |ev: web_sys::PointerEvent| {
                    if let (Some((a, _)), Some(i)) = (brush.get_untracked(), bin_at(ev.client_x())) {
                        brush.set(Some((a, i)));
                    }
                }
                on:pointerup=move |_| finish()
                on:pointercancel=move |_| brush.set(None)
            >
                {bars}
            </svg>
            <p class="visually-hidden" aria-live="polite">{brushed}</p>
            <div class="axis" aria-hidden="true" node_ref=axis_ref>
                <span class="end" node_ref=first_ref>{first}</span>
                <span class="brushed">{range}</span>
                <span class="end" node_ref=last_ref>{last}</span>
                {ticks}
            </div>
        </figure>
    })
}
