//! Plain mode's output wrapped at word boundaries, for terminals that break lines anywhere.

use std::io::{self, Write};

/// Output wrapped at word boundaries to `width` columns, for sighted users of a terminal that
/// breaks long lines anywhere (`TERM=dumb`); a wrapped line keeps its indent, and an item
/// ("  3 Independent: …") continues two columns further in. A line not ended yet (a prompt)
/// is written as it is when flushed.
pub struct WordWrap<W: Write> {
    inner: W,
    width: usize,
    pending: Vec<u8>,
}

impl<W: Write> WordWrap<W> {
    pub fn new(inner: W, width: usize) -> WordWrap<W> {
        WordWrap {
            inner,
            width: width.max(20),
            pending: Vec::new(),
        }
    }

    /// One whole line, wrapped.
    fn emit(&mut self, line: &str) -> io::Result<()> {
        use unicode_width::UnicodeWidthStr;
        let indent = line.len() - line.trim_start_matches(' ').len();
        let hanging = if indent > 0 { indent + 2 } else { 0 };
        let mut current = " ".repeat(indent);
        let mut used = indent;
        let mut first = true;
        for word in line.split_whitespace() {
            let w = word.width();
            let at_start = used == if first { indent } else { hanging };
            if !at_start && used + 1 + w > self.width {
                writeln!(self.inner, "{}", current.trim_end())?;
                current = " ".repeat(hanging);
                used = hanging;
                first = false;
            } else if !at_start {
                current.push(' ');
                used += 1;
            }
            current.push_str(word);
            used += w;
        }
        writeln!(self.inner, "{}", current.trim_end())
    }
}

impl<W: Write> Write for WordWrap<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let text = String::from_utf8_lossy(&line[..line.len() - 1]).into_owned();
            self.emit(text.trim_end_matches('\r'))?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.write_all(&rest)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for WordWrap<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
