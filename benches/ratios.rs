//! `assess` against the parse floor: every ratio the speed targets are stated in, measured in
//! one run against a floor this bench builds itself.
//!
//! Run with `cargo bench --bench ratios` (`cargo bench --bench ratios -- --short` for 500 files
//! and fewer process samples, while developing). It writes, in a temporary folder, 5,000
//! generated questionnaires of about 0.9 KB and 5,000 copies of the four examples
//! (`ASSESS_BENCH_FILES` changes the count), then measures:
//!
//! - the floor: reading each file and parsing it with serde-saphyr into a generic value, nothing
//!   else;
//! - the same files through the library (load + validate + evaluate; then JSON; then Markdown),
//!   one thread, interleaved with the floor in chunks of 250 files so that load on a shared
//!   machine hits both sides alike, three passes over each set; each ratio is the median of its
//!   chunks' ratios, so a burst of load elsewhere moves a few chunks and not the result;
//! - PyYAML's C loader on the same files (skipped, with a note, without `python3` and
//!   `yaml.CLoader`);
//! - the built binary: one process per file, and `assess FILE --format json` against
//!   `assess --version`;
//! - `assess batch --index-only` wall time and peak memory (skipped while the binary has no
//!   `batch` subcommand).
//!
//! `cargo bench --bench ratios -- --only WORK [SET] [SECONDS]` runs one kind of work (`floor`,
//! `evaluate`, `json`, `markdown`) over one set (`generated`, the default, or `examples`) in a
//! loop for SECONDS (default 10) and prints the time per file: a steady target for a profiler
//! (`perf record -g target/release/deps/ratios-* --only evaluate`). With SECONDS 0 it makes
//! one pass over the 500 files: under `valgrind --tool=callgrind`, the instructions of
//! `ratios::run_one` for two kinds of work give a ratio that a busy machine cannot blur.
//!
//! Figures on a busy machine are noisy; the ratios hold up better than absolute times because
//! both sides of each ratio run under the same load.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assess::{Catalog, Format, RenderOptions};

const EXAMPLES: &[&str] = &[
    include_str!("../examples/balanced-saas.yaml"),
    include_str!("../examples/pay-cliff.yaml"),
    include_str!("../examples/half-answered.yaml"),
    include_str!("../examples/blind-spot.yaml"),
];

const USAGE: &str = "\
Every speed ratio of `assess` against a parse floor, measured in one run.

usage: cargo bench --bench ratios [-- OPTIONS]
  (no option)               5,000 files a set (ASSESS_BENCH_FILES changes the count), about a minute
  --short                   500 files a set and fewer samples, for development
  --only WORK [SET] [SECS]  one kind of work in a loop, for a profiler: WORK is floor, evaluate,
                            json or markdown; SET is generated (the default) or examples; SECS
                            defaults to 10, and 0 makes one pass over 500 files (for callgrind)
  --help                    this text";

const BIN: &str = env!("CARGO_BIN_EXE_assess");

