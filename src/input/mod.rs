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
use crate::error::Error;

mod decode;

pub use crate::input_kind::{InputKind, QUIET_LIMIT};
pub use decode::{data_uri, decode};

/// Most `.md` files read from one `--articles` folder.
pub const MAX_ARTICLES: usize = 1_000;

/// Reads the file at `path` (`-` is standard input), at most `kind.limit()` bytes.
pub fn read(path: &Path, kind: InputKind) -> Result<Vec<u8>, Error> {
    read_within(path, kind, QUIET_LIMIT)
}

/// [`read`] with a chosen limit on how long a FIFO or device may stay silent.
pub fn read_within(path: &Path, kind: InputKind, quiet: Duration) -> Result<Vec<u8>, Error> {
    let fail = |source: io::Error| Error::Read {
        path: path.to_path_buf(),
        kind,
        source,
    };
    let limit = kind.limit();
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(fail)?;
    } else {
        let file = open(path).map_err(fail)?;
        read_capped(file, limit, quiet, &mut bytes).map_err(fail)?;
    }
    if bytes.len() > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            kind,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads the file at `path` as UTF-8 text (a leading byte-order mark is kept for the parser to
/// skip), at most `kind.limit()` bytes. Text that is not UTF-8 is reported at its line and
/// column ([`Error::Diagnostics`]).
pub fn read_to_string(path: &Path, kind: InputKind) -> Result<String, Error> {
    let bytes = read(path, kind)?;
    Ok(decode(&path.display().to_string(), bytes)?)
}

/// [`read`], with a failure as the located problem the command line prints
/// (`FILE: error[unreadable]: ...`).
pub fn read_bytes(path: &Path, kind: InputKind) -> Result<Vec<u8>, Diagnostic> {
    read(path, kind).map_err(first_problem)
}

/// [`read_to_string`], with a failure as a located problem (see [`read_bytes`]).
pub fn read_text(path: &Path, kind: InputKind) -> Result<String, Diagnostic> {
    read_to_string(path, kind).map_err(first_problem)
}

fn first_problem(e: Error) -> Diagnostic {
    e.into_diagnostics()
        .into_iter()
        .next()
        .unwrap_or_else(|| Diagnostic::error(Code::InternalError, Location::nowhere(), ""))
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
    let metadata = file.metadata()?;
    if metadata.is_file() {
        // Room for the whole file up front: one read, not a series of growing ones.
        let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
        bytes.reserve(size.min(limit) + 1);
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
        let e = read_within(&fifo, InputKind::Logo, Duration::from_millis(200))
            .unwrap_err()
            .to_diagnostic();
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

    /// A file is accepted up to its cap and refused one byte past it.
    #[test]
    fn reads_stop_at_the_cap_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let limit = InputKind::Template.limit();
        for size in [0, 1, limit - 1, limit, limit + 1, limit * 3] {
            let path = dir.path().join("t.j2");
            std::fs::write(&path, vec![b'a'; size]).unwrap();
            match read_bytes(&path, InputKind::Template) {
                Ok(bytes) => assert!(size <= limit && bytes.len() == size, "{size}"),
                Err(e) => {
                    assert!(size > limit, "{size}: {}", e.message);
                    assert_eq!(e.message, "the template is larger than 1 MiB");
                }
            }
        }
    }

    /// The fuzz corpus's seeds that are not UTF-8 are each refused as `not-utf8`, located.
    #[test]
    fn fuzz_seeds_that_are_not_text_are_refused_as_such() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/questionnaire");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            if std::str::from_utf8(&bytes).is_err() {
                let e = decode(&path.display().to_string(), bytes).unwrap_err();
                assert_eq!(e.code, Code::NotUtf8, "{}", path.display());
                seen += 1;
            }
        }
        assert!(seen > 0, "the corpus holds a seed that is not UTF-8");
    }
}
