//! The page's components. [`App`] owns the state (language, settings) and hands it down.

mod app;
mod data_plot;
mod example_chooser;
mod field;
mod header;
mod matrix_view;
mod settings_panel;
mod step_card;
mod stepper_panel;

pub use app::App;
