//! The size limit on inputs that are read whole (`--max-input-size`), and sizes as people write them.
//!
//! Every format except JSON Lines is read into memory and decoded before its first check runs
//! (a prose article, an XLIFF file or a table is one document set), and the run then holds it
//! several times over. Past the limit the file is an input error with its size, checked from the
//! metadata first and enforced while reading (stdin, a file that grows), instead of a CI runner
//! killed for memory with no message and no report.

use std::io::Read;
use std::path::Path;

#[cfg(test)]
use crate::error::human;
use crate::error::{Error, Result};

/// The command line's default: a prose or XLIFF file is rarely over a few MB; a table this big
/// should be JSON Lines, which streams.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads `path` (`-`: stdin) whole, refusing more than `limit` bytes.
pub fn read_whole(path: &Path, name: &str, limit: Option<u64>) -> Result<Vec<u8>> {
    let read_err = read_error(name);
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        read_capped(std::io::stdin().lock(), name, limit, &mut buf)?;
        return Ok(buf);
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    if let (Some(limit), Ok(meta)) = (limit, file.metadata())
        && meta.is_file()
        && meta.len() > limit
    {
        return Err(Error::TooLarge {
            path: name.to_string(),
            size: Some(meta.len()),
            limit,
        });
    }
    read_capped(file, name, limit, &mut buf)?;
    Ok(buf)
}

fn read_error(name: &str) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Read {
        path: name.to_string(),
        source,
    }
}

fn read_capped(r: impl Read, name: &str, limit: Option<u64>, buf: &mut Vec<u8>) -> Result<()> {
    let read_err = read_error(name);
    match limit {
        None => {
            let mut r = r;
            r.read_to_end(buf).map_err(read_err)?;
        }
        Some(limit) => {
            // One byte more than allowed tells "exactly at the limit" from "over it".
            r.take(limit.saturating_add(1))
                .read_to_end(buf)
                .map_err(read_err)?;
            if buf.len() as u64 > limit {
                return Err(Error::TooLarge {
                    path: name.to_string(),
                    size: None,
                    limit,
                });
            }
        }
    }
    Ok(())
}

/// Parses `--max-input-size`: bytes, or a number with `K`/`M`/`G` (powers of 1,024, with or
/// without `iB`/`B`), or `none`/`0` for no limit (`None`).
pub fn parse_size(s: &str) -> std::result::Result<Option<u64>, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("none") || t == "0" {
        return Ok(None);
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => return Err(format!("`{s}`: not a size (e.g. 256MiB, 2G, none)")),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}`: not a size (e.g. 256MiB, 2G, none)"))?;
    let bytes = n * mult as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("`{s}`: not a size (e.g. 256MiB, 2G, none)"));
    }
    Ok(Some(bytes as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_as_people_write_them() {
        assert_eq!(parse_size("256MiB"), Ok(Some(256 << 20)));
        assert_eq!(parse_size("2G"), Ok(Some(2 << 30)));
        assert_eq!(parse_size("1.5k"), Ok(Some(1536)));
        assert_eq!(parse_size("100"), Ok(Some(100)));
        assert_eq!(parse_size("none"), Ok(None));
        assert_eq!(parse_size("0"), Ok(None));
        for bad in ["", "MiB", "-1M", "12 parsecs", "NaN", "inf"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size_and_one_at_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 2048]).unwrap();
        let err = read_whole(&p, "big.txt", Some(1024)).unwrap_err();
        assert!(matches!(
            err,
            Error::TooLarge {
                size: Some(2048),
                limit: 1024,
                ..
            }
        ));
        assert!(
            err.to_string()
                .starts_with("big.txt: 2.0 KiB, over the input limit of 1.0 KiB (--max-input-size"),
            "{err}"
        );
        assert!(read_whole(&p, "big.txt", Some(2047)).is_err());
        assert_eq!(read_whole(&p, "big.txt", Some(2048)).unwrap().len(), 2048);
        assert_eq!(read_whole(&p, "big.txt", None).unwrap().len(), 2048);
    }

    #[test]
    fn a_stream_is_cut_at_the_limit_while_reading() {
        let mut buf = Vec::new();
        let err = read_capped(&[b'x'; 10][..], "-", Some(4), &mut buf).unwrap_err();
        assert!(matches!(
            err,
            Error::TooLarge {
                size: None,
                limit: 4,
                ..
            }
        ));
        assert!(
            err.to_string()
                .starts_with("-: over the input limit of 4 bytes"),
            "{err}"
        );
        assert!(buf.len() <= 5);
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human(10), "10 bytes");
        assert_eq!(human(256 << 20), "256.0 MiB");
        assert_eq!(human(3 << 30), "3.0 GiB");
    }
}
