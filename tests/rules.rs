//! The update rules of step (f) in the page: the menu and its coefficients in the link,
//! momentum and Adam training the moons, and step (f) written for the rule.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::webdriver::Browser;
use support::{go_to, location_query, open, rendered, severe_console_entries, status_number, table_values};

/// Chooses `rule` in the menu, as a student would.
fn choose(b: &Browser, rule: &str) {
    b.click(&b.find(&format!("#field-rule option[value='{rule}']")));
    b.wait_for(5, "the rule in the link", |b| location_query(b).contains(&format!("rule={rule}")).then_some(()));
}

#[test]
fn momentum_and_adam_train_the_moons_under_five_percent() {
    for (rule, eta) in [("momentum", "0.02"), ("adam", "0.01")] {
        let (_server, browser) = open(&format!("lang=en&dh=16&eta={eta}"));
        choose(&browser, rule);
        browser.click(&browser.find("#play-pause"));
        browser.wait_for(30, "300 epochs", |b| (status_number(b, "data-epoch") >= 300.0).then_some(()));
        browser.click(&browser.find("#play-pause"));
        let error = status_number(&browser, "data-train-error");
        assert!(error < 0.05, "{rule}: training error {error}");
        assert!(severe_console_entries(&browser).is_empty());
    }
}

#[test]
fn the_menu_shows_each_rules_coefficients_and_step_f_its_equations() {
    let (_server, browser) = open("lang=en");
    assert!(!rendered(&browser, "field-beta") && !rendered(&browser, "field-eps"), "SGD has no coefficient");
    assert!(location_query(&browser).contains("rule=sgd"));
    choose(&browser, "nesterov");
    assert!(rendered(&browser, "field-beta") && !rendered(&browser, "field-beta2"));
    browser.type_into(&browser.find("#field-beta"), "0.5");
    browser.wait_for(5, "beta in the link", |b| location_query(b).contains("beta=0.5").then_some(()));
    assert!(browser.text("#rule-help").contains("θ ← θ − η (g + β v)"));
    assert!(rendered(&browser, "rule-reset"));
    go_to(&browser, "f");
    let card = browser.text("#step-f");
    assert!(card.contains("theta -= eta * (grad + beta * v)") && card.contains("first step"), "{card}");
    choose(&browser, "adam");
    for id in ["field-beta1", "field-beta2", "field-eps"] {
        assert!(rendered(&browser, id), "{id}");
    }
    assert!(!rendered(&browser, "field-beta"), "Adam's β is β₁");
    let q = location_query(&browser);
    assert!(q.contains("beta=0.9") && q.contains("beta2=0.999") && q.contains("eps=1e-8"), "Adam's defaults: {q}");
    browser.wait_for(5, "Adam's numpy", |b| b.text("#step-f").contains("np.sqrt(s_hat) + eps").then_some(()));
    browser.exec("document.getElementById('step-f').scrollIntoView()", vec![]);
    browser.screenshot("rule-adam-step-f");
    // the check's update line takes the rule's first step
    let update = browser.text("#check-update");
    assert!(update.contains("went down"), "{update}");
    // a bad β is refused in place, the previous one kept
    browser.type_into(&browser.find("#field-beta1"), "1");
    assert!(browser.text("#field-beta1-error").contains("0.999"));
    assert!(location_query(&browser).contains("beta=0.9"));
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn a_link_with_a_rule_opens_it_and_a_bad_one_is_said_in_french() {
    let (_server, browser) = open("lang=fr&rule=momentum&beta=0.7");
    let selected = browser.exec("return document.getElementById('field-rule').value", vec![]);
    assert_eq!(selected.as_str(), Some("momentum"));
    let beta = browser.exec("return document.getElementById('field-beta').value", vec![]);
    assert_eq!(beta.as_str(), Some("0.7"));
    assert!(browser.text("#rule-help").contains("La vitesse v part de 0"));
    let (_server, browser) = open("lang=fr&rule=rmsprop");
    let notices = browser.text("#url-notices");
    assert!(notices.contains("aucune règle de mise à jour"), "{notices}");
}

/// The entries of block `block` of moment `moment` in step (f)'s state tables, row by row.
fn state_values(b: &Browser, moment: &str, block: &str) -> Vec<f64> {
    let script = "const [m, k] = arguments;
        const f = document.querySelector(`#rule-state figure[data-moment='${m}'][data-block='${k}']`);
        return f ? [...f.querySelectorAll('td')].map(td => Number(td.dataset.value)) : [];";
    serde_json::from_value(b.exec(script, vec![moment.into(), block.into()])).unwrap_or_default()
}

/// One minibatch step from the initial weights, then step (f)'s state, read back against the
/// weights the step changed.
fn one_step(query: &str) -> (Browser, support::server::Server, Vec<f64>, Vec<f64>) {
    let (server, b) = open(query);
    go_to(&b, "a");
    let before = b.wait_for(10, "W⁽¹⁾ at step (a)", |b| Some(table_values(b, "W1")).filter(|v| v.len() == 16));
    b.click(&b.find("#step-minibatch"));
    b.wait_for(10, "one minibatch", |b| (status_number(b, "data-examples-seen") == 10.0).then_some(()));
    let after = b.wait_for(10, "the new W⁽¹⁾", |b| Some(table_values(b, "W1")).filter(|v| v.len() == 16 && *v != before));
    go_to(&b, "f");
    b.wait_for(10, "the state after one step", |b| b.try_find("#rule-state[data-t='1']").map(|_| ()));
    let step: Vec<f64> = before.iter().zip(&after).map(|(b, a)| b - a).collect();
    (b, server, step, after)
}

#[test]
fn step_f_shows_the_rules_state_as_the_trainer_holds_it() {
    // Momentum from v = 0: v = g and θ moves by −η v, so v = (θ before − θ after) / η.
    let (b, _server, step, _) = one_step("lang=en&rule=momentum&eta=0.5&lambda=0.001");
    let v = state_values(&b, "v", "W1");
    assert_eq!(v.len(), 16, "d_h × d = 8 × 2 entries");
    for (v, step) in v.iter().zip(&step) {
        assert!((v - step / 0.5).abs() <= 1e-12 * v.abs().max(1.0), "v {v} vs step / η {}", step / 0.5);
    }
    assert!(v.iter().any(|x| *x != 0.0));
    assert!(b.text("#rule-state h4").starts_with("The trainer's state now (t = 1)"));
    // Adam after one step: m = (1 − β₁) g, s = (1 − β₂) g², so m² / s = (1 − β₁)² / (1 − β₂) = 10.
    let (b, _server, _, _) = one_step("lang=en&rule=adam&eta=0.01");
    let (m, s) = (state_values(&b, "m", "W2"), state_values(&b, "s", "W2"));
    assert_eq!((m.len(), s.len()), (16, 16), "m × d_h = 2 × 8 entries each");
    for (m, s) in m.iter().zip(&s) {
        assert!(*s >= 0.0);
        if *s > 1e-300 {
            assert!((m * m / s - 10.0).abs() < 1e-9, "m {m}, s {s}");
        }
    }
    b.exec("document.getElementById('rule-state').scrollIntoView()", vec![]);
    b.screenshot("rule-state-adam");
    // Plain SGD keeps no state: no tables.
    b.click(&b.find("#field-rule option[value='sgd']"));
    b.wait_for(5, "no state", |b| b.try_find("#rule-state").is_none().then_some(()));
}
