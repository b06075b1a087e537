//! What is measured in headless Chromium: the compute cases in wasm (the bench page), and the
//! shipped page `dist/index.html` itself (live training, first render).

use super::webdriver::Browser;
use crate::server::Server;
use bench::{page_query, ComputeResults};
use serde::Serialize;
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

/// Loads the bench page (`target/bench-web/index.html`), which runs every compute case of the
/// bench crate in wasm, and returns its figures.
pub fn wasm_compute(scratch: &Path, server: &Server) -> (ComputeResults, String) {
    let browser = Browser::start(scratch);
    browser.goto(&server.page(""));
    let mut last = String::new();
    let json = browser.wait_for(900, "the wasm benchmarks to finish", |b| {
        let state = b.exec(
            "return [document.getElementById('status').textContent,
                     document.getElementById('status').dataset.error || '',
                     document.getElementById('result').textContent];",
        );
        let status = state[0].as_str().unwrap_or("").to_string();
        if let Some(error) = state[1].as_str().filter(|e| !e.is_empty()) {
            panic!("the wasm benchmarks failed: {error}");
        }
        if status != last {
            eprintln!("  wasm: {status}");
            last = status;
        }
        state[2].as_str().filter(|r| !r.is_empty()).map(str::to_string)
    });
    let results = serde_json::from_str(&json).unwrap_or_else(|e| panic!("bad figures from the bench page: {e}: {json}"));
    (results, browser.version.clone())
}

/// Live training on the shipped page.
#[derive(Clone, Debug, Serialize)]
pub struct Live {
    pub d_h: usize,
    pub k: usize,
    pub query: String,
    /// Length of the measured window, ms (after a warm-up of [`LIVE_WARM_UP`]).
    pub window_ms: f64,
    /// Examples trained in the window (`data-examples-seen` of `#training-status`), per second.
    pub examples_per_s: f64,
    pub epochs: u64,
    /// Animation frames in the window and the intervals between them (ms).
    pub frames: usize,
    pub frame_p50_ms: f64,
    pub frame_p95_ms: f64,
    pub frame_max_ms: f64,
    /// Long tasks (> 50 ms, Long Tasks API) that started in the window, and the longest (ms);
    /// `None` when the browser does not report long tasks.
    pub long_tasks: Option<usize>,
    pub long_task_max_ms: Option<f64>,
    /// `data-status` of `#training-status` at the end of the window (`playing` expected).
    pub status: String,
}

/// Warm-up between pressing play and the measured window: the page's frame budget adapts.
pub const LIVE_WARM_UP: Duration = Duration::from_secs(1);

/// Collects animation-frame timestamps and long tasks from the moment it runs.
const COLLECTOR: &str = "
    const bench = window.__bench = { frames: [], longtasks: [], stop: false, longtaskApi: false };
    const loop = (t) => { bench.frames.push(t); if (!bench.stop) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
    if ((PerformanceObserver.supportedEntryTypes || []).includes('longtask')) {
        bench.longtaskApi = true;
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) bench.longtasks.push([e.startTime, e.duration]);
        }).observe({ type: 'longtask', buffered: true });
    }
    return true;";

/// Reads the training counters and the page's clock at the same moment.
const SAMPLE: &str = "
    const s = document.getElementById('training-status');
    return [performance.now(), Number(s.dataset.examplesSeen), Number(s.dataset.epoch), s.dataset.status || ''];";

/// Opens the shipped page with moons, `d_h` hidden units and K = `k`, presses play, and
/// measures `seconds` of training after [`LIVE_WARM_UP`].
/// A projected screen: the lab layout in presenter mode, in a 1280×720 window.
pub const PROJECTED: (&str, u32, u32) = ("&view=lab&present=1", 1280, 720);

