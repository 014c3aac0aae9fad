//! mbox mailboxes, split by mail-parser's mbox reader (which undoes `>From ` quoting).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use mail_parser::mailbox::mbox::MessageIterator;

use super::source::{Place, Unit, Units};

/// The messages of an mbox file; each message's place is the line of its `From ` line.
pub fn units(path: &Path) -> std::io::Result<Units> {
    let mut messages = MessageIterator::new(BufReader::new(File::open(path)?));
    let mut line = 1u64;
    let mut read = 0u64;
    Ok(Box::new(std::iter::from_fn(move || {
        let m = messages.next()?;
        Some(m.map(|m| {
            let from_line = m.from().len() as u64 + 7;
            let contents = m.unwrap_contents();
            let at = line;
            // The `From ` line, then the message's own lines.
            line += 1 + contents.iter().filter(|b| **b == b'\n').count() as u64;
            read += contents.len() as u64 + from_line;
            (Place::Line(at), Unit::Mime(contents), read)
        }))
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_their_starting_lines() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.mbox");
        std::fs::write(
            &f,
            "From a@example.com Mon Nov  3 10:00:00 2025\nFrom: a@example.com\nSubject: one\n\nhello\n>From here\n\nFrom b@example.com Mon Nov  3 11:00:00 2025\nFrom: b@example.com\nSubject: two\n\nbye\n",
        )
        .unwrap();
        let got: Vec<_> = units(&f).unwrap().map(Result::unwrap).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, Place::Line(1));
        assert_eq!(got[1].0, Place::Line(8));
        let Unit::Mime(first) = &got[0].1 else {
            panic!()
        };
        assert!(String::from_utf8_lossy(first).contains("\nFrom here"));
    }
}
