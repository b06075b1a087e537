//! The printed report: one plain-text table per kind of figure, each row beside the project's
//! target (issue 5) and the ratio to it. Nothing is checked: "meets" is for the reader.

use super::pages::{median, DigitsRun, FirstRender, HomeworkCheck, Interaction, Live};
use super::sizes::{counts_for_target, File};
use super::webdriver::WINDOW;
use bench::{cases::MapSize, train, ComputeResults, TrainResult, HIDDEN_SIZES, MINIBATCH_SIZES};
use serde::Serialize;
use std::fmt::Write;

/// Where and on what the figures were taken.
#[derive(Clone, Debug, Serialize)]
pub struct Machine {
    pub date: String,
    pub commit: String,
    pub cpu: String,
    pub cores: usize,
    /// `/proc/loadavg`'s 1-minute load when the measurements started (other work skews them).
    pub load: String,
    pub chromium: String,
    pub rustc: String,
}

/// Everything one run measured (also written as `target/bench/report.json`).
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub machine: Machine,
    pub native: ComputeResults,
    pub wasm: ComputeResults,
    pub live: Vec<Live>,
    pub first_render: FirstRender,
    pub transfer: Vec<File>,
    pub interaction: Vec<Interaction>,
    pub homework: Vec<HomeworkCheck>,
    pub digits: Vec<DigitsRun>,
}

/// Targets of issue 5.
const WASM_OF_NATIVE: f64 = 0.60;
/// Issue 11: examples/s on the page while it draws every frame, by d_h (none for larger nets).
fn live_target(live: &Live) -> Option<f64> {
    if !live.query.contains("data=moons") {
        return None; // the targets are the moons'
    }
    match live.d_h {
        8 => Some(4e6),
        64 => Some(2e6),
        _ => None,
    }
}
const LIVE_P95_MS: f64 = 17.5;
/// Issue 11: an answer's work and its painting, median and max, for d_h ≤ 64.
const ANSWER_WORK_MS: f64 = 8.0;
const ANSWER_PAINTED_MS: f64 = 20.0;
const ANSWER_PAINTED_MAX_MS: f64 = 34.0;
/// Issue 11: what the page needs for its first screen (index.html and the files it names).
const FIRST_LOAD_GZIP_BYTES: f64 = 250_000.0;
const LONG_TASK_MS: f64 = 50.0;
const FIRST_RENDER_MS: f64 = 200.0;

/// Width of the wrapped titles of table 1, in columns.
const TITLE_WIDTH: usize = 120;

/// The wasm training target for (d_h, K), examples/s.
fn training_target(d_h: usize, k: usize) -> Option<f64> {
    match (d_h, k) {
        (8, 10) => Some(8e6),
        (64, 10) => Some(2.5e6),
        _ => None,
    }
}

/// The repaint target (browser, ImageData and putImageData included) for (d_h, image), ms.
fn map_target(d_h: usize, label: &str) -> Option<f64> {
    match (d_h, label) {
        (8, "400²") => Some(5.0),
        (64, "400²") => Some(16.0),
        _ => None,
    }
}

impl Report {
    pub fn render(&self) -> String {
        let mut out = String::new();
        let m = &self.machine;
        let _ = writeln!(out, "Backprop Lab benchmarks · {} · commit {}", m.date, m.commit);
        let _ = writeln!(
            out,
            "Machine: {} ({} cores, load {} at start) · Chromium {} headless, window {}×{}, device-pixel ratio 1 · {}",
            m.cpu, m.cores, m.load, m.chromium, WINDOW.0, WINDOW.1, m.rustc
        );
        let _ = writeln!(
            out,
            "Code as shipped: release profile (opt-level z, mlp opt-level 3, fat LTO, simd128, erase_components), \
             wasm through wasm-opt -Oz with the page's extra passes; the page is dist/ from trunk build --release."
        );
        let _ = writeln!(out, "Nothing is checked: \"meets\" compares with the targets of issue 5, for the reader.");
        out.push('\n');
        out.push_str(&self.training_table());
        out.push('\n');
        out.push_str(&self.map_table());
        out.push('\n');
        out.push_str(&self.live_table());
        out.push('\n');
        out.push_str(&self.transfer_table());
        out.push('\n');
        out.push_str(&self.first_render_table());
        out.push('\n');
        out.push_str(&self.interaction_table());
        out.push('\n');
        out.push_str(&self.homework_table());
        out.push('\n');
        out.push_str(&self.digits_table());
        out
    }

