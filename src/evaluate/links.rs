//! Article links, resolved once per reference: a rubric links many criteria to the same
//! article, and resolving a section link builds its title and address. Every later use of a
//! reference shares the resolved link (a reference count, no copy).

use std::cell::RefCell;

use super::facts::FastMap;
use crate::article::{ArticleLink, Articles};

/// The article links of one evaluation.
pub(super) struct Links<'a> {
    articles: &'a Articles,
    resolved: RefCell<FastMap<&'a str, ArticleLink>>,
}

impl<'a> Links<'a> {
    pub fn new(articles: &'a Articles) -> Self {
        Links {
            articles,
            resolved: RefCell::new(FastMap::default()),
        }
    }

    /// The link for `reference`; one the registry does not know is shown as written (the
    /// rubric checker rejects those).
    pub fn get(&self, reference: &'a str) -> ArticleLink {
        self.resolved
            .borrow_mut()
            .entry(reference)
            .or_insert_with(|| {
                self.articles.link(reference).unwrap_or_else(|| {
                    ArticleLink::new(reference.to_string(), reference.to_string(), String::new())
                })
            })
            .clone()
    }
}
