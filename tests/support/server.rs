//! A static file server for the built site, mounted under a sub-path (`/lab/`) to prove that
//! `dist/` uses relative URLs. It records every request path so tests can check that the page
//! asked for nothing unexpected.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The sub-path the site is served under.
pub const MOUNT: &str = "/lab/";

pub struct Server {
    pub origin: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `root` (normally `dist/`) on a free loopback port until the process exits.
    pub fn start(root: PathBuf) -> Server {
        assert!(
            root.join("index.html").is_file(),
            "{} has no index.html: build the site first (scripts/test does)",
            root.display()
        );
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind the test server");
        let origin = format!("http://{}", listener.local_addr().expect("server address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, log) = (root.clone(), Arc::clone(&log));
                std::thread::spawn(move || serve(stream, &root, &log));
            }
        });
        Server { origin, requests }
    }

    /// The URL of the app's page, with `query` (e.g. `"lang=fr"`).
    pub fn page(&self, query: &str) -> String {
        format!("{}{MOUNT}?{query}", self.origin)
    }

    /// Every request path seen so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

fn serve(stream: TcpStream, root: &Path, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(&stream);
    let Some(request) = read_request_line(&mut reader) else { return };
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    if let Ok(mut log) = log.lock() {
        log.push(path.clone());
    }
    let clean = path.split(['?', '#']).next().unwrap_or("");
    let file = clean.strip_prefix(MOUNT).map(|rel| if rel.is_empty() { "index.html" } else { rel });
    let body = file
        .filter(|rel| !rel.contains(".."))
        .and_then(|rel| std::fs::read(root.join(rel)).ok().map(|bytes| (rel.to_string(), bytes)));
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
