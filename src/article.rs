//! The article registry: guidance articles that weak scores link to.
//!
//! Built-in articles come from `rubrics/articles.yaml`; `--articles DIR` adds or overrides
//! articles from Markdown files with YAML front matter (the file stem is the id, `##`
//! headings become sections). Links are written `article-id` or `article-id#section`.

use std::path::Path;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// One guidance article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleLink {
    /// The link as written in the rubric (`dual-tracks#separate-paths`).
    pub id: String,
    /// The article's title, with the section's after a dash when there is one.
    pub title: String,
    /// The address, with `#section` when there is one.
    pub url: String,
}

/// All known articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Articles {
    articles: IndexMap<String, Article>,
}

const BUILTIN_ARTICLES: &str = include_str!("../rubrics/articles.yaml");

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
        for a in list {
            articles.insert(a);
        }
        Ok(articles)
    }

    /// Adds an article, replacing one with the same id.
    pub fn insert(&mut self, article: Article) {
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
        let (id, section) = match reference.split_once('#') {
            Some((id, section)) => (id, Some(section)),
            None => (reference, None),
        };
        let article = self.get(id)?;
        Some(match section {
            None => ArticleLink {
                id: reference.to_string(),
                title: article.title.clone(),
                url: article.url.clone(),
            },
            Some(section) => ArticleLink {
                id: reference.to_string(),
                title: format!("{} — {}", article.title, article.sections.get(section)?),
                url: format!("{}#{}", article.url, section),
            },
        })
    }

    /// Adds or overrides articles from every `*.md` file in `dir`.
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let origin = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Diagnostics::from(Diagnostic::error(
                "articles-unreadable",
                Location::new(&origin, 1, 1),
                format!("cannot read the articles folder: {e}"),
            ))
        })?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.display().to_string();
            match std::fs::read_to_string(&path) {
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
                Err(e) => diagnostics.push(Diagnostic::error(
                    "article-unreadable",
                    Location::new(&name, 1, 1),
                    format!("cannot read the article: {e}"),
                )),
            }
        }
        diagnostics.into_result(())
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
                "article-front-matter",
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
