//! Just enough HTML scanning for the page Trunk writes: its `<script>` elements and the place
//! where a `<meta>` goes at the top of `<head>`. Trunk's minified output drops optional tags
//! (`<head>` itself) and quotes (`<script type=module>`), so both spellings are read.

use std::ops::Range;

/// One `<script>` element of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    /// The whole element, from `<script` to the end of `</script>`.
    pub element: Range<usize>,
    /// Its text, between the tags.
    pub body: Range<usize>,
    /// Whether it has a `src` attribute (an external script) or not (an inline one).
    pub external: bool,
}

/// Every `<script>` element of `html`, in order. `None` when one is not closed.
pub fn scripts(html: &str) -> Option<Vec<Script>> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = find_open_tag(&lower, "script", from) {
        let open_end = tag_end(html, start)?;
        let close = lower[open_end..].find("</script")? + open_end;
        let close_end = tag_end(html, close)?;
        let external = attributes(&html[start..open_end]).iter().any(|(name, _)| name == "src");
        found.push(Script { element: start..close_end, body: open_end..close, external });
        from = close_end;
    }
    Some(found)
}

/// The byte offset just after the first `<meta charset…>` tag, or else just after `<head…>`,
/// or else just after `<html…>`: where a `<meta http-equiv>` must go to apply to everything
/// the page loads. `None` when the page has none of them.
pub fn head_insertion_point(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(start) = find_open_tag(&lower, "meta", from) {
        let end = tag_end(html, start)?;
        if attributes(&html[start..end]).iter().any(|(name, _)| name == "charset") {
            return Some(end);
        }
        from = end;
    }
    ["head", "html"].iter().find_map(|tag| find_open_tag(&lower, tag, 0).and_then(|start| tag_end(html, start)))
}

/// The range of the first `<meta>` tag whose `http-equiv` is `equiv` (case-insensitive).
pub fn meta_http_equiv(html: &str, equiv: &str) -> Option<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(start) = find_open_tag(&lower, "meta", from) {
        let end = tag_end(html, start)?;
        let matches = attributes(&html[start..end])
            .iter()
            .any(|(name, value)| name == "http-equiv" && value.eq_ignore_ascii_case(equiv));
        if matches {
            return Some(start..end);
        }
        from = end;
    }
    None
}

/// The start of the first `<name` tag at or after `from` in `lower` (the page in lower case),
/// not a longer tag name that begins the same (`<header` for `head`), nor one inside an
/// `<!-- comment -->` (a debug build keeps the comments of `index.html`).
fn find_open_tag(lower: &str, name: &str, from: usize) -> Option<usize> {
    let pattern = format!("<{name}");
    let mut at = from;
    while let Some(offset) = lower.get(at..)?.find(&pattern) {
        let start = at + offset;
        if let Some(comment) = lower[at..start].find("<!--").map(|c| at + c) {
            at = lower[comment..].find("-->").map(|end| comment + end + 3)?;
            continue;
        }
        let next = lower.as_bytes().get(start + pattern.len()).copied();
        if matches!(next, None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')) {
            return Some(start);
        }
        at = start + pattern.len();
    }
    None
}

/// The offset just after the `>` that ends the tag starting at `start`, skipping quoted
/// attribute values (which may hold a `>`).
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in html[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

/// The attributes of a tag (`<name a=1 b="x y" c>`), names in lower case, values unquoted.
pub fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let mut chars = inner.char_indices().peekable();
    // Skip the tag name.
    while chars.next_if(|(_, c)| !c.is_whitespace()).is_some() {}
    let mut found = Vec::new();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace() || *c == '/').is_some() {}
        let Some(&(name_start, _)) = chars.peek() else { break };
        let mut name_end = inner.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '/' {
                name_end = i;
                break;
            }
            chars.next();
        }
        let name = inner[name_start..name_end.min(inner.len())].to_ascii_lowercase();
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if(|(_, c)| *c == '=').is_some() {
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            match chars.peek().map(|&(_, c)| c) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some((_, c)) = chars.next_if(|(_, c)| !c.is_whitespace()) {
                        value.push(c);
                    }
                }
            }
        }
        if !name.is_empty() {
            found.push((name, value));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page as Trunk's minifier writes it: no `<head>`, unquoted attributes.
    const MINIFIED: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>T</title>\
        <script type=module>import init from './a.js';\nawait init();</script>\
        <link href=./a.js rel=modulepreload><script src=./b.js data-x=\"a>b\"></script></html>";

    #[test]
    fn finds_inline_and_external_scripts() {
        let scripts = scripts(MINIFIED).unwrap();
        assert_eq!(scripts.len(), 2);
        assert!(!scripts[0].external && scripts[1].external);
        assert_eq!(&MINIFIED[scripts[0].body.clone()], "import init from './a.js';\nawait init();");
        assert_eq!(&MINIFIED[scripts[1].element.clone()], "<script src=./b.js data-x=\"a>b\"></script>");
        assert!(scripts[1].body.is_empty());
    }

    #[test]
    fn tags_in_comments_are_not_tags() {
        let page = "<!-- a <script> in a comment --><meta charset=utf-8><!-- <meta charset=x> --><script>a</script>";
        let found = scripts(page).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(&page[found[0].body.clone()], "a");
        assert!(page[..head_insertion_point(page).unwrap()].ends_with("<meta charset=utf-8>"));
        assert_eq!(scripts("<!-- <script> never closed"), Some(vec![]));
    }

    #[test]
    fn an_unclosed_script_is_not_guessed() {
        assert_eq!(scripts("<script>let a = 1;"), None);
        assert_eq!(scripts("<p>no scripts</p>"), Some(vec![]));
    }

    #[test]
    fn the_meta_goes_after_the_charset_or_else_after_head() {
        let at = head_insertion_point(MINIFIED).unwrap();
        assert!(MINIFIED[..at].ends_with("<meta charset=utf-8>"));
        let page = "<html><head><title>T</title></head><header></header>";
        assert_eq!(&page[..head_insertion_point(page).unwrap()], "<html><head>");
        assert_eq!(head_insertion_point("<p>fragment</p>"), None);
    }

    #[test]
    fn reads_quoted_unquoted_and_bare_attributes() {
        let attributes = attributes("<meta http-equiv=\"Content-Security-Policy\" content='a b' defer x=1>");
        let names: Vec<_> = attributes.iter().map(|(n, v)| format!("{n}={v}")).collect();
        assert_eq!(names, ["http-equiv=Content-Security-Policy", "content=a b", "defer=", "x=1"]);
    }

    #[test]
    fn finds_a_meta_by_its_http_equiv() {
        let page = "<meta charset=utf-8><meta http-equiv=content-security-policy content=\"x\"><p>";
        let range = meta_http_equiv(page, "Content-Security-Policy").unwrap();
        assert_eq!(&page[range], "<meta http-equiv=content-security-policy content=\"x\">");
        assert_eq!(meta_http_equiv(page, "refresh"), None);
    }
}
