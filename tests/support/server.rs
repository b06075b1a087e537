//! A static file server for the built site, mounted under a sub-path (`/lab/`) to prove that
//! `dist/` uses relative URLs. It records every request path so tests can check that the page
//! asked for nothing unexpected. It can mount folders under other sub-paths too, and be
//! stopped (it then refuses connections, as a server that is down does).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The sub-path the site is served under.
pub const MOUNT: &str = "/lab/";

/// Sub-paths (each starting and ending with `/`) and the folders served under them.
type Mounts = Vec<(String, PathBuf)>;

pub struct Server {
    pub origin: String,
    /// The sub-path of [`Server::page`].
    pub mount: String,
    requests: Arc<Mutex<Vec<String>>>,
    stopped: Arc<AtomicBool>,
}

impl Server {
    /// Serves `root` (normally `dist/`) under [`MOUNT`] on a free loopback port until the
    /// process exits.
    pub fn start(root: PathBuf) -> Server {
        Server::start_mounts(vec![(MOUNT.to_string(), root)])
    }

    /// Serves each folder under its sub-path (`/courses/ift3395/lab/`); [`Server::page`] is
    /// the first one's page.
    pub fn start_mounts(mounts: Mounts) -> Server {
        for (mount, root) in &mounts {
            assert!(mount.starts_with('/') && mount.ends_with('/'), "a mount starts and ends with /: {mount}");
            assert!(
                root.join("index.html").is_file(),
                "{} has no index.html: build the site first (scripts/test does)",
                root.display()
            );
        }
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind the test server");
        let origin = format!("http://{}", listener.local_addr().expect("server address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stopped = Arc::new(AtomicBool::new(false));
        let mount = mounts.first().map(|(m, _)| m.clone()).unwrap_or_else(|| MOUNT.to_string());
        let (log, stop) = (Arc::clone(&requests), Arc::clone(&stopped));
        let mounts = Arc::new(mounts);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stop.load(Ordering::SeqCst) {
                    // Returning drops the listener: the port refuses connections from now on.
                    return;
                }
                let (mounts, log) = (Arc::clone(&mounts), Arc::clone(&log));
                std::thread::spawn(move || serve(stream, &mounts, &log));
            }
        });
        Server { origin, mount, requests, stopped }
    }

    /// The URL of the app's page, with `query` (e.g. `"lang=fr"`).
    pub fn page(&self, query: &str) -> String {
        format!("{}{}?{query}", self.origin, self.mount)
    }

    /// Stops serving: from now on a connection is refused, as by a server that is down.
    pub fn stop(&self) {
        if self.stopped.swap(true, Ordering::SeqCst) {
            return;
        }
        // Wakes the accept loop, which sees the flag and closes the listening socket.
        let address = self.origin.trim_start_matches("http://");
        let _ = TcpStream::connect(address);
        let refused = (0..100).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(20));
            TcpStream::connect(address).is_err()
        });
        assert!(refused, "the test server still accepts connections after stop()");
    }

    /// Every request path seen so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

fn serve(stream: TcpStream, mounts: &Mounts, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(&stream);
    let Some(request) = read_request_line(&mut reader) else { return };
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    if let Ok(mut log) = log.lock() {
        log.push(path.clone());
    }
    let clean = path.split(['?', '#']).next().unwrap_or("");
    // The longest mount that holds the path: `/lab/v2/x` is in `/lab/v2/`, not in `/lab/`.
    let file = mounts
        .iter()
        .filter_map(|(mount, root)| clean.strip_prefix(mount.as_str()).map(|rel| (mount.len(), rel, root)))
        .max_by_key(|(len, _, _)| *len)
        .map(|(_, rel, root)| (if rel.is_empty() { "index.html" } else { rel }, root));
    let body = file
        .filter(|(rel, _)| !rel.contains(".."))
        .and_then(|(rel, root)| std::fs::read(root.join(rel)).ok().map(|bytes| (rel.to_string(), bytes)));
    let mut out = &stream;
    let _ = match body {
        Some((rel, bytes)) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                mime(&rel),
                bytes.len()
            );
            out.write_all(head.as_bytes()).and_then(|_| out.write_all(&bytes))
        }
        None => out.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    };
}

/// Reads an HTTP request head (up to the blank line) and returns its first line.
fn read_request_line(reader: &mut impl BufRead) -> Option<String> {
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    let mut line = String::new();
    while reader.read_line(&mut line).ok()? > 2 {
        line.clear();
    }
    Some(first.trim_end().to_string())
}

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" | "webmanifest" => "application/json",
        _ => "application/octet-stream",
    }
}
