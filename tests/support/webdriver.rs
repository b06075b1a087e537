//! The end-to-end tests' WebDriver client: the session core of `session.rs` and the commands
//! the tests use.
//!
//! WebDriver is a handful of JSON requests; speaking it directly keeps the end-to-end tests
//! free of an async runtime and of a TLS stack, and lets them read the browser's console log
//! (ChromeDriver's `se/log` endpoint), which generic clients do not expose.

use super::session::{poll, Session, ELEMENT_KEY};
use serde_json::{json, Value};
use std::path::PathBuf;

/// A chromedriver process and one headless Chromium session on it, with a fresh profile in a
/// scratch directory. All end on drop (the session first, then the profile).
pub struct Browser {
    session: Session,
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
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const SPACE: &str = "\u{E00D}";
pub const ESCAPE: &str = "\u{E00C}";

impl Browser {
    /// Starts chromedriver and a headless session (see [`Session::start`]) with a fresh
    /// profile and the browser console recorded.
    pub fn start() -> Browser {
        let profile = TempDir::new("profile");
        Browser { session: Session::start(&profile.0, true), _profile: profile }
    }

    /// Sends a command for this session; panics with the driver's message on a WebDriver error.
    pub fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.session.cmd(method, path, body)
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body whose last argument is a callback) and returns the value
    /// it passes to the callback, waiting up to `secs` for it.
    pub fn exec_async(&self, secs: u64, script: &str, args: Vec<Value>) -> Value {
        self.cmd("POST", "/timeouts", Some(json!({ "script": secs * 1000 })));
        self.cmd("POST", "/execute/async", Some(json!({ "script": script, "args": args })))
    }

    /// The page's address once the page is idle after its next animation frame (the page
    /// writes its state into the address bar when idle).
    pub fn href(&self) -> String {
        let script = "const done = arguments[arguments.length - 1];
            requestAnimationFrame(() => requestIdleCallback(() => done(location.href)));";
        self.exec_async(5, script, vec![]).as_str().unwrap_or("").to_string()
    }

    /// The query string of [`Browser::href`] (from its `?`, or "").
    pub fn search(&self) -> String {
        let href = self.href();
        let query = href.split('#').next().unwrap_or("");
        query.find('?').map(|i| query[i..].to_string()).unwrap_or_default()
    }

    /// Query parameter `name` of [`Browser::href`], decoded as the page decodes it ("" if absent).
    pub fn query_param(&self, name: &str) -> String {
        let script = "const done = arguments[arguments.length - 1];
            const name = arguments[0];
            requestAnimationFrame(() => requestIdleCallback(() => done(new URLSearchParams(location.search).get(name) ?? '')));";
        self.exec_async(5, script, vec![Value::from(name)]).as_str().unwrap_or("").to_string()
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub fn exec(&self, script: &str, args: Vec<Value>) -> Value {
        self.cmd("POST", "/execute/sync", Some(json!({ "script": script, "args": args })))
    }

    pub fn find(&self, css: &str) -> Element {
        let v = self.cmd("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        Element(v[ELEMENT_KEY].as_str().unwrap_or_else(|| panic!("no element {css}: {v}")).to_string())
    }

    /// Clicks `e` as a user would, once it is in the middle of the window and the page has
    /// drawn a frame there: content the page only lays out when it comes on screen
    /// (`content-visibility: auto`) may move `e` as it appears, and a click aimed before that
    /// would land elsewhere.
    pub fn click(&self, e: &Element) {
        self.settle_in_view(e);
        self.cmd("POST", &format!("/element/{}/click", e.0), Some(json!({})));
    }

    /// Scrolls `e` to the middle of the window and waits for two frames there.
    fn settle_in_view(&self, e: &Element) {
        let settle = "const [e, done] = arguments;
            e.scrollIntoView({ block: 'center' });
            requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.cmd("POST", "/timeouts", Some(json!({ "script": 5000 })));
        self.cmd("POST", "/execute/async", Some(json!({ "script": settle, "args": [self.arg(e)] })));
    }

    /// Presses and releases one key (a WebDriver key code such as [`ARROW_RIGHT`]) on whatever
    /// has the focus, as a real keyboard would.
    pub fn press_key(&self, key: &str) {
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}
        ]}]});
        self.cmd("POST", "/actions", Some(actions));
    }

    /// The element that has the focus (the body when none has).
    pub fn active_element(&self) -> Element {
        let v = self.cmd("GET", "/element/active", None);
        Element(v[ELEMENT_KEY].as_str().unwrap_or_else(|| panic!("no active element: {v}")).to_string())
    }

    /// The accessible name Chromium computes for `e` (what a screen reader announces).
    pub fn accessible_name(&self, e: &Element) -> String {
        self.cmd("GET", &format!("/element/{}/computedlabel", e.0), None).as_str().unwrap_or("").to_string()
    }

    /// The ARIA role Chromium computes for `e`.
    pub fn accessible_role(&self, e: &Element) -> String {
        self.cmd("GET", &format!("/element/{}/computedrole", e.0), None).as_str().unwrap_or("").to_string()
    }

    /// `e` as a script argument (`arguments[i]` is then the DOM element).
    pub fn arg(&self, e: &Element) -> Value {
        json!({ ELEMENT_KEY: e.0 })
    }

    /// Resizes the browser window to `width` × `height` CSS pixels (a phone, a tablet).
    pub fn set_window_size(&self, width: u32, height: u32) {
        self.cmd("POST", "/window/rect", Some(json!({"width": width, "height": height})));
    }

    /// Clicks at (`dx`, `dy`) CSS pixels from the centre of `e`, with a real pointer.
    pub fn click_at(&self, e: &Element, dx: i64, dy: i64) {
        self.settle_in_view(e);
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

    /// The first element matching `css`, or `None` when there is none yet (for a poll on
    /// something the page adds later).
    pub fn try_find(&self, css: &str) -> Option<Element> {
        let v = self.cmd("POST", "/elements", Some(json!({"using": "css selector", "value": css})));
        v.as_array()?.first()?[ELEMENT_KEY].as_str().map(|id| Element(id.to_string()))
    }

    /// The text of the first element matching `css`, or `None` when there is none yet.
    pub fn try_text(&self, css: &str) -> Option<String> {
        let e = self.try_find(css)?;
        Some(self.cmd("GET", &format!("/element/{}/text", e.0), None).as_str().unwrap_or("").to_string())
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
        poll(secs, what, || check(self))
    }
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
