//! `site [STAGING_DIR]`: finishes a Trunk build of Backprop Lab (see the library). Trunk runs
//! it as a `post_build` hook with `$TRUNK_STAGING_DIR` set; a folder given as the argument is
//! used instead. Prints one line; exits with status 1 and the reason when it cannot finish.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let staging = std::env::args_os().nth(1).or_else(|| std::env::var_os("TRUNK_STAGING_DIR")).map(PathBuf::from);
    let Some(staging) = staging else {
        eprintln!("site: no folder: give one, or run from Trunk (which sets TRUNK_STAGING_DIR)");
        return ExitCode::FAILURE;
    };
    match site::finish(&staging) {
        Ok(report) => {
            eprintln!(
                "site: Content-Security-Policy added; sw.js version {} precaches {} files ({} bytes){}",
                report.version,
                report.precached.len(),
                report.worker_bytes,
                if report.dev_reload { "; trunk-reload.js replaces Trunk's inline reload script" } else { "" }
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("site: {error}");
            ExitCode::FAILURE
        }
    }
}
