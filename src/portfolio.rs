//! A batch over many questionnaires: finding the files, naming the outputs, scoring them on all
//! cores with output in input order, and the portfolio index (CSV, JSON, Markdown, HTML).
//!
//! Memory stays flat in the number of files: each worker holds one assessment at a time, rows
//! reach the index in input order through a bounded window, and the index is streamed to
//! temporary files that are renamed into place at the end. Only the summary (counts per band,
//! pattern and criterion) grows, and it is bounded by the rubric's size.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::assessment::{Assessment, Score};
use crate::catalog::Catalog;
use crate::compare::{self, Comparison};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::error::Error;
use crate::exact;
use crate::render::{self, Format, RenderOptions};
use crate::rubric::Rubric;
use crate::source::Source;

/// The base name of the index files (`portfolio.csv`, `.json`, `.md`, `.html`); no report takes it.
pub const INDEX_NAME: &str = "portfolio";

/// The questionnaires named by `paths`: files as given, folders searched recursively for
/// `*.yaml`, `*.yml`, `*.xlsx` and `*.xlsm` (hidden entries and Excel's `~$` lock files skipped;
/// see [`crate::source::is_questionnaire_file`]), each folder's files sorted by path, the same
/// file only once.
pub fn find_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        let mut found = Vec::new();
        if path.is_dir() {
            // Each folder's entries are visited in name order, which is the order of the
            // sorted paths, without comparing whole paths.
            walk(path, &mut found);
        } else {
            found.push((path.clone(), None));
        }
        for (f, key) in found {
            if seen.insert(key.unwrap_or_else(|| FileKey::of(&f))) {
                out.push(f);
            }
        }
    }
    out
}

/// What makes two paths the same file: on Unix the device and inode (one `stat`, where
/// resolving the path would cost a call per folder in it), elsewhere the resolved path; a
/// path that cannot be read is only the same as itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileKey {
    #[cfg(unix)]
    Inode(u64, u64),
    Path(PathBuf),
}

impl FileKey {
    fn of(path: &Path) -> FileKey {
        FileKey::existing(path).unwrap_or_else(|| FileKey::Path(path.to_path_buf()))
    }

    fn existing(path: &Path) -> Option<FileKey> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path)
                .ok()
                .map(|m| FileKey::Inode(m.dev(), m.ino()))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(FileKey::Path)
        }
    }

    /// The key of a file (not a link) listed in a folder on `device`: the listing gives its
    /// inode, so no `stat` is needed. `None` where that is not so (then [`FileKey::of`]).
    fn listed(entry: &std::fs::DirEntry, device: Option<u64>) -> Option<FileKey> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirEntryExt;
            device.map(|dev| FileKey::Inode(dev, entry.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = (entry, device);
            None
        }
    }
}

/// The device a folder is on, where the system tells it.
fn device_of(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir).ok().map(|m| m.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// The questionnaires under `dir`, in path order, each with its key when the listing tells it.
fn walk(dir: &Path, found: &mut Vec<(PathBuf, Option<FileKey>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let device = device_of(dir);
    let mut entries: Vec<_> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        // The entry's type comes with the listing; only a link needs a look at its target.
        let (is_dir, key) = match entry.file_type() {
            Ok(t) if t.is_symlink() => (path.is_dir(), None),
            Ok(t) => (t.is_dir(), FileKey::listed(&entry, device)),
            Err(_) => (path.is_dir(), None),
        };
        if is_dir {
            walk(&path, found);
        } else if crate::source::is_questionnaire_file(&path) {
            found.push((path, key));
        }
    }
}

/// One output name per input, from the file stem. Two inputs with the same stem (compared
/// without case, as some file systems do) are told apart by their parent folders
/// (`2025-acme`, `2026-acme`), then by a number; no name is the index's.
///
/// Repeats are found by sorting the inputs' indices by name, not with a set of lowercased
/// copies: an index and a flag a file beside the names themselves, where a batch of many files
/// used to peak (two hash tables of copies). Only when repeats remain after the folders (rare)
/// does [`number_repeats`] keep a set.
pub fn output_names(inputs: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = inputs.iter().map(|p| stem(p)).collect();
    let shared = repeated(&names);
    for ((name, path), shared) in names.iter_mut().zip(inputs).zip(shared) {
        if shared || is_index_name(name) {
            *name = with_parent(path);
        }
    }
    if repeated(&names).contains(&true) || names.iter().any(|n| is_index_name(n)) {
        number_repeats(&mut names);
    }
    names
}

/// A path's file stem, or `report` for a path without one.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into())
}

/// `folder-stem`: the stem with its parent folder's name before it, where there is one.
fn with_parent(path: &Path) -> String {
    match path.parent().and_then(Path::file_name) {
        Some(folder) => format!("{}-{}", folder.to_string_lossy(), stem(path)),
        None => stem(path),
    }
}

/// For each name, whether another name equals it without case.
fn repeated(names: &[String]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_unstable_by(|&a, &b| cmp_lowercase(&names[a], &names[b]));
    let mut repeated = vec![false; names.len()];
    for pair in order.windows(2) {
        if cmp_lowercase(&names[pair[0]], &names[pair[1]]).is_eq() {
            repeated[pair[0]] = true;
            repeated[pair[1]] = true;
        }
    }
    repeated
}

/// Whether a report name would be the index's (without case).
fn is_index_name(name: &str) -> bool {
    cmp_lowercase(name, INDEX_NAME).is_eq()
}

/// Names compared as their lowercase forms (`str::to_lowercase`) compare, without making them
/// when both are ASCII.
fn cmp_lowercase(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        a.to_lowercase().cmp(&b.to_lowercase())
    }
}

/// Every name after the first of its kind (without case), and any that is the index's, gets
/// the first free `-2`, `-3`, ...
fn number_repeats(names: &mut [String]) {
    let key = |s: &str| s.to_lowercase();
    let mut used: HashSet<String> = HashSet::new();
    used.insert(INDEX_NAME.into());
    for name in names {
        if !used.insert(key(name)) {
            let mut n = 2;
            while !used.insert(key(&format!("{name}-{n}"))) {
                n += 1;
            }
            *name = format!("{name}-{n}");
        }
    }
}

/// The file extension of a report format.
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Text => "txt",
        Format::Markdown => "md",
        Format::Html => "html",
        Format::Json => "json",
    }
}

/// Whether a file read without a problem, and scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowStatus {
    /// Scored; its reports were written.
    Ok,
    /// Something was wrong; see `problems`.
    Invalid,
}

