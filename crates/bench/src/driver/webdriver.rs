//! A small synchronous WebDriver client for the benchmarks: JSON over HTTP/1.1 to a
//! chromedriver it starts itself, with headless Chromium started as the end-to-end tests start
//! it (`tests/support/webdriver.rs`, which needs test-only environment and cannot be reused
//! from a binary), plus Chrome's DevTools passthrough to run a script before a page's own.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The browser window, in CSS pixels (device-pixel ratio 1).
pub const WINDOW: (u32, u32) = (1280, 900);

/// A chromedriver process and one headless Chromium session on it. Both end on drop.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    /// Chromium's version, as the session reports it.
    pub version: String,
    profile: PathBuf,
}

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    /// Starts chromedriver (`$CHROMEDRIVER` or `chromedriver` on PATH) and a headless session
    /// with a fresh profile under `scratch`, with the end-to-end tests' Chromium arguments.
    pub fn start(scratch: &Path) -> Browser {
        let port = free_port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_path}: {e} (scripts/bench installs it)"));
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let profile = scratch.join(format!("profile-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&profile).expect("create a Chromium profile directory");
        let mut browser = Browser { driver, port, session: String::new(), version: String::new(), profile };
        browser.wait_ready();
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut args: Vec<String> = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-quic", "--force-device-scale-factor=1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--window-size={},{}", WINDOW.0, WINDOW.1));
        args.push(format!("--user-data-dir={}", browser.profile.display()));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": binary, "args": args},
        }}});
        let reply = browser.raw("POST", "/session", Some(caps));
        browser.session = reply["value"]["sessionId"].as_str().expect("new session has an id").to_string();
        browser.version = reply["value"]["capabilities"]["browserVersion"].as_str().unwrap_or("?").to_string();
        browser
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("chromedriver did not listen on port {} within 20 s", self.port);
    }

    /// Sends a command for this session; panics with the driver's message on a WebDriver error.
    pub fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.raw(method, &path, body)["value"].take()
    }

    fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to chromedriver");
        stream.set_read_timeout(Some(Duration::from_secs(120))).ok();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("write to chromedriver");
        let text = read_response(stream);
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad reply to {path}: {e}: {text}"));
        if let Some(error) = value["value"]["error"].as_str() {
            panic!("WebDriver {method} {path}: {error}: {}", value["value"]["message"]);
        }
        value
    }

    /// Navigates and waits for the page's load event.
    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body) in the page and returns its value.
    pub fn exec(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/sync", Some(json!({ "script": script, "args": [] })))
    }

    /// Runs `script` (an async function body that calls `arguments[0]` with its result) and
    /// returns that result.
    pub fn exec_async(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/async", Some(json!({ "script": script, "args": [] })))
    }

    /// Clicks the element `css` as a user would (WebDriver element click).
    pub fn click(&self, css: &str) {
        let v = self.cmd("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        let id = v[ELEMENT_KEY].as_str().unwrap_or_else(|| panic!("no element {css}: {v}")).to_string();
        self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// Has every document this session opens from now on run `source` before its own scripts
    /// (DevTools `Page.addScriptToEvaluateOnNewDocument`, through chromedriver).
    pub fn on_new_document(&self, source: &str) {
        let params = json!({"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": source}});
        self.cmd("POST", "/goog/cdp/execute", Some(params));
    }

    /// Polls `check` every 50 ms until it returns `Some`, or panics after `secs` with `what`.
    pub fn wait_for<T>(&self, secs: u64, what: &str, mut check: impl FnMut(&Browser) -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(v) = check(self) {
                return v;
            }
            if Instant::now() > deadline {
                panic!("timed out after {secs} s waiting for {what}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            // Best effort: the driver is killed right after anyway.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.raw("DELETE", &path, None)));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Reads one HTTP response and returns its body, by its Content-Length (chromedriver keeps
/// connections open).
fn read_response(stream: TcpStream) -> String {
    let mut reader = BufReader::new(stream);
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        reader.read_line(&mut line).expect("read chromedriver's reply");
        if line.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().expect("a numeric Content-Length");
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("read the reply body");
    String::from_utf8(body).expect("UTF-8 JSON")
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0)).and_then(|l| l.local_addr()).expect("bind a free port").port()
}
