//! The page's components. [`App`] owns the state (language, settings) and hands it down.

mod app;
mod data_plot;
mod field;
mod header;
mod settings_panel;

pub use app::App;
