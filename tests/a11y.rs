//! Accessibility and layout of the built page, in headless Chromium:
//!
//! - axe-core (the version `tools/versions.env` pins, installed into `.tools/` by
//!   `scripts/test`) runs its WCAG 2 A/AA and best-practice rules on the page's main states;
//!   any violation of impact serious or critical fails, listed with its rule, targets and help;
//! - a keyboard-only walk: Tab reaches every control in document order, each one shows a focus
//!   ring and has an accessible name; Enter and Space work the step navigation and the player;
//! - the matrices and vectors of the stepper are tables a screen reader can read: a name with
//!   the quantity and its shape, row and column headers in words;
//! - on a phone and on a tablet, the page never scrolls sideways, the panels stack and the
//!   controls are big enough to tap.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use support::webdriver::{Browser, ENTER, SPACE, TAB};
use support::{current_step, open, severe_console_entries};

// ----- axe-core -----

/// The axe-core script, as `scripts/test` installs it.
fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (scripts/test installs axe-core: source scripts/tools.sh; ensure_axe)", path.display()))
}

/// The rule sets run: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
const AXE_TAGS: [&str; 7] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

/// One rule broken on the page, with the elements that break it.
#[derive(Debug, Clone)]
struct Violation {
    rule: String,
    impact: String,
    help: String,
    targets: Vec<String>,
    summaries: Vec<String>,
}