    /// Table 8: the digits trained to their best validation epoch on the page.
    fn digits_table(&self) -> String {
        let mut t = Table::new(
            wrap(
                "8. The 8×8 digits on dist/ (d = 64, m = 10; η = 0.1, K = 10, λ = 0.001, seed 1: 1 258 training, 270 \
                 validation, 269 test images), \"stop at best validation\" on, play pressed: the time until training \
                 stopped (the best validation epoch + 25 epochs without improvement), and the test error of the restored \
                 network from its confusion matrix. Target (issue 15): ≤ 4 % test error within 20 s of play.",
            ),
            &["link", "to the stop", "best epoch", "stopped at", "test error", "meets"],
        );
        for d in &self.digits {
            t.row(vec![
                format!("?{}", d.query),
                format!("{:.1} s", d.seconds),
                d.best_epoch.to_string(),
                d.stopped_epoch.to_string(),
                format!("{:.1} %", 100.0 * d.test_error),
                meets(d.test_error <= 0.04 && d.seconds <= 20.0),
            ]);
        }
        t.render()
    }

    /// Table 7: "Check my answers", from the click to the diagnosis painted.
    fn homework_table(&self) -> String {
        let times = self.homework.first().map_or(0, |h| h.then_ms.len());
        let mut t = Table::new(
            wrap(&format!(
                "7. Check my answers on dist/: from the click to the first painted frame showing the diagnosis; \
                 a student's values for every step of a case (the case export at full precision), with the outer-product \
                 mistake on and without in turn, so every step is judged and the wrong ones matched against the mistakes. \
                 \"first\" includes importing the checker's module; \"then\" and the card's \"Compare\" (∂L/∂W⁽²⁾ at (j), \
                 as numpy prints it, wrong and right in turn) are medians of {times}. No target."
            )),
            &["case", "first check", "then", "max", "card: Compare", "max"],
        );
        for h in &self.homework {
            let max = |v: &[f64]| v.iter().copied().fold(f64::NAN, f64::max);
            t.row(vec![h.label.clone(), ms(h.first_ms), ms(median(&h.then_ms)), ms(max(&h.then_ms)), ms(median(&h.card_ms)), ms(max(&h.card_ms))]);
        }
        t.render()
    }

    /// Table 6: a stepper step and settings changes, answered within one frame (target for
    /// d_h ≤ 64).
    fn interaction_table(&self) -> String {
        let times = self.interaction.first().and_then(|i| i.actions.first()).map_or(0, |a| a.work_ms.len());
        let mut t = Table::new(
            wrap(&format!(
                "6. Answer to a stepper step or a settings change on dist/, median of {times}: \"work\" = from the click \
                 (or the field's input event) to the end of the page's handlers and effects; \"painted\" = to the end \
                 of the next animation frame (includes waiting for it, up to one frame); targets (issue 11) for d_h ≤ 64: \
                 work ≤ {ANSWER_WORK_MS} ms median, painted ≤ {ANSWER_PAINTED_MS} ms median and ≤ {ANSWER_PAINTED_MAX_MS} ms max"
            )),
            &["link", "action", "work", "max", "meets", "painted", "max", "meets"],
        );
        for i in &self.interaction {
            for a in &i.actions {
                let max = |v: &[f64]| v.iter().copied().fold(f64::NAN, f64::max);
                let (work, painted, painted_max) = (median(&a.work_ms), median(&a.painted_ms), max(&a.painted_ms));
                let targeted = i.d_h <= 64;
                t.row(vec![
                    format!("?{}", i.query),
                    a.name.to_string(),
                    ms(work),
                    ms(max(&a.work_ms)),
                    opt(targeted.then_some(work <= ANSWER_WORK_MS), meets),
                    ms(painted),
                    ms(painted_max),
                    opt(targeted.then_some(painted <= ANSWER_PAINTED_MS && painted_max <= ANSWER_PAINTED_MAX_MS), meets),
                ]);
            }
        }
        t.render()
    }

