//! End-to-end tests of the exports, through the page in headless Chromium: the saved PNGs of
//! the decision regions and of the curves (read back pixel by pixel), the stepper's LaTeX and
//! Markdown snippets (against the numbers the card shows), and the run's JSON.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use std::path::PathBuf;
use support::webdriver::Browser;
use support::{open, severe_console_entries};

/// Trains `epochs` epochs with the player's "one epoch" button.
fn train(b: &Browser, epochs: usize) {
    let epoch = |b: &Browser| {
        let v = b.exec("return Number(document.getElementById('training-status').dataset.epoch)", vec![]);
        v.as_f64().unwrap_or(f64::NAN)
    };
    let start = epoch(b);
    for _ in 0..epochs {
        b.click(&b.find("#step-epoch"));
    }
    // The epochs are trained in the worker: the last snapshot comes back a moment later.
    b.wait_for(10, "the epochs trained", |b| (epoch(b) >= start + epochs as f64).then_some(()));
}

/// Presses the "Save image" button `id` and returns the link's `data:` URL once it is there.
fn save_image(b: &Browser, id: &str) -> String {
    b.click(&b.find(&format!("#{id}")));
    let script = "const a = document.getElementById(arguments[0]); return a ? a.getAttribute('href') : null";
    b.wait_for(10, "the image's link", |b| {
        let href = b.exec(script, vec![Value::from(format!("{id}-link"))]);
        href.as_str().filter(|h| h.starts_with("data:image/png;base64,")).map(str::to_owned)
    })
}

/// Writes the PNG of a `data:` URL to `tests/artifacts/{name}.png`, for a person to look at.
fn keep(url: &str, name: &str) -> Vec<u8> {
    use base64::Engine;
    let png = base64::engine::general_purpose::STANDARD.decode(url.split_once(',').map_or("", |(_, data)| data)).expect("base64");
    assert_eq!(&png[1..4], b"PNG", "a PNG file");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    std::fs::create_dir_all(&dir).expect("create tests/artifacts");
    std::fs::write(dir.join(format!("{name}.png")), &png).expect("write the PNG");
    png
}

/// The PNG's width and height, from its header (IHDR: bytes 16–23, big-endian).
fn png_size(png: &[u8]) -> (u32, u32) {
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    (be(16), be(20))
}

/// Decodes the image in the page (without the page's DOM or network: a Blob and
/// `createImageBitmap`) and counts, over the rows `[y0, y1)`, the dark pixels and the pixels of
/// each colour of `colours` (exact within 6) and of their tints over white (`tints`).
fn pixel_counts(b: &Browser, url: &str, rows: (u32, u32), colours: &[(u8, u8, u8)]) -> Value {
    let script = "window.__exported = null;
        const [url, y0, y1, colours] = arguments;
        const bytes = Uint8Array.from(atob(url.split(',')[1]), c => c.charCodeAt(0));
        createImageBitmap(new Blob([bytes], {type: 'image/png'})).then(image => {
            const canvas = document.createElement('canvas');
            canvas.width = image.width; canvas.height = image.height;
            const g = canvas.getContext('2d');
            g.drawImage(image, 0, 0);
            const top = Math.min(y0, image.height), bottom = Math.min(y1, image.height);
            const d = g.getImageData(0, top, image.width, Math.max(1, bottom - top)).data;
            const exact = colours.map(() => 0), tints = colours.map(() => 0);
            let dark = 0, transparent = 0;
            for (let i = 0; i < d.length; i += 4) {
                const p = [d[i], d[i + 1], d[i + 2]];
                if (d[i + 3] < 255) transparent++;
                if (Math.max(...p) < 110) dark++;
                colours.forEach((c, k) => {
                    if (p.every((v, j) => Math.abs(v - c[j]) <= 6)) exact[k]++;
                    // On the line from white to the colour: the same fraction on every channel.
                    const a = p.map((v, j) => (255 - v) / (255 - c[j] || 1));
                    const fractions = a.filter((_, j) => c[j] < 200);
                    const lo = Math.min(...fractions), hi = Math.max(...fractions);
                    if (lo > 0.05 && hi < 0.7 && hi - lo < 0.04) tints[k]++;
                });
            }
            window.__exported = {width: image.width, height: image.height, dark, transparent, exact, tints};
        }).catch(e => { window.__exported = {error: String(e)}; });";
    let colours = Value::from(colours.iter().map(|&(r, g, b)| vec![r, g, b]).collect::<Vec<_>>());
    b.exec(script, vec![Value::from(url), Value::from(rows.0), Value::from(rows.1), colours]);
    b.wait_for(10, "the image decoded", |b| Some(b.exec("return window.__exported", vec![])).filter(|v| !v.is_null()))
}

