mod support;
use support::open;
#[test]
fn probe() {
    let (_s, b) = open("lang=fr&view=step&present=1&step=a");
    b.set_window_size(1280, 720);
    let inner: (u32, u32) = serde_json::from_value(b.exec("return [innerWidth, innerHeight]", vec![])).unwrap();
    b.set_window_size(2 * 1280 - inner.0, 2 * 720 - inner.1);
    std::thread::sleep(std::time::Duration::from_millis(800));
    let v = b.exec("const r = (css) => { const e = document.querySelector(css); if (!e) return css + ' missing'; const b = e.getBoundingClientRect(); return css + ' ' + [b.left, b.top, b.right, b.bottom].map(Math.round).join(','); };
      return [[...document.querySelectorAll('.stepper-main .writes *')].filter(e => e.getBoundingClientRect().width > 110).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width)), innerWidth, innerHeight, r('.stepper-main'), r('.stepper-main .step-card'), r('.stepper-main .step-card .writes table'), r('.stepper-main .step-card .writes'), r('.stepper-main .step-card .reads'), r('.stepper-main .step-card .operands'), r('.stepper-main .step-card .arrow'), [...document.querySelectorAll('.stepper-main .reads figure')].map(f => f.getBoundingClientRect().width), getComputedStyle(document.querySelector('.stepper-main td')).fontSize, document.querySelectorAll('.stepper-main .step-card').length];", vec![]);
    println!("{v:#}");
    b.screenshot("probe");
}