/// The baseline columns of a row, when the batch has a baseline folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineCell {
    /// The baseline file matched by name.
    pub file: String,
    /// Its overall score.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub overall: Option<Decimal>,
    /// Its band.
    pub band: String,
    /// The overall change since.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub change: Option<Decimal>,
    /// The change split: the organisation's part, when the split could be made.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub organisation_change: Option<Decimal>,
    /// The rubric's part, when the split could be made.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub rubric_change: Option<Decimal>,
}

/// One organisation in the portfolio index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexRow {
    /// The questionnaire, as named on the command line or found in a folder.
    pub file: String,
    /// The name its reports have in the output folder (without extension).
    pub report: String,
    /// Scored, or invalid.
    pub status: RowStatus,
    /// The organisation's name.
    pub organization: Option<String>,
    /// When the answers were collected.
    pub assessed_on: Option<String>,
    /// `id@version` of the rubric used.
    pub rubric: Option<String>,
    /// Overall score.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub overall: Option<Decimal>,
    /// Overall band.
    pub band: Option<String>,
    /// Overall coverage, percent.
    #[serde(serialize_with = "exact::one_dp_opt")]
    pub coverage: Option<Decimal>,
    /// Each commitment's score, by commitment id (columns of every rubric in the run).
    #[serde(serialize_with = "commitment_scores")]
    pub commitments: IndexMap<String, Option<Decimal>>,
    /// Failure patterns triggered.
    pub patterns_triggered: Vec<String>,
    /// Failure patterns that cap the overall score.
    pub capped_by: Vec<String>,
    /// Criteria scored weak.
    pub weak_criteria: Vec<String>,
    /// The baseline, when the batch has a baseline folder and one matched.
    pub baseline: Option<BaselineCell>,
    /// What was wrong, one `file:line:column: message` each.
    pub problems: Vec<String>,
    /// The problems in full (with source line and hint), for standard error.
    #[serde(skip)]
    pub diagnostics: Diagnostics,
}

fn commitment_scores<S: serde::Serializer>(
    map: &IndexMap<String, Option<Decimal>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(map.len()))?;
    for (k, v) in map {
        m.serialize_entry(k, &v.map(|d| exact::round(d, 1)))?;
    }
    m.end()
}

/// The columns of the index: every commitment of every rubric the run may use, and the titles
/// the summary names.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// Commitment ids and titles, in rubric order.
    pub commitments: Vec<(String, String)>,
    /// Band ids in ascending order.
    pub bands: Vec<String>,
    titles: HashMap<String, String>,
}

impl Columns {
    /// The columns for `rubrics`, in order, duplicates once.
    pub fn new<'r>(rubrics: impl IntoIterator<Item = &'r Rubric>) -> Columns {
        let mut c = Columns::default();
        for r in rubrics {
            for m in &r.commitments {
                if !c.commitments.iter().any(|(id, _)| *id == m.id) {
                    c.commitments.push((m.id.to_string(), m.title.to_string()));
                }
            }
            for b in &r.bands {
                if !c.bands.contains(&b.id) {
                    c.bands.push(b.id.clone());
                }
            }
            for p in &r.failure_patterns {
                c.titles
                    .entry(p.id.to_string())
                    .or_insert(p.title.to_string());
            }
            for (_, k) in r.criteria() {
                c.titles
                    .entry(k.id.to_string())
                    .or_insert(k.prompt.to_string());
            }
        }
        c
    }

    fn title<'a>(&'a self, id: &'a str) -> &'a str {
        self.titles.get(id).map_or(id, String::as_str)
    }
}

impl IndexRow {
    /// The row of a scored questionnaire.
    pub fn scored(
        file: &str,
        report: &str,
        a: &Assessment,
        columns: &Columns,
        comparison: Option<&Comparison>,
    ) -> IndexRow {
        IndexRow {
            file: file.to_string(),
            report: report.to_string(),
            status: RowStatus::Ok,
            organization: a.organization.get("name").and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            }),
            assessed_on: a.assessed_on.clone(),
            rubric: Some(format!("{}@{}", a.rubric.id, a.rubric.version)),
            overall: a.overall.score.map(Score::value),
            band: Some(a.overall.band.to_string()),
            coverage: Some(a.overall.coverage),
            commitments: columns
                .commitments
                .iter()
                .map(|(id, _)| {
                    let score = a
                        .commitments
                        .iter()
                        .find(|c| c.id == *id)
                        .and_then(|c| c.score)
                        .map(Score::value);
                    (id.clone(), score)
                })
                .collect(),
            patterns_triggered: a.triggered().map(|p| p.id.to_string()).collect(),
            capped_by: a
                .overall
                .capped_by
                .iter()
                .map(ToString::to_string)
                .collect(),
            weak_criteria: a.weak_criteria().map(|(_, k)| k.id.to_string()).collect(),
            baseline: comparison.map(|c| BaselineCell {
                file: c.baseline.file.clone(),
                overall: c.baseline.overall.score,
                band: c.baseline.overall.band.clone(),
                change: c.changes.overall.change,
                organisation_change: c
                    .changes
                    .rubric
                    .split
                    .as_ref()
                    .and_then(|s| s.overall.organisation),
                rubric_change: c
                    .changes
                    .rubric
                    .split
                    .as_ref()
                    .and_then(|s| s.overall.rubric),
            }),
            problems: Vec::new(),
            diagnostics: Diagnostics::new(),
        }
    }

    /// The row of a file that could not be scored.
    pub fn invalid(file: &str, report: &str, columns: &Columns, problems: Diagnostics) -> IndexRow {
        IndexRow {
            file: file.to_string(),
            report: report.to_string(),
            status: RowStatus::Invalid,
            organization: None,
            assessed_on: None,
            rubric: None,
            overall: None,
            band: None,
            coverage: None,
            commitments: columns
                .commitments
                .iter()
                .map(|(id, _)| (id.clone(), None))
                .collect(),
            patterns_triggered: Vec::new(),
            capped_by: Vec::new(),
            weak_criteria: Vec::new(),
            baseline: None,
            problems: problems
                .iter()
                .map(|d| format!("{}: {}", d.location, d.message))
                .collect(),
            diagnostics: problems,
        }
    }
}

/// Portfolio-wide counts: how many in each band, how often each pattern, the commonest weak
/// criteria.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Files in the batch.
    pub organizations: usize,
    /// Files scored.
    pub scored: usize,
    /// Files that could not be scored.
    pub invalid: usize,
    /// Organisations per overall band, bands in ascending order.
    pub bands: IndexMap<String, usize>,
    /// How many organisations trigger each failure pattern, most frequent first.
    pub patterns: Vec<Count>,
    /// The criteria most often weak (at most ten), most frequent first.
    pub weak_criteria: Vec<Count>,
}

/// An id, what it is called, and how many organisations have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    /// Pattern or criterion id.
    pub id: String,
    /// Its title or prompt.
    pub title: String,
    /// Organisations.
    pub count: usize,
}

