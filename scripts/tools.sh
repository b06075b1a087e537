# shellcheck shell=bash
# Installs what Backprop Lab's commands need, only when it is missing or at the wrong version.
# Sourced by scripts/serve and scripts/test; every function is idempotent and quick when
# everything is already installed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../tools/versions.env
source "$ROOT/tools/versions.env"
export PATH="$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"

say() { printf '\033[1m[backprop-lab]\033[0m %s\n' "$*" >&2; }

# The wasm-bindgen version Cargo.lock pins; wasm-bindgen-cli must match it exactly.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    say "cargo not found: install rustup (https://rustup.rs) and run this again"; exit 1
  fi
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
    say "installing trunk $TRUNK_VERSION (several minutes, once)"
    cargo install "trunk@$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want; want="$(locked_wasm_bindgen)"
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]]; then
    say "installing wasm-bindgen-cli $want (several minutes, once)"
    # Not --locked: the CLI's own lock file pins a crate the registry no longer has.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_wasm_opt() {
  local major="${BINARYEN_VERSION%%.*}"
  if ! wasm-opt --version 2>/dev/null | grep -q "version $major"; then
    command -v npm >/dev/null || { say "npm not found: apt-get install -y nodejs npm"; exit 1; }
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
    npm_install_tools
  fi
}

# Installs every pinned npm tool into .tools/ in one command: `npm install --no-save` of one
# package removes the others it does not name.
npm_install_tools() {
  npm install --prefix "$ROOT/.tools" --no-save --no-audit --no-fund \
    "binaryen@$BINARYEN_VERSION" "axe-core@$AXE_CORE_VERSION" >&2
}

# axe-core, injected into the page by tests/a11y.rs (never shipped in dist/).
ensure_axe() {
  local installed="$ROOT/.tools/node_modules/axe-core/package.json"
  if ! grep -q "\"version\": \"$AXE_CORE_VERSION\"" "$installed" 2>/dev/null; then
    command -v npm >/dev/null || { say "npm not found: apt-get install -y nodejs npm"; exit 1; }
    say "installing axe-core $AXE_CORE_VERSION into .tools/"
    npm_install_tools
  fi
}

# twiggy, for scripts/wasm-size only.
ensure_twiggy() {
  # It names itself "twiggy-opt <version>".
  if [[ "$(twiggy --version 2>/dev/null)" != *" $TWIGGY_VERSION" ]]; then
    say "installing twiggy $TWIGGY_VERSION (a few minutes, once)"
    cargo install "twiggy@$TWIGGY_VERSION" --locked
  fi
}

apt_install() {
  local sudo=""; [[ "$(id -u)" == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and chromedriver from Debian"
    apt_install chromium chromium-driver
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
}

ensure_build_tools() { ensure_rust; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt; }

# Release build of the site into dist/ (relative URLs: works from any sub-path).
build_dist() {
  say "building dist/ (release)"
  (cd "$ROOT" && trunk build --release --offline)
}