/// Injects axe-core (once per page) and runs it on the whole document.
fn axe(b: &Browser) -> Vec<Violation> {
    // The script is part of the function body WebDriver runs, so the page's Content-Security-
    // Policy (which forbids inline scripts) does not apply to it.
    if b.exec("return typeof window.axe === 'object'", vec![]) != true {
        b.exec(&format!("{}\n;return typeof window.axe;", axe_source()), vec![]);
    }
    let script = "const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
          .then(r => done(r.violations.map(v => ({
              rule: v.id, impact: v.impact || '', help: v.help + ' (' + v.helpUrl + ')',
              targets: v.nodes.map(n => n.target.join(' ')),
              summaries: v.nodes.map(n => (n.failureSummary || '').split('\\n').slice(0, 3).join(' ')),
          }))))
          .catch(e => done({ error: String(e) }));";
    let result = b.exec_async(120, script, vec![json!(AXE_TAGS)]);
    if let Some(error) = result.get("error") {
        panic!("axe-core failed: {error}");
    }
    let list = |v: &Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().map(|s| s.as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
    };
    result
        .as_array()
        .map(|all| {
            all.iter()
                .map(|v| Violation {
                    rule: v["rule"].as_str().unwrap_or("").into(),
                    impact: v["impact"].as_str().unwrap_or("").into(),
                    help: v["help"].as_str().unwrap_or("").into(),
                    targets: list(&v["targets"]),
                    summaries: list(&v["summaries"]),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Runs axe-core on the page as it is (`state` names it), prints every violation with its
/// count, and returns those of impact serious or critical, described.
fn axe_serious(b: &Browser, state: &str) -> Vec<String> {
    let violations = axe(b);
    let counts: BTreeMap<String, usize> =
        violations.iter().map(|v| (format!("{} [{}]", v.rule, v.impact), v.targets.len())).collect();
    println!("axe on {state}: {counts:?}");
    let serious: Vec<String> = violations
        .iter()
        .filter(|v| v.impact == "serious" || v.impact == "critical")
        .map(|v| {
            let nodes: Vec<String> =
                v.targets.iter().zip(&v.summaries).take(12).map(|(t, s)| format!("    {t}: {s}")).collect();
            format!("  {state}: {} ({}, {} elements): {}\n{}", v.rule, v.impact, v.targets.len(), v.help, nodes.join("\n"))
        })
        .collect();
    serious
}

/// A state of the page to check: its name, and what brings the page there from the previous one.
type State<'a> = (&'a str, &'a dyn Fn(&Browser));

/// Opens the page with `query`, runs axe-core on each of `states` in order and fails, after all
/// of them, listing every serious or critical violation.
fn assert_axe_clean(query: &str, states: &[State]) {
    let (_server, browser) = open(query);
    let mut found = Vec::new();
    for (state, visit) in states {
        visit(&browser);
        found.extend(axe_serious(&browser, state));
    }
    assert!(found.is_empty(), "axe-core: serious or critical violations:\n{}", found.join("\n"));
    assert!(severe_console_entries(&browser).is_empty());
}

fn scroll_to(b: &Browser, css: &str) {
    b.exec("const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView()", vec![Value::from(css)]);
}

fn step_cards(b: &Browser) -> u64 {
    b.exec("return document.querySelectorAll('.step-card').length", vec![]).as_u64().unwrap_or(0)
}

fn epoch(b: &Browser) -> u64 {
    let v = b.exec("return document.getElementById('training-status').dataset.epoch", vec![]);
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or(0)
}

fn play_status(b: &Browser) -> String {
    let v = b.exec("return document.getElementById('training-status').dataset.status", vec![]);
    v.as_str().unwrap_or("").to_string()
}

/// Trains three epochs with the "one epoch" button.
fn train_three_epochs(b: &Browser) {
    let start = epoch(b);
    for _ in 0..3 {
        b.click(&b.find("#step-epoch"));
    }
    b.wait_for(10, "three epochs", |b| (epoch(b) >= start + 3).then_some(()));
}

#[test]
fn axe_finds_nothing_serious_on_the_first_page_in_english_and_in_french() {
    let french = |b: &Browser| {
        b.click(&b.find("#lang-switch"));
        b.wait_for(5, "French", |b| (b.exec("return document.documentElement.lang", vec![]) == "fr").then_some(()));
    };
    assert_axe_clean("lang=en", &[("the first page (en)", &|_| ()), ("the first page (fr)", &french)]);
}

#[test]
fn axe_finds_nothing_serious_in_the_one_screen_layouts() {
    let size = |b: &Browser| b.set_window_size(1280, 720);
    let layout = |key: &'static str| {
        move |b: &Browser| {
            b.click(&b.find(&format!("#layout-{key}")));
            b.wait_for(5, "the layout", |b| {
                let class = format!("layout-{key}");
                (b.exec("return document.documentElement.classList.contains(arguments[0])", vec![Value::from(class)]) == true).then_some(())
            });
        }
    };
    let (lab, step, check) = (layout("lab"), layout("step"), layout("check"));
    let trained = |b: &Browser| train_three_epochs(b);
    let drawer = |b: &Browser| {
        b.click(&b.find("#settings-toggle"));
        b.wait_for(5, "the drawer", |b| (b.exec("return document.documentElement.classList.contains('settings-open')", vec![]) == true).then_some(()));
    };
    let close = |b: &Browser| {
        b.click(&b.find("#settings-close"));
        b.wait_for(5, "the drawer to close", |b| (b.exec("return !document.documentElement.classList.contains('settings-open')", vec![]) == true).then_some(()));
    };
    let to_step = |b: &Browser| {
        b.click(&b.find("#goto-j"));
        b.wait_for(5, "step (j)", |b| (current_step(b) == "j").then_some(()));
    };
    assert_axe_clean(
        "lang=fr&present=1",
        &[
            ("the lab layout (fr, presenter)", &|b: &Browser| {
                size(b);
                lab(b);
                trained(b);
            }),
            ("the lab layout with the settings drawer open", &drawer),
            ("the lab layout with the drawer closed", &close),
            ("the step layout", &|b: &Browser| {
                step(b);
                to_step(b);
            }),
            ("the check layout", &check),
        ],
    );
}

#[test]
fn axe_finds_nothing_serious_after_training() {
    let trained = |b: &Browser| {
        train_three_epochs(b);
        scroll_to(b, "#lab");
    };
    assert_axe_clean("lang=en", &[("the page after three epochs", &trained)]);
}

#[test]
fn axe_finds_nothing_serious_with_the_full_penalty() {
    let boxes = |b: &Browser| {
        b.wait_for(5, "the four boxes", |b| b.try_find("#field-l11").map(|_| ()));
        scroll_to(b, "#penalty-coefficients");
    };
    let step_r = |b: &Browser| {
        support::go_to(b, "r");
        scroll_to(b, "#step-r");
    };
    let french_f = |b: &Browser| {
        b.click(&b.find("#lang-switch"));
        support::go_to(b, "f");
        scroll_to(b, "#step-f");
    };
    let adam = |b: &Browser| {
        b.click(&b.find("#field-rule option[value='adam']"));
        b.wait_for(5, "Adam's boxes", |b| b.try_find("#field-beta2").map(|_| ()));
        scroll_to(b, "#field-rule");
    };
    let adam_f = |b: &Browser| {
        b.wait_for(5, "Adam's (f)", |b| b.try_text("#step-f").filter(|t| t.contains("s_hat")).map(|_| ()));
        scroll_to(b, "#step-f");
    };
    assert_axe_clean(
        "lang=en&l11=0.05&l22=0.002",
        &[
            ("the penalty's four boxes (en)", &boxes),
            ("(r) with both terms (en)", &step_r),
            ("(f) with the L1 step (fr)", &french_f),
            ("Adam's coefficients (fr)", &adam),
            ("(f) with Adam (fr)", &adam_f),
        ],
    );
}

#[test]
fn axe_finds_nothing_serious_with_pinned_runs() {
    let retrained = |b: &Browser| {
        b.wait_for(60, "the pin retrained", |b| b.try_find("#pin-list li.pin[data-state='ready']").map(|_| ()));
        scroll_to(b, "#pins");
    };
    let plots = |b: &Browser| {
        b.click(&b.find("#play-pause"));
        b.wait_for(20, "some training", |b| (support::status_number(b, "data-epoch") >= 5.0).then_some(()));
        b.click(&b.find("#play-pause"));
        b.click(&b.find("#pin-run"));
        b.wait_for(10, "two pins", |b| b.try_find("#pin-list li.pin[data-pin='B']").map(|_| ()));
        scroll_to(b, "#pinned-plots");
    };
    let french = |b: &Browser| {
        b.click(&b.find("#lang-switch"));
        scroll_to(b, "#pins");
    };
    assert_axe_clean(
        "lang=en&speed=0&pins=lambda:0;at:2800|n:5;at:3",
        &[("a retrained pin and a link problem (en)", &retrained), ("two pins and their plots (en)", &plots), ("the pins (fr)", &french)],
    );
}

#[test]
fn axe_finds_nothing_serious_on_the_digits_views_and_pictures() {
    let digits = |b: &Browser| {
        b.click(&b.find("#field-dataset option[value='digits']"));
        b.wait_for(20, "the digits' gallery", |b| b.try_find("#gallery button.digit").map(|_| ()));
        train_three_epochs(b);
        b.click(&b.find("#confusion button[data-truth='3'][data-guess='3']"));
        scroll_to(b, "#table-views");
    };
    let french_saliency = |b: &Browser| {
        b.click(&b.find("#lang-switch"));
        b.click(&b.find("#hidden-units li:nth-child(2) button"));
        support::go_to(b, "q");
        scroll_to(b, "#picture-grad_x");
    };
    let bars = |b: &Browser| {
        support::go_to(b, "c");
        scroll_to(b, "#picture-softmax");
    };
    assert_axe_clean(
        "lang=en",
        &[("the digits' views (en)", &digits), ("the saliency image (fr)", &french_saliency), ("the softmax bars (fr)", &bars)],
    );
}

#[test]
fn axe_finds_nothing_serious_on_a_csv_file_and_its_views() {
    let fixture = |name: &str| {
        std::fs::read_to_string(format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"))).expect("the fixture")
    };
    let open = |b: &Browser, name: &str, text: &str| support::choose_file(b, "open-csv", name, text);
    let wine = |b: &Browser| {
        b.click(&b.find("#field-dataset option[value='csv']"));
        open(b, "wine.csv", &fixture("wine.csv"));
        b.wait_for(10, "the projection", |b| b.try_text("#projection-caption").filter(|t| !t.is_empty()).map(|_| ()));
        train_three_epochs(b);
        scroll_to(b, "#csv-tools");
    };
    let views = |b: &Browser| scroll_to(b, "#table-views");
    let french_refusal = |b: &Browser| {
        b.click(&b.find("#lang-switch"));
        open(b, "broken_ragged.csv", &fixture("broken_ragged.csv"));
        b.wait_for(10, "the refusal", |b| b.try_text("#csv-status").filter(|t| t.contains("broken_ragged")).map(|_| ()));
        scroll_to(b, "#csv-tools");
    };
    assert_axe_clean(
        "lang=en",
        &[("a CSV file's tools (en)", &wine), ("its matrix and projection (en)", &views), ("a refused file (fr)", &french_refusal)],
    );
}

#[test]
fn axe_finds_nothing_serious_on_a_backward_step_and_on_a_whole_phase() {
    let selected = |b: &Browser| {
        scroll_to(b, "#stepper");
        b.wait_for(10, "step (n)", |b| (current_step(b) == "n").then_some(()));
        // A result entry clicked: its formula is shown.
        b.click(&b.find(".step-card .write-role td button"));
        b.wait_for(5, "the formula", |b| {
            (b.exec("return document.querySelector('.formula math') !== null", vec![]) == true).then_some(())
        });
    };
    let whole = |b: &Browser| {
        b.click(&b.find("#whole-backward"));
        b.wait_for(5, "the whole backward pass", |b| (step_cards(b) > 5).then_some(()));
    };
    assert_axe_clean("lang=en&step=n", &[("step (n) with a cell selected", &selected), ("the whole backward pass", &whole)]);
}

/// Pastes `text` into the case box, as a paste does, and clicks "Load".
fn paste_case(b: &Browser, text: &str) {
    let paste = "const t = document.getElementById('case-input');
        t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));";
    b.exec(paste, vec![Value::from(text)]);
    b.click(&b.find("#load-case"));
}

#[test]
fn axe_finds_nothing_serious_with_the_check_and_case_panels_used() {
    // A mistake on: the check fails and the step says it is altered.
    let mistake = |b: &Browser| {
        scroll_to(b, "#mistakes-panel");
        b.click(&b.find("#mistake-relu"));
        b.wait_for(10, "the check to fail", |b| {
            (b.exec("return document.getElementById('check-verdict').dataset.pass", vec![]) == "false").then_some(())
        });
    };
    let refused = |b: &Browser| {
        scroll_to(b, "#case-panel");
        paste_case(b, "{\"d\": 2, \"params\": 3}");
        b.wait_for(5, "the refusal", |b| (!b.text(".case-error").is_empty()).then_some(()));
    };
    let loaded = |b: &Browser| {
        let case = r#"{"d": 2, "d_h": 3, "m": 2, "lambda": 0.01,
            "params": {"W1": [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], "b1": [0.0, 0.1, -0.1],
                       "W2": [[0.2, -0.3, 0.1], [-0.4, 0.5, 0.2]], "b2": [0.05, -0.05]},
            "x": [0.5, -1.0], "y": 1}"#;
        paste_case(b, case);
        b.wait_for(5, "the loaded case", |b| {
            (b.exec("return !!document.getElementById('case-banner')", vec![]) == true).then_some(())
        });
    };
    // Check my answers: a wrong ∂L/∂W⁽²⁾ (explained), its entries outlined at (j), and a card's box.
    let diagnosed = |b: &Browser| {
        scroll_to(b, "#homework");
        let answers = r#"{"lambda": 0.01, "y": 1, "x": [0.5, -1.0],
            "params": {"W1": [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], "b1": [0.0, 0.1, -0.1],
                       "W2": [[0.2, -0.3, 0.1], [-0.4, 0.5, 0.2]], "b2": [0.05, -0.05]},
            "gradients": {"W2": [[0.1, 0, 0], [0, 0.2, 0]], "b2": [9, 9]}}"#;
        let paste = "const t = document.getElementById('homework-input');
            t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));";
        b.exec(paste, vec![Value::from(answers)]);
        b.click(&b.find("#check-homework"));
        b.wait_for(20, "the diagnosis", |b| (b.exec("return !!document.getElementById('homework-summary')", vec![]) == true).then_some(()));
        b.click(&b.find("#your-value-j"));
        b.exec(&paste.replace("homework-input", "your-input-j"), vec![Value::from("[[0.1, 0, 0], [0, 0.2, 0]]")]);
        b.click(&b.find("#your-check-j"));
        b.wait_for(10, "the card's verdict", |b| (!b.text("#your-result-j").is_empty()).then_some(()));
    };
    assert_axe_clean(
        "lang=fr&step=p",
        &[
            ("the check failing with a mistake on (fr)", &mistake),
            ("a refused case (fr)", &refused),
            ("a loaded case (fr)", &loaded),
            ("answers checked, a card compared (fr)", &diagnosed),
        ],
    );
}

