//! Writes output files whole or not at all: a temporary file beside the target, renamed over it
//! only once everything is written; and stdout, where a closed pipe is not an error. A target that exists and is not a regular file (`/dev/null`,
//! a FIFO, a terminal) is written directly: renaming over it would replace the device or pipe
//! with a regular file (as root, `/dev/null` itself).
//!
//! A run stopped by SIGINT, SIGTERM or SIGHUP skips every destructor, so the temporary files
//! being written are also kept in a registry that a signal thread empties (deleting them) before
//! the process dies of the signal as it would have: a streamed run interrupted with Ctrl-C used
//! to leave a 9–20 MB `.mtlint-*.part` file beside its report.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::error::{Error, Result};

/// Temporary files being written, by path: removed by the signal thread.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The registry; a panic while it was held leaves plain paths, still good to read.
fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Starts, once, the thread that cleans up after a terminating signal. It holds the registry
/// lock while it deletes and then re-raises the signal with its default action, so a commit
/// (which renames under the same lock) either finished before it or never happens.
fn watch_signals() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    #[cfg(unix)]
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // Failing to install leaves the default behaviour: the run still stops, only the
        // temporary file may be left, as before.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("mtlint-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let files = live();
                    for f in files.iter() {
                        let _ = std::fs::remove_file(f);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    // Only reached if the default action did not end the process.
                    std::process::exit(128 + signal);
                }
            });
    });
    #[cfg(not(unix))]
    ONCE.call_once(|| {});
}

/// A temporary file's place in the registry, given up when the file is renamed or dropped.
struct Registered(PathBuf);

impl Registered {
    fn new(path: &Path) -> Self {
        watch_signals();
        live().push(path.to_path_buf());
        Registered(path.to_path_buf())
    }

    /// Drops the entry while the caller holds the registry.
    fn release(self, live: &mut Vec<PathBuf>) {
        if let Some(i) = live.iter().position(|p| *p == self.0) {
            live.swap_remove(i);
        }
        std::mem::forget(self);
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut live = live();
        if let Some(i) = live.iter().position(|p| *p == self.0) {
            live.swap_remove(i);
        }
    }
}

/// An output file being written: `commit` makes it visible (renames the temporary file over the
/// target); dropping it uncommitted removes the temporary file and leaves the target as it was.
pub struct AtomicFile {
    path: PathBuf,
    inner: Inner,
}

enum Inner {
    /// A regular (or not yet existing) target: write beside it, rename over it at the end.
    Temp(tempfile::NamedTempFile, PathBuf, Registered),
    /// A device, FIFO or socket: there is nothing to replace atomically.
    Direct(File),
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<Self> {
        let err = |source| Error::Write {
            path: path.display().to_string(),
            source,
        };
        // A symlink to a regular file keeps being a symlink: the file it points at is replaced.
        let target = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(err)?,
            _ => path.to_path_buf(),
        };
        let existing = match std::fs::metadata(&target) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(err(e)),
        };
        if let Some(m) = &existing
            && !m.is_file()
        {
            if m.is_dir() {
                return Err(err(io::Error::other("is a directory")));
            }
            let f = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&target)
                .map_err(err)?;
            return Ok(AtomicFile {
                path: path.to_path_buf(),
                inner: Inner::Direct(f),
            });
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".mtlint-").suffix(".part");
        // tempfile creates 0600 files; a report is an ordinary file, so it gets what `File::create`
        // would give it (0644 here, minus the umask), or keeps the mode of the file it replaces.
        #[cfg(unix)]
        let perms = {
            use std::os::unix::fs::PermissionsExt;
            match &existing {
                Some(m) => m.permissions(),
                None => std::fs::Permissions::from_mode(0o644),
            }
        };
        #[cfg(unix)]
        builder.permissions(perms);
        let tmp = builder.tempfile_in(dir).map_err(err)?;
        // The umask applies to the mode given at creation, not to the replaced file's mode, which
        // is restored exactly.
        #[cfg(unix)]
        if let Some(m) = &existing {
            tmp.as_file()
                .set_permissions(m.permissions())
                .map_err(err)?;
        }
        let registered = Registered::new(tmp.path());
        Ok(AtomicFile {
            path: path.to_path_buf(),
            inner: Inner::Temp(tmp, target, registered),
        })
    }

    /// Flushes the data to disk and puts it in place.
    pub fn commit(self) -> Result<()> {
        let err = |source| Error::Write {
            path: self.path.display().to_string(),
            source,
        };
        match self.inner {
            Inner::Temp(tmp, target, registered) => {
                tmp.as_file().sync_all().map_err(err)?;
                let mut live = live();
                let persisted = tmp.persist(&target);
                registered.release(&mut live);
                drop(live);
                persisted.map_err(|e| err(e.error))?;
            }
            Inner::Direct(mut f) => f.flush().map_err(err)?,
        }
        Ok(())
    }

    /// The path as given, for error messages.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Inner::Temp(f, ..) => f.write(buf),
            Inner::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Temp(f, ..) => f.flush(),
            Inner::Direct(f) => f.flush(),
        }
    }
}

