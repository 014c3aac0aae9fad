//! Plain-text tables read as the lines they stand for. People who organise their e-mails
//! write changes as a table:
//!
//! ```text
//! Item | Now | Want
//! Office Chair | red | blue
//! ```
//!
//! Each row under a header that names the item's column and what it should become is
//! written as the line the readings already know: "Office Chair: red to blue." (what it is,
//! then what it becomes), "Office Chair: blue." (what it becomes alone), or "return the
//! Office Chair." (a column of actions). The header itself says nothing and is left out.
//! Cells are split at `|` or tabs; a row of dashes under the header is skipped; the table
//! ends at the first line that is not a row of the same width. A table with a row it cannot
//! read, or with the same row twice, stays as written.

use std::borrow::Cow;

/// What a column of the header holds.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Column {
    Item,
    Now,
    Want,
    Action,
    Other,
}

fn column(header: &str) -> Column {
    let h = header.trim().to_lowercase();
    let h = h.trim_end_matches([':', '?', '.']);
    let is = |words: &[&str]| words.contains(&h);
    if is(&[
        "item", "items", "product", "products", "article", "what", "thing",
    ]) {
        Column::Item
    } else if is(&[
        "now",
        "current",
        "currently",
        "have",
        "i have",
        "has",
        "from",
        "old",
        "is",
        "existing",
        "ordered",
        "got",
        "received",
        "at the moment",
        "current version",
        "what i have",
        "what i got",
    ]) {
        Column::Now
    } else if is(&[
        "want",
        "wanted",
        "i want",
        "requested",
        "request",
        "new",
        "to",
        "change to",
        "should be",
        "desired",
        "instead",
        "replace with",
        "exchange for",
        "swap to",
        "make it",
        "target",
        "what i want",
        "wanted version",
    ]) {
        Column::Want
    } else if is(&["action", "what to do", "todo", "to do", "do", "please"]) {
        Column::Action
    } else {
        Column::Other
    }
}

/// The cells of a table line: split at `|` (outer bars dropped) or at tabs; `None` when the
/// line is no row.
fn cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let parts: Vec<&str> = if t.contains('|') {
        t.trim_matches('|').split('|').collect()
    } else if t.contains('\t') {
        t.split('\t').filter(|c| !c.trim().is_empty()).collect()
    } else {
        return None;
    };
    (parts.len() >= 2).then(|| parts.iter().map(|c| c.trim().to_owned()).collect())
}

/// A row of dashes (and bars, colons, plus signs) under a header.
fn rule(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.chars()
            .all(|c| matches!(c, '-' | '|' | ':' | '+' | ' ' | '='))
}

/// One row as the line it stands for, by the header's columns.
fn row_line(columns: &[Column], row: &[String]) -> Option<String> {
    let cell = |want: Column| -> Option<&str> {
        columns
            .iter()
            .position(|c| *c == want)
            .and_then(|i| row.get(i))
            .map(String::as_str)
            .filter(|c| !c.is_empty() && *c != "-")
    };
    let item = cell(Column::Item)?;
    Some(
        match (cell(Column::Now), cell(Column::Want), cell(Column::Action)) {
            (Some(now), Some(want), _) => format!("{item}: {now} to {want}."),
            (None, Some(want), _) => format!("{item}: {want}."),
            (_, None, Some(action)) if !action.contains(' ') => format!("{action} the {item}."),
            (_, None, Some(action)) => format!("{item}: {action}."),
            _ => return None,
        },
    )
}

/// `text` with every table under a header that names an item column and a column of what
/// it becomes (or of actions) written as lines; borrowed when it holds none.
pub fn tables_as_lines(text: &str) -> Cow<'_, str> {
    if !text.contains('|') && !text.contains('\t') {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let header = cells(lines[i]).map(|h| h.iter().map(|c| column(c)).collect::<Vec<_>>());
        let readable = header.as_ref().is_some_and(|cols| {
            cols.contains(&Column::Item)
                && (cols.contains(&Column::Want) || cols.contains(&Column::Action))
        });
        let (Some(columns), true) = (header, readable) else {
            out.push(lines[i].to_owned());
            i += 1;
            continue;
        };
        let mut j = i + 1;
        if lines.get(j).is_some_and(|l| rule(l)) {
            j += 1;
        }
        let mut rows = Vec::new();
        while let Some(row) = lines.get(j).and_then(|l| cells(l)) {
            if row.len() != columns.len() {
                break;
            }
            rows.push(row);
            j += 1;
        }
        let read: Vec<String> = rows.iter().filter_map(|r| row_line(&columns, r)).collect();
        let repeated = read.iter().enumerate().any(|(n, l)| read[..n].contains(l));
        if read.len() != rows.len() || rows.is_empty() || repeated {
            // a row it cannot read, or the same row twice (two of one product, which a line
            // read twice would not say): the table stays as written
            out.push(lines[i].to_owned());
            i += 1;
            continue;
        }
        out.extend(read);
        changed = true;
        i = j;
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    Cow::Owned(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_under_a_header_are_the_changes_they_list() {
        let text = "Action: modify two items\n\nItem | Now | Want\nOffice Chair | red | blue\nPet Bed | medium | large\n\nPayment: my Mastercard";
        assert_eq!(
            tables_as_lines(text),
            "Action: modify two items\n\nOffice Chair: red to blue.\nPet Bed: medium to large.\n\nPayment: my Mastercard"
        );
        // outer bars, a rule under the header, tabs
        assert_eq!(
            tables_as_lines(
                "| Product | Current | Requested |\n|---|---|---|\n| kettle | 1L | 2L |"
            ),
            "kettle: 1L to 2L."
        );
        assert_eq!(tables_as_lines("Item\tWant\nlamp\tblack"), "lamp: black.");
        assert_eq!(
            tables_as_lines("Item | Action\nboots | return\nlamp | exchange for the black one"),
            "return the boots.\nlamp: exchange for the black one."
        );
    }

    #[test]
    fn other_bars_stay_as_written() {
        for text in [
            "Order W1234567 | pending | thanks",
            "Item | Price\nlamp | $20",
            "Name | Zip\nAna | 12345",
            "no table here",
        ] {
            assert!(matches!(tables_as_lines(text), Cow::Borrowed(_)), "{text}");
        }
        // the same row twice means two of that product: the table stays as written
        assert!(matches!(
            tables_as_lines("Item | Action\nbottle | return\nbottle | return"),
            Cow::Borrowed(_)
        ));
        // a row that does not fit the header: the table stays as written
        assert!(matches!(
            tables_as_lines("Item | Now | Want\nlamp | white"),
            Cow::Borrowed(_)
        ));
    }
}
