//! Shared by the end-to-end tests: a static server for `dist/` and a WebDriver client.
#![allow(dead_code)]

pub mod server;
pub mod session;
pub mod webdriver;

use std::path::{Path, PathBuf};

/// The built site: `$BACKPROP_DIST` or `dist/` at the repository root.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("BACKPROP_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

/// Copies the built site into `to`, its folders too (wasm-bindgen's `snippets/`), leaving out
/// the top-level files named in `skip`.
#[allow(dead_code)] // not every test binary copies the site
pub fn copy_dist(to: &Path, skip: &[&str]) {
    fn copy_dir(from: &Path, to: &Path, skip: &[&str]) {
        for entry in std::fs::read_dir(from).expect("read a folder of dist/").flatten() {
            let name = entry.file_name();
            let target = to.join(&name);
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::create_dir_all(&target).expect("make a folder of the copy");
                copy_dir(&entry.path(), &target, &[]);
            } else if !skip.iter().any(|s| name == **s) {
                std::fs::copy(entry.path(), target).expect("copy a file of dist/");
            }
        }
    }
    copy_dir(&dist_dir(), to, skip);
}

/// Serves `dist/`, opens the page with `query` in a fresh headless Chromium, and waits until
/// the app has mounted and drawn its data plot. Play trains as fast as possible (`speed=0`)
/// unless `query` sets the pace: the default teaching pace has tests of its own.
pub fn open(query: &str) -> (server::Server, webdriver::Browser) {
    let server = server::Server::start(dist_dir());
    let browser = webdriver::Browser::start();
    let query = if query.contains("speed=") { query.to_owned() } else { format!("{query}&speed=0") };
    browser.goto(&server.page(&query));
    browser.wait_for(20, "the data plot to be drawn", |b| (coloured_pixels(b) > 500).then_some(()));
    wait_for_trainer(&browser);
    (server, browser)
}

/// Waits until the trainer has started (in its worker, or on the main thread) and the page
/// shows its first snapshot.
pub fn wait_for_trainer(browser: &webdriver::Browser) {
    let script = "const s = document.getElementById('training-status');
        return !!s && s.dataset.runner !== 'starting';";
    browser.wait_for(20, "the trainer to start", |b| b.exec(script, vec![]).as_bool().filter(|&ready| ready).map(|_| ()));
}

/// The number of data-plot pixels that are neither white nor grey: the data points.
pub fn coloured_pixels(b: &webdriver::Browser) -> u64 {
    let script = "const c = document.getElementById('data-plot');
        if (!c || c.width === 0) return 0;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
            const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
            if (Math.max(r, g, b) - Math.min(r, g, b) > 40) n++;
        }
        return n;";
    b.exec(script, vec![]).as_u64().unwrap_or(0)
}

/// Console entries of level SEVERE (errors) since the last call.
pub fn severe_console_entries(b: &webdriver::Browser) -> Vec<String> {
    b.console().into_iter().filter(|(level, _)| level == "SEVERE").map(|(_, m)| m).collect()
}

/// The `data-step` of the stepper's card on screen ("" when there is none).
pub fn current_step(b: &webdriver::Browser) -> String {
    let v = b.exec("const c = document.querySelector('.step-card'); return c ? c.dataset.step : ''", vec![]);
    v.as_str().unwrap_or("").to_string()
}

/// Clicks the step button of `step` (a `Step::key`) and waits for its card.
pub fn go_to(b: &webdriver::Browser, step: &str) {
    b.click(&b.find(&format!("#goto-{step}")));
    b.wait_for(5, &format!("step ({step})"), |b| (current_step(b) == step).then_some(()));
}

/// Chooses a file named `name` holding `text` in the file input `#input`, as a student would
/// with the browser's dialog (the input's `change` event fires).
pub fn choose_file(b: &webdriver::Browser, input: &str, name: &str, text: &str) {
    b.exec(
        "const [input, name, text] = arguments;
         const element = document.getElementById(input);
         const files = new DataTransfer();
         files.items.add(new File([text], name));
         element.files = files.files;
         element.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![input.into(), name.into(), text.into()],
    );
}

/// A `data-*` attribute of the training status line (`data-epoch`, `data-train-error`, …), as a
/// number (NaN when absent).
pub fn status_number(b: &webdriver::Browser, attribute: &str) -> f64 {
    let v = b.exec(
        "const s = document.getElementById('training-status'); return s ? s.getAttribute(arguments[0]) : null",
        vec![attribute.into()],
    );
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN)
}

/// The query string of the address bar (`?lang=en&…`).
pub fn location_query(b: &webdriver::Browser) -> String {
    b.exec("return location.search", vec![]).as_str().unwrap_or("").to_string()
}

/// Whether the element of id `id` is rendered (not in a `hidden` block).
pub fn rendered(b: &webdriver::Browser, id: &str) -> bool {
    let script = "const e = document.getElementById(arguments[0]); return !!e && e.offsetParent !== null;";
    b.exec(script, vec![id.into()]).as_bool().unwrap_or(false)
}

/// Every entry of the step card's table of quantity `key` (`W1`, `gradients.W2`, …) at the
/// stepper's current step, at full precision (`data-value`), row by row.
pub fn table_values(b: &webdriver::Browser, key: &str) -> Vec<f64> {
    let script = "const f = document.querySelector(`.step-card figure[data-quantity='${arguments[0]}']`);
        return f ? [...f.querySelectorAll('tbody td')].map(td => Number(td.dataset.value)) : [];";
    serde_json::from_value(b.exec(script, vec![key.into()])).unwrap_or_default()
}