#[test]
fn axe_finds_nothing_serious_with_a_url_notice_shown() {
    let notices = |b: &Browser| {
        b.wait_for(5, "the URL notices", |b| {
            (b.exec("return !!document.getElementById('url-notices')", vec![]) == true).then_some(())
        });
    };
    assert_axe_clean("lang=en&n=abc&dh=999&data=nope", &[("the page with URL notices", &notices)]);
}

// ----- Keyboard -----

/// What the walk learns about the focused element.
#[derive(Debug)]
struct Focused {
    what: String,
    in_order: bool,
    ring: bool,
    visible: bool,
    body: bool,
}

/// Reads the focused element `e`: a description, whether it comes after the previous one in
/// document order, whether it shows a focus ring (an outline of 2 px or more, or a shadow).
fn inspect_focus(b: &Browser, e: &support::webdriver::Element) -> Focused {
    let script = "const e = arguments[0];
        if (e === document.body || e === document.documentElement) return { body: true };
        const prev = window.__kbPrev;
        const inOrder = !prev || !!(prev.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
        window.__kbPrev = e;
        (window.__kbSeen = window.__kbSeen || new Set()).add(e);
        const s = getComputedStyle(e);
        const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
        const r = e.getBoundingClientRect();
        const visible = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
        const what = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.type ? '[' + e.type + ']' : '')
            + ' \"' + (e.textContent || e.value || '').trim().slice(0, 30) + '\"';
        return { body: false, inOrder, ring, visible, what };";
    let v = b.exec(script, vec![b.arg(e)]);
    Focused {
        what: v["what"].as_str().unwrap_or("").into(),
        in_order: v["inOrder"] == true,
        ring: v["ring"] == true,
        visible: v["visible"] == true,
        body: v["body"] == true,
    }
}