/// Accumulates a [`Summary`] row by row.
#[derive(Debug, Default)]
struct Tally {
    rows: usize,
    invalid: usize,
    bands: HashMap<String, usize>,
    patterns: HashMap<String, usize>,
    weak: HashMap<String, usize>,
}

impl Tally {
    fn add(&mut self, row: &IndexRow) {
        self.rows += 1;
        if row.status == RowStatus::Invalid {
            self.invalid += 1;
            return;
        }
        fn count(map: &mut HashMap<String, usize>, key: &str) {
            match map.get_mut(key) {
                Some(n) => *n += 1,
                None => {
                    map.insert(key.to_string(), 1);
                }
            }
        }
        if let Some(b) = &row.band {
            count(&mut self.bands, b);
        }
        for p in &row.patterns_triggered {
            count(&mut self.patterns, p);
        }
        for k in &row.weak_criteria {
            count(&mut self.weak, k);
        }
    }

    /// Adds the counts of rows tallied elsewhere (by a worker).
    fn merge(&mut self, other: Tally) {
        self.rows += other.rows;
        self.invalid += other.invalid;
        for (mine, theirs) in [
            (&mut self.bands, other.bands),
            (&mut self.patterns, other.patterns),
            (&mut self.weak, other.weak),
        ] {
            for (key, n) in theirs {
                *mine.entry(key).or_default() += n;
            }
        }
    }

    fn summary(&self, columns: &Columns) -> Summary {
        let mut bands = IndexMap::new();
        for b in columns
            .bands
            .iter()
            .cloned()
            .chain(["insufficient-evidence".to_string()])
        {
            bands.insert(b.clone(), self.bands.get(&b).copied().unwrap_or(0));
        }
        let mut others: Vec<_> = self
            .bands
            .iter()
            .filter(|(b, _)| !bands.contains_key(*b))
            .collect();
        others.sort();
        for (b, n) in others {
            bands.insert(b.clone(), *n);
        }
        let ranked = |m: &HashMap<String, usize>, limit: usize| {
            let mut v: Vec<Count> = m
                .iter()
                .map(|(id, n)| Count {
                    id: id.clone(),
                    title: columns.title(id).to_string(),
                    count: *n,
                })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
            v.truncate(limit);
            v
        };
        Summary {
            organizations: self.rows,
            scored: self.rows - self.invalid,
            invalid: self.invalid,
            bands,
            patterns: ranked(&self.patterns, usize::MAX),
            weak_criteria: ranked(&self.weak, 10),
        }
    }
}

/// A batch: what to read, what to write, with which rubric and options.
pub struct Batch<'a> {
    /// Rubrics and articles.
    pub catalog: &'a Catalog,
    /// `--rubric`: used for every file instead of the one it names.
    pub rubric: Option<&'a Rubric>,
    /// Report formats, one file each per organisation; none with `index_only`.
    pub formats: Vec<Format>,
    /// Branding for the reports.
    pub options: &'a RenderOptions,
    /// Where reports and the index go.
    pub out_dir: PathBuf,
    /// A folder of baselines matched by file name (`acme.yaml`, else `acme.json`).
    pub baseline_dir: Option<PathBuf>,
    /// The rubric the baselines were answered for, when it is not the current one.
    pub baseline_rubric: Option<&'a Rubric>,
    /// Worker threads (at least one).
    pub threads: usize,
    /// Reads one YAML or JSON input file as text (the CLI's decoding, with its messages);
    /// workbooks are read as bytes.
    pub read: &'a (dyn Fn(&Path) -> Result<String, Diagnostic> + Sync),
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The counts the index shows.
    pub summary: Summary,
    /// The index files written.
    pub index_files: Vec<PathBuf>,
}

