//! End-to-end tests of the one-screen layouts (`view=lab|step|check`): at 1280×720 and
//! 1920×1080, in presenter mode and out of it, in English and in French, every element a
//! layout promises lies entirely inside the window and the page does not scroll. Also: the
//! layout follows its buttons, its keys and the link; the settings drawer; the step buttons
//! say what each step computes, on one row. Screenshots of each go to `tests/artifacts/`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::webdriver::Browser;
use support::{open, severe_console_entries, wait_for_trainer};

const SIZES: [(u32, u32); 2] = [(1280, 720), (1920, 1080)];

/// What each layout promises to show on one screen.
const LAB: &[&str] = &["#data-plot", "#legend", "#play-pause", "#training-status", "#curves-x-axis", "#curve-loss", "#curve-error", "#curves-legend", "#settings-toggle"];
const STEP: &[&str] = &[
    "#current-example",
    "#step-prev",
    "#goto-a",
    "#goto-f",
    "#step-next",
    ".stepper-main .step-card h3",
    ".stepper-main .step-card .equations",
    ".stepper-main .step-card .writes table",
    "#network-diagram",
];
const CHECK: &[&str] = &["#current-example", "#check-verdict", "#check-update", "#check-worst .group-verdicts", "#check-worst table"];

/// The CSS selectors of `promised` that are not entirely in sight (or not shown), with their
/// boxes: an element in sight lies inside the window and inside the visible part of every box
/// around it that scrolls or clips (a table cut by its card's scroll box is not in sight).
fn outside(b: &Browser, promised: &[&str]) -> Vec<String> {
    let script = "const out = [];
        const box = (r) => `${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)}`;
        for (const css of arguments[0]) {
            const e = document.querySelector(css);
            if (!e) { out.push(css + ': missing'); continue; }
            const r = e.getBoundingClientRect();
            let sight = { left: 0, top: 0, right: innerWidth, bottom: innerHeight, by: 'the window' };
            const within = () => r.left >= sight.left - 0.5 && r.top >= sight.top - 0.5
                && r.right <= sight.right + 0.5 && r.bottom <= sight.bottom + 0.5;
            let inside = r.width > 0 && r.height > 0 && within();
            for (let p = e.parentElement; inside && p && p !== document.body; p = p.parentElement) {
                const style = getComputedStyle(p);
                if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
                const q = p.getBoundingClientRect();
                const left = q.left + p.clientLeft, top = q.top + p.clientTop;
                sight = { left, top, right: left + p.clientWidth, bottom: top + p.clientHeight, by: p.className || p.tagName };
                inside = within();
            }
            if (!inside) out.push(`${css}: ${box(r)}, out of sight of ${sight.by} (${box(sight)}) in ${innerWidth}×${innerHeight}`);
        }
        return out;";
    serde_json::from_value(b.exec(script, vec![Value::from(promised.to_vec())])).unwrap_or_default()
}

/// How far the page itself scrolls, down and across (0 when it fits the window).
fn page_overflow(b: &Browser) -> (i64, i64) {
    let script = "const s = document.scrollingElement;
        return [s.scrollHeight - innerHeight, s.scrollWidth - innerWidth];";
    serde_json::from_value(b.exec(script, vec![])).unwrap_or((i64::MAX, i64::MAX))
}

fn resize(b: &Browser, (width, height): (u32, u32)) {
    b.set_window_size(width, height);
    // The window's outer size: the viewport may be a little smaller; make it exact.
    let inner: (u32, u32) = serde_json::from_value(b.exec("return [innerWidth, innerHeight]", vec![])).unwrap_or((0, 0));
    if inner != (width, height) {
        b.set_window_size(2 * width - inner.0, 2 * height - inner.1);
    }
    b.wait_for(5, "the window's size", |b| {
        let inner: (u32, u32) = serde_json::from_value(b.exec("return [innerWidth, innerHeight]", vec![])).unwrap_or((0, 0));
        (inner == (width, height)).then_some(())
    });
    // Two frames: the layout and the charts redrawn at their new size.
    b.exec_async(5, "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)));", vec![]);
}

/// The smallest size, in CSS pixels on screen, of the diagram's numbers and headings.
fn smallest_diagram_text(b: &Browser) -> f64 {
    let script = "const svg = document.getElementById('network-diagram');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        let min = Infinity;
        for (const t of svg.querySelectorAll('text.value, text.heading, text.loss')) {
            min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);
        }
        return min;";
    b.exec(script, vec![]).as_f64().unwrap_or(0.0)
}

