//! The article registry: guidance articles that weak scores link to.
//!
//! Built-in articles come from `rubrics/articles.yaml`; `--articles DIR` adds or overrides
//! articles from Markdown files with YAML front matter (the file stem is the id, `##`
//! headings become sections). Links are written `article-id` or `article-id#section`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::error::Error;

/// One guidance article.
///
/// ```
/// let articles = assess::Articles::builtin();
/// let article = articles.get("dual-tracks").unwrap();
/// assert!(article.url.starts_with("https://"));
/// assert!(!article.title.is_empty() && !article.summary.is_empty());
/// assert!(article.sections.contains_key("track-choice"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Article {
    /// Kebab-case id used in links.
    pub id: String,
    /// Title shown as the link text.
    pub title: String,
    /// Canonical address.
    pub url: String,
    /// One-sentence summary.
    #[serde(default)]
    pub summary: String,
    /// Section id -> section title; a link `id#section` lands on `url#section`.
    #[serde(default)]
    pub sections: IndexMap<String, String>,
}

/// A resolved link to an article (and maybe one of its sections), as reports show it.
///
/// ```
/// let link = assess::Articles::builtin().link("dual-tracks#track-choice").unwrap();
/// assert_eq!(link.id, "dual-tracks#track-choice");
/// assert!(link.url.ends_with("#track-choice"));
/// assert!(link.title.ends_with(" — Choosing a track by strengths and interests"));
/// ```
///
/// A link is shared, not copied: a report links many criteria to the same article, and each
/// copy of a link is a reference count, not three strings. Its fields read through it
/// (`link.url`); changing one (`&mut link.url`) changes this copy only.
#[derive(Clone, PartialEq, Eq)]
pub struct ArticleLink(Arc<LinkText>);

/// The text of an [`ArticleLink`], which the link's fields are read through.
///
/// ```
/// let link = assess::Articles::builtin().link("dual-tracks").unwrap();
/// let text: &assess::LinkText = &link;
/// assert_eq!(text.id, "dual-tracks");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LinkText {
    /// The link as written in the rubric (`dual-tracks#separate-paths`).
    pub id: String,
    /// The article's title, with the section's after a dash when there is one.
    pub title: String,
    /// The address, with `#section` when there is one.
    pub url: String,
}

impl ArticleLink {
    /// A link to `url` titled `title`, for the reference `id`.
    pub(crate) fn new(id: String, title: String, url: String) -> ArticleLink {
        ArticleLink(Arc::new(LinkText { id, title, url }))
    }
}

impl std::ops::Deref for ArticleLink {
    type Target = LinkText;

    fn deref(&self) -> &LinkText {
        &self.0
    }
}

impl std::ops::DerefMut for ArticleLink {
    /// Copies the text first when it is shared, so other copies keep theirs.
    fn deref_mut(&mut self) -> &mut LinkText {
        Arc::make_mut(&mut self.0)
    }
}

impl std::fmt::Debug for ArticleLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticleLink")
            .field("id", &self.id)
            .field("title", &self.title)
            .field("url", &self.url)
            .finish()
    }
}

impl Serialize for ArticleLink {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// All known articles: every link in a rubric resolves against these.
///
/// ```
/// let articles = assess::Articles::builtin();
/// let link = articles.link("dual-tracks#track-choice").unwrap();
/// assert!(link.url.starts_with("https://"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Articles {
    articles: IndexMap<String, Article>,
    /// Links already resolved: a batch resolves the same few references for every
    /// questionnaire, and building a section link formats its title and address.
    resolved: LinkCache,
}

/// The links [`Articles::link`] has resolved, by reference. Emptied whenever an article is
/// added or replaced. Not part of what the registry is: two registries with the same
/// articles are equal whatever either has resolved, and a copy starts empty.
#[derive(Default)]
struct LinkCache(std::sync::RwLock<HashMap<String, ArticleLink>>);

impl LinkCache {
    fn get(&self, reference: &str) -> Option<ArticleLink> {
        let map = self.0.read().unwrap_or_else(|e| e.into_inner());
        map.get(reference).cloned()
    }

    fn put(&self, reference: &str, link: &ArticleLink) {
        let mut map = self.0.write().unwrap_or_else(|e| e.into_inner());
        map.insert(reference.to_string(), link.clone());
    }

    fn clear(&mut self) {
        self.0.get_mut().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

impl Clone for LinkCache {
    fn clone(&self) -> Self {
        LinkCache::default()
    }
}

impl PartialEq for LinkCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for LinkCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkCache")
    }
}

const BUILTIN_ARTICLES: &str = include_str!("../../rubrics/articles.yaml");

impl Articles {
    /// The articles shipped with `assess`.
    pub fn builtin() -> Articles {
        Articles::from_yaml("<built-in>/rubrics/articles.yaml", BUILTIN_ARTICLES)
            .expect("the built-in article registry is valid (checked by tests)")
    }