#[test]
fn tab_alone_reaches_every_control_in_order_with_a_visible_focus_and_a_name() {
    let (_server, browser) = open("lang=en");
    browser.exec("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)", vec![]);
    let mut walked: Vec<(String, String, String)> = Vec::new();
    let mut problems = Vec::new();
    for _ in 0..600 {
        browser.press_key(TAB);
        let e = browser.active_element();
        let focused = inspect_focus(&browser, &e);
        if focused.body {
            break;
        }
        let (name, role) = (browser.accessible_name(&e), browser.accessible_role(&e));
        if !focused.in_order {
            problems.push(format!("{}: out of document order", focused.what));
        }
        if !focused.ring {
            problems.push(format!("{}: no visible focus (outline or shadow)", focused.what));
        }
        if !focused.visible {
            problems.push(format!("{}: focused but off screen", focused.what));
        }
        if name.trim().is_empty() {
            problems.push(format!("{}: no accessible name", focused.what));
        }
        // What the focus ring looks like, on a light panel, on a filled button, on the header.
        for id in ["lang-switch", "play-pause", "field-d_h", "feature-x2", "mistake-relu"] {
            if focused.what.contains(&format!("#{id}[")) {
                browser.screenshot(&format!("focus-{id}"));
            }
        }
        walked.push((focused.what, role, name));
    }
    let order: Vec<String> = walked.iter().map(|(w, r, n)| format!("{w} ({r}: {n})")).collect();
    println!("Tab order ({} stops):\n  {}", order.len(), order.join("\n  "));
    assert!(walked.len() > 40, "the walk stopped after {} stops", walked.len());
    // Every control that can take the focus was reached (of a radio group, the checked one).
    let missed = browser.exec(
        "const seen = window.__kbSeen || new Set();
        return [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
          .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0)
          .filter(e => !(e.type === 'radio' && !e.checked && document.querySelector(`input[name='${e.name}']:checked`)))
          .filter(e => !seen.has(e))
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''));",
        vec![],
    );
    assert_eq!(missed, json!([]), "controls Tab never reached");
    // The landmarks of the page come in reading order.
    let position = |id: &str| walked.iter().position(|(w, _, _)| w.contains(&format!("#{id}")));
    let ids = ["lang-switch", "field-dataset", "field-d_h", "click-add", "play-pause", "goto-a", "step-next", "mistake-relu", "load-case"];
    let positions: Vec<Option<usize>> = ids.iter().map(|id| position(id)).collect();
    assert!(positions.iter().all(Option::is_some), "not reached: {ids:?} → {positions:?}");
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "out of order: {ids:?} → {positions:?}");
    assert!(problems.is_empty(), "keyboard problems:\n  {}", problems.join("\n  "));
}