impl Batch<'_> {
    /// Scores every input on `threads` workers, writes each report and the index, and calls
    /// `each` with every row's status and problems in input order (for progress and for
    /// printing problems).
    /// Errors only for what stops the whole batch: an output that would replace an input, or
    /// an index that cannot be written.
    pub fn run(
        &self,
        inputs: &[PathBuf],
        each: &mut dyn FnMut(RowStatus, &Diagnostics),
    ) -> Result<Outcome, Diagnostics> {
        let names = output_names(inputs);
        // With `--rubric` every file is scored with it; otherwise any built-in rubric may be named.
        let columns = match self.rubric {
            Some(r) => Columns::new([r]),
            None => Columns::new(self.catalog.rubrics()),
        };
        self.refuse_overwriting_inputs(inputs, &names)?;
        std::fs::create_dir_all(&self.out_dir).map_err(|e| {
            write_problem(
                &self.out_dir,
                &format!("cannot create the output folder: {e}"),
            )
        })?;
        let baseline = self.baseline_dir.is_some();
        let mut index = IndexWriter::new(&self.out_dir, &columns, baseline)?;
        // The HTML index links each organisation to its HTML report, when there is one.
        let link_reports = self.formats.contains(&Format::Html);
        let mut tally = Tally::default();
        let mut failure: Option<Diagnostics> = None;
        ordered_parallel(
            inputs.len(),
            self.threads.max(1),
            &|files: Range<usize>| {
                // Everything per file happens here, on all cores: scoring, the index lines in
                // every format and the counts. The writer below only appends bytes.
                let mut done = Finished::default();
                for i in files {
                    let row = self.one_caught(&inputs[i], &names[i], &columns);
                    done.add(row, i == 0, baseline, link_reports);
                }
                done
            },
            &mut |done: Finished| {
                tally.merge(done.tally);
                if failure.is_none() {
                    let written = match &done.problem {
                        Some(e) => Err(write_problem(&self.out_dir, e)),
                        None => index.append(&done.lines),
                    };
                    if let Err(e) = written {
                        failure = Some(e);
                    }
                }
                for (status, diagnostics) in &done.rows {
                    each(*status, diagnostics);
                }
            },
        );
        if let Some(e) = failure {
            return Err(e);
        }
        let summary = tally.summary(&columns);
        let index_files = index.finish(&summary)?;
        Ok(Outcome {
            summary,
            index_files,
        })
    }

    fn refuse_overwriting_inputs(
        &self,
        inputs: &[PathBuf],
        names: &[String],
    ) -> Result<(), Diagnostics> {
        let mut outputs: Vec<PathBuf> = ["csv", "json", "md", "html"]
            .iter()
            .map(|e| self.out_dir.join(format!("{INDEX_NAME}.{e}")))
            .collect();
        for name in names {
            for f in &self.formats {
                outputs.push(self.out_dir.join(format!("{name}.{}", extension(*f))));
            }
        }
        // Only outputs that exist already can be inputs; usually there are none.
        let existing: Vec<(PathBuf, FileKey)> = outputs
            .into_iter()
            .filter_map(|out| FileKey::existing(&out).map(|k| (out, k)))
            .collect();
        if existing.is_empty() {
            return Ok(());
        }
        // Inputs and the baselines they will be compared with.
        let taken: HashSet<FileKey> = inputs
            .iter()
            .cloned()
            .chain(inputs.iter().filter_map(|p| self.baseline_for(p)))
            .filter_map(|p| FileKey::existing(&p))
            .collect();
        for (out, key) in existing {
            if taken.contains(&key) {
                return Err(write_problem(
                    &out,
                    "this output would replace one of the batch's input or baseline files; choose another -o folder (nothing was written)",
                ));
            }
        }
        Ok(())
    }

    /// [`Batch::one`], where a bug met by one file becomes that file's problem instead of
    /// losing the others' work.
    fn one_caught(&self, path: &Path, name: &str, columns: &Columns) -> IndexRow {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.one(path, name, columns)
        }))
        .unwrap_or_else(|_| {
            let file = path.display().to_string();
            IndexRow::invalid(
                &file,
                name,
                columns,
                Diagnostics::from(Diagnostic::error(
                    Code::InternalError,
                    Location::whole_file(&file),
                    "assess failed on this file (a bug: please report it with the file)",
                )),
            )
        })
    }

    fn one(&self, path: &Path, name: &str, columns: &Columns) -> IndexRow {
        let file = path.display().to_string();
        let invalid = |d: Diagnostics| IndexRow::invalid(&file, name, columns, d);
        let source = match Source::read_with(path, self.read) {
            Ok(s) => s,
            Err(d) => return invalid(d.into()),
        };
        let (rubric, q) = match source.load(self.catalog, &file, self.rubric) {
            Ok(x) => x,
            Err(d) => return invalid(d),
        };
        drop(source);
        // The index lists scores only: without reports or a baseline, the advice would be
        // worked out for nobody.
        let assessment = if self.formats.is_empty() && self.baseline_dir.is_none() {
            crate::evaluate::evaluate_scores(&rubric, &q, &self.catalog.articles)
        } else {
            match crate::evaluate(&rubric, &q, &self.catalog.articles) {
                Ok(a) => a,
                Err(e) => return invalid(e.into_diagnostics()),
            }
        };
        let comparison = match self.baseline_for(path) {
            None => None,
            Some(base) => {
                let origin = base.display().to_string();
                let compared = Source::read_with(&base, self.read)
                    .map_err(Diagnostics::from)
                    .and_then(|baseline| {
                        compare::compare(
                            self.catalog,
                            &origin,
                            &baseline,
                            self.baseline_rubric.or(self.rubric),
                            &rubric,
                            &assessment,
                        )
                        .map_err(Error::into_diagnostics)
                    });
                match compared {
                    Ok(c) => Some(c),
                    Err(d) => return invalid(d),
                }
            }
        };
        for format in &self.formats {
            let rendered = match &comparison {
                Some(c) => render::render_compared(&assessment, c, *format, self.options),
                None => render::render(&assessment, *format, self.options),
            };
            let out = self.out_dir.join(format!("{name}.{}", extension(*format)));
            let written = rendered.map_err(Error::into_diagnostics).and_then(|text| {
                write_atomically(&out, text.as_bytes())
                    .map_err(|e| write_problem(&out, &format!("cannot write the report: {e}")))
            });
            if let Err(d) = written {
                return invalid(d);
            }
        }
        IndexRow::scored(&file, name, &assessment, columns, comparison.as_ref())
    }

    /// The baseline of `input`: a file of the same name in the baseline folder, else one with
    /// the same stem and `.yaml`, `.yml`, `.xlsx` or `.json`.
    fn baseline_for(&self, input: &Path) -> Option<PathBuf> {
        let dir = self.baseline_dir.as_ref()?;
        let same = input.file_name().map(|n| dir.join(n));
        let stem = input.file_stem()?.to_string_lossy().into_owned();
        same.into_iter()
            .chain(
                ["yaml", "yml", "xlsx", "json"]
                    .iter()
                    .map(|e| dir.join(format!("{stem}.{e}"))),
            )
            .find(|p| p.is_file())
    }
}

fn write_problem(path: &Path, message: &str) -> Diagnostics {
    Diagnostics::from(Diagnostic::error(
        Code::CannotWrite,
        Location::whole_file(&path.display().to_string()),
        message,
    ))
}