/// A deterministic questionnaire of about 0.9 KB: every factual answer, one group of
/// respondents, values varied by `n` over the answers the examples use.
fn generated(n: usize) -> String {
    fn pick<'a>(n: usize, salt: usize, options: &[&'a str]) -> &'a str {
        options[(n.wrapping_mul(2_654_435_761).wrapping_add(salt * 97) >> 3) % options.len()]
    }
    let mut s = String::with_capacity(1024);
    s.push_str("rubric: dual-track\n");
    let _ = writeln!(s, "organization:\n  name: Generated org {n}");
    s.push_str("answers:\n");
    let answers: &[(&str, &[&str])] = &[
        ("engineers", &["40", "120", "250", "400"]),
        ("ic-ladder-top", &["senior", "principal"]),
        ("staff-plus-share", &["6.7", "24", "30", "38"]),
        ("staff-plus-forums", &["2", "3", "4"]),
        ("staff-to-manager-pay", &["0.78", "0.97", "1.03", "unknown"]),
        ("band-structure", &["identical", "manager-higher"]),
        ("switch-raise", &["yes", "no"]),
        ("ic-decision-rights", &["yes"]),
        ("staff-plus-authored-decisions", &["35", "62", "unknown"]),
        ("documented-levels", &["57", "75", "92", "100"]),
        ("written-promotion-criteria", &["yes", "no"]),
        ("level-mapping", &["yes", "no"]),
        ("ladder-age-months", &["10", "14", "26", "30"]),
        ("ladder-headroom", &["yes", "no"]),
        ("tenure-promotions", &["0", "4", "8", "n/a"]),
        ("people-managers", &["14", "22", "28", "41"]),
        (
            "career-conversations",
            &["annual", "half-yearly", "quarterly"],
        ),
        ("self-nominated-managers", &["38", "75", "80", "unknown"]),
        ("pay-motivated-managers", &["15", "20", "75", "unknown"]),
        ("trial-management-stints", &["1", "5", "9"]),
        ("manager-training", &["yes", "no"]),
        ("two-way-switch-policy", &["yes", "no"]),
        ("em-to-ic-moves", &["1", "2", "4", "unknown"]),
        (
            "return-grade",
            &["same-grade", "one-grade-lower", "unknown"],
        ),
        ("reassigned-managers-share", &["0", "12", "n/a"]),
    ];
    for (i, (id, options)) in answers.iter().enumerate() {
        let _ = writeln!(s, "  {id}: {}", pick(n, i, options));
    }
    let opinion = ["2.3", "2.9", "3.4", "4.1"];
    let _ = writeln!(
        s,
        "respondents:\n  - group: senior-ic\n    count: {}\n    answers: {{ic-respect: {}, pay-parity-belief: {}, objections-heard: {}, switch-safety: {}}}",
        10 + n % 30,
        pick(n, 31, &opinion),
        pick(n, 32, &opinion),
        pick(n, 33, &opinion),
        pick(n, 34, &opinion),
    );
    s
}

fn write_set(dir: &Path, count: usize, text: impl Fn(usize) -> String) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("create a bench folder");
    (0..count)
        .map(|n| {
            let path = dir.join(format!("q{n:05}.yaml"));
            std::fs::write(&path, text(n)).expect("write a bench file");
            path
        })
        .collect()
}

/// What one in-process pass over a file does.
#[derive(Clone, Copy, PartialEq)]
enum Work {
    Floor,
    Evaluate,
    Json,
    Markdown,
}

fn run_one(work: Work, catalog: &Catalog, options: &RenderOptions, path: &Path) {
    let text = std::fs::read_to_string(path).expect("read a bench file");
    let name = path.to_str().unwrap_or("q.yaml");
    if work == Work::Floor {
        let value: serde_json::Value = serde_saphyr::from_str(&text).expect("floor parse");
        black_box(value);
        return;
    }
    let (rubric, q) = catalog
        .load_questionnaire(name, &text, None)
        .expect("bench questionnaires are valid");
    let a = assess::evaluate(&rubric, &q, &catalog.articles).unwrap();
    match work {
        Work::Json => {
            black_box(assess::render(&a, Format::Json, options).expect("render"));
        }
        Work::Markdown => {
            black_box(assess::render(&a, Format::Markdown, options).expect("render"));
        }
        _ => {
            black_box(a);
        }
    }
}

/// What the in-process loop measured over one set: the time per file of each kind of work
/// (totals), and each kind's ratio to the floor as the median of its chunks' ratios.
struct InProcess {
    per_file: [Duration; 4],
    ratios: [f64; 3],
}

/// Each kind of work over `files`, interleaved chunk by chunk, `passes` times.
///
/// A ratio is taken chunk by chunk (the work on 250 files against the floor on the same 250
/// files, run just before it) and the median of those is reported: a burst of load from
/// elsewhere lands in a few chunks and moves their ratios, not the median.
fn in_process(catalog: &Catalog, files: &[PathBuf], passes: usize) -> InProcess {
    let options = RenderOptions::default();
    let kinds = [Work::Floor, Work::Evaluate, Work::Json, Work::Markdown];
    let mut totals = [Duration::ZERO; 4];
    let mut chunk_ratios: [Vec<f64>; 3] = Default::default();
    // Warm the page cache and the allocator once.
    for path in files.iter().take(50) {
        for kind in kinds {
            run_one(kind, catalog, &options, path);
        }
    }
    for _ in 0..passes {
        for chunk in files.chunks(250) {
            let mut times = [Duration::ZERO; 4];
            for (i, kind) in kinds.iter().enumerate() {
                let start = Instant::now();
                for path in chunk {
                    run_one(*kind, catalog, &options, path);
                }
                times[i] = start.elapsed();
                totals[i] += times[i];
            }
            let floor = times[0].as_secs_f64();
            for (ratios, time) in chunk_ratios.iter_mut().zip(&times[1..]) {
                ratios.push(time.as_secs_f64() / floor);
            }
        }
    }
    let runs = files.len() * passes;
    InProcess {
        per_file: totals.map(|t| per_file(t, runs)),
        ratios: chunk_ratios.map(median_of),
    }
}

