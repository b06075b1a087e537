//! End-to-end tests of presenter mode: a link's `present` and `hide` flags, the focused-view
//! dialog that builds such links, the keyboard shortcuts and their "?" help, and reduced
//! motion. Through the page, in headless Chromium, as a teacher would drive it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::webdriver::{Browser, ENTER, ESCAPE, TAB};
use support::{open, severe_console_entries};

/// Whether the element matched by `css` is rendered (exists and takes up room).
fn shown(b: &Browser, css: &str) -> bool {
    let script = "const e = document.querySelector(arguments[0]);
        return !!e && e.getClientRects().length > 0";
    b.exec(script, vec![Value::from(css)]) == true
}

fn param(b: &Browser, name: &str) -> String {
    let v = Value::from(b.query_param(name));
    v.as_str().unwrap_or("").to_string()
}

fn status(b: &Browser, attribute: &str) -> String {
    let script = "return document.getElementById('training-status').getAttribute(arguments[0])";
    b.exec(script, vec![Value::from(attribute)]).as_str().unwrap_or("").to_string()
}

fn examples_seen(b: &Browser) -> u64 {
    status(b, "data-examples-seen").parse().unwrap_or(0)
}

fn root_font_px(b: &Browser) -> f64 {
    b.exec("return parseFloat(getComputedStyle(document.documentElement).fontSize)", vec![]).as_f64().unwrap_or(0.0)
}

/// The width of the white margin left of the decision regions, at mid-height, in canvas pixels.
fn left_margin(b: &Browser) -> u64 {
    let script = "const c = document.getElementById('regions');
        const d = c.getContext('2d').getImageData(0, c.height >> 1, c.width, 1).data;
        for (let x = 0; x < c.width; x++) {
            if (d[4 * x] + d[4 * x + 1] + d[4 * x + 2] < 3 * 250) return x;
        }
        return c.width;";
    b.exec(script, vec![]).as_u64().unwrap_or(0)
}

fn dialog_open(b: &Browser, id: &str) -> bool {
    b.exec("const d = document.getElementById(arguments[0]); return !!d && d.open", vec![Value::from(id)]) == true
}

/// Moves the focus off any control, as after clicking the page's background.
fn blur(b: &Browser) {
    b.exec("document.activeElement && document.activeElement.blur()", vec![]);
}

#[test]
fn a_presenter_link_hides_what_it_lists_and_enlarges_the_type() {
    let (server, b) = open("lang=en");
    let normal = root_font_px(&b);
    for css in ["form.settings", "#curves-panel", "#stepper", ".header", "#play-pause", ".plot-panel"] {
        assert!(shown(&b, css), "{css} is shown on a plain link");
    }
    b.goto(&server.page("lang=en&present=1&hide=settings,curves,stepper,speed"));
    b.wait_for(20, "the presenter view", |b| shown(b, ".plot-panel").then_some(()));
    let large = root_font_px(&b);
    assert!(large >= normal * 1.2, "presenter type {large}px is not larger than {normal}px");
    for css in ["form.settings", "#curves-panel", "#stepper", "#speed"] {
        assert!(!shown(&b, css), "{css} is still shown though the link hides it");
    }
    for css in [".header", "#play-pause", ".plot-panel", "#lab", "#training-status"] {
        assert!(shown(&b, css), "{css} is hidden though the link does not hide it");
    }
    // The link keeps saying so (the URL is what "copy link" shares).
    assert_eq!(param(&b, "present"), "1");
    assert_eq!(param(&b, "hide"), "settings,curves,stepper,speed");
    // The plot takes the width the settings left.
    let width = b.exec("return document.querySelector('.plot-panel').getBoundingClientRect().width", vec![]);
    assert!(width.as_f64().unwrap_or(0.0) > 500.0, "the plot panel is {width} px wide");
    // The plot draws larger text, lines and marks, so its margins are wider on the same canvas.
    let margin = left_margin(&b);
    b.screenshot("presenter-link");
    // M switches presenter mode off: the normal margins, regions and points redrawn.
    b.exec("document.activeElement && document.activeElement.blur()", vec![]);
    b.press_key("m");
    let normal = b.wait_for(5, "the normal margins", |b| Some(left_margin(b)).filter(|&m| m < margin));
    assert!((margin as f64 / normal as f64 - 1.3).abs() < 0.1, "presenter margin {margin} px, normal {normal} px");
    b.wait_for(5, "the points redrawn", |b| (support::coloured_pixels(b) > 500).then_some(()));
    assert!(severe_console_entries(&b).is_empty(), "{:?}", severe_console_entries(&b));
}