/// Opens the page in `layout` for each language and presenter mode, checks each window size,
/// and saves a screenshot of each.
fn fits(layout: &str, query: &str, promised: &[&str], prepare: impl Fn(&Browser)) {
    let (server, b) = open(&format!("lang=en&view={layout}&{query}"));
    for lang in ["en", "fr"] {
        for present in [false, true] {
            let q = format!("lang={lang}&view={layout}&present={}&{query}", u8::from(present));
            b.goto(&server.page(&q));
            wait_for_trainer(&b);
            prepare(&b);
            for size in SIZES {
                resize(&b, size);
                let what = format!("{layout} {lang} present={present} {}×{}", size.0, size.1);
                b.screenshot(&format!("layout-{layout}-{lang}{}-{}x{}", if present { "-present" } else { "" }, size.0, size.1));
                let out = outside(&b, promised);
                assert!(out.is_empty(), "{what}: not inside the window: {out:?}");
                assert_eq!(page_overflow(&b).0.max(0), 0, "{what}: the page scrolls");
                if layout == "step" && size.0 == 1280 && present {
                    let px = smallest_diagram_text(&b);
                    assert!(px >= 14.0, "{what}: the diagram's text is {px:.1} px");
                }
            }
        }
    }
    assert!(severe_console_entries(&b).is_empty(), "{:?}", severe_console_entries(&b));
}

#[test]
fn the_lab_fits_one_screen() {
    fits("lab", "", LAB, |b| {
        // One epoch, so that the curves are drawn.
        b.click(&b.find("#step-epoch"));
        b.wait_for(10, "the curves", |b| (b.exec("return !document.querySelector('.curves-charts').hidden", vec![]) == true).then_some(()));
    });
}

#[test]
fn the_step_fits_one_screen() {
    for step in ["a", "j", "p", "r"] {
        fits("step", &format!("step={step}"), STEP, |_| {});
    }
}

#[test]
fn the_check_fits_one_screen() {
    fits("check", "", CHECK, |b| {
        b.wait_for(10, "the check", |b| b.try_text("#check-verdict").filter(|t| !t.is_empty()).map(|_| ()));
    });
}

/// Scrolling down the long page as a reader does (60 px a step, while the network trains), the
/// stepper's navigation and card stay where the scrolling puts them: nothing above them
/// changes size under the reader's eyes, and the browser never corrects the scroll.
#[test]
fn the_stepper_does_not_jump_when_it_first_scrolls_into_view() {
    let (_server, b) = open("lang=en&step=j");
    resize(&b, (1280, 800));
    b.exec("document.activeElement && document.activeElement.blur()", vec![]);
    b.press_key(" ");
    b.wait_for(10, "training", |b| {
        let status = b.exec("return document.getElementById('training-status').dataset.status", vec![]);
        (status == "playing").then_some(())
    });
    let script = "(async () => { const done = arguments[arguments.length - 1];
        const nav = document.querySelector('#stepper .step-nav'), card = document.querySelector('#stepper .stepper-main');
        const top = (e) => e.getBoundingClientRect().top;
        const visible = (y) => y < innerHeight && y > -200;
        const moves = [];
        let last = null, seen = 0;
        for (let i = 0; i < 90 && seen < 12; i++) {
            const before = scrollY;
            window.scrollBy(0, 60);
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const scrolled = scrollY - before;
            const now = [top(nav), top(card)];
            // On screen, each moves up by exactly what was scrolled.
            if (last) for (const [k, name] of [[0, 'nav'], [1, 'card']]) {
                const expected = last[k] - scrolled;
                if ((visible(last[k]) || visible(now[k])) && Math.abs(now[k] - expected) > 0.5)
                    moves.push(`step ${i}: the ${name} is at ${Math.round(now[k])} px instead of ${Math.round(expected)}`);
            }
            last = now;
            if (visible(now[0])) seen++;
        }
        done([seen, moves]); })();";
    let (seen, moves): (u32, Vec<String>) = serde_json::from_value(b.exec_async(30, script, vec![])).unwrap_or((0, vec!["no answer".into()]));
    assert!(seen >= 12, "the stepper never came into view ({seen} steps)");
    assert!(moves.is_empty(), "the stepper moved under the reader: {moves:?}");
}

