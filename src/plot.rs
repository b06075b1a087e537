//! Charts drawn with plotters. Each drawing function is pure and generic over the backend:
//! the page hands it a [`canvas::Canvas`], and tests can hand it any other.

mod axis;
pub mod canvas;
pub mod curves;
pub mod figure;
pub mod regions;
pub mod scatter;
