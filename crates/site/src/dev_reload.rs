//! `trunk serve` only: Trunk's inline live-reload script is replaced by the external
//! `trunk-reload.js` (see that file for why), so the served page keeps the same policy as the
//! published one.

use crate::html;

/// The file written beside the page when the page had Trunk's reload script.
pub const FILE: &str = "trunk-reload.js";

/// Its text.
pub const SCRIPT: &str = include_str!("dev_reload.js");

/// The tag that loads it. Trunk's server replaces the two placeholders in the page it serves,
/// as it did in its own inline script.
const TAG: &str = "<script src=\"./trunk-reload.js\" data-address=\"'{{__TRUNK_ADDRESS__}}'\" \
                   data-base=\"{{__TRUNK_WS_BASE__}}\"></script>";

/// `html` with Trunk's inline reload script, if there is one, replaced by [`TAG`]; `None` when
/// there is none (a `trunk build`).
pub fn replace(html: &str) -> Option<String> {
    let scripts = html::scripts(html)?;
    let reload = scripts.iter().find(|s| !s.external && is_trunk_reload(&html[s.body.clone()]))?;
    Some(format!("{}{TAG}{}", &html[..reload.element.start], &html[reload.element.end..]))
}

/// Trunk's reload script is the one with its server's placeholders in it.
fn is_trunk_reload(text: &str) -> bool {
    text.contains("{{__TRUNK_ADDRESS__}}") || text.contains("{{__TRUNK_WS_BASE__}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_trunk_s_reload_script_is_replaced() {
        let page = "<meta charset=utf-8><script type=module>import a from './a.js';</script>\
                    <body><script>(function(){const address='{{__TRUNK_ADDRESS__}}';})()</script></body>";
        let replaced = replace(page).unwrap();
        assert_eq!(
            replaced,
            format!("<meta charset=utf-8><script type=module>import a from './a.js';</script><body>{TAG}</body>")
        );
        assert_eq!(replace(&replaced), None);
        assert_eq!(replace("<script type=module>import a from './a.js';</script>"), None);
    }
}
