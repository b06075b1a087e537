#![cfg(not(target_arch = "wasm32"))]
mod support;
use support::open;
#[test]
fn shot() {
    let (_s, b) = open("lang=en");
    b.set_window_size(1440, 900);
    std::thread::sleep(std::time::Duration::from_millis(800));
    let v = b.exec("const p = document.querySelector('.plot-panel').getBoundingClientRect(); const s = document.querySelector('.plot-stack').getBoundingClientRect(); return [p.width, s.width, document.querySelector('.lab-panel').getBoundingClientRect().width, document.querySelector('.settings').getBoundingClientRect().width]", vec![]);
    println!("{v}");
    b.screenshot("scratch-1440");
}