fn focus(b: &Browser, id: &str) {
    b.exec("document.getElementById(arguments[0]).focus()", vec![Value::from(id)]);
}

fn examples_seen(b: &Browser) -> u64 {
    let v = b.exec("return document.getElementById('training-status').dataset.examplesSeen", vec![]);
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[test]
fn enter_and_space_work_the_step_navigation_and_the_player() {
    let (_server, browser) = open("lang=en&step=a");
    let b = &browser;
    scroll_to(b, "#stepper");
    focus(b, "step-next");
    b.press_key(ENTER);
    b.wait_for(5, "Enter on Next: (a2)", |b| (current_step(b) == "a2").then_some(()));
    b.press_key(SPACE);
    b.wait_for(5, "Space on Next: (b)", |b| (current_step(b) == "b").then_some(()));
    focus(b, "step-prev");
    b.press_key(SPACE);
    b.wait_for(5, "Space on Previous: (a2)", |b| (current_step(b) == "a2").then_some(()));
    focus(b, "goto-n");
    b.press_key(ENTER);
    b.wait_for(5, "Enter on (n)", |b| (current_step(b) == "n").then_some(()));
    focus(b, "step-last");
    b.press_key(SPACE);
    b.wait_for(5, "Space on Last: (f)", |b| (current_step(b) == "f").then_some(()));
    focus(b, "whole-forward");
    b.press_key(ENTER);
    b.wait_for(5, "Enter on Whole forward", |b| (step_cards(b) > 3).then_some(()));
    focus(b, "step-first");
    b.press_key(ENTER);
    b.wait_for(5, "Enter on First: (a)", |b| (current_step(b) == "a" && step_cards(b) == 1).then_some(()));
    // The player.
    scroll_to(b, "#lab");
    let seen = examples_seen(b);
    focus(b, "step-minibatch");
    b.press_key(SPACE);
    b.wait_for(5, "Space on one minibatch", |b| (examples_seen(b) > seen).then_some(()));
    let start = epoch(b);
    focus(b, "step-epoch");
    b.press_key(ENTER);
    b.wait_for(5, "Enter on one epoch", |b| (epoch(b) > start).then_some(()));
    focus(b, "play-pause");
    b.press_key(SPACE);
    b.wait_for(5, "Space on Play", |b| (play_status(b) == "playing").then_some(()));
    b.press_key(ENTER);
    b.wait_for(5, "Enter on Pause", |b| (play_status(b) == "paused").then_some(()));
    assert!(severe_console_entries(b).is_empty());
}

// ----- Screen readers: the tables -----

/// The table of quantity `key` on the current step: its accessible name and role, its column
/// and row headers as a screen reader reads them.
fn table_of(b: &Browser, key: &str) -> (String, String, Vec<String>, Vec<String>) {
    let css = format!(".step-card figure[data-quantity='{key}'] table");
    let table = b.find(&css);
    let headers = b.exec(
        "const t = document.querySelector(arguments[0]);
        const spoken = n => n.nodeType === 1 && n.getAttribute('aria-hidden') === 'true' ? ''
            : n.nodeType === 1 ? [...n.childNodes].map(spoken).join('') : n.textContent;
        const text = th => spoken(th).replace(/\\s+/g, ' ').trim();
        return [[...t.querySelectorAll('thead th[scope=col]:not(.corner)')].map(text),
                [...t.querySelectorAll('tbody th[scope=row]')].map(text)];",
        vec![Value::from(css.clone())],
    );
    let strings = |v: &Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().map(|s| s.as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
    };
    let (cols, rows) = (strings(&headers[0]), strings(&headers[1]));
    // What Chromium itself computes for the first column header agrees.
    let first = b.find(&format!("{css} thead th:not(.corner)"));
    assert_eq!(b.accessible_name(&first), cols[0], "{key}: the first column header as read aloud");
    (b.accessible_name(&table), b.accessible_role(&table), cols, rows)
}

#[test]
fn matrices_and_vectors_are_tables_with_a_name_and_headers() {
    let (_server, browser) = open("lang=en&step=a");
    scroll_to(&browser, "#stepper");
    // (a) h^a = W⁽¹⁾ x + b⁽¹⁾ with d = 2, d_h = 8.
    let (name, role, cols, rows) = table_of(&browser, "W1");
    assert_eq!(role, "table");
    assert!(name.contains("W⁽¹⁾") && name.contains("d_h × d = 8 × 2"), "{name}");
    assert_eq!(cols, ["input 0", "input 1"]);
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[0], "hidden unit 0");
    let (name, _, cols, rows) = table_of(&browser, "x");
    assert!(name.contains('x') && name.contains("d = 2"), "{name}");
    assert_eq!(cols, ["value"]);
    assert_eq!(rows, ["input 0", "input 1"]);
    let (name, _, _, rows) = table_of(&browser, "h_a");
    assert!(name.contains("hᵃ") && name.contains("d_h = 8"), "{name}");
    assert_eq!(rows[7], "hidden unit 7");
    // (j) ∂L/∂W⁽²⁾ [m × d_h], in French.
    browser.click(&browser.find("#lang-switch"));
    browser.click(&browser.find("#goto-j"));
    browser.wait_for(5, "step (j)", |b| (current_step(b) == "j").then_some(()));
    let (name, _, cols, rows) = table_of(&browser, "grad_W2");
    assert!(name.contains("∂L/∂W⁽²⁾") && name.contains("m × d_h = 2 × 8"), "{name}");
    assert_eq!(cols[3], "unité cachée 3");
    assert_eq!(rows, ["sortie 0", "sortie 1"]);
    let (name, _, cols, _) = table_of(&browser, "grad_o_a");
    assert!(name.contains("∂L/∂oᵃ"), "{name}");
    assert_eq!(cols, ["valeur"]);
}