/// `screen`: `None` for the long page in the browser's default window, or a query to add and
/// the window's size (e.g. [`PROJECTED`]). `data`: `None` for moons ([`page_query`]), or the
/// data set's link key (the digits: `d_h` and `k` are set the same way).
pub fn live_training(
    scratch: &Path,
    server: &Server,
    (d_h, k, data): (usize, usize, Option<&str>),
    seconds: f64,
    screen: Option<(&str, u32, u32)>,
) -> Live {
    let browser = Browser::start(scratch);
    let mut query = page_query(d_h, k);
    if let Some(data) = data {
        query = query.replace("data=moons", &format!("data={data}"));
    }
    if let Some((extra, width, height)) = screen {
        query.push_str(extra);
        browser.cmd("POST", "/window/rect", Some(serde_json::json!({"width": width, "height": height})));
    }
    browser.goto(&server.page(&query));
    browser.wait_for(30, "the page to mount", |b| {
        b.exec("return !!document.getElementById('play-pause') && !!document.getElementById('training-status')")
            .as_bool()
            .filter(|ready| *ready)
    });
    if data == Some("csv") {
        open_wine(&browser);
    }
    std::thread::sleep(Duration::from_millis(500));
    browser.exec(COLLECTOR);
    browser.click("#play-pause");
    std::thread::sleep(LIVE_WARM_UP);
    let start = browser.exec(SAMPLE);
    std::thread::sleep(Duration::from_secs_f64(seconds));
    let end = browser.exec(SAMPLE);
    let collected = browser.exec(
        "window.__bench.stop = true;
         return [window.__bench.frames, window.__bench.longtasks, window.__bench.longtaskApi];",
    );
    browser.click("#play-pause");

    let (t0, t1) = (num(&start[0]), num(&end[0]));
    let window_ms = t1 - t0;
    let frames: Vec<f64> = floats(&collected[0]).into_iter().filter(|t| (t0..=t1).contains(t)).collect();
    let mut intervals: Vec<f64> = frames.windows(2).map(|w| w[1] - w[0]).collect();
    intervals.sort_by(f64::total_cmp);
    let long: Vec<f64> = collected[1]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| (t0..=t1).contains(&num(&e[0])))
                .map(|e| num(&e[1]))
                .collect()
        })
        .unwrap_or_default();
    let api = collected[2].as_bool().unwrap_or(false);
    let mut status = end[3].as_str().unwrap_or("").to_string();
    if !num(&end[1]).is_finite() {
        status.push_str(" (this dist/ has no data-examples-seen: rebuild it)");
    }
    Live {
        d_h,
        k,
        query,
        window_ms,
        examples_per_s: (num(&end[1]) - num(&start[1])) / window_ms * 1000.0,
        epochs: (num(&end[2]) - num(&start[2])).max(0.0) as u64,
        frames: frames.len(),
        frame_p50_ms: percentile(&intervals, 0.50),
        frame_p95_ms: percentile(&intervals, 0.95),
        frame_max_ms: intervals.last().copied().unwrap_or(f64::NAN),
        long_tasks: api.then_some(long.len()),
        long_task_max_ms: api.then(|| long.iter().copied().fold(0.0, f64::max)),
        status,
    }
}

