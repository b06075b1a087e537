//! Backprop Lab's post-build step, run by Trunk (a `post_build` hook in `Trunk.toml`) on the
//! staging folder of every build, `trunk build` and `trunk serve` alike, before Trunk moves it
//! to `dist/`:
//!
//! 1. under `trunk serve`, Trunk's inline live-reload script becomes an external file
//!    ([`dev_reload`]), so that no inline script but Trunk's loader is left;
//! 2. the Content-Security-Policy ([`csp`]) goes into `index.html`, with the hash of that
//!    loader, as the first element after `<meta charset>`;
//! 3. `sw.js` (copied from `assets/sw.js` by `index.html`) gets this build's version and the
//!    list of files to precache ([`precache`]).

pub mod csp;
pub mod dev_reload;
pub mod html;
pub mod precache;

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, in words for the build log.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// What [`finish`] did, for the build log.
#[derive(Debug)]
pub struct Report {
    pub policy: String,
    pub version: String,
    /// The URLs the service worker precaches (`./`, the page, first).
    pub precached: Vec<String>,
    /// The size of the finished `sw.js`, in bytes.
    pub worker_bytes: usize,
    /// Whether Trunk's live-reload script was moved out (a `trunk serve` build).
    pub dev_reload: bool,
}

/// Finishes the site in `staging` (see the module documentation).
pub fn finish(staging: &Path) -> Result<Report, Error> {
    let page_path = staging.join("index.html");
    let mut page = read_text(&page_path)?;

    let dev_reload = match dev_reload::replace(&page) {
        Some(replaced) => {
            page = replaced;
            write(&staging.join(dev_reload::FILE), dev_reload::SCRIPT.as_bytes())?;
            true
        }
        None => false,
    };

    let policy = csp::policy(&inline_script_hashes(&page)?);
    page = with_policy(&page, &policy)?;
    write(&page_path, page.as_bytes())?;

    let worker_path = staging.join(precache::WORKER);
    let template = read_text(&worker_path).map_err(|e| {
        Error(format!("{e} (index.html copies assets/sw.js with <link data-trunk rel=\"copy-file\">)"))
    })?;
    let names = precache::files(staging).map_err(|e| Error(format!("cannot list {}: {e}", staging.display())))?;
    let mut entries = Vec::new();
    for name in &names {
        let content = if name == precache::WORKER {
            template.as_bytes().to_vec()
        } else {
            std::fs::read(staging.join(name)).map_err(|e| Error(format!("cannot read {name}: {e}")))?
        };
        entries.push((name.clone(), content));
    }
    let version = precache::version(&entries);
    let precached: Vec<String> = std::iter::once("./".to_string())
        .chain(names.iter().filter(|n| *n != "index.html" && *n != precache::WORKER).map(|n| precache::relative_url(n)))
        .collect();
    let worker = precache::fill_worker(&template, &version, &precached).ok_or_else(|| {
        Error(format!("{} must have exactly one line starting with `{}`", worker_path.display(), precache::BUILD_LINE))
    })?;
    write(&worker_path, worker.as_bytes())?;

    Ok(Report { policy, version, precached, worker_bytes: worker.len(), dev_reload })
}

/// The `'sha256-…'` sources of the page's inline scripts, without repeats.
fn inline_script_hashes(page: &str) -> Result<Vec<String>, Error> {
    let scripts = html::scripts(page).ok_or_else(|| Error("index.html has a <script> that is not closed".into()))?;
    let mut hashes: Vec<String> = Vec::new();
    for script in scripts.iter().filter(|s| !s.external) {
        let hash = csp::hash_source(&page[script.body.clone()]);
        if !hashes.contains(&hash) {
            hashes.push(hash);
        }
    }
    Ok(hashes)
}

/// `page` with `policy` as its only Content-Security-Policy, right after `<meta charset>`, so
/// it applies to every element after it (all of the page's links and scripts).
fn with_policy(page: &str, policy: &str) -> Result<String, Error> {
    let mut page = page.to_string();
    while let Some(old) = html::meta_http_equiv(&page, "Content-Security-Policy") {
        page.replace_range(old, "");
    }
    let at = html::head_insertion_point(&page).ok_or_else(|| Error("index.html has no <meta charset>, <head> or <html>".into()))?;
    page.insert_str(at, &csp::meta(policy));
    Ok(page)
}

fn read_text(path: &PathBuf) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error(format!("cannot read {}: {e}", path.display())))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(|e| Error(format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_goes_first_and_replaces_an_older_one() {
        let page = "<html><meta charset=utf-8><meta http-equiv=Content-Security-Policy content=old><link href=a.css>";
        let done = with_policy(page, "default-src 'self'").unwrap();
        assert_eq!(
            done,
            "<html><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\"><link href=a.css>"
        );
        assert_eq!(with_policy(&done, "default-src 'self'").unwrap(), done);
    }

    #[test]
    fn a_whole_staging_folder() {
        let dir = std::env::temp_dir().join(format!("site-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("snippets/x")).unwrap();
        let loader = "import init from './app-1.js';\nawait init();";
        std::fs::write(dir.join("index.html"), format!("<meta charset=utf-8><script type=module>{loader}</script>")).unwrap();
        std::fs::write(dir.join("app-1.js"), "export default () => {}").unwrap();
        std::fs::write(dir.join("snippets/x/inline0.js"), "export const a = 1;").unwrap();
        std::fs::write(dir.join("sw.js"), "const BUILD = {\"version\":\"unbuilt\",\"files\":[]};\n").unwrap();

        let report = finish(&dir).unwrap();
        assert_eq!(report.precached, ["./", "./app-1.js", "./snippets/x/inline0.js"]);
        assert!(report.policy.contains(&csp::hash_source(loader)));
        assert!(!report.dev_reload);
        let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(page.starts_with("<meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\""));
        let worker = std::fs::read_to_string(dir.join("sw.js")).unwrap();
        assert!(worker.contains(&format!("\"version\":\"{}\"", report.version)));
        assert_eq!(worker.len(), report.worker_bytes);

        // Running again on the finished folder changes nothing but keeps one policy.
        let again = finish(&dir).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("index.html")).unwrap(), page);
        assert_eq!(again.policy, report.policy);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
