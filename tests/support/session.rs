//! The core of the WebDriver clients of the end-to-end tests (`webdriver.rs` here) and of the
//! benchmarks (`crates/bench`, which includes this file): a chromedriver process started on a
//! free port, one headless Chromium session on it with the project's arguments, and commands as
//! JSON over plain HTTP/1.1. No async runtime, no TLS stack.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The browser window, in CSS pixels (device-pixel ratio 1).
pub const WINDOW: (u32, u32) = (1280, 900);

/// The key of an element reference in WebDriver replies.
pub const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one headless Chromium session on it. Both end on drop.
pub struct Session {
    driver: Child,
    port: u16,
    id: String,
    /// Chromium's version, as the session reports it.
    pub version: String,
}

impl Session {
    /// Starts chromedriver (`$CHROMEDRIVER` or `chromedriver` on PATH) and a headless session
    /// of `$CHROMIUM` (or Debian's) with its profile in `profile`, Chromium's own network
    /// chatter off, and the browser console recorded if `console_log`.
    pub fn start(profile: &Path, console_log: bool) -> Session {
        // A port from `free_port` can be taken by another test between the probe and
        // chromedriver's bind (tests run in parallel threads, each with its own driver); then
        // this driver exits and the port answers for someone else or not at all. Such a start
        // is retried on a new port.
        let mut failures = Vec::new();
        for _ in 0..4 {
            match Session::try_start(profile, console_log) {
                Ok(session) => return session,
                Err(why) => failures.push(why),
            }
        }
        panic!("could not start a WebDriver session: {}", failures.join("; "));
    }

    fn try_start(profile: &Path, console_log: bool) -> Result<Session, String> {
        let port = free_port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_path}: {e} (scripts/test and scripts/bench install it)"));
        let mut session = Session { driver, port, id: String::new(), version: String::new() };
        session.wait_ready()?;
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
        // BACKPROP_TRACE=<file>: Chromium records a performance trace of its first 20 s (style,
        // layout, invalidations and scripts) into <file>; tools/trace-summary.py reads it.
        if let Ok(file) = std::env::var("BACKPROP_TRACE") {
            args.push(
                "--trace-startup=devtools.timeline,disabled-by-default-devtools.timeline,\
                 disabled-by-default-devtools.timeline.invalidationTracking"
                    .into(),
            );
            args.push(format!("--trace-startup-file={file}"));
            args.push("--trace-startup-duration=20".into());
            args.push("--trace-startup-format=json".into());
        }
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut options = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": binary, "args": args},
        });
        if console_log {
            options["goog:loggingPrefs"] = json!({"browser": "ALL"});
        }
        let body = json!({"capabilities": {"alwaysMatch": options}});
        let reply = session.send("POST", "/session", Some(body))?;
        session.id = reply["value"]["sessionId"].as_str().expect("new session has an id").to_string();
        session.version = reply["value"]["capabilities"]["browserVersion"].as_str().unwrap_or("?").to_string();
        Ok(session)
    }

    /// Waits until this session's own chromedriver answers `/status` as ready.
    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.driver.try_wait() {
                return Err(format!("chromedriver on port {} exited ({status})", self.port));
            }
            if let Ok(reply) = self.send("GET", "/status", None) {
                if reply["value"]["ready"].as_bool() == Some(true) {
                    // The port may still belong to another test's driver, which would make this
                    // one exit on its failed bind: give it the moment that takes, then look again.
                    std::thread::sleep(Duration::from_millis(100));
                    return match self.driver.try_wait() {
                        Ok(Some(status)) => Err(format!("chromedriver on port {} exited ({status})", self.port)),
                        _ => Ok(()),
                    };
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!("chromedriver did not listen on port {} within 20 s", self.port))
    }

    /// Sends a command for this session; panics with the driver's message on a WebDriver error.
    pub fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.id);
        self.raw(method, &path, body)["value"].take()
    }

    fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.send(method, path, body).unwrap_or_else(|e| panic!("{e}"))
    }

    /// One request; a connection failure, a garbled reply and a WebDriver error are an `Err`.
    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))
            .map_err(|e| format!("connect to chromedriver on port {}: {e}", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(120))).ok();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .map_err(|e| format!("write to chromedriver: {e}"))?;
        let text = read_response(stream)?;
        let value: Value = serde_json::from_str(&text).map_err(|e| format!("bad reply to {path}: {e}: {text}"))?;
        if let Some(error) = value["value"]["error"].as_str() {
            return Err(format!("WebDriver {method} {path}: {error}: {}", value["value"]["message"]));
        }
        Ok(value)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.id.is_empty() {
            let path = format!("/session/{}", self.id);
            // Best effort: the driver is killed right after anyway.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.raw("DELETE", &path, None)));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Polls `check` every 50 ms until it returns `Some`, or panics after `secs` with `what`.
pub fn poll<T>(secs: u64, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = check() {
            return v;
        }
        if Instant::now() > deadline {
            panic!("timed out after {secs} s waiting for {what}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Reads one HTTP response and returns its body. ChromeDriver keeps connections open, so the
/// body is read by its Content-Length, not to the end of the stream.
fn read_response(stream: TcpStream) -> Result<String, String> {
    let mut reader = BufReader::new(stream);
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        reader.read_line(&mut line).map_err(|e| format!("read chromedriver's reply: {e}"))?;
        if line.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().map_err(|_| format!("Content-Length {value:?}"))?;
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| format!("read the reply body: {e}"))?;
    String::from_utf8(body).map_err(|e| format!("reply is not UTF-8: {e}"))
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0)).and_then(|l| l.local_addr()).expect("bind a free port").port()
}
