//! `scripts/bench`'s driver: runs every benchmark of Backprop Lab and prints one report.
//!
//! 1. the compute cases natively (the bench library, this process);
//! 2. the same cases in wasm, in headless Chromium, on the bench page (`target/bench-web/`:
//!    the bench crate built for wasm32 as the page is, and `web/index.html`);
//! 3. on the shipped page `dist/` (served under `/lab/` by the end-to-end tests' server):
//!    first render over fresh loads, the files those loads fetched and their gzip size, and
//!    live training with the player as a student uses it.
//!
//! Then prints the report and writes it to `target/bench/report.txt`, with every figure in
//! `target/bench/report.json`. It asserts nothing about time.
//!
//! Environment: `CHROMEDRIVER`, `CHROMIUM` (as for the tests), `BENCH_LIVE_SECONDS` (measured
//! window of live training, default 5), `BENCH_LOADS` (fresh loads for the first render,
//! default 5), `BENCH_DIST` (another build of the site for the page sections, e.g. an older
//! commit's, to compare). Expects `dist/` and `target/bench-web/` to be built: `scripts/bench`
//! does it.

#[cfg(not(target_arch = "wasm32"))]
mod driver;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../../../tests/support/server.rs"]
#[allow(dead_code)]
mod server;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use crate::driver::pages::{first_render, homework_check, interaction, live_training, wasm_compute};
    use crate::driver::report::{Machine, Report};
    use crate::driver::sizes;
    use crate::server::{Server, MOUNT};
    use std::path::{Path, PathBuf};
    use std::process::Command;
    use std::time::Instant;

    /// The bench page, copied next to the wasm-bindgen output.
    const BENCH_PAGE: &str = include_str!("../web/index.html");

    pub fn main() {
        let started = Instant::now();
        let load = std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_string))
            .unwrap_or_else(|| "?".into());
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace root");
        // BENCH_DIST measures another build of the site (e.g. an older commit's) in sections 3–6.
        let dist = std::env::var_os("BENCH_DIST").map_or_else(|| root.join("dist"), PathBuf::from);
        let web = root.join("target/bench-web");
        let out = root.join("target/bench");
        let scratch = out.join("tmp");
        std::fs::create_dir_all(&scratch).expect("create target/bench/tmp");
        assert!(dist.join("index.html").is_file(), "no dist/index.html: run scripts/bench, which builds it");
        assert!(web.join("bench_bg.wasm").is_file(), "no target/bench-web/bench_bg.wasm: run scripts/bench, which builds it");
        std::fs::write(web.join("index.html"), BENCH_PAGE).expect("write target/bench-web/index.html");
        let live_seconds = env_number("BENCH_LIVE_SECONDS", 5.0);
        let loads = env_number("BENCH_LOADS", 5.0).max(1.0) as usize;

        eprintln!("[bench] native compute cases");
        let native = bench::run_native(|case| eprintln!("  native: {}", case.name()));

        let site = Server::start(dist.clone());
        eprintln!("[bench] first render of dist/, {loads} loads");
        let first = first_render(&scratch, &site, loads);
        let fetched: Vec<String> = site
            .requests()
            .iter()
            .filter_map(|path| path.strip_prefix(MOUNT))
            .map(|rel| rel.split(['?', '#']).next().unwrap_or("").to_string())
            .collect();
        let transfer = sizes::measure(&dist, &fetched);

        let mut live = Vec::new();
        for d_h in [8, 64, 256] {
            eprintln!("[bench] live training on dist/, d_h = {d_h}, K = 10, {live_seconds} s");
            live.push(live_training(&scratch, &site, (d_h, 10, None), live_seconds, None));
        }
        eprintln!("[bench] live training on dist/, the digits, d_h = 32, K = 10, {live_seconds} s");
        live.push(live_training(&scratch, &site, (32, 10, Some("digits")), live_seconds, None));
        live.push(live_training(&scratch, &site, (32, 10, Some("csv")), live_seconds, None));
        // Issue 16's paths: Adam (the kernel's gradient, then the rule on θ in `Params`) and an
        // L1 term (the kernel's scalar step that stops at 0), in the default window.
        // and the pinned runs: two pins of the link retrained (3M examples each) in their own
        // worker while the page trains, then their region plots painted.
        for extra in ["&rule=adam", "&l11=0.05&l12=0.001&l21=0&l22=0.001", "&pins=lambda:0;at:3000000|rule:adam;beta:0.9;beta2:0.999;eps:1e-8;at:3000000"] {
            eprintln!("[bench] live training on dist/, d_h = 64, K = 10, {extra}");
            live.push(live_training(&scratch, &site, (64, 10, None), live_seconds, Some((extra, 1280, 900))));
        }
        for d_h in [8, 64] {
            eprintln!("[bench] live training on dist/ in the lab layout, presenter mode, 1280×720, d_h = {d_h}");
            live.push(live_training(&scratch, &site, (d_h, 10, None), live_seconds, Some(crate::driver::pages::PROJECTED)));
        }

        let mut answers = Vec::new();
        for d_h in [8, 64, 256] {
            eprintln!("[bench] stepper step and settings changes on dist/, d_h = {d_h}");
            answers.push(interaction(&scratch, &site, d_h, 9));
        }

        let mut homework = Vec::new();
        for (label, d_h) in [("d = 2, d_h = 3, m = 2", 3), ("d = 2, d_h = 64, m = 2", 64)] {
            eprintln!("[bench] check my answers on dist/, {label}");
            let (wrong, right, [w2_wrong, w2_right]) = bench::homework_answers(d_h);
            homework.push(homework_check(&scratch, &site, label, &wrong, &right, [&w2_wrong, &w2_right], 9));
        }

        let mut digits = Vec::new();
        for d_h in [32, 64] {
            eprintln!("[bench] the digits to their best validation epoch on dist/, d_h = {d_h}");
            digits.push(crate::driver::pages::digits_to_best(&scratch, &site, d_h));
        }

        eprintln!("[bench] wasm compute cases in headless Chromium");
        let bench_site = Server::start(web);
        let (wasm, chromium) = wasm_compute(&scratch, &bench_site);

        let machine = Machine {
            date: command(&root, "date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
            commit: commit(&root),
            cpu: cpu_model(),
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            load,
            chromium,
            rustc: command(&root, "rustc", &["--version"]),
        };
        let report = Report { machine, native, wasm, live, first_render: first, transfer, interaction: answers, homework, digits };
        let text = report.render();
        println!("\n{text}");
        std::fs::write(out.join("report.txt"), &text).expect("write target/bench/report.txt");
        let json = serde_json::to_string_pretty(&report).expect("the report serializes");
        std::fs::write(out.join("report.json"), json).expect("write target/bench/report.json");
        let _ = std::fs::remove_dir_all(&scratch);
        eprintln!(
            "[bench] measured in {:.0} s; written to target/bench/report.txt and report.json",
            started.elapsed().as_secs_f64()
        );
    }

    fn env_number(name: &str, default: f64) -> f64 {
        std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|v: &f64| *v > 0.0).unwrap_or(default)
    }

    /// The first line of `program args`' output, or `?`.
    fn command(dir: &Path, program: &str, args: &[&str]) -> String {
        Command::new(program)
            .args(args)
            .current_dir(dir)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.lines().next().map(str::to_string))
            .unwrap_or_else(|| "?".into())
    }

    /// The commit measured, and whether the working tree differs from it.
    fn commit(root: &Path) -> String {
        let hash = command(root, "git", &["rev-parse", "--short", "HEAD"]);
        let changed = Command::new("git")
            .args(["status", "--porcelain", "--untracked-files=no"])
            .current_dir(root)
            .output()
            .is_ok_and(|o| !o.stdout.is_empty());
        if changed { format!("{hash} + uncommitted changes") } else { hash }
    }

    fn cpu_model() -> String {
        std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|info| {
                info.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_else(|| std::env::consts::ARCH.to_string())
    }
}
