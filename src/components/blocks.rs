//! An article body: structured blocks rendered as elements holding text nodes only. Nothing in
//! a block ever becomes markup; addresses pass [`article_address`] (relative ones are read
//! against the bundle's address) or are dropped.

use archive_core::Block;
use leptos::prelude::*;

use crate::data::article_address;
use crate::nav::Nav;

/// Renders `blocks` in order, each piece of text through `text` (which may wrap search hits in
/// `<mark>`, as text nodes: see [`crate::pages::marked`]).
pub fn blocks(blocks: Vec<Block>, text: &dyn Fn(String) -> AnyView) -> impl IntoView {
    blocks.into_iter().map(|b| block(b, text)).collect_view()
}

fn block(b: Block, text: &dyn Fn(String) -> AnyView) -> AnyView {
    match b {
        Block::Paragraph { text: t } => view! { <p>{text(t)}</p> }.into_any(),
        Block::Heading { level, text: t } => {
            let t = text(t);
            match level {
                0..=2 => view! { <h2>{t}</h2> }.into_any(),
                3 => view! { <h3>{t}</h3> }.into_any(),
                4 => view! { <h4>{t}</h4> }.into_any(),
                5 => view! { <h5>{t}</h5> }.into_any(),
                _ => view! { <h6>{t}</h6> }.into_any(),
            }
        }
        Block::Quote { text: t, cite } => view! {
            <figure class="quote">
                <blockquote>
                    <p>{text(t)}</p>
                </blockquote>
                {cite.map(|c| view! { <figcaption>{c}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items.into_iter().map(|i| view! { <li>{text(i)}</li> }).collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Image { src, alt, caption } => match article_address(&src) {
            Some(src) => view! {
                <figure class="image">
                    <img src=src alt=alt loading="lazy" />
                    {caption.map(|c| view! { <figcaption>{text(c)}</figcaption> })}
                </figure>
            }
            .into_any(),
            // An unsafe address is not loaded; the reader still gets the text.
            None => view! { <p class="image-missing">{caption.unwrap_or(alt)}</p> }.into_any(),
        },
        Block::Document { href, title } => {
            let nav = expect_context::<Nav>();
            let label = move || nav.ui().document;
            match href.as_deref().and_then(article_address) {
                // In an embed, a document opens in a new tab: in the partner's page (a script
                // embed) the link would take the reader away from it.
                Some(href) => view! {
                    <p class="document">
                        {label} ": "
                        <a
                            href=href
                            rel="noopener noreferrer"
                            target=crate::embed::is_embedded().then_some("_blank")
                        >
                            {title}
                        </a>
                    </p>
                }
                .into_any(),
                None => view! { <p class="document">{label} ": " {title}</p> }.into_any(),
            }
        }
    }
}