const BLUE: (u8, u8, u8) = (0, 114, 178);
const VERMILLION: (u8, u8, u8) = (213, 94, 0);
const ORANGE: (u8, u8, u8) = (230, 159, 0);

#[test]
fn the_saved_regions_image_has_its_title_settings_plot_and_legend() {
    let (_server, browser) = open("lang=en");
    train(&browser, 5);
    let canvases = browser.exec("return document.querySelectorAll('canvas').length", vec![]);
    let url = save_image(&browser, "save-regions");
    let download = browser.exec("return document.getElementById('save-regions-link').getAttribute('download')", vec![]);
    assert_eq!(download.as_str(), Some("backprop-regions.png"));
    let png = keep(&url, "export-regions");
    let (width, height) = png_size(&png);
    assert_eq!(width, 960, "twice the 480-pixel plot");
    assert!(height > 960 + 100, "a header and a legend besides the plot: {height}");
    // The title area (the first 40 pixels of the header): dark text on white.
    let title = pixel_counts(&browser, &url, (0, 40), &[]);
    assert!(title["dark"].as_u64().unwrap_or(0) > 300, "title text: {title}");
    assert_eq!(title["transparent"], 0, "an opaque background: {title}");
    // The plot: both classes' regions (tints) and points (their colours).
    let plot = pixel_counts(&browser, &url, (height - 960 - 120, height - 100), &[BLUE, VERMILLION]);
    for k in 0..2 {
        assert!(plot["tints"][k].as_u64().unwrap_or(0) > 20_000, "class {k}'s region: {plot}");
        assert!(plot["exact"][k].as_u64().unwrap_or(0) > 300, "class {k}'s points: {plot}");
    }
    // The legend under the plot: each class's marker.
    let legend = pixel_counts(&browser, &url, (height - 90, height), &[BLUE, VERMILLION]);
    assert!(legend["exact"][0].as_u64().unwrap_or(0) > 20 && legend["exact"][1].as_u64().unwrap_or(0) > 20, "{legend}");
    assert!(legend["dark"].as_u64().unwrap_or(0) > 100, "the legend's labels: {legend}");
    // Nothing was added to the page but the link.
    assert_eq!(browser.exec("return document.querySelectorAll('canvas').length", vec![]), canvases);
    browser.exec("document.getElementById('save-regions').scrollIntoView({block: 'center'})", vec![]);
    browser.screenshot("export-regions-button");
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn the_saved_curves_image_has_both_charts_in_the_page_s_language() {
    let (_server, browser) = open("lang=fr");
    train(&browser, 8);
    let button = browser.text("#save-curves");
    assert_eq!(button, "Enregistrer l'image (PNG)");
    let url = save_image(&browser, "save-curves");
    let png = keep(&url, "export-curves-fr");
    let (width, height) = png_size(&png);
    assert_eq!(width, 2 * (1040 + 48), "two charts at twice their 520 pixels, with margins");
    assert!(height > 600 + 60, "{height}");
    let title = pixel_counts(&browser, &url, (0, 40), &[]);
    assert!(title["dark"].as_u64().unwrap_or(0) > 300, "{title}");
    let charts = pixel_counts(&browser, &url, (100, height), &[BLUE, ORANGE]);
    assert!(charts["exact"][0].as_u64().unwrap_or(0) > 500, "the training curves: {charts}");
    assert!(charts["exact"][1].as_u64().unwrap_or(0) > 500, "the validation curves: {charts}");
    browser.exec("document.getElementById('save-curves').scrollIntoView({block: 'center'})", vec![]);
    browser.screenshot("export-curves-button-fr");
    // The run's JSON export is still there and still works.
    browser.click(&browser.find("#export-run"));
    let json = browser.exec("return document.getElementById('run-json').value", vec![]);
    let run: Value = serde_json::from_str(json.as_str().unwrap_or("")).expect("the exported run is JSON");
    assert_eq!(run["format"], "backprop-lab-run/2");
    assert_eq!(run["history"].as_array().map(Vec::len), Some(9));
    assert!(severe_console_entries(&browser).is_empty());
}

/// The numbers of a quantity's table on the step card, as the card shows them, row by row.
fn shown_numbers(b: &Browser, key: &str) -> Vec<Vec<String>> {
    let script = "const f = document.querySelector(`.step-card figure[data-quantity='${arguments[0]}']`);
        return [...f.querySelectorAll('tbody tr')].map(r => [...r.querySelectorAll('td')].map(td => td.textContent.trim()));";
    serde_json::from_value(b.exec(script, vec![Value::from(key)])).expect("a table")
}

/// A number as the card prints it, as the LaTeX snippet writes it (`3.142e-6` → `3.142\times 10^{-6}`).
fn as_latex(shown: &str) -> String {
    match shown.split_once('e') {
        Some((mantissa, exponent)) => format!("{mantissa}\\times 10^{{{exponent}}}"),
        None => shown.to_owned(),
    }
}

fn snippet(b: &Browser, key: &str) -> String {
    let script = "const t = document.getElementById(arguments[0]); return t ? t.value : ''";
    b.wait_for(5, "the snippet", |b| {
        let text = b.exec(script, vec![Value::from(format!("snippet-{key}"))]);
        text.as_str().filter(|t| !t.is_empty()).map(str::to_owned)
    })
}

#[test]
fn the_snippets_of_step_j_carry_the_numbers_the_card_shows() {
    let (_server, browser) = open("lang=en&step=j");
    train(&browser, 2);
    browser.click(&browser.find("#snippet-latex-j"));
    let latex = snippet(&browser, "j");
    assert!(latex.contains("\\noindent\\textbf{(j) Gradient of the output weights}"), "{latex}");
    assert!(latex.contains("\\begin{pmatrix}"), "{latex}");
    // ∂L/∂W2 as the card shows it, row by row: the same rows in the pmatrix.
    let grad = shown_numbers(&browser, "grad_W2");
    assert_eq!(grad.len(), 2, "m = 2 rows");
    assert_eq!(grad[0].len(), 8, "d_h = 8 columns");
    for row in &grad {
        let row: Vec<String> = row.iter().map(|n| as_latex(n)).collect();
        assert!(latex.contains(&row.join(" & ")), "row {row:?} in {latex}");
    }
    for operand in ["grad_o_a", "h_s"] {
        for row in shown_numbers(&browser, operand) {
            assert!(latex.contains(&as_latex(&row[0])), "{operand} {row:?}");
        }
    }
    browser.exec("document.getElementById('snippet-j').scrollIntoView({block: 'center'})", vec![]);
    browser.screenshot("export-snippet-latex");
    browser.click(&browser.find("#snippet-copy-j"));
    browser.wait_for(5, "the copy's outcome", |b| (!b.text("#snippet-status-j").is_empty()).then_some(()));

    browser.click(&browser.find("#snippet-markdown-j"));
    browser.wait_for(5, "the Markdown", |b| snippet(b, "j").starts_with("## ").then_some(()));
    let markdown = snippet(&browser, "j");
    assert!(markdown.starts_with("## (j) Gradient of the output weights\n"), "{markdown}");
    assert!(markdown.contains("$$\\frac{\\partial L}{\\partial W^{(2)}} = "), "{markdown}");
    assert!(markdown.contains("|  | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 |\n|---|"), "a table with column headers: {markdown}");
    assert!(markdown.contains(&format!("| **0** | {} |", grad[0].join(" | "))), "row 0 with its header: {markdown}");
    let pressed = browser.exec("return document.getElementById('snippet-markdown-j').getAttribute('aria-pressed')", vec![]);
    assert_eq!(pressed.as_str(), Some("true"));
    assert!(severe_console_entries(&browser).is_empty());
}

#[test]
fn french_snippets_have_french_headings_and_the_same_notation() {
    let (_server, browser) = open("lang=fr&step=a");
    browser.click(&browser.find("#snippet-markdown-a"));
    let markdown = snippet(&browser, "a");
    assert!(markdown.starts_with("## (a) Pré-activation cachée\n"), "{markdown}");
    assert!(markdown.contains("### Nombres") && markdown.contains("**Exemple\u{a0}:**"), "{markdown}");
    assert!(markdown.contains("$$\\mathbf{h}^a = W^{(1)} \\mathbf{x} + \\mathbf{b}^{(1)}$$"), "{markdown}");
    // W1 is d_h × d: 8 rows of 2 numbers.
    let start = markdown.find("$W^{(1)}$").expect("W1's table");
    let rows = markdown[start..].lines().skip(4).take_while(|l| l.starts_with("| **")).count();
    assert_eq!(rows, 8, "{markdown}");
    browser.click(&browser.find("#snippet-latex-a"));
    browser.wait_for(5, "the LaTeX", |b| snippet(b, "a").starts_with('%').then_some(()));
    let latex = snippet(&browser, "a");
    assert!(latex.contains("Avec les nombres") && latex.contains("Dimensions"), "{latex}");
    assert!(latex.contains("$W^{(1)}$: $d_h \\times d = 8 \\times 2$"), "{latex}");
    browser.screenshot("export-snippet-fr");
}
