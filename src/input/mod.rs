//! Reading from outside: every byte `assess` takes from a file or standard input comes
//! through here, with a size cap per kind of input.
//!
//! Caps are counted while reading, never taken from the file's reported size (a device or a
//! FIFO reports 0, a symlink to `/dev/zero` never ends). Opening never blocks (a FIFO nobody
//! writes to is opened without waiting for a writer), and reading from a FIFO or a device
//! gives up when nothing arrives for [`QUIET_LIMIT`]. This module knows nothing of YAML,
//! rubrics or reports; it only turns a path into bounded bytes or text.

use std::io::{self, Read};
use std::path::Path;
use std::time::Duration;

use crate::diagnostic::{Code, Diagnostic, Location};

/// What is being read; each kind has its own size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputKind {
    /// A questionnaire (YAML).
    Questionnaire,
    /// A rubric file (YAML).
    Rubric,
    /// An article (Markdown with YAML front matter) from `--articles`.
    Article,
    /// A report template from `--templates`.
    Template,
    /// A logo image from `--logo`.
    Logo,
    /// A questionnaire workbook (`.xlsx`).
    Workbook,
    /// A survey tool's CSV export.
    SurveyExport,
}

impl InputKind {
    /// The most bytes accepted for this kind of input.
    pub const fn limit(self) -> usize {
        match self {
            InputKind::Questionnaire | InputKind::Rubric => crate::yaml::MAX_INPUT_BYTES,
            InputKind::Article | InputKind::Template => 1024 * 1024,
            InputKind::Logo => 2 * 1024 * 1024,
            InputKind::Workbook => 32 * 1024 * 1024,
            InputKind::SurveyExport => 64 * 1024 * 1024,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            InputKind::Questionnaire => "questionnaire",
            InputKind::Rubric => "rubric",
            InputKind::Article => "article",
            InputKind::Template => "template",
            InputKind::Logo => "logo",
            InputKind::Workbook => "workbook",
            InputKind::SurveyExport => "survey export",
        }
    }

    fn typical(self) -> &'static str {
        match self {
            InputKind::Questionnaire | InputKind::Rubric => {
                "questionnaires and rubrics are a few kilobytes"
            }
            InputKind::Article => "articles are a few kilobytes of Markdown",
            InputKind::Template => "templates are a few kilobytes",
            InputKind::Logo => "a logo is embedded in every report; use an image under 2 MiB",
            InputKind::Workbook => "a questionnaire workbook is a few dozen kilobytes",
            InputKind::SurveyExport => "a survey export holds one row per respondent",
        }
    }
}

/// How long a FIFO or device may stay silent before reading gives up.
pub const QUIET_LIMIT: Duration = Duration::from_secs(30);

/// Most `.md` files read from one `--articles` folder.
pub const MAX_ARTICLES: usize = 1_000;

/// Reads the file at `path` (`-` is standard input), at most `kind.limit()` bytes.
pub fn read_bytes(path: &Path, kind: InputKind) -> Result<Vec<u8>, Diagnostic> {
    read_bytes_within(path, kind, QUIET_LIMIT)
}

/// [`read_bytes`] with a chosen limit on how long a FIFO or device may stay silent.
pub fn read_bytes_within(
    path: &Path,
    kind: InputKind,
    quiet: Duration,
) -> Result<Vec<u8>, Diagnostic> {
    let name = path.display().to_string();
    let fail = |message: String, hint: &str| {
        Diagnostic::error(Code::Unreadable, Location::new(&name, 1, 1), message).with_hint(hint)
    };
    let limit = kind.limit();
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        let file = match open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(fail(
                    "no such file".into(),
                    match kind {
                        InputKind::Questionnaire => {
                            "check the path and the spelling; `assess init -o FILE` writes a blank questionnaire"
                        }
                        _ => "check the path and the spelling",
                    },
                ));
            }
            Err(e) => return Err(fail(format!("cannot read: {e}"), hint_for(&e))),
        };
        read_capped(file, limit, quiet, &mut bytes)
    };
    match read {
        Ok(()) if bytes.len() > limit => Err(fail(
            format!(
                "the {} is larger than {}",
                kind.noun(),
                human_size(limit as u64)
            ),
            &format!("check that this is the file you meant: {}", kind.typical()),
        )),
        Ok(()) => Ok(bytes),
        Err(e) if e.kind() == io::ErrorKind::TimedOut => Err(fail(
            format!(
                "nothing arrived for {} s: this is a pipe or device that is not sending data",
                quiet.as_secs()
            ),
            "name a regular file, or make sure something writes to the pipe",
        )),
        Err(e) => Err(fail(format!("cannot read: {e}"), hint_for(&e))),
    }
}