/// Runs `work` over `0..n` in runs of consecutive items on `threads` workers and hands each
/// run's result to `sink` in order. A worker takes a run of a few items at a time (fewer
/// hand-offs, fewer wake-ups of the sink), and at most a bounded window of finished runs waits
/// for a slow one, so memory does not grow with `n`. With one thread everything runs here, in
/// order, without a hand-off.
pub fn ordered_parallel<T: Send>(
    n: usize,
    threads: usize,
    work: &(dyn Fn(Range<usize>) -> T + Sync),
    sink: &mut dyn FnMut(T),
) {
    let threads = threads.min(n);
    // Enough runs per worker that the last ones finish together, at most 16 items each.
    let chunk = (n / (threads.max(1) * 8)).clamp(1, 16);
    let chunks = n.div_ceil(chunk);
    let items = |c: usize| c * chunk..((c + 1) * chunk).min(n);
    if threads <= 1 {
        for c in 0..chunks {
            sink(work(items(c)));
        }
        return;
    }
    let window = threads * 4 + 4;
    let next = AtomicUsize::new(0);
    let emitted = Mutex::new(0usize);
    let advanced = Condvar::new();
    let (tx, rx) = mpsc::sync_channel::<(usize, T)>(window);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, emitted, advanced) = (&next, &emitted, &advanced);
            scope.spawn(move || {
                loop {
                    let c = next.fetch_add(1, Ordering::Relaxed);
                    if c >= chunks {
                        break;
                    }
                    {
                        let mut done = emitted.lock().unwrap_or_else(|e| e.into_inner());
                        while c >= *done + window {
                            done = advanced.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    if tx.send((c, work(items(c)))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut expected = 0;
        for (c, result) in rx {
            pending.insert(c, result);
            let before = expected;
            while let Some(result) = pending.remove(&expected) {
                sink(result);
                expected += 1;
            }
            if expected != before {
                *emitted.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                advanced.notify_all();
            }
        }
    });
}

/// Writes through a temporary file in the same folder, then renames it into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = temp_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn temp_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".assess-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}

/// Streams rows into the four index formats. The summary comes first in JSON, Markdown and
/// HTML, so rows wait in temporary files until it is known.
struct IndexWriter<'c> {
    dir: PathBuf,
    columns: &'c Columns,
    baseline: bool,
    csv: BufWriter<tempfile::NamedTempFile>,
    json: BufWriter<tempfile::NamedTempFile>,
    md: BufWriter<tempfile::NamedTempFile>,
    html: BufWriter<tempfile::NamedTempFile>,
}

impl<'c> IndexWriter<'c> {
    fn new(dir: &Path, columns: &'c Columns, baseline: bool) -> Result<Self, Diagnostics> {
        let temp = || {
            temp_in(dir)
                .map(BufWriter::new)
                .map_err(|e| write_problem(dir, &format!("cannot write the index: {e}")))
        };
        let mut csv = temp()?;
        let mut line = Vec::new();
        let mut header = CsvRecord::new(&mut line);
        for name in [
            "file",
            "report",
            "status",
            "organization",
            "assessed_on",
            "rubric",
            "overall",
            "band",
            "coverage",
        ] {
            header.field(name);
        }
        for (id, _) in &columns.commitments {
            header.field(id);
        }
        for name in ["patterns_triggered", "capped_by", "weak_criteria"] {
            header.field(name);
        }
        if baseline {
            for name in [
                "baseline",
                "baseline_overall",
                "baseline_band",
                "change",
                "organisation_change",
                "rubric_change",
            ] {
                header.field(name);
            }
        }
        header.field("problems");
        header.end();
        csv.write_all(&line)
            .map_err(|e| write_problem(dir, &format!("cannot write the index: {e}")))?;
        let w = IndexWriter {
            dir: dir.to_path_buf(),
            columns,
            baseline,
            csv,
            json: temp()?,
            md: temp()?,
            html: temp()?,
        };
        Ok(w)
    }

    /// Appends a run of rows, formatted by a worker.
    fn append(&mut self, lines: &IndexLines) -> Result<(), Diagnostics> {
        let written = self
            .csv
            .write_all(&lines.csv)
            .and_then(|()| self.json.write_all(&lines.json))
            .and_then(|()| self.md.write_all(lines.md.as_bytes()))
            .and_then(|()| self.html.write_all(lines.html.as_bytes()));
        written.map_err(|e| write_problem(&self.dir, &format!("cannot write the index: {e}")))
    }

    /// Puts the summary before the rows and the four files in place. Each file is finished on
    /// its own thread: most of the time goes to waiting for the disk (`fsync`), and four waits
    /// side by side take little longer than one.
    fn finish(self, summary: &Summary) -> Result<Vec<PathBuf>, Diagnostics> {
        let IndexWriter {
            dir,
            columns,
            baseline,
            csv,
            json,
            md,
            html,
        } = self;
        let path = |ext: &str| dir.join(format!("{INDEX_NAME}.{ext}"));
        let paths = [path("csv"), path("json"), path("md"), path("html")];
        let results: [io::Result<()>; 4] = std::thread::scope(|scope| {
            let csv = scope.spawn(|| persist(csv, &paths[0]));
            let json = scope.spawn(|| {
                let head = serde_json::json!({
                    "schema_version": 1,
                    "tool": concat!("assess ", env!("CARGO_PKG_VERSION")),
                    "commitments": columns.commitments.iter().map(|(id, title)| serde_json::json!({"id": id, "title": title})).collect::<Vec<_>>(),
                    "summary": summary,
                });
                let head = serde_json::to_string_pretty(&head)?;
                // The object's closing brace makes way for the streamed rows.
                let head = head.trim_end().trim_end_matches('}').trim_end();
                let head = format!("{head},\n  \"organizations\": [\n");
                write_index(&dir, &head, json, "\n  ]\n}\n", &paths[1])
            });
            let md = scope.spawn(|| {
                let head = markdown_head(summary, columns, baseline);
                write_index(&dir, &head, md, "", &paths[2])
            });
            let html = scope.spawn(|| {
                let head = html_head(summary, columns, baseline);
                let tail = "</tbody>\n</table>\n</div>\n</body>\n</html>\n";
                write_index(&dir, &head, html, tail, &paths[3])
            });
            [csv, json, md, html].map(|t| {
                t.join()
                    .unwrap_or_else(|_| Err(io::Error::other("a thread writing the index failed")))
            })
        });
        for result in results {
            result.map_err(|e| write_problem(&dir, &format!("cannot write the index: {e}")))?;
        }
        Ok(paths.to_vec())
    }
}

/// Writes an index file: `head`, the rows waiting in `rows`, `tail`; then puts it in place.
fn write_index(
    dir: &Path,
    head: &str,
    rows: BufWriter<tempfile::NamedTempFile>,
    tail: &str,
    path: &Path,
) -> io::Result<()> {
    let mut out = BufWriter::new(temp_in(dir)?);
    out.write_all(head.as_bytes())?;
    append(&mut out, rows)?;
    out.write_all(tail.as_bytes())?;
    persist(out, path)
}

/// What a worker hands the index writer for a run of consecutive files: their index lines in
/// every format, their counts, and each file's status and problems for the caller.
#[derive(Default)]
struct Finished {
    lines: IndexLines,
    tally: Tally,
    rows: Vec<(RowStatus, Diagnostics)>,
    /// A row that could not be written as JSON (stops the index, as a write error would).
    problem: Option<String>,
}

impl Finished {
    fn add(&mut self, row: IndexRow, first: bool, baseline: bool, link_reports: bool) {
        self.tally.add(&row);
        if self.problem.is_none()
            && let Err(e) = self.lines.push(&row, first, baseline, link_reports)
        {
            self.problem = Some(format!("cannot write the index: {e}"));
        }
        self.rows.push((row.status, row.diagnostics));
    }
}

/// Rows of the index in each of its formats, ready to append.
#[derive(Default)]
struct IndexLines {
    csv: Vec<u8>,
    json: Vec<u8>,
    md: String,
    html: String,
}

/// A row's numbers as the CSV, Markdown and HTML lines show them (rounded once, not per format).
struct Shown {
    overall: Option<String>,
    coverage: Option<String>,
    commitments: Vec<Option<String>>,
}

impl Shown {
    fn of(row: &IndexRow) -> Shown {
        Shown {
            overall: row.overall.map(exact::one_decimal),
            coverage: row.coverage.map(exact::one_decimal),
            commitments: row
                .commitments
                .values()
                .map(|s| s.map(exact::one_decimal))
                .collect(),
        }
    }
}

impl IndexLines {
    /// Appends `row` in every format; `first` is the index's first row (no JSON separator).
    fn push(
        &mut self,
        row: &IndexRow,
        first: bool,
        baseline: bool,
        link_reports: bool,
    ) -> Result<(), serde_json::Error> {
        let shown = Shown::of(row);
        self.push_csv(row, &shown, baseline);
        if !first {
            self.json.extend_from_slice(b",\n");
        }
        self.json.extend_from_slice(b"    ");
        serde_json::to_writer(&mut self.json, row)?;
        push_markdown_row(&mut self.md, row, &shown, baseline);
        self.md.push('\n');
        push_html_row(&mut self.html, row, &shown, baseline, link_reports);
        self.html.push('\n');
        Ok(())
    }

    fn push_csv(&mut self, row: &IndexRow, shown: &Shown, baseline: bool) {
        let score = |d: Option<Decimal>| d.map(exact::one_decimal).unwrap_or_default();
        let mut record = CsvRecord::new(&mut self.csv);
        record.field(&row.file);
        record.field(if row.status == RowStatus::Ok {
            &row.report
        } else {
            ""
        });
        record.field(match row.status {
            RowStatus::Ok => "ok",
            RowStatus::Invalid => "invalid",
        });
        record.field(opt(&row.organization));
        record.field(opt(&row.assessed_on));
        record.field(opt(&row.rubric));
        record.field(opt(&shown.overall));
        record.field(opt(&row.band));
        record.field(opt(&shown.coverage));
        for score in &shown.commitments {
            record.field(opt(score));
        }
        record.field(&row.patterns_triggered.join(";"));
        record.field(&row.capped_by.join(";"));
        record.field(&row.weak_criteria.join(";"));
        if baseline {
            let b = row.baseline.as_ref();
            record.field(b.map_or("", |b| &b.file));
            record.field(&score(b.and_then(|b| b.overall)));
            record.field(b.map_or("", |b| &b.band));
            record.field(&score(b.and_then(|b| b.change)));
            record.field(&score(b.and_then(|b| b.organisation_change)));
            record.field(&score(b.and_then(|b| b.rubric_change)));
        }
        record.field(&row.problems.join("\n"));
        record.end();
    }
}

/// One CSV record being written, quoted as the `csv` crate quotes by default (a field is
/// quoted when it holds a comma, a quote or a line break; quotes inside are doubled).
struct CsvRecord<'a> {
    out: &'a mut Vec<u8>,
    started: bool,
}

impl<'a> CsvRecord<'a> {
    fn new(out: &'a mut Vec<u8>) -> Self {
        CsvRecord {
            out,
            started: false,
        }
    }

    fn field(&mut self, text: &str) {
        if self.started {
            self.out.push(b',');
        }
        self.started = true;
        if !text
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        {
            self.out.extend_from_slice(text.as_bytes());
            return;
        }
        self.out.push(b'"');
        for b in text.bytes() {
            if b == b'"' {
                self.out.push(b'"');
            }
            self.out.push(b);
        }
        self.out.push(b'"');
    }

    fn end(self) {
        self.out.push(b'\n');
    }
}

fn append(
    to: &mut BufWriter<tempfile::NamedTempFile>,
    from: BufWriter<tempfile::NamedTempFile>,
) -> io::Result<()> {
    let mut from = from.into_inner().map_err(|e| e.into_error())?;
    io::Seek::rewind(from.as_file_mut())?;
    // File to file, so the kernel copies without a pass through this process.
    to.flush()?;
    io::copy(from.as_file_mut(), to.get_mut().as_file_mut())?;
    Ok(())
}

fn persist(w: BufWriter<tempfile::NamedTempFile>, path: &Path) -> io::Result<()> {
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Free text made inert for Markdown (the reports' own escaping): no markup, no broken table,
/// control and bidirectional characters shown as `<U+XXXX>`.
fn md(text: &str) -> String {
    crate::render::markdown_escape(text)
}

/// Free text for HTML: escaped, with control and bidirectional characters shown as
/// `<U+XXXX>` so a name cannot reorder the numbers beside it.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_html(&mut out, text);
    out
}

/// [`html`], appended to `out`.
fn push_html(out: &mut String, text: &str) {
    let text = crate::render::show_controls(text);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn num(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), exact::one_decimal)
}

fn signed(d: Option<Decimal>) -> String {
    match d.map(|d| exact::round(d, 1)) {
        Some(d) if d.is_zero() => "±0.0".into(),
        Some(d) if d > Decimal::ZERO => format!("+{}", exact::one_decimal(d)),
        Some(d) => exact::one_decimal(d),
        None => "—".into(),
    }
}

fn band_name(b: &str) -> String {
    b.replace('-', " ")
}

fn markdown_head(summary: &Summary, columns: &Columns, baseline: bool) -> String {
    let mut s = String::from("# Portfolio\n\n");
    s.push_str(&format!(
        "{} organisation{}: {} scored, {} could not be read or scored.\n\n",
        summary.organizations,
        if summary.organizations == 1 { "" } else { "s" },
        summary.scored,
        summary.invalid
    ));
    s.push_str("| Band | Organisations |\n|---|---:|\n");
    for (b, n) in &summary.bands {
        s.push_str(&format!("| {} | {n} |\n", band_name(b)));
    }
    s.push_str("\n## Failure patterns\n\n");
    if summary.patterns.is_empty() {
        s.push_str("No failure pattern is triggered in any organisation.\n");
    } else {
        s.push_str("| Failure pattern | Organisations |\n|---|---:|\n");
        for p in &summary.patterns {
            s.push_str(&format!(
                "| {} (`{}`) | {} |\n",
                md(&p.title),
                p.id,
                p.count
            ));
        }
    }
    s.push_str("\n## Most common weak criteria\n\n");
    if summary.weak_criteria.is_empty() {
        s.push_str("No criterion is weak in any organisation.\n");
    } else {
        s.push_str("| Criterion | Organisations |\n|---|---:|\n");
        for k in &summary.weak_criteria {
            s.push_str(&format!("| `{}` {} | {} |\n", k.id, md(&k.title), k.count));
        }
    }
    s.push_str(
        "\n## Organisations\n\n| File | Organisation | Assessed | Overall | Band | Coverage |",
    );
    for (_, title) in &columns.commitments {
        s.push_str(&format!(" {} |", md(title)));
    }
    s.push_str(" Patterns triggered | Capped by |");
    if baseline {
        s.push_str(" Baseline | Change |");
    }
    s.push_str(" Problems |\n|---|---|---|---:|---|---:|");
    for _ in &columns.commitments {
        s.push_str("---:|");
    }
    s.push_str("---|---|");
    if baseline {
        s.push_str("---:|---:|");
    }
    s.push_str("---|\n");
    s
}

/// A row of the Markdown table, without its line break.
fn push_markdown_row(s: &mut String, row: &IndexRow, shown: &Shown, baseline: bool) {
    for cell in [&row.file, opt(&row.organization), opt(&row.assessed_on)] {
        s.push_str("| ");
        s.push_str(&md(cell));
        s.push(' ');
    }
    s.push_str("| ");
    s.push_str(shown_num(&shown.overall));
    s.push_str(" | ");
    s.push_str(&row.band.as_deref().map(band_name).unwrap_or_default());
    s.push_str(" | ");
    if let Some(c) = &shown.coverage {
        s.push_str(c);
        s.push('%');
    }
    s.push_str(" |");
    for score in &shown.commitments {
        s.push(' ');
        s.push_str(shown_num(score));
        s.push_str(" |");
    }
    s.push(' ');
    s.push_str(&row.patterns_triggered.join(", "));
    s.push_str(" | ");
    s.push_str(&row.capped_by.join(", "));
    s.push_str(" |");
    if baseline {
        let b = row.baseline.as_ref();
        s.push(' ');
        s.push_str(&num(b.and_then(|b| b.overall)));
        s.push_str(" | ");
        s.push_str(&signed(b.and_then(|b| b.change)));
        s.push_str(" |");
    }
    s.push(' ');
    for (i, p) in row.problems.iter().enumerate() {
        if i > 0 {
            s.push_str("<br>");
        }
        s.push_str(&md(p));
    }
    s.push_str(" |");
}

/// A number as shown in a Markdown or HTML cell: a dash when there is none.
fn shown_num(n: &Option<String>) -> &str {
    n.as_deref().unwrap_or("—")
}

/// The text of an optional cell, empty when there is none.
fn opt(text: &Option<String>) -> &str {
    text.as_deref().unwrap_or_default()
}

fn html_head(summary: &Summary, columns: &Columns, baseline: bool) -> String {
    let mut s = String::from(concat!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<title>Portfolio</title>\n<style>\n",
        "body { font: 14px/1.45 -apple-system, \"Segoe UI\", Helvetica, Arial, sans-serif; color: #1f2328; margin: 2rem auto; padding: 0 1rem; max-width: 90rem; }\n",
        "table { border-collapse: collapse; margin: .5rem 0 1.25rem; }\n",
        "th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #d0d7de; vertical-align: top; overflow-wrap: break-word; }\n",
        "th { font-size: .85rem; } td.wrap { overflow-wrap: anywhere; min-width: 8rem; }\n",
        "td.num, th.num { text-align: right; white-space: nowrap; }\n",
        "tr.invalid td { background: #fff1f0; }\n",
        ".wide { overflow-x: auto; } .wide table { width: 100%; }\n",
        "@media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } }\n",
        "</style>\n</head>\n<body>\n<h1>Portfolio</h1>\n"
    ));
    s.push_str(&format!(
        "<p>{} organisation{}: {} scored, {} could not be read or scored.</p>\n",
        summary.organizations,
        if summary.organizations == 1 { "" } else { "s" },
        summary.scored,
        summary.invalid
    ));
    s.push_str("<table>\n<thead><tr><th>Band</th><th class=\"num\">Organisations</th></tr></thead>\n<tbody>\n");
    for (b, n) in &summary.bands {
        s.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{n}</td></tr>\n",
            html(&band_name(b))
        ));
    }
    s.push_str("</tbody>\n</table>\n<h2>Failure patterns</h2>\n");
    if summary.patterns.is_empty() {
        s.push_str("<p>No failure pattern is triggered in any organisation.</p>\n");
    } else {
        s.push_str("<table>\n<thead><tr><th>Failure pattern</th><th class=\"num\">Organisations</th></tr></thead>\n<tbody>\n");
        for p in &summary.patterns {
            s.push_str(&format!(
                "<tr><td>{} (<code>{}</code>)</td><td class=\"num\">{}</td></tr>\n",
                html(&p.title),
                html(&p.id),
                p.count
            ));
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("<h2>Most common weak criteria</h2>\n");
    if summary.weak_criteria.is_empty() {
        s.push_str("<p>No criterion is weak in any organisation.</p>\n");
    } else {
        s.push_str("<table>\n<thead><tr><th>Criterion</th><th class=\"num\">Organisations</th></tr></thead>\n<tbody>\n");
        for k in &summary.weak_criteria {
            s.push_str(&format!(
                "<tr><td><code>{}</code> {}</td><td class=\"num\">{}</td></tr>\n",
                html(&k.id),
                html(&k.title),
                k.count
            ));
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("<h2>Organisations</h2>\n<div class=\"wide\">\n<table>\n<thead><tr><th>File</th><th>Organisation</th><th>Assessed</th><th class=\"num\">Overall</th><th>Band</th><th class=\"num\">Coverage</th>");
    for (_, title) in &columns.commitments {
        s.push_str(&format!("<th class=\"num\">{}</th>", html(title)));
    }
    s.push_str("<th>Patterns triggered</th><th>Capped by</th>");
    if baseline {
        s.push_str("<th class=\"num\">Baseline</th><th class=\"num\">Change</th>");
    }
    s.push_str("<th>Problems</th></tr></thead>\n<tbody>\n");
    // The closing tags follow the streamed rows.
    s
}

/// A row of the HTML table, without its line break.
fn push_html_row(s: &mut String, row: &IndexRow, shown: &Shown, baseline: bool, link: bool) {
    s.push_str(if row.status == RowStatus::Ok {
        "<tr class=\"ok\"><td class=\"wrap\">"
    } else {
        "<tr class=\"invalid\"><td class=\"wrap\">"
    });
    if link && row.status == RowStatus::Ok {
        s.push_str("<a href=\"");
        push_html(s, &percent_path(&row.report));
        s.push_str(".html\">");
        push_html(s, &row.file);
        s.push_str("</a>");
    } else {
        push_html(s, &row.file);
    }
    s.push_str("</td><td>");
    push_html(s, opt(&row.organization));
    s.push_str("</td><td>");
    push_html(s, opt(&row.assessed_on));
    s.push_str("</td><td class=\"num\">");
    s.push_str(shown_num(&shown.overall));
    s.push_str("</td><td>");
    push_html(s, &row.band.as_deref().map(band_name).unwrap_or_default());
    s.push_str("</td><td class=\"num\">");
    if let Some(c) = &shown.coverage {
        s.push_str(c);
        s.push('%');
    }
    s.push_str("</td>");
    for score in &shown.commitments {
        s.push_str("<td class=\"num\">");
        s.push_str(shown_num(score));
        s.push_str("</td>");
    }
    s.push_str("<td>");
    push_html(s, &row.patterns_triggered.join(", "));
    s.push_str("</td><td>");
    push_html(s, &row.capped_by.join(", "));
    s.push_str("</td>");
    if baseline {
        let b = row.baseline.as_ref();
        s.push_str("<td class=\"num\">");
        s.push_str(&num(b.and_then(|b| b.overall)));
        s.push_str("</td><td class=\"num\">");
        s.push_str(&signed(b.and_then(|b| b.change)));
        s.push_str("</td>");
    }
    s.push_str("<td class=\"wrap\">");
    for (i, p) in row.problems.iter().enumerate() {
        if i > 0 {
            s.push_str("<br>");
        }
        push_html(s, p);
    }
    s.push_str("</td></tr>");
}

/// A file name as a relative URL: characters other than unreserved ones percent-encoded.
fn percent_path(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_stems_get_their_folder_then_a_number() {
        let inputs: Vec<PathBuf> = [
            "clients/2025/acme.yaml",
            "clients/2026/acme.yaml",
            "clients/2026/ACME.yml",
            "globex.yaml",
            "x/portfolio.yaml",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            output_names(&inputs),
            [
                "2025-acme",
                "2026-acme",
                "2026-ACME-2",
                "globex",
                "x-portfolio"
            ]
        );
    }

    /// The naming as it was written before [`output_names`] sorted instead of keeping sets of
    /// lowercased copies: the oracle for it.
    fn output_names_with_sets(inputs: &[PathBuf]) -> Vec<String> {
        let stem = |p: &Path| {
            p.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "report".into())
        };
        let with_parents = |p: &Path, depth: usize| {
            let mut parts = vec![stem(p)];
            let mut parent = p.parent();
            for _ in 0..depth {
                match parent.and_then(|d| d.file_name()) {
                    Some(name) => parts.insert(0, name.to_string_lossy().into_owned()),
                    None => break,
                }
                parent = parent.and_then(Path::parent);
            }
            parts.join("-")
        };
        let key = |s: &str| s.to_lowercase();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for p in inputs {
            *counts.entry(key(&stem(p))).or_default() += 1;
        }
        let mut names: Vec<String> = inputs
            .iter()
            .map(|p| {
                let s = stem(p);
                if counts[&key(&s)] == 1 && key(&s) != INDEX_NAME {
                    s
                } else {
                    with_parents(p, 1)
                }
            })
            .collect();
        let mut used: HashSet<String> = HashSet::new();
        used.insert(INDEX_NAME.into());
        for name in &mut names {
            if !used.insert(key(name)) {
                let mut n = 2;
                while !used.insert(key(&format!("{name}-{n}"))) {
                    n += 1;
                }
                *name = format!("{name}-{n}");
            }
        }
        names
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Names that differ only in case (ASCII or not, final sigma included, and the Kelvin
        /// sign, non-ASCII with an ASCII lowercase), that are the index's, that end in the
        /// numbers a repeat gets, in folders or not, and paths without a stem.
        #[test]
        fn output_names_are_the_sets_naming(
            files in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["", "a", "A", "2026", "x", "Σ", "σ", ".."]),
                    proptest::option::of(proptest::sample::select(vec![
                        "acme", "ACME", "acme-2", "a-acme", "portfolio", "Portfolio",
                        "x-portfolio", "ΟΔΟΣ", "οδος", "οδοσ", "Straße", "STRASSE", "a", "report",
                        "k", "K", "\u{212A}", "\u{212A}CME", "\u{212A}-2",
                    ])),
                ),
                0..12,
            )
        ) {
            // No stem: the folder itself (`..`, `a`) or an empty path.
            let inputs: Vec<PathBuf> = files
                .iter()
                .map(|(folder, stem)| match stem {
                    Some(stem) => Path::new(folder).join(format!("{stem}.yaml")),
                    None => PathBuf::from(folder),
                })
                .collect();
            proptest::prop_assert_eq!(output_names(&inputs), output_names_with_sets(&inputs));
        }
    }

    #[test]
    fn results_arrive_in_input_order_whatever_the_timing() {
        let mut seen = Vec::new();
        for threads in [1, 4] {
            seen.clear();
            ordered_parallel(
                200,
                threads,
                &|items: Range<usize>| {
                    // Later items finish first.
                    std::thread::sleep(std::time::Duration::from_micros(
                        ((200 - items.start) % 7) as u64 * 50,
                    ));
                    items.collect::<Vec<_>>()
                },
                &mut |items| seen.extend(items),
            );
            assert_eq!(seen, (0..200).collect::<Vec<_>>());
        }
    }

    #[test]
    fn inputs_come_in_path_order_and_each_file_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // Names whose order differs between whole-path text and path components.
        let files = [
            "a.yaml",
            "a-b.yaml",
            "a/x.yaml",
            "a/X.yaml",
            "a-b/y.yaml",
            "a.d/z/q.yaml",
            "a.d/p.yml",
            "A/k.yaml",
            "b/é.yaml",
            "b/e.yaml",
            "ab.yaml",
        ];
        for f in files {
            let path = root.join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "rubric: dual-track\n").unwrap();
        }
        std::fs::write(root.join(".hidden.yaml"), "").unwrap();
        std::fs::write(root.join("notes.txt"), "").unwrap();
        let mut expected: Vec<PathBuf> = files.iter().map(|f| root.join(f)).collect();
        expected.sort();
        assert_eq!(find_inputs(&[root.to_path_buf()]), expected);
        // The same file by a hard link, a symbolic link, a linked folder or named again.
        #[cfg(unix)]
        {
            std::fs::hard_link(root.join("ab.yaml"), root.join("b/hard.yaml")).unwrap();
            std::os::unix::fs::symlink("../a.yaml", root.join("b/link.yaml")).unwrap();
            std::os::unix::fs::symlink("../a", root.join("b/folder")).unwrap();
            let again = [root.to_path_buf(), root.join("a.yaml"), root.join("b")];
            assert_eq!(find_inputs(&again), expected);
        }
    }

    #[test]
    fn csv_fields_are_quoted_as_the_csv_crate_quotes_them() {
        let fields = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "line\nbreak",
            "cr\rhere",
            "crlf\r\n",
            " spaces ",
            "semi;colon",
            "tab\there",
            "#hash",
            "émoji 🚀, \u{202e}",
            "'single'",
            "\\back\\slash",
        ];
        // Every field alone, and each field at each position among the others.
        let mut records: Vec<Vec<&str>> = fields.iter().map(|f| vec![*f, "x"]).collect();
        for i in 0..fields.len() {
            let mut r = fields.to_vec();
            r.rotate_left(i);
            records.push(r);
        }
        for record in records {
            let mut ours = Vec::new();
            let mut line = CsvRecord::new(&mut ours);
            for field in &record {
                line.field(field);
            }
            line.end();
            let mut theirs = csv::Writer::from_writer(Vec::new());
            theirs.write_record(&record).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs.into_inner().unwrap()).unwrap(),
                "{record:?}"
            );
        }
    }

    #[test]
    fn markdown_escapes_all_markup() {
        assert_eq!(md("<b>|#x*, a-b?"), "\\<b\\>\\|\\#x\\*, a-b?");
        assert_eq!(html("a\u{202e}<b>"), "a&lt;U+202E&gt;&lt;b&gt;");
    }
}