    /// Parses a registry: a YAML list of articles.
    pub fn from_yaml(origin: &str, text: &str) -> Result<Articles, Diagnostics> {
        let list: Vec<Article> = serde_saphyr::from_str_with_options(
            text,
            serde_saphyr::options! { budget: Some(crate::yaml::budget()), with_snippet: false },
        )
        .map_err(|e| Diagnostics::from(crate::yaml::yaml_error(origin, text, &e)).finish(text))?;
        let mut articles = Articles::default();
        let mut diagnostics = Diagnostics::new();
        for a in list {
            if let Err(d) = check_url(origin, text, "url", &a.url, 0) {
                diagnostics.push(d);
            }
            articles.insert(a);
        }
        diagnostics.finish(text).into_result(articles)
    }

    /// Adds an article, replacing one with the same id.
    pub fn insert(&mut self, article: Article) {
        self.resolved.clear();
        self.articles.insert(article.id.clone(), article);
    }

    /// The article with this id.
    pub fn get(&self, id: &str) -> Option<&Article> {
        self.articles.get(id)
    }

    /// All articles, in registry order.
    pub fn iter(&self) -> impl Iterator<Item = &Article> {
        self.articles.values()
    }

    /// Resolves `id` or `id#section`; `None` when the article or section is unknown.
    pub fn link(&self, reference: &str) -> Option<ArticleLink> {
        if let Some(link) = self.resolved.get(reference) {
            return Some(link);
        }
        let link = self.resolve(reference)?;
        self.resolved.put(reference, &link);
        Some(link)
    }

    /// [`Articles::link`] without the cache.
    fn resolve(&self, reference: &str) -> Option<ArticleLink> {
        let (id, section) = match reference.split_once('#') {
            Some((id, section)) => (id, Some(section)),
            None => (reference, None),
        };
        let article = self.get(id)?;
        Some(match section {
            None => ArticleLink::new(
                reference.to_string(),
                article.title.clone(),
                article.url.clone(),
            ),
            Some(section) => ArticleLink::new(
                reference.to_string(),
                format!("{} — {}", article.title, article.sections.get(section)?),
                format!("{}#{}", article.url, section),
            ),
        })
    }

    /// Adds or overrides articles from every `*.md` file in `dir`. A folder or file that
    /// cannot be read stops at once ([`Error::ReadFolder`], [`Error::TooManyArticles`],
    /// [`Error::Read`]); problems inside the articles are all collected
    /// ([`Error::Diagnostics`]).
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), Error> {
        let mut diagnostics = Diagnostics::new();
        let entries = std::fs::read_dir(dir).map_err(|source| Error::ReadFolder {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        if paths.len() > crate::input::MAX_ARTICLES {
            return Err(Error::TooManyArticles {
                path: dir.to_path_buf(),
                count: paths.len(),
                limit: crate::input::MAX_ARTICLES,
            });
        }
        for path in paths {
            let name = path.display().to_string();
            match crate::input::read_to_string(&path, crate::input::InputKind::Article) {
                Ok(text) => match article_from_markdown(&name, &path, &text) {
                    Ok(mut a) => {
                        // Overriding an article keeps the section ids rubrics already link to.
                        if let Some(old) = self.get(&a.id) {
                            for (id, title) in &old.sections {
                                a.sections
                                    .entry(id.clone())
                                    .or_insert_with(|| title.clone());
                            }
                        }
                        self.insert(a)
                    }
                    Err(d) => diagnostics.extend(d),
                },
                // Text that is not UTF-8 is a located problem like any other in an article.
                Err(Error::Diagnostics(d)) => diagnostics.extend(d),
                Err(e) => return Err(e),
            }
        }
        Ok(diagnostics.into_result(())?)
    }
}

/// Front matter of an article file.
#[derive(Debug, Deserialize)]
struct FrontMatter {
    title: String,
    canonical_url: String,
    #[serde(default)]
    meta_description: String,
    // `dimension`, `tags`, `reading_time`, `seo_title`... are allowed and ignored.
}

fn article_from_markdown(origin: &str, path: &Path, text: &str) -> Result<Article, Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        Diagnostics::from(
            Diagnostic::error(
                Code::ArticleFrontMatter,
                Location::new(origin, 1, 1),
                "an article file starts with YAML front matter between two `---` lines",
            )
            .with_hint("add `---`, `title: ...`, `canonical_url: ...`, `---` at the top"),
        )
    };
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(missing)?;
    let end = rest.find("\n---").ok_or_else(missing)?;
    let front = &rest[..end + 1];
    let body = &rest[end + 4..];
    let fm: FrontMatter =
        serde_saphyr::from_str_with_options(front, serde_saphyr::options! { with_snippet: false })
            .map_err(|e| {
                let mut d = crate::yaml::yaml_error(origin, front, &e);
                d.location.line += 1; // the opening `---` line
                Diagnostics::from(d)
            })?;
    check_url(origin, front, "canonical_url", &fm.canonical_url, 1)
        .map_err(|d| Diagnostics::from(d).finish(text))?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sections = body
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|title| (slug(title), title.trim().to_string()))
        .collect();
    Ok(Article {
        id,
        title: fm.title,
        url: fm.canonical_url,
        summary: fm.meta_description,
        sections,
    })
}