/// Reads the file at `path` as UTF-8 text (a leading byte-order mark is kept for the parser to
/// skip), at most `kind.limit()` bytes. Text that is not UTF-8 is reported at its line and column.
pub fn read_text(path: &Path, kind: InputKind) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path, kind)?;
    decode(&path.display().to_string(), bytes)
}

/// Turns bytes into text, or says where they stop being UTF-8.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Diagnostic::error(
            Code::NotUtf8,
            Location::new(name, 1, 1),
            "the file is saved as UTF-16 (\"Unicode\"), not UTF-8",
        )
        .with_hint("save it again as UTF-8 (in most editors: \"Save as\", encoding UTF-8)"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let column = before
            .rsplit(|b| *b == b'\n')
            .next()
            .map_or(0, |l| String::from_utf8_lossy(l).chars().count()) as u32
            + 1;
        Diagnostic::error(
            Code::NotUtf8,
            Location::new(name, line, column),
            format!("byte 0x{:02x} is not UTF-8 text", e.as_bytes()[offset]),
        )
        .with_hint("save the file as UTF-8 (in Excel or Word: \"Save as\", encoding UTF-8)")
    })
}

fn hint_for(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::IsADirectory => "this is a folder; name a file inside it",
        io::ErrorKind::PermissionDenied => "you may not read this file; check its permissions",
        _ => "check that the file exists and you may read it",
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

/// Opens for reading without waiting: a FIFO with no writer does not block the open.
fn open(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory));
    }
    Ok(file)
}

/// Reads at most `limit + 1` bytes (one more than allowed, so "too large" is detectable),
/// waiting at most `quiet` for each chunk from a FIFO or device.
fn read_capped(
    mut file: std::fs::File,
    limit: usize,
    quiet: Duration,
    bytes: &mut Vec<u8>,
) -> io::Result<()> {
    let regular = file.metadata()?.is_file();
    if regular {
        (&mut file).take(limit as u64 + 1).read_to_end(bytes)?;
        return Ok(());
    }
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        wait_readable(&file, quiet)?;
        let want = chunk.len().min(limit + 1 - bytes.len());
        match file.read(&mut chunk[..want]) {
            Ok(0) => return Ok(()),
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                if bytes.len() > limit {
                    return Ok(());
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(unix)]
fn wait_readable(file: &std::fs::File, quiet: Duration) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let mut fd = libc::pollfd {
        fd: file.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let timeout = i32::try_from(quiet.as_millis()).unwrap_or(i32::MAX);
    loop {
        // SAFETY: one valid pollfd, owned by this frame, for the duration of the call.
        let ready = unsafe { libc::poll(&mut fd, 1, timeout) };
        if ready > 0 {
            return Ok(());
        }
        if ready == 0 {
            return Err(io::Error::from(io::ErrorKind::TimedOut));
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

#[cfg(not(unix))]
fn wait_readable(_: &std::fs::File, _: Duration) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_that_never_ends_is_cut_at_the_cap() {
        let path = Path::new("/dev/zero");
        if !path.exists() {
            return;
        }
        let e = read_bytes(path, InputKind::Logo).unwrap_err();
        assert_eq!(e.code, Code::Unreadable);
        assert_eq!(e.message, "the logo is larger than 2 MiB");
        let e = read_bytes(path, InputKind::Rubric).unwrap_err();
        assert_eq!(e.message, "the rubric is larger than 8 MiB");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_nobody_writes_to_gives_up_instead_of_hanging() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("logo.png");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let started = std::time::Instant::now();
        let e = read_bytes_within(&fifo, InputKind::Logo, Duration::from_millis(200)).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(e.message.starts_with("nothing arrived"), "{}", e.message);
    }

    #[test]
    fn a_folder_is_named_as_one() {
        let e = read_bytes(Path::new("src"), InputKind::Questionnaire).unwrap_err();
        assert_eq!(
            e.hint.as_deref(),
            Some("this is a folder; name a file inside it")
        );
    }

    #[test]
    fn bytes_after_valid_text_are_located() {
        let e = decode("t.yaml", b"a: 1\nb: \xff\n".to_vec()).unwrap_err();
        assert_eq!((e.location.line, e.location.column), (2, 4));
    }
}