fn root_has(b: &Browser, class: &str) -> bool {
    b.exec("return document.documentElement.classList.contains(arguments[0])", vec![Value::from(class)]) == true
}

/// The layout follows its title-bar buttons (pressed state included), the keys 0–3 and the
/// link, and writes itself into the link; an unknown layout in a link shows the whole page and
/// says so.
#[test]
fn a_layout_follows_its_buttons_its_keys_and_the_link() {
    let (server, b) = open("lang=en");
    for key in ["lab", "step", "check", "all"] {
        b.click(&b.find(&format!("#layout-{key}")));
        b.wait_for(5, "the layout", |b| (key == "all" || root_has(b, &format!("layout-{key}"))).then_some(()));
        let pressed = b.exec("return [...document.querySelectorAll('.layout-switch button')].filter(x => x.getAttribute('aria-pressed') === 'true').map(x => x.id)", vec![]);
        assert_eq!(pressed, serde_json::json!([format!("layout-{key}")]));
        let view = b.query_param("view");
        assert_eq!(view, if key == "all" { String::new() } else { key.to_string() }, "the link after {key}");
    }
    assert!(["layout-lab", "layout-step", "layout-check"].iter().all(|c| !root_has(&b, c)));
    // The keys, with the focus on nothing.
    b.exec("document.activeElement && document.activeElement.blur()", vec![]);
    for (key, class) in [("2", Some("layout-step")), ("3", Some("layout-check")), ("1", Some("layout-lab")), ("0", None)] {
        b.press_key(key);
        b.wait_for(5, "the key's layout", |b| match class {
            Some(class) => root_has(b, class).then_some(()),
            None => (!root_has(b, "layout-lab")).then_some(()),
        });
    }
    // A link opens in its layout; an unknown one in the long page, with a notice.
    b.goto(&server.page("lang=en&view=step&step=j"));
    b.wait_for(20, "the step layout", |b| root_has(b, "layout-step").then_some(()));
    assert!(b.text(".stepper-main .step-card h3").contains("(j)"));
    b.goto(&server.page("lang=fr&view=slides"));
    let notice = b.wait_for(20, "the notice", |b| b.try_text("#presenter-notice"));
    assert!(notice.contains("slides") && notice.contains("lab, step, check"), "{notice}");
    assert!(!root_has(&b, "layout-lab") && !root_has(&b, "layout-step"));
    assert!(severe_console_entries(&b).is_empty());
}

/// In the lab layout the settings are a drawer: closed, they are out of sight and out of the
/// Tab order; the button (or Esc) opens and closes it, and a setting changed there applies.
#[test]
fn the_lab_layout_keeps_the_settings_in_a_drawer() {
    let (_server, b) = open("lang=en&view=lab");
    resize(&b, (1280, 720));
    let field_visible = |b: &Browser| b.exec("return document.getElementById('field-d_h').checkVisibility({visibilityProperty: true})", vec![]) == true;
    assert!(!field_visible(&b), "the settings show while the drawer is closed");
    let toggle = b.find("#settings-toggle");
    assert_eq!(b.exec("return arguments[0].getAttribute('aria-expanded')", vec![b.arg(&toggle)]), "false");
    b.click(&toggle);
    b.wait_for(5, "the drawer", |b| (root_has(b, "settings-open") && field_visible(b)).then_some(()));
    assert_eq!(b.exec("return arguments[0].getAttribute('aria-expanded')", vec![b.arg(&toggle)]), "true");
    b.type_into(&b.find("#field-d_h"), "\u{e003}\u{e003}\u{e003}5");
    b.wait_for(5, "d_h = 5 in the link", |b| (b.query_param("dh") == "5").then_some(()));
    b.screenshot("layout-lab-drawer");
    b.press_key(support::webdriver::ESCAPE);
    b.wait_for(5, "the drawer to close", |b| (!root_has(b, "settings-open")).then_some(()));
    b.wait_for(5, "the settings out of sight", |b| (!field_visible(b)).then_some(()));
    // The focus was in the drawer: it goes back to the button that opens it.
    assert_eq!(b.exec("return document.activeElement.id", vec![]), "settings-toggle");
    b.click(&b.find("#settings-toggle"));
    // Open, and shown (as the first time), before its close button is clicked.
    b.wait_for(5, "the drawer again", |b| (root_has(b, "settings-open") && field_visible(b)).then_some(()));
    b.click(&b.find("#settings-close"));
    b.wait_for(5, "closed by its button", |b| (!root_has(b, "settings-open")).then_some(()));
}

