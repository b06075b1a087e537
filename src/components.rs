//! The page's components. [`App`] owns the state (language, settings) and hands it down.

mod app;
mod case_panel;
mod data_plot;
mod example_chooser;
mod field;
mod grad_check;
mod header;
mod matrix_view;
mod mistakes_panel;
mod settings_panel;
mod step_card;
mod stepper_panel;

pub use app::App;