    /// Table 1: the training compute, as 1a (the SGD steps alone) and 1b (the page's trainer).
    fn training_table(&self) -> String {
        let chunk = self.native.training.first().map_or(0, |t| t.chunk);
        let timing = format!(
            "best of {} runs of {} ms after {} ms warm-up",
            train::RUNS,
            train::RUN_MS,
            train::WARM_UP_MS
        );
        let mut out = wrap(
            "1. Training compute, examples/s, natively and in wasm (the same code, one run): SGD with minibatches of K on \
             the page's data and network (moons; n, noise, split, initial weights, η, λ and seed of the page's defaults); \
             targets (issue 5): wasm ≥ 8M ex/s for 2-8-2 and ≥ 2.5M for 2-64-2 at K = 10, wasm ≥ 60% of native, \
             shown for both 1a (the training compute itself) and 1b (what the page gets before drawing).",
        );
        out.push('\n');
        let mut steps = Table::new(
            wrap(&format!(
                "1a. SGD steps (the compute): mlp::train::StepKernel::step, the kernel Trainer steps with, on the trainer's \
                 training set, θ, η, λ; minibatches of K over an order reshuffled each epoch (Pcg64, the page's seed), each \
                 step checked for divergence; no evaluation; clock read every ≥ {} examples (whole epochs); {timing}",
                bench::steps::CHECK_EXAMPLES
            )),
            &["network", "K", "native", "wasm", "wasm/native", "≥ 60%", "wasm target", "wasm÷target", "meets", "epochs (wasm)"],
        );
        let mut trainer = Table::new(
            wrap(&format!(
                "1b. Trainer as the page runs it (steps + per-epoch evaluation): Trainer::train_examples({chunk}) in a loop, \
                 the page's hot path before it draws, the three sets evaluated at the end of every epoch; {timing}; \
                 \"wasm ÷ 1a\": the share of the steps' speed left after the evaluation"
            )),
            &[
                "network", "K", "native", "wasm", "wasm/native", "≥ 60%", "wasm target", "wasm÷target", "meets", "wasm ÷ 1a",
                "epochs (wasm)",
            ],
        );
        for d_h in HIDDEN_SIZES {
            for k in MINIBATCH_SIZES {
                let (native_steps, wasm_steps) = (self.native.steps(d_h, k), self.wasm.steps(d_h, k));
                steps.row(training_row(d_h, k, native_steps, wasm_steps, None));
                let (native, wasm) = (self.native.training(d_h, k), self.wasm.training(d_h, k));
                let of_steps = wasm.zip(wasm_steps).map(|(t, s)| t.examples_per_s / s.examples_per_s);
                trainer.row(training_row(d_h, k, native, wasm, Some(opt(of_steps, percent))));
            }
        }
        out.push_str(&steps.render());
        out.push('\n');
        out.push_str(&trainer.render());
        out
    }

