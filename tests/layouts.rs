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