// ----- Phone and tablet -----

/// What the layout check measures at one window size.
fn layout_problems(b: &Browser, phone: bool) -> Vec<String> {
    let script = "const phone = arguments[0];
        const out = [];
        const page = document.documentElement.scrollWidth, inner = document.documentElement.clientWidth;
        if (page > inner) out.push(`the page scrolls sideways: ${page} > ${inner}`);
        // Content past the window's right edge (cut off by a panel, or widening the page),
        // unless it is inside a box that scrolls on its own.
        const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '');
        const wide = [...document.querySelectorAll('body *')]
          .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > inner + 1)
          .filter(e => { for (let p = e.parentElement; p; p = p.parentElement) {
              const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return false; }
              return true; })
          .filter(e => !e.closest('svg') || e.tagName.toLowerCase() === 'svg');
        // Only the outermost of each overflowing branch.
        const outer = wide.filter(e => !wide.includes(e.parentElement));
        for (const e of outer.slice(0, 10)) out.push(`${name(e)} reaches ${e.getBoundingClientRect().right.toFixed(0)} px, past the window's ${inner} px`);
        if (phone) {
            const panels = [...document.querySelectorAll('main.layout > *')].filter(e => e.getClientRects().length > 0);
            const rects = panels.map(p => p.getBoundingClientRect());
            for (let i = 1; i < rects.length; i++) {
                if (Math.abs(rects[i].left - rects[0].left) > 2 || rects[i].top < rects[i - 1].bottom - 1)
                    out.push(`panel ${i} (${panels[i].className}) is not stacked under panel ${i - 1}`);
            }
            for (const e of document.querySelectorAll('button, select, input[type=text], textarea, label:has(> input[type=checkbox]), label:has(> input[type=radio])')) {
                if (e.getClientRects().length === 0 || e.closest('[hidden]')) continue;
                const r = e.getBoundingClientRect();
                if (r.height < 32) out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} \"${e.textContent.trim().slice(0, 20)}\" is ${r.height.toFixed(0)} px tall`);
            }
        }
        return out;";
    let v = b.exec(script, vec![Value::from(phone)]);
    v.as_array().map(|a| a.iter().map(|s| s.as_str().unwrap_or("").to_string()).collect()).unwrap_or_default()
}

