//! End-to-end tests of the backprop stepper, through the page in headless Chromium.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::webdriver::{Browser, ARROW_LEFT, ARROW_RIGHT, END, HOME};
use support::{current_step, open, severe_console_entries};

/// The URL keys of the steps, in walk order (as `Step::key` gives them).
const STEP_KEYS: [&str; 16] = ["a", "a2", "b", "c", "d", "g", "j", "j2", "l", "n", "p", "p2", "q", "r", "r2", "f"];

/// The `data-step` of the step card on screen.

/// The full-precision values of a quantity's table, row by row.
fn table(b: &Browser, key: &str) -> Vec<Vec<f64>> {
    let script = "const f = document.querySelector(`.step-card figure[data-quantity='${arguments[0]}']`);
        if (!f) return null;
        return [...f.querySelectorAll('tbody tr')].map(r => [...r.querySelectorAll('td')].map(td => Number(td.dataset.value)));";
    let v = b.exec(script, vec![Value::from(key)]);
    serde_json::from_value(v).unwrap_or_else(|e| panic!("no table {key} on step {}: {e}", current_step(b)))
}

/// A number as the stepper prints it: four decimals, or scientific below 1e-3.
fn shown(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.abs() < 1e-3 {
        format!("{v:.3e}")
    } else {
        format!("{v:.4}")
    }
}