/// First render of the shipped page: the median (and range) of several fresh loads.
#[derive(Clone, Debug, Serialize)]
pub struct FirstRender {
    pub loads: usize,
    /// One row per metric: name, what it is, and its value at each load (ms since navigation
    /// start).
    pub metrics: Vec<Metric>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Metric {
    pub key: &'static str,
    pub label: &'static str,
    pub values: Vec<f64>,
}

impl Metric {
    pub fn median(&self) -> f64 {
        let mut v = self.values.clone();
        v.sort_by(f64::total_cmp);
        percentile(&v, 0.5)
    }
}

/// Runs before the page's own scripts: notes when the app's DOM appears (`#training-status`,
/// rendered by the app's single synchronous mount) and the next animation frame after it.
const MOUNT_WATCH: &str = "
    (() => {
        const mark = window.__benchMount = { dom: null, frame: null };
        const observer = new MutationObserver(() => {
            if (mark.dom === null && document.getElementById('training-status')) {
                mark.dom = performance.now();
                // The callback's own argument is the frame's begin time, which can predate a
                // long task that delayed the frame: read the clock instead.
                requestAnimationFrame(() => { mark.frame = performance.now(); });
                observer.disconnect();
            }
        });
        observer.observe(document, { childList: true, subtree: true });
    })();";

const FIRST_RENDER_READ: &str = "
    const mark = window.__benchMount;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    if (!mark || mark.frame === null || !fcp) return null;
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return [fcp.startTime, mark.dom, mark.frame, wasm ? wasm.responseEnd : NaN,
            nav.responseEnd, nav.domContentLoadedEventEnd, nav.loadEventEnd];";

/// Loads the shipped page `loads` times in one fresh browser (the server sends
/// `Cache-Control: no-store`, and the service worker the page registers is removed with its
/// caches before each next load, so every load is a first visit that fetches and compiles
/// everything again) and reads the Paint Timing, Navigation Timing and Resource Timing entries.
pub fn first_render(scratch: &Path, server: &Server, loads: usize) -> FirstRender {
    let browser = Browser::start(scratch);
    browser.on_new_document(MOUNT_WATCH);
    let labels: [(&str, &str); 7] = [
        ("fcp", "first-contentful-paint (= first render)"),
        ("app_dom", "app's DOM in the document"),
        ("app_frame", "first animation frame after it (rAF callback)"),
        ("wasm", "wasm downloaded (responseEnd)"),
        ("html", "HTML downloaded (responseEnd)"),
        ("dcl", "DOMContentLoaded end"),
        ("load", "load event end"),
    ];
    let mut metrics: Vec<Metric> =
        labels.iter().map(|&(key, label)| Metric { key, label, values: Vec::new() }).collect();
    for i in 0..loads {
        if i > 0 {
            browser.exec_async(FORGET_OFFLINE_COPY);
        }
        browser.goto("about:blank");
        browser.goto(&server.page(""));
        let row = browser.wait_for(30, "the first render", |b| {
            let v = b.exec(FIRST_RENDER_READ);
            v.as_array().map(|a| a.iter().map(num).collect::<Vec<f64>>())
        });
        eprintln!("  load {}/{loads}: first-contentful-paint {:.0} ms", i + 1, row[0]);
        for (metric, value) in metrics.iter_mut().zip(row) {
            metric.values.push(value);
        }
    }
    FirstRender { loads, metrics }
}

/// Unregisters the page's service worker and deletes its caches (an async script: it calls
/// back when both are done).
const FORGET_OFFLINE_COPY: &str = "const done = arguments[arguments.length - 1];
    const workers = navigator.serviceWorker
        ? navigator.serviceWorker.getRegistrations().then(rs => Promise.all(rs.map(r => r.unregister())))
        : Promise.resolve();
    const caches_gone = self.caches ? caches.keys().then(ks => Promise.all(ks.map(k => caches.delete(k)))) : Promise.resolve();
    Promise.all([workers, caches_gone]).then(() => done(true), () => done(false));";

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().map(|a| a.iter().map(num).collect()).unwrap_or_default()
}