#[test]
fn a_link_that_hides_an_unknown_part_says_so_and_hides_the_rest() {
    let (_server, b) = open("lang=fr&hide=stepper,bogus");
    let notice = b.wait_for(10, "the notice", |b| shown(b, "#presenter-notice").then(|| b.text("#presenter-notice")));
    assert!(notice.contains("bogus") && notice.contains("ignorées"), "{notice}");
    assert!(!shown(&b, "#stepper"));
    b.click(&b.find("#presenter-notice-dismiss"));
    b.wait_for(5, "the notice to go", |b| (!shown(b, "#presenter-notice")).then_some(()));
    assert_eq!(param(&b, "hide"), "stepper", "the unknown key is not carried on");
}

#[test]
fn the_focused_view_dialog_builds_a_link_that_opens_the_same_view() {
    let (server, b) = open("lang=en");
    b.click(&b.find("#focused-view-open"));
    b.wait_for(5, "the dialog", |b| dialog_open(b, "focused-view-dialog").then_some(()));
    // Untick the stepper: the page changes at once, and so does the URL.
    b.click(&b.find("#show-stepper"));
    b.wait_for(5, "the stepper to be hidden", |b| (!shown(b, "#stepper")).then_some(()));
    assert_eq!(param(&b, "hide"), "stepper");
    // The ready-made "only the stepper" view.
    b.click(&b.find("#preset-stepper"));
    b.wait_for(5, "only the stepper", |b| (shown(b, "#stepper") && !shown(b, "form.settings")).then_some(()));
    for css in [".header", ".plot-panel", "#lab", ".footer"] {
        assert!(!shown(&b, css), "{css} is shown in the 'only the stepper' view");
    }
    b.click(&b.find("#present-check"));
    b.screenshot("focused-view-dialog");
    let link = b.wait_for(5, "the link", |b| {
        let v = b.exec("return document.getElementById('focused-link').value", vec![]);
        v.as_str().filter(|l| l.contains("present=1")).map(str::to_owned)
    });
    assert!(link.contains("hide=header%2Csettings%2Cplot%2Clab%2Cfooter") || link.contains("hide=header,settings,plot,lab,footer"), "{link}");
    // Esc closes the dialog, and the header's tools are gone with the header: the keys remain.
    b.press_key(ESCAPE);
    b.wait_for(5, "the dialog to close", |b| (!dialog_open(b, "focused-view-dialog")).then_some(()));
    // The link, opened afresh, shows the same view.
    assert!(link.starts_with(&server.origin), "{link}");
    b.goto(&link);
    b.wait_for(20, "the stepper", |b| shown(b, "#stepper").then_some(()));
    assert!(!shown(&b, "form.settings") && !shown(&b, ".header") && !shown(&b, "#lab"));
    let classes = b.exec("return document.documentElement.className", vec![]);
    assert!(classes.as_str().unwrap_or("").contains("present"), "{classes}");
    // The ready-made "only d_h and the decision regions" view, from the keyboard's V.
    b.press_key("v");
    b.wait_for(5, "the dialog", |b| dialog_open(b, "focused-view-dialog").then_some(()));
    b.click(&b.find("#preset-regions"));
    b.press_key(ESCAPE);
    b.wait_for(5, "only d_h and the plot", |b| (shown(b, "#field-d_h") && !shown(b, "#field-lambda")).then_some(()));
    for css in [".plot-panel", "#play-pause", "#training-status", "#speed", "#pace-teach", "#pace-fast"] {
        assert!(shown(&b, css), "{css} is hidden in the 'd_h and regions' view");
    }
    for css in ["#stepper", "#curves-panel", "#field-n", ".click-tools"] {
        assert!(!shown(&b, css), "{css} is shown in the 'd_h and regions' view");
    }
    b.screenshot("focused-view-regions");
    b.press_key("v");
    b.wait_for(5, "the dialog", |b| dialog_open(b, "focused-view-dialog").then_some(()));
    b.click(&b.find("#preset-all"));
    b.wait_for(5, "everything", |b| (shown(b, "form.settings") && shown(b, ".header")).then_some(()));
    assert_eq!(param(&b, "hide"), "");
}

