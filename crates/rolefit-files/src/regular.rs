//! Reading a file rolefit was pointed at: a regular file only, within a size limit, and a
//! sentence naming what it is when it is not.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::describe_io_error;

/// The most rolefit reads of an assessment, a review file or a framework file. Generous: the
/// built-in framework is 60 KiB, the 20,000-competency stress framework 10 MiB, and an
/// assessment with years of long notes well under 1 MiB. Anything larger is not one of these
/// (a disk image, a log, a device) and parsing it would take several times its size in memory.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Why a file rolefit reads could not be read; shown as a sentence naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A FIFO, a device, a socket or a folder where a file should be.
    #[error("{} {}", rolefit_core::text::display_path(path), self.reason())]
    NotRegular { path: PathBuf, kind: &'static str },
    /// Larger than rolefit reads.
    #[error("{} {}", rolefit_core::text::display_path(path), self.reason())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The file system refused (not found, permission denied…).
    #[error(
        "cannot read {}: {}",
        rolefit_core::text::display_path(path),
        describe_io_error(source)
    )]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl ReadError {
    /// What is wrong, after the file's name: "is a FIFO (named pipe), not a regular file".
    pub fn reason(&self) -> String {
        match self {
            ReadError::NotRegular { kind, .. } => format!("is {kind}, not a regular file"),
            ReadError::TooLarge { size, limit, .. } => format!(
                "is too large ({}; rolefit reads files of at most {})",
                size_words(*size),
                size_words(*limit)
            ),
            ReadError::Io { source, .. } => {
                format!("cannot be read ({})", describe_io_error(source))
            }
        }
    }

    /// The I/O error, when the file system refused.
    pub fn io_error(&self) -> Option<&io::Error> {
        match self {
            ReadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A size in words: "65 MiB", "12 KiB", "300 bytes".
fn size_words(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Reads a file that must be a regular file of at most `limit` bytes: the one way rolefit reads
/// a file. It is opened without blocking and checked before it is read, so a FIFO or a device
/// where a file should be is reported rather than waited on forever or read until memory runs
/// out, and a huge file is refused by its size.
pub fn read_regular(path: &Path, limit: u64) -> std::result::Result<Vec<u8>, ReadError> {
    let io_error = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: file_kind(&meta),
        });
    }
    let too_large = |size| ReadError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    // A file that grows while it is read stops at the limit too.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    io::Read::read_to_end(&mut io::Read::take(file, limit + 1), &mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What a path that is not a regular file is, in words: "a folder", "a FIFO (named pipe)"…
pub fn file_kind(meta: &fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}