/// The `q` quantile of sorted `values` (nearest rank), NaN when empty.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// How fast the page answers a stepper step and a settings change, for one network.
#[derive(Clone, Debug, Serialize)]
pub struct Interaction {
    pub d_h: usize,
    pub query: String,
    /// Per action: its name, then the script time (click to the end of the page's handlers and
    /// effects, ms) and the time until the next frame was painted, one sample per repetition.
    pub actions: Vec<Action>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Action {
    pub name: &'static str,
    pub work_ms: Vec<f64>,
    pub painted_ms: Vec<f64>,
}

/// Times `ACT` (JS statements using the repetition `i`) `TIMES` times: `work` = from just
/// before it to a task queued after it (the click handler and the effects it started, which
/// run as microtasks, are done); `painted` = to a task queued from the next animation frame
/// (that frame is painted). The action is written into the script, not built with
/// `new Function`: the page's Content-Security-Policy forbids that.
const TIME_ACTION: &str = "
    const act = (i) => { ACT };
    const times = TIMES;
    const done = arguments[arguments.length - 1];
    const task = () => new Promise((r) => setTimeout(r, 0));
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    (async () => {
        const work = [], painted = [];
        for (let i = 0; i < times; i++) {
            await frame(); await frame();
            const t0 = performance.now();
            act(i);
            await task();
            work.push(performance.now() - t0);
            await frame();
            painted.push(performance.now() - t0);
        }
        done([work, painted]);
    })();";

/// Opens the page with moons and `d_h` hidden units, then times: the stepper's "next" button
/// (with the stepper scrolled into view; the card of the next step is built ahead while the
/// page is idle), a jump between two steps far apart (whose cards are built when asked), and a change of λ and of d_h in the settings (typed
/// into the field, as the `input` event of a keystroke delivers it).
pub fn interaction(scratch: &Path, server: &Server, d_h: usize, times: usize) -> Interaction {
    let browser = Browser::start(scratch);
    let query = page_query(d_h, 10);
    browser.goto(&server.page(&query));
    browser.wait_for(30, "the page to mount", |b| {
        b.exec("return !!document.getElementById('step-next')").as_bool().filter(|ready| *ready)
    });
    std::thread::sleep(Duration::from_millis(500));
    let set_field = |id: &str, values: &str| {
        format!(
            "const f = document.getElementById('{id}'); const v = [{values}][i % 2];
             f.value = String(v); f.dispatchEvent(new Event('input', {{ bubbles: true }}));"
        )
    };
    let cases: [(&'static str, String, bool); 4] = [
        ("stepper: next step (on screen)", "document.getElementById('step-next').click();".into(), true),
        // Steps (c) and (q) are never next to each other: each jump builds its card then.
        ("stepper: jump to a far step", "document.getElementById(['goto-q', 'goto-c'][i % 2]).click();".into(), true),
        ("settings: λ (in place)", set_field("field-lambda", "0.002, 0.001"), false),
        ("settings: d_h ± 1 (new network)", set_field("field-d_h", &format!("{}, {}", d_h + 1, d_h)), false),
    ];
    let mut actions = Vec::new();
    for (name, act, stepper) in cases {
        let view = if stepper { "#stepper" } else { ".panel.settings" };
        browser.exec(&format!("document.querySelector('{view}').scrollIntoView(); return true;"));
        std::thread::sleep(Duration::from_millis(300));
        let script = TIME_ACTION.replacen("ACT", &act, 1).replacen("TIMES", &times.to_string(), 1);
        let v = browser.exec_async(&script);
        actions.push(Action { name, work_ms: floats(&v[0]), painted_ms: floats(&v[1]) });
    }
    Interaction { d_h, query, actions }
}

/// The median of `values` (NaN when empty).
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    percentile(&v, 0.5)
}

/// How long "Check my answers" takes, seen from the page: from the click on "Check my answers"
/// (or a card's "Compare") to the first painted frame that shows the new diagnosis. The first
/// check also imports the checker's module.
#[derive(Clone, Debug, Serialize)]
pub struct HomeworkCheck {
    pub label: String,
    pub first_ms: f64,
    pub then_ms: Vec<f64>,
    pub card_ms: Vec<f64>,
}

/// `TIMES` times, from repetition `FROM` on: puts `TEXTS[i % 2]` into the field `INPUT`, clicks
/// `BUTTON`, and waits for a frame in which `RESULT` says `EXPECT[i % 2]` (the two texts give two
/// different answers, so each click changes what is shown).
const TIME_CHECK: &str = "
    const done = arguments[arguments.length - 1];
    const texts = TEXTS, expect = EXPECT;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    (async () => {
        const times = [];
        for (let i = FROM; i < FROM + TIMES; i++) {
            const field = document.getElementById('INPUT');
            field.value = texts[i % 2];
            field.dispatchEvent(new Event('input', { bubbles: true }));
            await frame(); await frame();
            const t0 = performance.now();
            document.getElementById('BUTTON').click();
            for (let f = 0; f < 600; f++) {
                await frame();
                const shown = document.querySelector('RESULT');
                if (shown && shown.textContent.includes(expect[i % 2])) break;
            }
            times.push(performance.now() - t0);
        }
        done(times);
    })();";

/// Times "Check my answers" with `answers` (a case and a student's values, some wrong) against
/// the same case's right values: the first check, then `times` more; then a card's "Compare" at
/// step (j) with ∂L/∂W⁽²⁾ as numpy printed it, wrong (`w2_printed`) and right in turn.
pub fn homework_check(scratch: &Path, server: &Server, label: &str, answers: &str, right: &str, w2: [&str; 2], times: usize) -> HomeworkCheck {
    let browser = Browser::start(scratch);
    browser.goto(&server.page("lang=en&step=j"));
    browser.wait_for(30, "the page to mount", |b| {
        b.exec("return !!document.getElementById('homework-input')").as_bool().filter(|ready| *ready)
    });
    browser.exec("document.getElementById('homework').scrollIntoView(); return true;");
    let literal = |v: &[&str]| serde_json::to_string(v).unwrap_or_default();
    let time = |input: &str, button: &str, result: &str, texts: [&str; 2], expect: [&str; 2], from: usize, n: usize| {
        let script = TIME_CHECK
            .replace("TEXTS", &literal(&texts))
            .replace("EXPECT", &literal(&expect))
            .replace("FROM", &from.to_string())
            .replace("TIMES", &n.to_string())
            .replace("INPUT", input)
            .replace("BUTTON", button)
            .replace("RESULT", result);
        floats(&browser.exec_async(&script))
    };
    let summaries = ["First wrong step", "Every value you gave is right"];
    let first = time("homework-input", "check-homework", "#homework-summary", [answers, right], summaries, 0, 1);
    let then = time("homework-input", "check-homework", "#homework-summary", [answers, right], summaries, 1, times);
    // All right opens the walk at (a): go to (j) for its card.
    browser.exec("document.getElementById('goto-j').click(); return true;");
    browser.wait_for(10, "the card of (j)", |b| b.exec("return !!document.getElementById('your-value-j')").as_bool().filter(|ready| *ready));
    browser.exec("document.getElementById('your-value-j').click(); document.getElementById('stepper').scrollIntoView(); return true;");
    let card = time("your-input-j", "your-check-j", "#your-result-j", w2, ["wrong", "right"], 0, times);
    HomeworkCheck { label: label.to_string(), first_ms: first.first().copied().unwrap_or(f64::NAN), then_ms: then, card_ms: card }
}

/// The CSV file a `data=csv` row opens: the UCI wine set (178 rows, 13 inputs, 3 classes), as
/// a student would open it with the page's file picker.
const WINE: &str = include_str!("../../../../tests/fixtures/csv/wine.csv");

fn open_wine(browser: &Browser) {
    let script = format!(
        "const files = new DataTransfer();
         files.items.add(new File([{}], 'wine.csv', {{ type: 'text/csv' }}));
         const input = document.getElementById('open-csv');
         input.files = files.files;
         input.dispatchEvent(new Event('change', {{ bubbles: true }}));
         return true;",
        serde_json::to_string(WINE).unwrap_or_default()
    );
    browser.exec(&script);
    browser.wait_for(30, "the wine rows' projection", |b| {
        b.exec("const c = document.getElementById('projection-caption'); return !!c && c.textContent.length > 0")
            .as_bool()
            .filter(|ready| *ready)
    });
    browser.wait_for(30, "the trainer on the file", |b| {
        b.exec("const s = document.getElementById('training-status'); return s && s.dataset.runner !== 'starting'")
            .as_bool()
            .filter(|ready| *ready)
    });
}

/// The digits trained to their best validation epoch on the page (stop at best validation).
#[derive(Clone, Debug, Serialize)]
pub struct DigitsRun {
    pub query: String,
    /// From the click on play to the stop, s.
    pub seconds: f64,
    /// The best validation epoch (whose weights are restored) and the epoch training stopped at.
    pub best_epoch: u64,
    pub stopped_epoch: u64,
    /// The test error of the restored network, as the confusion matrix's summary states it.
    pub test_error: f64,
}

/// Opens the digits with `d_h` hidden units (K = 10, η = 0.1), switches on "stop at best
/// validation", presses play and waits for the stop.
pub fn digits_to_best(scratch: &Path, server: &Server, d_h: usize) -> DigitsRun {
    let browser = Browser::start(scratch);
    let query = page_query(d_h, 10).replace("data=moons", "data=digits");
    browser.goto(&server.page(&query));
    browser.wait_for(30, "the digits' gallery", |b| {
        b.exec("return !!document.querySelector('#gallery button.digit')").as_bool().filter(|ready| *ready)
    });
    browser.wait_for(30, "the trainer", |b| {
        b.exec("const s = document.getElementById('training-status'); return s && s.dataset.runner !== 'starting'")
            .as_bool()
            .filter(|ready| *ready)
    });
    browser.click("#stop-at-best");
    let start = std::time::Instant::now();
    browser.click("#play-pause");
    browser.wait_for(120, "the stop at the best validation epoch", |b| {
        b.exec("return document.getElementById('training-status').dataset.status === 'stopped'").as_bool().filter(|s| *s)
    });
    let seconds = start.elapsed().as_secs_f64();
    // The restored network's views are published with the stop; give them a frame.
    std::thread::sleep(Duration::from_millis(300));
    let read = browser.exec(
        "const message = document.getElementById('divergence').textContent;
         const best = Number((message.match(/epoch (\\d+)/) || [])[1]);
         const stopped = Number(document.getElementById('training-status').dataset.epoch);
         const summary = document.getElementById('confusion-summary').textContent;
         const [errors, total] = summary.split(':')[1].split('(')[0].split('/').map(Number);
         return [best, stopped, errors / total];",
    );
    DigitsRun {
        query,
        seconds,
        best_epoch: num(&read[0]) as u64,
        stopped_epoch: num(&read[1]) as u64,
        test_error: num(&read[2]),
    }
}