/// The median of some ratios (the mean of the middle two for an even count).
fn median_of(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// One pass of the floor over `files` (read and parse each, one thread).
fn floor_pass(files: &[PathBuf]) -> Duration {
    let catalog = Catalog::builtin();
    let options = RenderOptions::default();
    let start = Instant::now();
    for path in files {
        run_one(Work::Floor, &catalog, &options, path);
    }
    start.elapsed()
}

fn pyyaml(files: &[PathBuf], list: &Path) -> Option<Duration> {
    let names: Vec<&str> = files.iter().filter_map(|p| p.to_str()).collect();
    std::fs::write(list, names.join("\n")).ok()?;
    let script = "import sys, time, yaml\n\
        paths = open(sys.argv[1]).read().split('\\n')\n\
        best = None\n\
        for _ in range(2):\n\
        \x20   t = time.perf_counter()\n\
        \x20   for p in paths:\n\
        \x20       with open(p, 'rb') as f:\n\
        \x20           yaml.load(f, Loader=yaml.CLoader)\n\
        \x20   e = time.perf_counter() - t\n\
        \x20   best = e if best is None else min(best, e)\n\
        print(best)\n";
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(list)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let secs: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
    Some(Duration::from_secs_f64(secs))
}

fn process(args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(BIN)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run the assess binary");
    let elapsed = start.elapsed();
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "assess {args:?} failed: {status}"
    );
    elapsed
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn has_batch() -> bool {
    // `batch --help` alone proves nothing: a binary without the subcommand may read `batch` as
    // a file name and still print its help. The subcommand list says it.
    Command::new(BIN).arg("--help").output().is_ok_and(|o| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .any(|l| l.trim_start().starts_with("batch "))
    })
}

/// Wall time and peak resident memory (KiB, when `/usr/bin/time` can tell) of one batch.
fn batch(dir: &Path, out: &Path) -> (Duration, Option<u64>) {
    // A batch that fails is a finding, not a reason to lose the other figures.
    let _ = std::fs::remove_dir_all(out);
    let rss_file = out.with_extension("rss");
    let timer = Path::new("/usr/bin/time");
    let mut command = if timer.exists() {
        let mut c = Command::new(timer);
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(BIN);
        c
    } else {
        Command::new(BIN)
    };
    command
        .arg("batch")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .arg("--index-only")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let start = Instant::now();
    let status = command.status().expect("run assess batch");
    let elapsed = start.elapsed();
    if status.code().is_none_or(|c| c > 1) {
        println!("assess batch {} failed: {status}", dir.display());
    }
    let rss = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.lines().last()?.trim().parse().ok());
    (elapsed, rss)
}

struct Table(Vec<(String, String, String)>);

impl Table {
    fn ratio(&mut self, measure: &str, value: f64, target: Option<f64>) {
        let verdict = match target {
            Some(t) if value <= t => format!("<= {t:<5} PASS"),
            Some(t) => format!("<= {t:<5} FAIL"),
            None => "(no target)".to_string(),
        };
        self.0
            .push((measure.to_string(), format!("{value:.2}"), verdict));
    }
    fn skip(&mut self, measure: &str, why: &str, target: Option<f64>) {
        let target = target.map_or(String::new(), |t| format!("<= {t}"));
        self.0
            .push((measure.to_string(), format!("skipped: {why}"), target));
    }
    fn print(&self) {
        let width = self.0.iter().map(|r| r.0.len()).max().unwrap_or(0);
        for (measure, value, verdict) in &self.0 {
            println!("{measure:<width$}  {value:>8}  {verdict}");
        }
    }
}