/// Writes `bytes` to `path` whole or not at all (see the module docs).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes).map_err(|source| Error::Write {
        path: path.display().to_string(),
        source,
    })?;
    f.commit()
}

/// Where a report's bytes go: stdout (`-`), or an output file written whole or not at all.
pub enum Destination {
    Stdout,
    File(AtomicFile),
}

impl Destination {
    /// Stdout for `-`, else starts writing the file.
    pub fn open(path: &Path) -> Result<Self> {
        if path.as_os_str() == "-" {
            return Ok(Destination::Stdout);
        }
        Ok(Destination::File(AtomicFile::create(path)?))
    }

    /// Writes (and, on stdout, flushes) `bytes`. A closed pipe on stdout (`mtlint check … |
    /// head`) is not an error.
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        match self {
            Destination::Stdout => {
                let mut out = io::stdout().lock();
                match out.write_all(bytes).and_then(|_| out.flush()) {
                    Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
                        path: "<stdout>".into(),
                        source: e,
                    }),
                    _ => Ok(()),
                }
            }
            Destination::File(f) => f.write_all(bytes).map_err(|source| Error::Write {
                path: f.path().display().to_string(),
                source,
            }),
        }
    }

    /// Puts a file in place; nothing to do for stdout.
    pub fn commit(self) -> Result<()> {
        match self {
            Destination::Stdout => Ok(()),
            Destination::File(f) => f.commit(),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    /// What `File::create` gives under the current umask, limited to 0644.
    fn expected_new_mode() -> u32 {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("probe");
        File::create(&p).unwrap();
        mode(&p) & 0o644
    }

    #[test]
    fn new_files_get_ordinary_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.csv");
        write_atomic(&p, b"a,b\r\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"a,b\r\n");
        assert_eq!(mode(&p), expected_new_mode());
    }

    #[test]
    fn replaced_files_keep_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.csv");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(mode(&p), 0o640);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn symlinks_stay_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn dev_null_is_written_not_replaced() {
        // Writing (never renaming) is what this asserts: /dev/null stays a character device.
        // Where something already replaced it with a regular file, writing would rename over it.
        if !std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
        {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("SKIP: /dev/null is not a character device on this machine");
            }
            return;
        }
        write_atomic(Path::new("/dev/null"), b"discarded").unwrap();
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn fifos_are_written_directly() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(&fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file created beside a FIFO");
    }

    fn temp_path(f: &AtomicFile) -> PathBuf {
        match &f.inner {
            Inner::Temp(t, ..) => t.path().to_path_buf(),
            Inner::Direct(_) => panic!("expected a temporary file"),
        }
    }

    #[test]
    fn temporary_files_are_registered_until_committed_or_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let f = AtomicFile::create(&dir.path().join("a.csv")).unwrap();
        let tmp = temp_path(&f);
        assert!(tmp.exists() && live().contains(&tmp));
        f.commit().unwrap();
        assert!(!live().contains(&tmp), "released on commit");
        let f = AtomicFile::create(&dir.path().join("b.csv")).unwrap();
        let tmp = temp_path(&f);
        drop(f);
        assert!(!tmp.exists() && !live().contains(&tmp), "released on drop");
    }
}
