//! Splitting markdown into sections by headings.

/// One section of a markdown document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading trail, e.g. `Modify pending order > Modify payment`; empty for
    /// text before the first heading.
    pub heading: String,
    /// Heading depth (1 for `#`), 0 for text before the first heading.
    pub level: usize,
    /// The section text including its heading line.
    pub text: String,
}

/// Returns the heading level and title if `line` is an ATX heading (`## Title`).
pub fn heading(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim()))
}

/// Splits markdown into sections at every heading (outside code fences).
/// Sections with no text besides whitespace are dropped.
pub fn split_sections(markdown: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut trail: Vec<(usize, String)> = Vec::new();
    let mut current = Section {
        heading: String::new(),
        level: 0,
        text: String::new(),
    };
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence {
            if let Some((level, title)) = heading(line) {
                push_section(&mut out, std::mem::take(&mut current.text), &current);
                trail.retain(|(l, _)| *l < level);
                trail.push((level, title.to_string()));
                current = Section {
                    heading: trail
                        .iter()
                        .map(|(_, t)| t.as_str())
                        .collect::<Vec<_>>()
                        .join(" > "),
                    level,
                    text: String::new(),
                };
            }
        }
        current.text.push_str(line);
        current.text.push('\n');
    }
    push_section(&mut out, std::mem::take(&mut current.text), &current);
    out
}

fn push_section(out: &mut Vec<Section>, text: String, meta: &Section) {
    let body_has_content = text
        .lines()
        .any(|l| !l.trim().is_empty() && heading(l).is_none());
    if body_has_content {
        out.push(Section {
            heading: meta.heading.clone(),
            level: meta.level,
            text: text.trim().to_string(),
        });
    }
}

/// Lower-case, hyphen-separated form of a heading for use in ids.
pub fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_by_headings_with_trail() {
        let md = "intro\n# Policy\n\n## Cancel\ncancel text\n### Detail\nmore\n## Return\nreturn text\n```\n# not a heading\n```\n";
        let s = split_sections(md);
        let headings: Vec<&str> = s.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            vec![
                "",
                "Policy > Cancel",
                "Policy > Cancel > Detail",
                "Policy > Return"
            ]
        );
        assert!(s[3].text.contains("# not a heading"));
    }

    #[test]
    fn heading_detection() {
        assert_eq!(heading("## Modify items"), Some((2, "Modify items")));
        assert_eq!(heading("#hashtag"), None);
        assert_eq!(heading("plain"), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Cancel pending order"), "cancel-pending-order");
        assert_eq!(slug("  Fees & Charges! "), "fees-charges");
    }

    proptest! {
        #[test]
        fn no_body_text_is_lost(lines in proptest::collection::vec("(#{1,3} )?[a-z]{1,8}( [a-z]{1,8}){0,3}", 0..20)) {
            let md = lines.join("\n");
            let sections = split_sections(&md);
            let body: Vec<&str> = md.lines().filter(|l| heading(l).is_none()).collect();
            let got: Vec<String> = sections.iter().flat_map(|s| s.text.lines().filter(|l| heading(l).is_none()).map(String::from).collect::<Vec<_>>()).collect();
            prop_assert_eq!(got, body);
        }
    }
}