    fn map_table(&self) -> String {
        let full = MapSize::full_canvas();
        let mut t = Table::new(
            format!(
                "2. Decision-region repaint, ms per image: Regions::paint (batched forward pass + RGBA), median of ≥ 10 samples; \
                 wasm \"+ put\" adds what the page does with it (white fill, new ImageData, putImageData on a canvas); \
                 network after 1 epoch; \"full\" = the page's plot area at device-pixel ratio 1: {}×{} px at ({}, {}) on the {}-px canvas",
                full.width, full.height, full.left, full.top, full.canvas
            ),
            &["network", "image", "native", "wasm", "wasm speed/native", "wasm + put", "target", "÷target", "meets"],
        );
        for d_h in HIDDEN_SIZES {
            for size in MapSize::all() {
                let native = self.native.map(d_h, size.label);
                let wasm = self.wasm.map(d_h, size.label);
                let total = wasm.and_then(|w| w.total_ms);
                let speed = native.zip(wasm).map(|(n, w)| n.compute_ms / w.compute_ms);
                let mut row = vec![
                    format!("2-{d_h}-2"),
                    format!("{} ({}×{})", size.label, size.width, size.height),
                    opt(native.map(|n| n.compute_ms), ms),
                    opt(wasm.map(|w| w.compute_ms), ms),
                    opt(speed, percent),
                    opt(total, ms),
                ];
                row.extend(target_cells(total, map_target(d_h, size.label), false, ms));
                t.row(row);
            }
        }
        t.render()
    }

    fn live_table(&self) -> String {
        let window = self.live.first().map_or(0.0, |l| l.window_ms / 1000.0);
        let mut t = Table::new(
            format!(
                "3. Live training on the shipped page (dist/, speed 0 = as fast as possible): press play, {} s warm-up, \
                 then {window:.1} s measured: examples/s from #training-status data-examples-seen, animation-frame intervals, \
                 long tasks (> 50 ms) from the Long Tasks API; targets (issue 11): ≥ 4M ex/s at d_h = 8, ≥ 2M at d_h = 64, \
                 p95 ≤ {LIVE_P95_MS} ms, no long task; the rows with rule=adam and l11=0.05 train with Adam (the kernel's gradient, \
                 then the rule on θ) and with an L1 term (the step that stops at 0), the weights section's charts and \
                 histograms drawn as in every row; the row with pins= opens a link with two pinned runs (3M examples each, \
                 one with Adam) that a second worker retrains while the page trains, their curves overlaid and their \
                 region plots painted when each is done; the rows with view=lab&present=1 are the lab layout in presenter mode \
                 in a 1280×720 window (the projected screen: larger plot and curves, drawn at their size); the row with \
                 data=digits trains the 8×8 digits (d = 64, m = 10, 1 258 training images) with their confusion matrix, \
                 gallery and hidden units' images refreshed 4 times a second; the row with data=csv opens the UCI wine \
                 file (tests/fixtures/csv/wine.csv: 178 rows, 13 inputs standardized, 3 classes, 125 training rows) with \
                 the page's file picker, then trains it with its confusion matrix, examples and principal-components \
                 view (no target for either: the targets are the moons')",
                super::pages::LIVE_WARM_UP.as_secs_f64()
            ),
            &[
                "link", "ex/s", "÷target", "meets", "frame p50", "p95", "max", "p95 meets", "frames", "long tasks",
                "longest", "meets", "epochs", "status",
            ],
        );
        for l in &self.live {
            let long_meets = l.long_task_max_ms.map(|max| max <= LONG_TASK_MS);
            t.row(vec![
                format!("?{}", l.query),
                rate(l.examples_per_s),
                opt(live_target(l), |target| ratio(l.examples_per_s / target)),
                opt(live_target(l).map(|target| l.examples_per_s >= target), meets),
                ms(l.frame_p50_ms),
                ms(l.frame_p95_ms),
                ms(l.frame_max_ms),
                meets(l.frame_p95_ms <= LIVE_P95_MS),
                l.frames.to_string(),
                opt(l.long_tasks, |n| n.to_string()),
                opt(l.long_task_max_ms, ms),
                opt(long_meets, meets),
                l.epochs.to_string(),
                l.status.clone(),
            ]);
        }
        t.render()
    }