/// Opens a wide network (d_h = 64) on step (j), whose ∂L/∂W⁽²⁾ is m × d_h, at `width` ×
/// `height`; checks the layout on the first page, after training and with the whole matrix
/// shown; saves screenshots named `layout-{name}-…`.
fn check_layout(name: &str, width: u32, height: u32, phone: bool) {
    let (_server, browser) = open("lang=en&dh=64&step=j");
    let b = &browser;
    b.set_window_size(width, height);
    b.wait_for(5, "the new window size", |b| {
        (b.exec("return window.innerWidth", vec![]).as_u64().is_some_and(|w| w.abs_diff(u64::from(width)) <= 20)).then_some(())
    });
    let mut problems = Vec::new();
    let mut note = |state: &str, found: Vec<String>| problems.extend(found.into_iter().map(|p| format!("{state}: {p}")));
    b.exec("window.scrollTo(0, 0)", vec![]);
    b.screenshot(&format!("layout-{name}-top"));
    note("first page", layout_problems(b, phone));
    scroll_to(b, "#lab");
    train_three_epochs(b);
    b.screenshot(&format!("layout-{name}-lab"));
    note("after training", layout_problems(b, phone));
    scroll_to(b, "#stepper");
    b.wait_for(10, "step (j)", |b| (current_step(b) == "j").then_some(()));
    b.click(&b.find(".step-card .write-role .show-all"));
    b.wait_for(5, "the whole matrix", |b| {
        (b.exec("return document.querySelectorAll('.step-card .write-role thead th').length", vec![]).as_u64() >= Some(64))
            .then_some(())
    });
    scroll_to(b, ".step-nav");
    b.screenshot(&format!("layout-{name}-step-nav"));
    scroll_to(b, ".step-card .operands");
    b.screenshot(&format!("layout-{name}-matrix"));
    scroll_to(b, ".stepper-diagram");
    b.screenshot(&format!("layout-{name}-diagram"));
    scroll_to(b, "#mistakes-panel");
    b.screenshot(&format!("layout-{name}-mistakes"));
    note("step (j) with d_h = 64, the whole matrix shown", layout_problems(b, phone));
    // The wide tables, scrolling in their boxes, pass axe too (a box that scrolls must be
    // reachable from the keyboard).
    problems.extend(axe_serious(b, &format!("step (j) with d_h = 64 at {width} × {height}")));
    // (b) o^a = W⁽²⁾ h^s + b⁽²⁾ reads the wide W⁽²⁾ [m × d_h]: a table with no buttons.
    b.click(&b.find("#goto-b"));
    b.wait_for(5, "step (b)", |b| (current_step(b) == "b").then_some(()));
    let mut found = layout_problems(b, phone);
    found.extend(axe_serious(b, &format!("step (b) with d_h = 64 at {width} × {height}")));
    problems.extend(found.into_iter().map(|p| format!("step (b): {p}")));
    assert!(problems.is_empty(), "layout at {width} × {height}:\n  {}", problems.join("\n  "));
}

