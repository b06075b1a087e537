//! The page's components. [`App`] owns the state (language, settings) and hands it down.

mod app;
pub mod case_panel;
mod curves_panel;
mod csv_tools;
mod click_tools;
mod data_plot;
mod example_chooser;
mod field;
mod grad_check;
mod header;
pub(crate) mod homework_marks;
mod lab_panel;
mod matrix_view;
mod mistakes_panel;
pub(crate) mod presenter_tools;
mod region_layer;
mod penalty_fields;
pub mod pins_panel;
mod rule_fields;
pub mod rule_state;
mod settings_panel;
mod shortcuts;
mod step_card;
mod stepper_panel;
mod table_views;
mod weights_tools;
mod url_notices;
mod visibility;
mod your_value;

pub use app::App;
pub use curves_panel::CurvesPanel;
pub use table_views::{FocusedUnit, ImageInputs};
