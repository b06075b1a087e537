//! Shared by the end-to-end tests: a static server for `dist/` and a WebDriver client.
#![allow(dead_code)]

pub mod server;
pub mod webdriver;

use std::path::PathBuf;

/// The built site: `$BACKPROP_DIST` or `dist/` at the repository root.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("BACKPROP_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}
