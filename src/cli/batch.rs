//! `assess batch`: one report per questionnaire and the portfolio index.

use std::io::{self, IsTerminal};
use std::path::Path;

use crate::input::InputKind;
use crate::{Format, RenderOptions};

use super::*;

pub(super) fn batch(args: BatchArgs, out: &mut Output) -> Result<i32, Failure> {
    check_folders(&args, out)?;
    let inputs = crate::portfolio::find_inputs(&args.paths);
    if inputs.is_empty() {
        return Err(usage(
            "no questionnaires found: name files, or folders holding *.yaml, *.yml or *.xlsx files",
        ));
    }
    let catalog = catalog(&args.sources)?;
    let rubric = resolve_override(&catalog, &args.sources)?;
    let baseline_rubric = match &args.baseline_rubric {
        Some(p) => Some(catalog.resolve(&p.display().to_string())?),
        None => None,
    };
    let logo_data_uri = match &args.logo {
        Some(path) => Some(data_uri(path)?),
        None => None,
    };
    let formats = formats(&args);
    let options = RenderOptions {
        client: None,
        prepared_by: args.prepared_by,
        confidential: args.confidential,
        logo_data_uri,
        templates: args.templates,
    };
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    // Each report is written safely (a temporary file, flushed to the disk, then renamed), and
    // a worker waiting for the disk leaves its core idle: with reports to write, twice as many
    // workers as cores keep the cores busy (500 JSON reports on 2 cores at load 4: 1.2-1.3 s
    // instead of 1.7-1.8 s). An index-only batch barely waits, so one worker a core.
    let threads = args
        .jobs
        .filter(|n| *n > 0)
        .unwrap_or(if formats.is_empty() { cores } else { cores * 2 });
    let read = |p: &Path| read_input(p, InputKind::Questionnaire);
    let batch = crate::portfolio::Batch {
        catalog: &catalog,
        rubric: rubric.as_ref(),
        formats,
        options: &options,
        out_dir: args.output.clone(),
        baseline_dir: args.baseline,
        baseline_rubric: baseline_rubric.as_ref(),
        threads,
        read: &read,
    };
    let progress = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let mut invalid = 0usize;
    let outcome = batch.run(&inputs, &mut |status, diagnostics| {
        if status == crate::portfolio::RowStatus::Invalid {
            invalid += 1;
            let text = format!("{diagnostics}");
            match &progress {
                Some(bar) => bar.suspend(|| eprintln!("{}", text.trim_end())),
                None => eprintln!("{}", text.trim_end()),
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let outcome = outcome?;
    let s = &outcome.summary;
    out.stderr(&format!(
        "scored {} of {} questionnaire{} into {} (index: {})",
        s.scored,
        s.organizations,
        if s.organizations == 1 { "" } else { "s" },
        args.output.display(),
        outcome
            .index_files
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if invalid > 0 {
        out.stderr(&format!(
            "{invalid} file{} could not be scored; see above and the index's problems column",
            if invalid == 1 { "" } else { "s" }
        ));
        return Ok(2);
    }
    Ok(0)
}

/// The templates, baseline and output folders, checked before any work; the template
/// warnings are said once for the batch, not once per file.
fn check_folders(args: &BatchArgs, out: &mut Output) -> Result<(), Failure> {
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return Err(usage(format!(
            "--templates {}: no such folder",
            dir.display()
        )));
    }
    // Said once for the batch, not once per file.
    if let Some(dir) = &args.templates
        && !args.index_only
    {
        for warning in crate::render::template_folder_warnings(dir) {
            out.stderr(&warning);
        }
    }
    if let Some(dir) = &args.baseline
        && !dir.is_dir()
    {
        return Err(usage(format!(
            "--baseline {}: no such folder (a batch takes a folder of baselines, matched by file name)",
            dir.display()
        )));
    }
    if args.output.is_file() {
        return Err(usage(format!(
            "-o {} is a file; a batch writes into a folder",
            args.output.display()
        )));
    }
    Ok(())
}

/// The report formats asked for, each once (HTML by default; none for `--index-only`).
fn formats(args: &BatchArgs) -> Vec<Format> {
    if args.index_only {
        Vec::new()
    } else if args.format.is_empty() {
        vec![Format::Html]
    } else {
        let mut f: Vec<Format> = Vec::new();
        for format in &args.format {
            let format = Format::from(*format);
            if !f.contains(&format) {
                f.push(format);
            }
        }
        f
    }
}
