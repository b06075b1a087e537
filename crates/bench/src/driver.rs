//! The native driver's parts: the WebDriver client, the runs in headless Chromium, the
//! transfer sizes and the printed report.

pub mod pages;
pub mod report;
pub mod sizes;
pub mod webdriver;
