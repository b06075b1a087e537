//! A small synchronous WebDriver client: JSON over HTTP/1.1 to a chromedriver it starts itself.
//!
//! WebDriver is a handful of JSON requests; speaking it directly keeps the end-to-end tests
//! free of an async runtime and of a TLS stack, and lets them read the browser's console log
//! (ChromeDriver's `se/log` endpoint), which generic clients do not expose.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A chromedriver process and one headless Chromium session on it. Both end on drop.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: TempDir,
}

/// An element reference returned by the driver.
#[derive(Clone, Debug)]
pub struct Element(String);

/// WebDriver key codes.
pub const ARROW_LEFT: &str = "\u{E012}";
pub const ARROW_RIGHT: &str = "\u{E014}";
pub const HOME: &str = "\u{E011}";
pub const END: &str = "\u{E010}";

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    /// Starts chromedriver (`$CHROMEDRIVER` or `chromedriver` on PATH) and a headless session
    /// with a fresh profile, console logging on, and Chromium's own network chatter off.
    pub fn start() -> Browser {
        let port = free_port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_path}: {e} (run scripts/test, which installs it)"));
        let profile = TempDir::new("profile");
        let mut browser = Browser { driver, port, session: String::new(), _profile: profile };
        browser.wait_ready();
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let args = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-quic", "--window-size=1280,900", "--force-device-scale-factor=1",
        ];
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", browser._profile.0.display()));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": binary, "args": args},
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let reply = browser.raw("POST", "/session", Some(caps));
        browser.session = reply["value"]["sessionId"].as_str().expect("new session has an id").to_string();
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
        stream.set_read_timeout(Some(Duration::from_secs(60))).ok();
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

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub fn exec(&self, script: &str, args: Vec<Value>) -> Value {
        self.cmd("POST", "/execute/sync", Some(json!({ "script": script, "args": args })))
    }

    pub fn find(&self, css: &str) -> Element {
        let v = self.cmd("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        Element(v[ELEMENT_KEY].as_str().unwrap_or_else(|| panic!("no element {css}: {v}")).to_string())
    }

    pub fn click(&self, e: &Element) {
        self.cmd("POST", &format!("/element/{}/click", e.0), Some(json!({})));
    }

    /// Presses and releases one key (a WebDriver key code such as [`ARROW_RIGHT`]) on whatever
    /// has the focus, as a real keyboard would.
    pub fn press_key(&self, key: &str) {
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}
        ]}]});
        self.cmd("POST", "/actions", Some(actions));
    }

    /// Clicks at (`dx`, `dy`) CSS pixels from the centre of `e`, with a real pointer.
    pub fn click_at(&self, e: &Element, dx: i64, dy: i64) {
        let origin = json!({ ELEMENT_KEY: e.0 });
        let actions = json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "origin": origin, "x": dx, "y": dy},
                {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}
            ]}]});
        self.cmd("POST", "/actions", Some(actions));
    }

    /// Clears the field, then types `text` as key presses (each fires an `input` event).
    pub fn type_into(&self, e: &Element, text: &str) {
        self.cmd("POST", &format!("/element/{}/clear", e.0), Some(json!({})));
        self.cmd("POST", &format!("/element/{}/value", e.0), Some(json!({ "text": text })));
    }

    pub fn text(&self, css: &str) -> String {
        let e = self.find(css);
        self.cmd("GET", &format!("/element/{}/text", e.0), None).as_str().unwrap_or("").to_string()
    }

    /// The browser console since the last call: (level, message) pairs.
    pub fn console(&self) -> Vec<(String, String)> {
        let v = self.cmd("POST", "/se/log", Some(json!({"type": "browser"})));
        v.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| (e["level"].as_str().unwrap_or("").into(), e["message"].as_str().unwrap_or("").into()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A PNG screenshot of the window, saved under `tests/artifacts/` for a person to look at.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        use base64::Engine;
        let data = self.cmd("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().expect("screenshot is base64"))
            .expect("valid base64");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
        std::fs::create_dir_all(&dir).expect("create tests/artifacts");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
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
    }
}

/// Reads one HTTP response and returns its body. ChromeDriver keeps connections open, so
/// the body is read by its Content-Length, not to the end of the stream.
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
pub fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0)).and_then(|l| l.local_addr()).expect("bind a free port").port()
}

/// A scratch directory under the target dir (not /tmp: Chromium profiles are large), removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let dir = base.join(format!("{prefix}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a scratch dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