/// Checks that an article address is a web address (`https://` or `http://` and a host), so a
/// report can never carry a `javascript:`, `data:` or `file:` link. The error points at the
/// `key:` line in `text`; `line_offset` counts lines before `text` in its file.
fn check_url(
    origin: &str,
    text: &str,
    key: &str,
    url: &str,
    line_offset: u32,
) -> Result<(), Diagnostic> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let ok = url == url.trim()
        && rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || is_format_char(c) || matches!(c, '<' | '>' | '"')
        });
    if ok {
        return Ok(());
    }
    let (line, column) = locate_value(text, key, url);
    let shown: String = url.chars().take(60).collect();
    Err(Diagnostic::error(
        Code::ArticleUrl,
        Location::new(origin, line + line_offset, column),
        format!("`{shown}` is not a web address; an article's `{key}` must start with https:// or http:// and name a host, with no spaces"),
    )
    .with_width(url.chars().count())
    .with_hint(format!("write the article's public address, e.g. `{key}: https://example.com/guides/dual-tracks`")))
}

/// Invisible formatting characters (bidirectional controls, zero-width characters) that have
/// no place in an address.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// The 1-based line and column of `key: value` in YAML `text` (of the value when found on the
/// line), or 1:1.
fn locate_value(text: &str, key: &str, value: &str) -> (u32, u32) {
    let probe: String = value.chars().take(20).collect();
    let mut first_key = None;
    for (i, line) in text.split('\n').enumerate() {
        let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
        if !trimmed.starts_with(&format!("{key}:")) {
            continue;
        }
        let key_col = line.chars().count() - trimmed.chars().count() + 1;
        if !probe.is_empty()
            && let Some(at) = line.find(&probe)
        {
            return (i as u32 + 1, line[..at].chars().count() as u32 + 1);
        }
        first_key.get_or_insert((i as u32 + 1, key_col as u32));
    }
    first_key.unwrap_or((1, 1))
}

/// A heading's anchor: lower case, words joined by hyphens.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_addresses_must_be_web_addresses() {
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<b>x</b>",
            "file:///etc/passwd",
            "https://",
            "//example.com",
            "https://exa mple.com",
            " https://example.com",
        ] {
            let text = format!("---\ntitle: x\ncanonical_url: \"{bad}\"\n---\n");
            let e = article_from_markdown("a.md", Path::new("a.md"), &text).unwrap_err();
            let d = e.iter().next().unwrap();
            assert_eq!(d.code, Code::ArticleUrl, "{bad}");
            assert_eq!((d.location.line, d.location.column), (3, 17), "{bad}");
        }
        let yaml = "- id: x\n  title: X\n  url: javascript:void(0)\n";
        let e = Articles::from_yaml("articles.yaml", yaml).unwrap_err();
        let d = e.iter().next().unwrap();
        assert_eq!(
            d.to_string().lines().next().unwrap(),
            "articles.yaml:3:8: error[article-url]: `javascript:void(0)` is not a web address; an article's `url` must start with https:// or http:// and name a host, with no spaces"
        );
        assert!(
            Articles::from_yaml(
                "ok.yaml",
                "- id: x\n  title: X\n  url: HTTP://example.com/a#b\n"
            )
            .is_ok()
        );
    }

    #[test]
    fn slugs_follow_headings() {
        assert_eq!(slug("Why This Matters"), "why-this-matters");
        assert_eq!(slug("IC/management: tracks!"), "ic-management-tracks");
    }

    #[test]
    fn markdown_articles_take_id_from_the_file_stem() {
        let text = "---\ntitle: \"Pay parity\"\ncanonical_url: https://example.com/pay\nmeta_description: Why pay matters\n---\n\n# Pay parity\n\n## Short Answer\n\nx\n";
        let a = article_from_markdown("x.md", Path::new("/a/pay-parity.md"), text).unwrap();
        assert_eq!(a.id, "pay-parity");
        assert_eq!(a.sections.get("short-answer").unwrap(), "Short Answer");
        let mut reg = Articles::default();
        reg.insert(a);
        assert_eq!(
            reg.link("pay-parity#short-answer").unwrap().url,
            "https://example.com/pay#short-answer"
        );
        assert!(reg.link("pay-parity#nope").is_none());
    }
}
