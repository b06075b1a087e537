//! The benchmarks' WebDriver client: the end-to-end tests' session core
//! (`tests/support/session.rs`: chromedriver, headless Chromium with the same arguments, JSON
//! over HTTP/1.1) and the commands the benchmarks use, among them Chrome's DevTools passthrough
//! to run a script before a page's own.

#[path = "../../../../tests/support/session.rs"]
mod session;

use serde_json::{json, Value};
use session::{poll, Session, ELEMENT_KEY};
use std::path::{Path, PathBuf};

pub use session::WINDOW;

/// A chromedriver process and one headless Chromium session on it, with its profile under the
/// scratch directory. All end on drop (the session first, then the profile).
pub struct Browser {
    session: Session,
    /// Chromium's version, as the session reports it.
    pub version: String,
    _profile: Profile,
}

/// A Chromium profile directory, removed on drop.
struct Profile(PathBuf);

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    /// Starts chromedriver (`$CHROMEDRIVER` or `chromedriver` on PATH) and a headless session
    /// with a fresh profile under `scratch`, as the end-to-end tests start it.
    pub fn start(scratch: &Path) -> Browser {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let profile = scratch.join(format!("profile-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&profile).expect("create a Chromium profile directory");
        let session = Session::start(&profile, false);
        let version = session.version.clone();
        Browser { session, version, _profile: Profile(profile) }
    }

    /// Sends a command for this session; panics with the driver's message on a WebDriver error.
    pub fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.session.cmd(method, path, body)
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
        poll(secs, what, || check(self))
    }
}
