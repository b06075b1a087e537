//! The update rules of step (f) in the page: the menu and its coefficients in the link,
//! momentum and Adam training the moons, and step (f) written for the rule.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::webdriver::Browser;
use support::{go_to, location_query, open, rendered, severe_console_entries, status_number};

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