#[test]
fn on_a_phone_in_portrait_nothing_scrolls_sideways_panels_stack_and_controls_are_tappable() {
    check_layout("phone", 390, 844, true);
}

#[test]
fn on_a_tablet_in_portrait_nothing_scrolls_sideways() {
    check_layout("tablet-portrait", 820, 1180, false);
}

#[test]
fn on_a_tablet_in_landscape_nothing_scrolls_sideways() {
    check_layout("tablet-landscape", 1180, 820, false);
}

#[test]
fn on_a_phone_the_digits_views_fit_and_pass_axe() {
    let (_server, browser) = open("lang=fr");
    let b = &browser;
    b.set_window_size(390, 844);
    b.wait_for(5, "the new window size", |b| {
        (b.exec("return window.innerWidth", vec![]).as_u64().is_some_and(|w| w.abs_diff(390) <= 20)).then_some(())
    });
    b.click(&b.find("#field-dataset option[value='digits']"));
    b.wait_for(20, "the digits' gallery", |b| b.try_find("#gallery button.digit").map(|_| ()));
    // Down the page and back, as a reader would: a box that scrolls is made a Tab stop when it
    // is first on screen (the stepper's 32 × 64 W⁽¹⁾, the diagram, the check's tables).
    for section in ["#stepper", ".stepper-diagram", "#check-panel", ".curves-numbers", "#table-views"] {
        scroll_to(b, section);
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    b.screenshot("layout-phone-digits");
    let mut problems = layout_problems(b, true);
    problems.extend(axe_serious(b, "the digits' views at 390 × 844"));
    support::go_to(b, "q");
    scroll_to(b, "#picture-grad_x");
    problems.extend(layout_problems(b, true));
    assert!(problems.is_empty(), "the digits on a phone:\n  {}", problems.join("\n  "));
}
