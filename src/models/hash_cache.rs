//! Remembers which model files already matched their manifest sha256, keyed by what the file
//! system says of them (path, size, modification time, device and inode), so a run does not
//! re-hash ~200 MB of models before it can start (0.6 s of a 1.8 s cold start, measured with
//! `sha256sum` on this machine). A file that changes gets a new size, mtime or inode and is
//! hashed again. This guards against corruption and a stale checkout, not against someone who
//! can write the model directory and forge a modification time; `MTLINT_HASH_CACHE=off` hashes
//! every time. The cache is a small TSV under `$MTLINT_CACHE_DIR`, `$XDG_CACHE_HOME/mtlint` or
//! `~/.cache/mtlint`; when none is writable, every run hashes, as before.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Cache file name; the version changes when the key does.
const FILE: &str = "verified-models-v1.tsv";

/// What identifies one state of a file without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    path: String,
    size: u64,
    mtime_ns: u128,
    dev: u64,
    ino: u64,
}

impl Key {
    fn of(path: &Path) -> Option<Key> {
        let canonical = std::fs::canonicalize(path).ok()?;
        let meta = std::fs::metadata(&canonical).ok()?;
        let mtime_ns = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        Some(Key {
            path: canonical.to_str()?.to_string(),
            size: meta.len(),
            mtime_ns,
            dev,
            ino,
        })
    }

    fn line(&self, sha256: &str) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            self.path,
            self.size,
            self.mtime_ns,
            self.dev,
            self.ino,
            sha256.to_ascii_lowercase()
        )
    }
}

fn enabled() -> bool {
    std::env::var("MTLINT_HASH_CACHE").map_or(true, |v| v != "off" && v != "0")
}

fn cache_path() -> Option<PathBuf> {
    let dir = std::env::var_os("MTLINT_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("mtlint")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/mtlint")))?;
    Some(dir.join(FILE))
}

/// Whether `path` in its present state was already found to hash to `sha256`.
pub fn known_good(path: &Path, sha256: &str) -> bool {
    enabled() && cache_path().is_some_and(|c| known_good_in(&c, path, sha256))
}

/// Records that `path` in its present state hashed to `sha256`. Failures are ignored: the cache
/// only saves time.
pub fn remember(path: &Path, sha256: &str) {
    if let Some(c) = cache_path().filter(|_| enabled()) {
        remember_in(&c, path, sha256);
    }
}

fn known_good_in(cache: &Path, path: &Path, sha256: &str) -> bool {
    let Some(key) = Key::of(path) else {
        return false;
    };
    let want = key.line(sha256);
    std::fs::read_to_string(cache).is_ok_and(|text| text.lines().any(|l| l == want))
}

/// Written to a temporary file and renamed, so concurrent runs never read a torn file (one of
/// two simultaneous updates may be lost, and that file is hashed again next time).
fn remember_in(cache: &Path, path: &Path, sha256: &str) {
    let (Some(key), Some(dir)) = (Key::of(path), cache.parent()) else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // Other entries for the same path are older states of the file: replaced.
    let prefix = format!("{}\t", key.path);
    let mut lines: Vec<String> = std::fs::read_to_string(cache)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with(&prefix) && !l.is_empty())
        .map(str::to_string)
        .collect();
    lines.push(key.line(sha256));
    let tmp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
    if std::fs::write(&tmp, lines.join("\n") + "\n").is_err()
        || std::fs::rename(&tmp, cache).is_err()
    {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_file_state_that_was_hashed_is_known_good() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache").join(FILE);
        let (a, b) = (dir.path().join("a.onnx"), dir.path().join("b.onnx"));
        std::fs::write(&a, b"weights").unwrap();
        std::fs::write(&b, b"other").unwrap();
        assert!(!known_good_in(&cache, &a, "abc"));
        remember_in(&cache, &a, "ABC");
        remember_in(&cache, &b, "def");
        assert!(known_good_in(&cache, &a, "abc") && known_good_in(&cache, &b, "def"));
        // Another expected hash (a new manifest) is not vouched for.
        assert!(!known_good_in(&cache, &a, "abd"));
        // A rewrite changes size, mtime or inode: hashed again.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&a, b"weights, changed").unwrap();
        assert!(!known_good_in(&cache, &a, "abc"));
        // Remembering the new state replaces the old line, and b's line stays.
        remember_in(&cache, &a, "abc");
        let text = std::fs::read_to_string(&cache).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(known_good_in(&cache, &b, "def"));
    }
}