fn per_file(total: Duration, files: usize) -> Duration {
    total / u32::try_from(files.max(1)).unwrap_or(u32::MAX)
}

/// `--only WORK [SET] [SECONDS]`: one kind of work in a loop, for a profiler.
fn only(args: &[String]) {
    let work = match args.first().map(String::as_str) {
        Some("floor") => Work::Floor,
        Some("evaluate") => Work::Evaluate,
        Some("json") => Work::Json,
        Some("markdown") => Work::Markdown,
        other => panic!("--only takes floor, evaluate, json or markdown, not {other:?}"),
    };
    let set = args.get(1).map_or("generated", String::as_str);
    let seconds: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10.0);
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = match set {
        "generated" => write_set(dir.path(), 500, generated),
        "examples" => write_set(dir.path(), 500, |n| {
            EXAMPLES[n % EXAMPLES.len()].to_string()
        }),
        other => panic!("--only takes the set generated or examples, not {other}"),
    };
    let catalog = Catalog::builtin();
    let options = RenderOptions::default();
    let start = Instant::now();
    let mut done = 0usize;
    // At least one pass: `--only WORK SET 0` does a fixed amount of work, for counting
    // instructions (`valgrind --tool=callgrind`), which the machine's load does not change.
    loop {
        for path in &files {
            run_one(work, &catalog, &options, path);
        }
        done += files.len();
        if start.elapsed().as_secs_f64() >= seconds {
            break;
        }
    }
    println!(
        "{} files in {:.2?}: {:.1?} per file",
        done,
        start.elapsed(),
        per_file(start.elapsed(), done)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--only") {
        return only(&args[i + 1..]);
    }
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return;
    }
    let short = args.iter().any(|a| a == "--short");
    let count: usize = std::env::var("ASSESS_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if short { 500 } else { 5000 });
    // Process pairs cost a few milliseconds each: enough of them that the medians hold still.
    let samples = if short { 60 } else { 200 };
    // Passes of the in-process loop over each set: each gives 20 chunks (at 5,000 files) to
    // take the median ratio of.
    let passes = if short { 1 } else { 3 };
    let work = tempfile::tempdir().expect("temporary folder");
    let root = work.path();
    let generated_files = write_set(&root.join("generated"), count, generated);
    let example_files = write_set(&root.join("examples"), count, |n| {
        EXAMPLES[n % EXAMPLES.len()].to_string()
    });
    let small = (count / 10).max(1);
    write_set(&root.join("generated-small"), small, generated);
    let sizes: usize = generated_files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len() as usize)
        .sum();
    println!(
        "assess {} ratios: {count} generated questionnaires (mean {} bytes) and {count} copies of the examples; {} cores",
        env!("CARGO_PKG_VERSION"),
        sizes / count.max(1),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
    println!(
        "(a shared or busy machine makes every figure noisy; ratios are taken under the same load)"
    );
    println!("load average at start: {}\n", load_average());

    let catalog = Catalog::builtin();
    let mut table = Table(Vec::new());
    let mut floors = Vec::new();
    for (label, files) in [
        ("generated", &generated_files),
        ("examples", &example_files),
    ] {
        let measured = in_process(&catalog, files, passes);
        let [floor, evaluate, json, markdown] = measured.per_file;
        println!(
            "{label:<9} per file: floor {floor:>8.1?}  load+validate+evaluate {evaluate:>8.1?}  JSON {json:>8.1?}  Markdown {markdown:>8.1?}",
        );
        let [evaluate_ratio, json_ratio, markdown_ratio] = measured.ratios;
        table.ratio(
            &format!("{label}: load+validate+evaluate / floor"),
            evaluate_ratio,
            Some(1.5),
        );
        table.ratio(
            &format!("{label}: full JSON report / floor"),
            json_ratio,
            Some(2.0),
        );
        table.ratio(
            &format!("{label}: Markdown report / floor"),
            markdown_ratio,
            Some(2.5),
        );
        // The totals over every pass, per file, for the ratios against other programs below.
        let json = json * u32::try_from(files.len()).unwrap_or(u32::MAX);
        let python = pyyaml(files, &root.join(format!("{label}.list")));
        match python {
            Some(p) => {
                println!(
                    "{label:<9} per file: PyYAML C loader {:>8.1?}",
                    per_file(p, files.len())
                );
                table.ratio(
                    &format!("{label}: full JSON report / PyYAML C loader"),
                    json.as_secs_f64() / p.as_secs_f64(),
                    None,
                );
            }
            None => table.skip(
                &format!("{label}: full JSON report / PyYAML C loader"),
                "no python3 with yaml.CLoader",
                None,
            ),
        }
        // One process per file, over a sample of the set.
        let sample = &files[..files.len().min(if short { 20 } else { 100 })];
        let start = Instant::now();
        for path in sample {
            process(&[path.to_str().unwrap_or_default(), "--format", "json"]);
        }
        let processes = per_file(start.elapsed(), sample.len());
        table.ratio(
            &format!("{label}: one `assess FILE` process per file / in-process JSON"),
            processes.as_secs_f64() / per_file(json, files.len()).as_secs_f64(),
            None,
        );
        floors.push((label, files.len(), floor, python));
    }

    // Process start against a single report, interleaved.
    let one = generated_files[0].to_str().unwrap_or_default();
    let (mut version, mut report) = (Vec::new(), Vec::new());
    for _ in 0..samples {
        version.push(process(&["--version"]));
        report.push(process(&[one, "--format", "json"]));
    }
    let (version, report) = (median(version), median(report));
    println!("process: `assess --version` {version:.2?}, `assess FILE --format json` {report:.2?}");
    table.ratio(
        "`assess FILE --format json` / `assess --version`",
        report.as_secs_f64() / version.as_secs_f64(),
        Some(1.5),
    );

    if has_batch() {
        for (label, files, _, python) in &floors {
            // The batch against a floor pass taken just before it, three times over: a change
            // of load between the in-process runs above and the batch would skew the ratio.
            let (mut walls, mut floor_passes) = (Vec::new(), Vec::new());
            let set: &[PathBuf] = if *label == "generated" {
                &generated_files
            } else {
                &example_files
            };
            for _ in 0..3 {
                floor_passes.push(floor_pass(set));
                walls.push(batch(&root.join(label), &root.join(format!("{label}-out"))).0);
            }
            let (wall, floor) = (median(walls), median(floor_passes));
            println!(
                "batch --index-only, {label}: {wall:.2?} for {files} files (-j all cores); one-thread floor pass {floor:.2?}"
            );
            table.ratio(
                &format!("{label}: batch --index-only wall / single-thread floor"),
                wall.as_secs_f64() / floor.as_secs_f64(),
                Some(1.0),
            );
            match python {
                Some(p) => table.ratio(
                    &format!("{label}: batch --index-only wall / PyYAML C loader"),
                    wall.as_secs_f64() / p.as_secs_f64(),
                    Some(0.3),
                ),
                None => table.skip(
                    &format!("{label}: batch --index-only wall / PyYAML C loader"),
                    "no python3 with yaml.CLoader",
                    Some(0.3),
                ),
            }
        }
        let (_, big) = batch(&root.join("generated"), &root.join("big-out"));
        let (_, little) = batch(&root.join("generated-small"), &root.join("small-out"));
        match (big, little) {
            (Some(big), Some(little)) => {
                println!("batch peak memory: {count} files {big} KiB, {small} files {little} KiB");
                table.ratio(
                    &format!("peak memory, batch of {count} / batch of {small}"),
                    big as f64 / little as f64,
                    Some(1.3),
                );
            }
            _ => table.skip(
                &format!("peak memory, batch of {count} / batch of {small}"),
                "no /usr/bin/time",
                Some(1.3),
            ),
        }
    } else {
        for measure in [
            "batch --index-only wall / single-thread floor",
            "batch --index-only wall / PyYAML C loader",
            "peak memory, batch of 5,000 / batch of 500",
        ] {
            table.skip(measure, "batch not built", None);
        }
    }
    println!("\nload average at the end: {}\n", load_average());
    table.print();
}

/// The 1, 5 and 15 minute load averages, where the system tells them.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}