#[test]
fn the_help_lists_every_shortcut_and_the_keys_drive_the_player_and_the_stepper() {
    let (_server, b) = open("lang=en&k=10");
    blur(&b);
    b.press_key("?");
    b.wait_for(5, "the help", |b| dialog_open(b, "shortcuts-dialog").then_some(()));
    let rows = b.exec("return [...document.querySelectorAll('#shortcuts-dialog tr[data-shortcut]')].map(r => r.dataset.shortcut)", vec![]);
    let rows: Vec<String> = serde_json::from_value(rows).unwrap_or_default();
    for name in ["PlayPause", "Step", "Epoch", "Reset", "NextEquation", "PrevEquation", "WholeForward", "Help"] {
        assert!(rows.iter().any(|r| r == name), "the help does not list {name}: {rows:?}");
    }
    let help = b.text("#shortcuts-dialog");
    assert!(help.contains("Play or pause training") && help.contains("Space"), "{help}");
    b.screenshot("shortcuts-help");
    // While the help is open, the other keys do nothing.
    b.press_key("s");
    assert_eq!(examples_seen(&b), 0);
    b.press_key(ESCAPE);
    b.wait_for(5, "the help to close", |b| (!dialog_open(b, "shortcuts-dialog")).then_some(()));

    // s: one minibatch; e: one epoch; r: reset.
    blur(&b);
    b.press_key("s");
    b.wait_for(5, "one minibatch", |b| (examples_seen(b) == 10).then_some(()));
    b.press_key("e");
    b.wait_for(5, "one epoch", |b| (status(b, "data-epoch") == "1").then_some(()));
    // Space plays and pauses.
    b.press_key(" ");
    b.wait_for(5, "playing", |b| (status(b, "data-status") == "playing").then_some(()));
    b.press_key(" ");
    b.wait_for(5, "paused", |b| (status(b, "data-status") == "paused").then_some(()));
    b.press_key("r");
    b.wait_for(5, "the reset", |b| (examples_seen(b) == 0).then_some(()));

    // The stepper: → next equation, ← back, B the whole backward pass, Home the first.
    let first = param(&b, "step");
    b.press_key("n");
    b.wait_for(5, "the next step", |b| (param(b, "step") != first).then_some(()));
    b.press_key("p");
    b.wait_for(5, "the first step again", |b| (param(b, "step") == first).then_some(()));
    b.press_key("b");
    b.wait_for(5, "the backward pass", |b| (param(b, "step") == "backward").then_some(()));
    b.press_key("f");
    b.wait_for(5, "the forward pass", |b| (param(b, "step") == "forward").then_some(()));
    // M: presenter mode; L: the language.
    b.press_key("m");
    b.wait_for(5, "presenter mode", |b| (param(b, "present") == "1").then_some(()));
    b.press_key("l");
    b.wait_for(5, "French", |b| (param(b, "lang") == "fr").then_some(()));
    assert!(b.text("#play-pause").contains("Lancer"));

    // Typing in a field is typing, not a shortcut.
    let field = b.find("#field-n");
    b.click(&field);
    b.press_key("s");
    b.press_key("e");
    assert_eq!(examples_seen(&b), 0, "a key typed in a field trained the network");
    assert!(severe_console_entries(&b).is_empty(), "{:?}", severe_console_entries(&b));
}

#[test]
fn the_player_and_the_stepper_work_from_the_keyboard_alone() {
    let (_server, b) = open("lang=en&k=10");
    // Tab to the play button: the header's buttons, then the form's fields, then the plot…
    blur(&b);
    let mut reached = false;
    for _ in 0..120 {
        b.press_key(TAB);
        let id = b.exec("return document.activeElement.id", vec![]);
        if id == "play-pause" {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the play button");
    let outline = b.exec("return getComputedStyle(document.activeElement).outlineStyle", vec![]);
    assert_ne!(outline, json!("none"), "the focused play button shows no focus ring");
    b.press_key(ENTER);
    b.wait_for(5, "playing", |b| (status(b, "data-status") == "playing").then_some(()));
    b.press_key(ENTER);
    b.wait_for(5, "paused", |b| (status(b, "data-status") == "paused").then_some(()));
    // On to the step-by-step buttons of the stepper, and through the equations with Enter.
    let mut reached = false;
    for _ in 0..200 {
        b.press_key(TAB);
        if b.exec("return document.activeElement.id", vec![]) == "step-next" {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the stepper's Next button");
    let before = param(&b, "step");
    b.press_key(ENTER);
    b.wait_for(5, "the next step", |b| (param(b, "step") != before).then_some(()));
}

#[test]
fn reduced_motion_stops_the_diagram_animation() {
    let (_server, b) = open("lang=en&step=backward");
    let duration = |b: &Browser| {
        let script = "const e = document.querySelector('#network-diagram .edge.read, #network-diagram .edge.written');
            return e ? getComputedStyle(e).animationDuration + ' ' + getComputedStyle(e).animationName : ''";
        b.exec(script, vec![]).as_str().unwrap_or("").to_string()
    };
    // The dashes run when the stepper is on screen.
    b.exec("document.getElementById('stepper').scrollIntoView(); return true", vec![]);
    let moving = b.wait_for(10, "an animated edge", |b| Some(duration(b)).filter(|d| d.ends_with("nd-flow")));
    assert!(!moving.starts_with("0s") && !moving.ends_with("none"), "the flow does not move by default: {moving}");
    let media = json!({"cmd": "Emulation.setEmulatedMedia",
        "params": {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}});
    b.cmd("POST", "/goog/cdp/execute", Some(media));
    let still = duration(&b);
    assert!(still.starts_with("0s") || still.ends_with("none"), "the flow still moves with reduced motion: {still}");
}
