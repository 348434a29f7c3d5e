//! The man page: one page that documents every subcommand and its options (no references to
//! sub-pages that are never installed), with the examples kept as written, line for line.

use clap::Command;

/// Escapes text for roff: backslashes, hyphens (so they stay searchable ASCII), and a leading
/// `.` or `'` that roff would read as a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    match escaped.chars().next() {
        Some('.') | Some('\'') => format!("\\&{escaped}"),
        _ => escaped,
    }
}

/// One option or argument: `-f, --format <FORMAT>` and its help, as a tagged paragraph.
fn argument(out: &mut String, arg: &clap::Arg) {
    if arg.is_hide_set() {
        return;
    }
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map(|v| v.to_string())
        .unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let mut tag = Vec::new();
    if let Some(s) = arg.get_short() {
        tag.push(format!("\\fB\\-{s}\\fR"));
    }
    if let Some(l) = arg.get_long() {
        tag.push(format!("\\fB\\-\\-{}\\fR", roff(l)));
    }
    let tag = if tag.is_empty() {
        format!("\\fI{}\\fR", roff(&value))
    } else if takes_value {
        format!("{} \\fI{}\\fR", tag.join(", "), roff(&value))
    } else {
        tag.join(", ")
    };
    out.push_str(&format!(".TP\n{tag}\n"));
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    if !help.is_empty() && !help.ends_with(['.', '?', '!', ')']) {
        help.push('.');
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && takes_value {
        help.push_str(&format!(" One of: {}.", values.join(", ")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        help.push_str(&format!(" Default: {}.", defaults.join(",")));
    }
    out.push_str(&roff(help.trim()));
    out.push('\n');
}

fn usage_line(path: &str, cmd: &Command) -> String {
    let mut parts = vec![format!("\\fB{}\\fR", roff(path))];
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        if arg.get_id() == "help" || arg.get_id() == "version" {
            continue;
        }
        let value = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map(|v| v.to_string())
            .unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
        let text = match arg.get_long() {
            Some(l) if arg.get_num_args().is_some_and(|n| n.takes_values()) => {
                format!("[\\-\\-{} \\fI{}\\fR]", roff(l), roff(&value))
            }
            Some(l) => format!("[\\-\\-{}]", roff(l)),
            None if arg.is_required_set()
                && arg.get_num_args().is_some_and(|n| n.max_values() > 1) =>
            {
                format!("\\fI{}\\fR...", roff(&value))
            }
            None if arg.is_required_set() => format!("\\fI{}\\fR", roff(&value)),
            None => format!("[\\fI{}\\fR]", roff(&value)),
        };
        parts.push(text);
    }
    parts.join(" ")
}

fn subcommands(out: &mut String, path: &str, cmd: &Command) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        let sub_path = format!("{path} {}", sub.get_name());
        if sub.has_subcommands() {
            out.push_str(&format!(".SS \"{}\"\n", roff(&sub_path)));
            if let Some(about) = sub.get_about() {
                out.push_str(&format!("{}\n", roff(&about.to_string())));
            }
            subcommands(out, &sub_path, sub);
            continue;
        }
        out.push_str(&format!(".SS \"{}\"\n", roff(&sub_path)));
        out.push_str(&format!("{}\n.PP\n", usage_line(&sub_path, sub)));
        let about = sub
            .get_long_about()
            .or(sub.get_about())
            .map(|a| a.to_string())
            .unwrap_or_default();
        out.push_str(&format!("{}\n", roff(about.trim())));
        for arg in sub.get_arguments() {
            if arg.get_id() != "help" {
                argument(out, arg);
            }
        }
        if let Some(after) = sub.get_after_help() {
            out.push_str(&format!(".PP\n{}\n", roff(&after.to_string())));
        }
    }
}

/// The whole page, in roff. `cmd` must be built (`Command::build`) so value counts are known.
pub fn page(cmd: &Command, examples: &str, exit_codes: &str) -> String {
    let name = cmd.get_name();
    let mut out = String::new();
    out.push_str(&format!(
        ".TH {name} 1 \"\" \"{name} {}\"\n",
        cmd.get_version().unwrap_or("")
    ));
    out.push_str(&format!(
        ".SH NAME\n{name} \\- {}\n",
        roff(&cmd.get_about().map(|a| a.to_string()).unwrap_or_default())
    ));
    out.push_str(&format!(
        ".SH SYNOPSIS\n{}\n.br\n\\fB{name}\\fR \\fICOMMAND\\fR ...\n",
        usage_line(name, cmd)
    ));
    if let Some(about) = cmd.get_long_about() {
        out.push_str(&format!(".SH DESCRIPTION\n{}\n", roff(&about.to_string())));
    }
    out.push_str(".SH OPTIONS\n");
    for arg in cmd.get_arguments() {
        argument(&mut out, arg);
    }
    out.push_str(".SH COMMANDS\n");
    subcommands(&mut out, name, cmd);
    // Examples and exit codes keep their line breaks and alignment: no fill.
    out.push_str(".SH EXAMPLES\n.nf\n");
    for line in examples.lines() {
        out.push_str(&roff(line));
        out.push('\n');
    }
    out.push_str(".fi\n.SH \"EXIT STATUS\"\n");
    out.push_str(&roff(exit_codes));
    out.push('\n');
    out
}
