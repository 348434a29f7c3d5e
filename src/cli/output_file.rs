//! Where `-o` writes, and how, so that nothing is ever lost.
//!
//! A regular file (or a path that does not exist yet) is replaced atomically: the bytes go to a
//! temporary file in the same folder, which is synced and renamed into place, so a reader never
//! sees half a report and a failure leaves the previous file as it was (and no temporary file
//! behind). A symlink is followed, and its target replaced, so the link stays a link. A
//! character device (`/dev/null`, a terminal) or a FIFO is written straight through: replacing
//! it with a regular file would break it for everyone else. Anything else (a folder, a block
//! device, a socket) is refused before anything is written.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symlinks are followed before giving up (as the kernel does).
const MAX_LINKS: usize = 40;

/// What `-o PATH` names.
#[derive(Debug)]
pub enum Destination {
    /// A regular file to replace, or create, at this path (symlinks resolved).
    File(PathBuf),
    /// A character device or FIFO, written through as it is.
    Stream(PathBuf),
}

/// Resolves `path` (following symlinks) and says how it is to be written, or why it cannot be.
pub fn destination(path: &Path) -> Result<Destination, String> {
    // What the path finally reaches decides; `/dev/stdout` reaches a pipe or terminal through
    // links that name no real path, so devices are opened by the name given.
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() || kind.is_fifo() {
            return Ok(Destination::Stream(path.to_path_buf()));
        }
    }
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Destination::File(current)),
            Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let target = std::fs::read_link(&current)
                .map_err(|e| format!("cannot follow the link {}: {e}", current.display()))?;
            current = match current.parent() {
                Some(dir) if target.is_relative() => dir.join(target),
                _ => target,
            };
            continue;
        }
        if kind.is_file() {
            return Ok(Destination::File(current));
        }
        if kind.is_dir() {
            return Err(format!(
                "cannot write {}: it is a folder; name a file inside it (nothing was written)",
                path.display()
            ));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_char_device() || kind.is_fifo() {
                return Ok(Destination::Stream(current));
            }
            let what = if kind.is_block_device() {
                "a block device (a disk)"
            } else if kind.is_socket() {
                "a socket"
            } else {
                "a special file"
            };
            return Err(format!(
                "refusing to write {}: it is {what}, not a file; choose a file path (nothing was written)",
                path.display()
            ));
        }
        #[cfg(not(unix))]
        return Err(format!(
            "refusing to write {}: it is not a regular file; choose a file path (nothing was written)",
            path.display()
        ));
    }
    Err(format!(
        "cannot write {}: more than {MAX_LINKS} symlinks in a row (a loop?) (nothing was written)",
        path.display()
    ))
}

/// A report prepared in a temporary file beside its destination, not yet in place.
pub struct Staged {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
    shown: PathBuf,
}

/// Writes `bytes` to a temporary file in `target`'s folder (synced), ready to be put in place.
/// On error nothing remains on disk.
pub fn stage(shown: &Path, target: &Path, bytes: &[u8]) -> Result<Staged, String> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: io::Error| describe(shown, dir, e);
    // tempfile creates files readable by the owner only; a report is an ordinary file, and
    // one being replaced keeps the permissions it had.
    #[cfg(unix)]
    let permissions = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(target)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644))
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".assess-");
    #[cfg(unix)]
    builder.permissions(permissions);
    let mut temp = builder.tempfile_in(dir).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    Ok(Staged {
        temp,
        target: target.to_path_buf(),
        shown: shown.to_path_buf(),
    })
}

impl Staged {
    /// Renames the temporary file into place (without replacing an existing file unless
    /// `clobber`). On error the temporary file is removed.
    pub fn commit(self, clobber: bool) -> Result<(), String> {
        let dir = self
            .target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let result = if clobber {
            self.temp.persist(&self.target).map(|_| ())
        } else {
            self.temp.persist_noclobber(&self.target).map(|_| ())
        };
        // A failed persist hands the temporary file back; dropping it deletes it.
        result.map_err(|e| describe(&self.shown, &dir, e.error))
    }
}

/// Writes `bytes` to `path` as its kind requires: atomically for files, straight through for
/// character devices and FIFOs.
pub fn write(path: &Path, bytes: &[u8], clobber: bool) -> Result<(), String> {
    match destination(path)? {
        Destination::File(target) => stage(path, &target, bytes)?.commit(clobber),
        Destination::Stream(target) => write_through(path, &target, bytes),
    }
}

fn write_through(shown: &Path, target: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    // Opening a FIFO nobody reads would wait for a reader forever; non-blocking, it fails.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let fail = |e: io::Error| {
        if e.raw_os_error() == Some(6) {
            // ENXIO: a FIFO with no reader.
            format!(
                "cannot write {}: it is a pipe (FIFO) and nothing is reading from it (nothing was written)",
                shown.display()
            )
        } else {
            format!("cannot write {}: {e}", shown.display())
        }
    };
    let mut file = options.open(target).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // Back to blocking writes, so a slow reader is waited for rather than refused.
        // SAFETY: fcntl on a descriptor this function owns.
        unsafe {
            let fd = file.as_raw_fd();
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            }
        }
    }
    file.write_all(bytes)
        .and_then(|_| file.flush())
        .map_err(|e| format!("cannot write {}: {e}", shown.display()))
}

fn describe(path: &Path, dir: &Path, e: io::Error) -> String {
    let why = match e.kind() {
        io::ErrorKind::NotFound => format!("the folder {} does not exist", dir.display()),
        io::ErrorKind::PermissionDenied => format!("no permission to write in {}", dir.display()),
        io::ErrorKind::AlreadyExists => "it already exists".to_string(),
        _ => e.to_string(),
    };
    format!(
        "cannot write {}: {why} (nothing was written)",
        path.display()
    )
}

/// The identity (device and inode) of a regular file, to tell whether two names are one file.
#[cfg(unix)]
pub fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}

/// The identity of standard input, when it is a regular file (`assess - < in.yaml`).
#[cfg(unix)]
pub fn stdin_identity() -> Option<(u64, u64)> {
    use std::os::fd::AsFd;
    let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
    let file = std::fs::File::from(fd);
    identity(&file.metadata().ok()?)
}

#[cfg(not(unix))]
pub fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(not(unix))]
pub fn stdin_identity() -> Option<(u64, u64)> {
    None
}
