//! An article body: structured blocks rendered as elements holding text nodes only. Nothing in
//! a block ever becomes markup; addresses pass [`safe_link`] or are dropped.

use archive_core::{safe_link, Block};
use leptos::prelude::*;

use crate::nav::Nav;

/// Renders `blocks` in order.
#[component]
pub fn Blocks(blocks: Vec<Block>) -> impl IntoView {
    blocks.into_iter().map(block).collect_view()
}

fn block(b: Block) -> AnyView {
    match b {
        Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
        Block::Heading { level, text } => match level {
            0..=2 => view! { <h2>{text}</h2> }.into_any(),
            3 => view! { <h3>{text}</h3> }.into_any(),
            4 => view! { <h4>{text}</h4> }.into_any(),
            5 => view! { <h5>{text}</h5> }.into_any(),
            _ => view! { <h6>{text}</h6> }.into_any(),
        },
        Block::Quote { text, cite } => view! {
            <figure class="quote">
                <blockquote>
                    <p>{text}</p>
                </blockquote>
                {cite.map(|c| view! { <figcaption>{c}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Image { src, alt, caption } => match safe_link(&src) {
            Some(src) => view! {
                <figure class="image">
                    <img src=src.to_owned() alt=alt loading="lazy" />
                    {caption.map(|c| view! { <figcaption>{c}</figcaption> })}
                </figure>
            }
            .into_any(),
            // An unsafe address is not loaded; the reader still gets the text.
            None => view! { <p class="image-missing">{caption.unwrap_or(alt)}</p> }.into_any(),
        },
        Block::Document { href, title } => {
            let nav = expect_context::<Nav>();
            let label = move || nav.ui().document;
            match href.as_deref().and_then(safe_link) {
                Some(href) => view! {
                    <p class="document">
                        {label} ": " <a href=href.to_owned() rel="noopener noreferrer">{title}</a>
                    </p>
                }
                .into_any(),
                None => view! { <p class="document">{label} ": " {title}</p> }.into_any(),
            }
        }
    }
}
