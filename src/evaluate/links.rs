//! Article links, resolved once per reference: a rubric links many criteria to the same
//! article (most criteria to their commitment's). Every later use of a reference shares the
//! resolved link (a reference count, no copy).

use std::cell::RefCell;

use crate::article::{ArticleLink, Articles};

/// The article links of one evaluation.
pub(super) struct Links<'a> {
    articles: &'a Articles,
    /// The references seen so far, with their links. A rubric has a handful of distinct
    /// references, so a scan beats hashing each one; a reference is usually the very string
    /// seen before (a commitment's article, shared by its criteria), so the address is
    /// compared before the text.
    resolved: RefCell<Vec<(&'a str, ArticleLink)>>,
}

impl<'a> Links<'a> {
    pub fn new(articles: &'a Articles) -> Self {
        Links {
            articles,
            resolved: RefCell::new(Vec::new()),
        }
    }

    /// The link for `reference`; one the registry does not know is shown as written (the
    /// rubric checker rejects those).
    pub fn get(&self, reference: &'a str) -> ArticleLink {
        let mut resolved = self.resolved.borrow_mut();
        if let Some((_, link)) = resolved
            .iter()
            .find(|(r, _)| std::ptr::eq(*r, reference) || *r == reference)
        {
            return link.clone();
        }
        let link = self.articles.link(reference).unwrap_or_else(|| {
            ArticleLink::new(reference.to_string(), reference.to_string(), String::new())
        });
        resolved.push((reference, link.clone()));
        link
    }
}