#[test]
fn the_keyboard_reaches_every_step_and_the_url_restores_it() {
    let (server, browser) = open("lang=en");
    assert_eq!(current_step(&browser), "a");
    for (i, key) in STEP_KEYS.iter().enumerate().skip(1) {
        browser.press_key(ARROW_RIGHT);
        browser.wait_for(5, &format!("step {key}"), |b| (current_step(b) == *key).then_some(()));
        assert_eq!(browser.text("#step-position"), format!("Step {} / 16", i + 1));
    }
    browser.press_key(ARROW_RIGHT);
    assert_eq!(current_step(&browser), "f", "the last step stays the last");
    browser.press_key(HOME);
    browser.wait_for(5, "Home", |b| (current_step(b) == "a").then_some(()));
    browser.press_key(ARROW_LEFT);
    assert_eq!(current_step(&browser), "a", "the first step stays the first");
    browser.press_key(END);
    browser.wait_for(5, "End", |b| (current_step(b) == "f").then_some(()));
    let search = Value::from(browser.search());
    assert!(search.as_str().unwrap_or("").contains("step=f"), "{search}");
    // A teacher's link to step (n) opens on step (n).
    browser.goto(&server.page("lang=en&step=n"));
    browser.wait_for(20, "the linked step", |b| (current_step(b) == "n").then_some(()));
    assert_eq!(browser.text("#step-position"), "Step 10 / 16");
    assert!(browser.text(".step-card h3").contains("(n)"));
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn the_forward_values_on_screen_are_the_network_s() {
    let (_server, browser) = open("lang=en&step=a");
    let (w1, x, b1) = (table(&browser, "W1"), table(&browser, "x"), table(&browser, "b1"));
    let h_a = table(&browser, "h_a");
    assert_eq!(w1.len(), 8, "d_h = 8 rows");
    for j in 0..8 {
        // h_a = W1 x + b1, from the numbers the page shows
        let expected = w1[j][0] * x[0][0] + w1[j][1] * x[1][0] + b1[j][0];
        assert!((h_a[j][0] - expected).abs() <= 1e-12 * expected.abs().max(1.0), "h_a[{j}]");
    }
    browser.click(&browser.find("#goto-c"));
    let (o_a, o_s) = (table(&browser, "o_a"), table(&browser, "o_s"));
    let total: f64 = o_a.iter().map(|r| r[0].exp()).sum();
    for k in 0..o_a.len() {
        assert!((o_s[k][0] - o_a[k][0].exp() / total).abs() < 1e-12, "o_s[{k}]");
    }
    // Each cell shows its value to four decimals.
    let shown = browser.text("#cell-o_s-0-0");
    assert_eq!(shown, format!("{:.4}", o_s[0][0]));
}

#[test]
fn clicking_a_result_entry_shows_its_formula_with_the_numbers() {
    let (_server, browser) = open("lang=en&step=j");
    browser.click(&browser.find("#cell-grad_W2-1-3"));
    let formula = browser.text(".formula");
    let g = table(&browser, "grad_o_a")[1][0];
    let h = table(&browser, "h_s")[3][0];
    // ∂L/∂W2[1,3] = ∂L/∂o^a[1] · h^s[3] = g × h = g·h
    for value in [g, h, g * h] {
        assert!(formula.contains(&shown(value.abs())), "{} missing from {formula}", shown(value.abs()));
    }
    assert!(formula.contains('×'), "{formula}");
    // The operand entries the formula reads are highlighted, and only those.
    let read = browser.exec("return [...document.querySelectorAll('td.read')].map(td => td.id)", vec![]);
    let ids: Vec<String> = serde_json::from_value(read).expect("ids");
    assert_eq!(ids, vec!["cell-grad_o_a-1-0".to_string(), "cell-h_s-3-0".to_string()]);
    browser.screenshot("stepper-backward-j");
    // A sum is written out term by term: step (l).
    browser.click(&browser.find("#goto-l"));
    browser.click(&browser.find("#cell-grad_h_s-0-0"));
    let formula = browser.text(".formula");
    assert!(formula.contains('∑') && formula.matches('×').count() >= 2, "{formula}");
}

#[test]
fn a_typed_example_is_checked_then_walked() {
    let (_server, browser) = open("lang=en");
    browser.type_into(&browser.find("#typed-x"), "1, 2, 3");
    browser.click(&browser.find("#use-typed"));
    assert_eq!(browser.text("#typed-error"), "x needs d = 2 numbers; 3 were given.");
    browser.type_into(&browser.find("#typed-x"), "0.5, -1");
    browser.type_into(&browser.find("#typed-y"), "1");
    browser.click(&browser.find("#use-typed"));
    assert_eq!(browser.text("#typed-error"), "");
    assert_eq!(browser.text("#current-example"), "x = (0.5000, -1.0000), y = 1");
    assert_eq!(table(&browser, "x"), vec![vec![0.5], vec![-1.0]]);
    browser.screenshot("stepper-forward-a");
}

#[test]
fn clicking_a_point_of_the_data_plot_picks_it() {
    let (_server, browser) = open("lang=en");
    let before = browser.text("#current-example");
    assert!(before.starts_with("Training example # 0:"), "{before}");
    // By default a click adds a point; picking is the third mode.
    browser.click(&browser.find("#click-pick"));
    // Find a class-1 (vermillion) pixel and click it.
    let spot = browser.exec(
        "const c = document.getElementById('data-plot');
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         const s = c.width / c.clientWidth;
         for (let i = 0; i < d.length; i += 4) {
           if (d[i] === 213 && d[i + 1] === 94 && d[i + 2] === 0) {
             const p = i / 4, x = p % c.width, y = Math.floor(p / c.width);
             return [Math.round(x / s - c.clientWidth / 2), Math.round(y / s - c.clientHeight / 2)];
           }
         }
         return null;",
        vec![],
    );
    let [dx, dy]: [i64; 2] = serde_json::from_value(spot).expect("a class-1 point on the plot");
    browser.click_at(&browser.find("#data-plot"), dx, dy);
    browser.wait_for(5, "a new example", |b| (b.text("#current-example") != before).then_some(()));
    let after = browser.text("#current-example");
    assert!(after.ends_with("y = 1 (class 1)"), "{after}");
}

/// Off screen, the stepper follows a settings change a moment after it (not inside the
/// keystroke's answer); on screen, at once. Its diagram's dashes run a few times when a step
/// shows them, then rest: an endless dash animation repainted every edge in every frame.
#[test]
fn the_stepper_catches_up_off_screen_and_its_flow_rests() {
    let (_server, browser) = open("lang=en&lambda=0.001&step=r");
    let lambda_of_export = |b: &Browser| {
        let text = b.exec("return document.getElementById('case-export').value", vec![]);
        let json: Value = serde_json::from_str(text.as_str().unwrap_or("")).unwrap_or(Value::Null);
        json["lambda"].as_f64()
    };
    assert_eq!(lambda_of_export(&browser), Some(0.001));
    // Off screen: the settings at the top, the stepper far below.
    browser.exec("document.querySelector('.panel.settings').scrollIntoView(); return true", vec![]);
    let below = browser.exec("return document.getElementById('stepper').getBoundingClientRect().top > innerHeight", vec![]);
    assert_eq!(below, true, "the stepper is below the screen");
    let typed = browser.wait_for(5, "a change the off-screen stepper defers", |b| {
        // The observer reports asynchronously: type until a change is deferred.
        let script = "const f = document.getElementById('field-lambda'); f.value = String(0.002 + Math.random() / 1000);
            f.dispatchEvent(new Event('input', { bubbles: true })); return f.value";
        let typed: f64 = b.exec(script, vec![]).as_str().unwrap_or("").parse().unwrap_or(f64::NAN);
        (lambda_of_export(b) != Some(typed)).then_some(typed)
    });
    browser.wait_for(5, "the stepper to catch up without being scrolled to", |b| (lambda_of_export(b) == Some(typed)).then_some(()));

    // On screen: the walk follows by the next frame.
    browser.exec("document.getElementById('stepper').scrollIntoView(); return true", vec![]);
    browser.wait_for(5, "the stepper known to be on screen", |b| {
        let script = "const done = arguments[arguments.length - 1];
            const f = document.getElementById('field-lambda'); f.value = String(0.003 + Math.random() / 1000);
            f.dispatchEvent(new Event('input', { bubbles: true }));
            requestAnimationFrame(() => done(f.value));";
        let typed: f64 = b.exec_async(5, script, vec![]).as_str().unwrap_or("").parse().unwrap_or(f64::NAN);
        (lambda_of_export(b) == Some(typed)).then_some(())
    });

    // A new network alone (λ typed above) redraws the diagram with its dashes at rest: while
    // training publishes networks, restarting them restyled every edge in every frame.
    let animation = |b: &Browser| {
        b.exec(
            "const e = document.querySelector('#network-diagram .edge.read, #network-diagram .edge.written');
             if (!e) return null; const s = getComputedStyle(e); return [s.animationName, s.animationIterationCount];",
            vec![],
        )
    };
    assert_eq!(animation(&browser)[0], "none", "{}", animation(&browser));
    // A step shown (here (r2), reading and writing edges) off screen waits with its dashes
    // until the stepper is seen; then they run a finite number of times.
    browser.exec("document.querySelector('.panel.settings').scrollIntoView(); return true", vec![]);
    let off = "return document.getElementById('stepper').getBoundingClientRect().top > innerHeight";
    browser.wait_for(5, "the stepper off screen", |b| (b.exec(off, vec![]) == true).then_some(()));
    std::thread::sleep(std::time::Duration::from_millis(200));
    browser.exec("document.getElementById('goto-r2').click(); return true", vec![]);
    browser.wait_for(5, "step (r2)", |b| (current_step(b) == "r2").then_some(()));
    assert_eq!(animation(&browser)[0], "none", "off screen: {}", animation(&browser));
    browser.exec("document.getElementById('stepper').scrollIntoView(); return true", vec![]);
    let running = browser.wait_for(5, "the flow of (r2)", |b| Some(animation(b)).filter(|a| a[0] == "nd-flow"));
    let count: f64 = running[1].as_str().unwrap_or("").parse().unwrap_or(f64::INFINITY);
    assert!(count.is_finite() && count >= 1.0, "the dashes run a few times, then rest: {running}");
    assert!(severe_console_entries(&browser).is_empty());
}

/// h^s = max(0, h^a), entry by entry, as step (a2)'s card shows them; returns h^a.
fn check_relu_card(b: &Browser, rows: usize) -> Vec<Vec<f64>> {
    let (h_a, h_s) = (table(b, "h_a"), table(b, "h_s"));
    assert_eq!((h_a.len(), h_s.len()), (rows, rows), "d_h = {rows} rows on step a2");
    for (a, s) in h_a.iter().zip(&h_s) {
        assert_eq!(s[0], a[0].max(0.0), "h^s = max(0, h^a)");
    }
    h_a
}

/// h^a = W⁽¹⁾ x + b⁽¹⁾ from the numbers step (a)'s card shows; returns W⁽¹⁾.
fn check_first_layer_card(b: &Browser, rows: usize) -> Vec<Vec<f64>> {
    let (w1, x, b1, h_a) = (table(b, "W1"), table(b, "x"), table(b, "b1"), table(b, "h_a"));
    assert_eq!(w1.len(), rows, "d_h = {rows} rows on step a");
    for j in 0..rows {
        let expected = w1[j][0] * x[0][0] + w1[j][1] * x[1][0] + b1[j][0];
        assert!((h_a[j][0] - expected).abs() <= 1e-12 * expected.abs().max(1.0), "h_a[{j}]");
    }
    w1
}

/// The cards of the steps next to the one shown are built ahead after each answer (so "next"
/// answers at once). A card built ahead shows the network walked when it is shown: after a
/// change of d_h, "next" and "previous" show the new network's numbers, never those of the
/// network the card was built on; the card on screen follows a change where it stands.
#[test]
fn cards_built_ahead_show_the_network_walked_now() {
    let (_server, browser) = open("lang=en&step=a");
    browser.exec("document.getElementById('stepper').scrollIntoView(); return true", vec![]);
    let idle = || std::thread::sleep(std::time::Duration::from_millis(1500));
    let go = |b: &Browser, button: &str, key: &str| {
        b.click(&b.find(button));
        b.wait_for(5, &format!("step {key}"), |b| (current_step(b) == key).then_some(()));
    };
    idle();
    let w1 = check_first_layer_card(&browser, 8);
    let h_a_on_a = table(&browser, "h_a");
    go(&browser, "#step-next", "a2");
    assert_eq!(check_relu_card(&browser, 8), h_a_on_a, "step a2 reads the h^a step a wrote");
    go(&browser, "#step-prev", "a");
    assert_eq!(check_first_layer_card(&browser, 8), w1, "the same network back on step a");

    // A new network while both neighbours' cards are kept, then at once "next", "previous".
    idle();
    browser.type_into(&browser.find("#field-d_h"), "5");
    go(&browser, "#step-next", "a2");
    let h_a_on_a2 = check_relu_card(&browser, 5);
    go(&browser, "#step-prev", "a");
    check_first_layer_card(&browser, 5);
    assert_eq!(table(&browser, "h_a"), h_a_on_a2, "both cards walk the new network");
    // And a card built ahead of a network that stayed the same is the network's too.
    idle();
    go(&browser, "#step-next", "a2");
    assert_eq!(check_relu_card(&browser, 5), h_a_on_a2);
    // The card shown follows a change of the network where it stands.
    browser.type_into(&browser.find("#field-d_h"), "3");
    browser.wait_for(5, "step a2's card to show d_h = 3", |b| (table(b, "h_s").len() == 3).then_some(()));
    check_relu_card(&browser, 3);
    go(&browser, "#step-prev", "a");
    check_first_layer_card(&browser, 3);
    assert!(severe_console_entries(&browser).is_empty());
}