/// The step buttons say what each step computes: sixteen distinct texts and accessible names,
/// the two steps of a letter told apart, on one row at 1280 px (and in the step layout, in
/// presenter mode, with ← and → at its ends).
#[test]
fn the_step_buttons_say_what_they_compute_on_one_row() {
    let (server, b) = open("lang=en&view=step");
    for present in [false, true] {
        b.goto(&server.page(&format!("lang=en&view=step&present={}", u8::from(present))));
        wait_for_trainer(&b);
        resize(&b, (1280, 720));
        let script = "return [...document.querySelectorAll('.step-button')].map(x => [x.textContent.trim(), Math.round(x.getBoundingClientRect().top)]);";
        let buttons: Vec<(String, i64)> = serde_json::from_value(b.exec(script, vec![])).unwrap_or_default();
        assert_eq!(buttons.len(), 16);
        let texts: std::collections::BTreeSet<&str> = buttons.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts.len(), 16, "two buttons say the same: {buttons:?}");
        for (step, text) in [("a", "(a) hᵃ"), ("a2", "(a) hˢ"), ("j", "(j) ∂W⁽²⁾"), ("j2", "(j) ∂b⁽²⁾"), ("p", "(p) ∂W⁽¹⁾"), ("p2", "(p) ∂b⁽¹⁾")] {
            assert_eq!(b.text(&format!("#goto-{step}")), text);
        }
        // Their accessible names: distinct, each starting with what the button shows.
        let keys = ["a", "a2", "b", "c", "d", "g", "j", "j2", "l", "n", "p", "p2", "q", "r", "r2", "f"];
        let names: Vec<String> = keys.iter().map(|s| b.accessible_name(&b.find(&format!("#goto-{s}")))).collect();
        let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), 16, "{names:?}");
        for (key, name) in keys.iter().zip(&names) {
            let shown = b.text(&format!("#goto-{key}"));
            assert!(name.starts_with(&shown) && name.len() > shown.len(), "{key}: {name:?} for {shown:?}");
        }
        let rows: std::collections::BTreeSet<i64> = buttons.iter().map(|(_, top)| *top).collect();
        assert_eq!(rows.len(), 1, "present={present}: the step buttons take {} rows: {buttons:?}", rows.len());
        let row = |id: &str| b.exec("return Math.round(document.getElementById(arguments[0]).getBoundingClientRect().top)", vec![Value::from(id)]);
        let top = serde_json::json!(rows.iter().next());
        assert_eq!(row("step-prev"), top, "← is not on the row");
        assert_eq!(row("step-next"), top, "→ is not on the row");
    }
    // On the long page too, the labels are the same, and on one row at 1280 px.
    b.goto(&server.page("lang=fr"));
    wait_for_trainer(&b);
    resize(&b, (1280, 720));
    assert_eq!(b.text("#goto-r2"), "(r) ∂R̃/∂W⁽²⁾");
    let tops: std::collections::BTreeSet<i64> = serde_json::from_value::<Vec<i64>>(b.exec(
        "return [...document.querySelectorAll('.step-button')].map(x => Math.round(x.getBoundingClientRect().top + scrollY))",
        vec![],
    ))
    .unwrap_or_default()
    .into_iter()
    .collect();
    b.exec("document.querySelector('.step-nav').scrollIntoView()", vec![]);
    b.screenshot("layout-all-step-nav-fr-1280");
    assert_eq!(tops.len(), 1, "the long page's step buttons take {} rows at 1280 px", tops.len());
}

/// The click tools' class menu: the class's marker once, beside the menu (in its colour), not
/// again in the menu's text.
#[test]
fn the_class_menu_shows_its_marker_once() {
    let (_server, b) = open("lang=en&data=blobs&m=3");
    let options: Vec<String> = serde_json::from_value(b.exec("return [...document.querySelectorAll('#add-class option')].map(o => o.textContent.trim())", vec![])).unwrap_or_default();
    assert_eq!(options, ["class 0", "class 1", "class 2"]);
    let swatch = b.text(".click-tools .class-swatch");
    assert_eq!(swatch.chars().filter(|c| !c.is_whitespace()).count(), 1, "{swatch:?}");
}