    fn transfer_table(&self) -> String {
        let mut t = Table::new(
            "4. Transfer size: every file of dist/, raw and gzip -9 (bytes); part: \"first load\" = index.html and the files it \
             names (what the first screen needs), \"worker\" = the training worker, fetched after the first render, \"checker\" = \
             Check my answers, imported when a student first checks answers; target \
             (issue 11): first load ≤ 250 KB gzip"
                .to_string(),
            &["file", "part", "raw", "gzip -9", "fetched on load"],
        );
        let index = self.transfer.iter().find(|f| f.name == "index.html").map(|f| f.text.clone()).unwrap_or_default();
        let part = |f: &File| match () {
            _ if f.name == "worker.js" || f.name.starts_with("backprop-lab-worker") => "worker",
            _ if f.name.starts_with("backprop-lab-checker") => "checker",
            _ if f.name == "index.html" || index.contains(&format!("./{}", f.name)) => "first load",
            _ => "",
        };
        for f in &self.transfer {
            t.row(vec![f.name.clone(), part(f).into(), f.raw.to_string(), f.gzip.to_string(), yes_no(f.fetched).into()]);
        }
        let sum = |files: &mut dyn Iterator<Item = &File>| files.fold((0, 0), |(r, g), f| (r + f.raw, g + f.gzip));
        let (raw, gzip) = sum(&mut self.transfer.iter().filter(|f| counts_for_target(f)));
        let (all_raw, all_gzip) = sum(&mut self.transfer.iter());
        let (fetched_raw, fetched_gzip) = sum(&mut self.transfer.iter().filter(|f| f.fetched));
        let (first_raw, first_gzip) = sum(&mut self.transfer.iter().filter(|f| part(f) == "first load"));
        let (worker_raw, worker_gzip) = sum(&mut self.transfer.iter().filter(|f| part(f) == "worker"));
        let blank = || String::new();
        t.row(vec!["total, all files".into(), blank(), all_raw.to_string(), all_gzip.to_string(), blank()]);
        t.row(vec!["total, fetched on load".into(), blank(), fetched_raw.to_string(), fetched_gzip.to_string(), blank()]);
        t.row(vec!["total, HTML + JS + wasm + CSS".into(), blank(), raw.to_string(), gzip.to_string(), blank()]);
        t.row(vec!["total, first load".into(), blank(), first_raw.to_string(), first_gzip.to_string(), blank()]);
        t.row(vec!["total, worker (after the first render)".into(), blank(), worker_raw.to_string(), worker_gzip.to_string(), blank()]);
        let mut out = t.render();
        let _ = writeln!(
            out,
            "   first load (gzip): {:.1} KB ÷ 250 KB target = {} → meets: {}; the worker adds {:.1} KB after the first render",
            first_gzip as f64 / 1000.0,
            ratio(first_gzip as f64 / FIRST_LOAD_GZIP_BYTES),
            meets(first_gzip as f64 <= FIRST_LOAD_GZIP_BYTES),
            worker_gzip as f64 / 1000.0
        );
        out
    }

    fn first_render_table(&self) -> String {
        let f = &self.first_render;
        let mut t = Table::new(
            format!(
                "5. First render of dist/ (no query), {} fresh loads in one browser (server sends no-store: everything is \
                 fetched and compiled each time), ms since navigation start; first render = first-contentful-paint \
                 (Paint Timing: the page is empty until the app mounts); target ≤ {FIRST_RENDER_MS} ms",
                f.loads
            ),
            &["metric", "median", "min", "max", "÷target", "meets"],
        );
        for metric in &f.metrics {
            let min = metric.values.iter().copied().fold(f64::INFINITY, f64::min);
            let max = metric.values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let median = metric.median();
            let target = (metric.key == "fcp").then_some(FIRST_RENDER_MS);
            let mut row = vec![metric.label.to_string(), ms(median), ms(min), ms(max)];
            match target {
                Some(target) => row.extend([ratio(median / target), meets(median <= target)]),
                None => row.extend([String::new(), String::new()]),
            }
            t.row(row);
        }
        t.render()
    }
}

/// One row of table 1a or 1b: native and wasm examples/s, their ratio, the wasm target, then
/// `extra` if given, then the epochs of the wasm runs and any divergence.
fn training_row(
    d_h: usize,
    k: usize,
    native: Option<&TrainResult>,
    wasm: Option<&TrainResult>,
    extra: Option<String>,
) -> Vec<String> {
    let native_rate = native.map(|r| r.examples_per_s);
    let wasm_rate = wasm.map(|r| r.examples_per_s);
    let share = native_rate.zip(wasm_rate).map(|(n, w)| w / n);
    let mut row = vec![
        format!("2-{d_h}-2"),
        k.to_string(),
        opt(native_rate, rate),
        opt(wasm_rate, rate),
        opt(share, percent),
        opt(share.map(|s| s >= WASM_OF_NATIVE), meets),
    ];
    row.extend(target_cells(wasm_rate, training_target(d_h, k), true, rate));
    row.extend(extra);
    let divergences = wasm.map_or(0, |r| r.divergences) + native.map_or(0, |r| r.divergences);
    let epochs = wasm.map_or("—".into(), |r| r.epochs.to_string());
    row.push(if divergences > 0 { format!("{epochs} ({divergences} divergences!)") } else { epochs });
    row
}

/// `text` on lines of at most [`TITLE_WIDTH`] columns, the lines after the first indented.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.trim().is_empty() && line.chars().count() + 1 + word.chars().count() > TITLE_WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(4);
        } else if !line.trim().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out
}

/// The target, the ratio measured ÷ target and whether it is met (`higher`: more is better).
fn target_cells(value: Option<f64>, target: Option<f64>, higher: bool, show: fn(f64) -> String) -> [String; 3] {
    match (value, target) {
        (Some(v), Some(t)) => {
            let sign = if higher { "≥ " } else { "≤ " };
            [format!("{sign}{}", show(t)), ratio(v / t), meets(if higher { v >= t } else { v <= t })]
        }
        (None, Some(t)) => [show(t), "—".into(), "—".into()],
        _ => ["—".into(), String::new(), String::new()],
    }
}

fn opt<T>(v: Option<T>, show: impl Fn(T) -> String) -> String {
    v.map_or_else(|| "—".to_string(), show)
}

/// Examples per second: `8.12M`, `950k`.
fn rate(v: f64) -> String {
    if !v.is_finite() {
        "—".into()
    } else if v >= 1e6 {
        format!("{:.2}M", v / 1e6)
    } else if v >= 1e3 {
        format!("{:.0}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// Milliseconds with about three significant digits.
fn ms(v: f64) -> String {
    if !v.is_finite() {
        "—".into()
    } else if v < 10.0 {
        format!("{v:.2}")
    } else if v < 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

fn percent(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

fn ratio(v: f64) -> String {
    if v.is_finite() { format!("{v:.2}×") } else { "—".into() }
}

fn meets(ok: bool) -> String {
    if ok { "yes" } else { "NO" }.to_string()
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// A plain-text table: a title line, a header, rows; the first column left-aligned, the
/// others right-aligned.
struct Table {
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(title: String, header: &[&str]) -> Table {
        Table { title, header: header.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    fn row(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    fn render(&self) -> String {
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if i < widths.len() {
                    widths[i] = widths[i].max(width(cell));
                }
            }
        }
        let line = |cells: &[String]| {
            let mut s = String::from("   ");
            for (i, w) in widths.iter().enumerate() {
                let cell = cells.get(i).map_or("", String::as_str);
                let pad = " ".repeat(w - width(cell));
                if i == 0 {
                    s.push_str(cell);
                    s.push_str(&pad);
                } else {
                    s.push_str("  ");
                    s.push_str(&pad);
                    s.push_str(cell);
                }
            }
            s.trim_end().to_string()
        };
        let mut out = format!("{}\n", self.title);
        out.push_str(&line(&self.header));
        out.push('\n');
        let rule: usize = 3 + widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        out.push_str(&"─".repeat(rule));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }
}
