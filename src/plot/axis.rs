//! One axis type for every chart and both its axes, linear or logarithmic. plotters' chart code (mesh, labels,
//! series) is generic over the axis types: with a linear and a log `ChartContext` the page
//! carried two copies of it (16 KB of wasm, 6 KB gzipped). [`Axis`] only forwards to plotters'
//! own axes, so what is drawn is exactly what `lo..hi` or `(lo..hi).log_scale()` would draw.

use plotters::coord::combinators::LogCoord;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::IntoLogRange;
use std::ops::Range;

/// An axis over f64: plotters' linear axis or its logarithmic one.
pub enum Axis {
    Linear(RangedCoordf64),
    Log(LogCoord<f64>),
}

impl Axis {
    /// The linear axis of `range`, as `build_cartesian_2d(…, range)` makes it.
    pub fn linear(range: Range<f64>) -> Self {
        Axis::Linear(range.into())
    }

    /// The logarithmic axis of `range`, as `build_cartesian_2d(…, range.log_scale())` makes it.
    pub fn log(range: Range<f64>) -> Self {
        Axis::Log(range.log_scale().into())
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        match self {
            Axis::Linear(axis) => axis.map(value, limit),
            Axis::Log(axis) => axis.map(value, limit),
        }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        match self {
            Axis::Linear(axis) => axis.key_points(hint),
            Axis::Log(axis) => axis.key_points(hint),
        }
    }

    fn range(&self) -> Range<f64> {
        match self {
            Axis::Linear(axis) => axis.range(),
            Axis::Log(axis) => axis.range(),
        }
    }

    fn axis_pixel_range(&self, limit: (i32, i32)) -> Range<i32> {
        match self {
            Axis::Linear(axis) => axis.axis_pixel_range(limit),
            Axis::Log(axis) => axis.axis_pixel_range(limit),
        }
    }
}

impl ValueFormatter<f64> for Axis {
    fn format_ext(&self, value: &f64) -> String {
        match self {
            Axis::Linear(axis) => axis.format_ext(value),
            Axis::Log(axis) => axis.format_ext(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::coord::ranged1d::{BoldPoints, LightPoints};

    /// `ours` answers exactly as `theirs`: pixels, key points, range and labels.
    fn same<R: Ranged<ValueType = f64> + ValueFormatter<f64>>(ours: &Axis, theirs: &R) {
        let limit = (17, 311);
        let range = theirs.range();
        assert_eq!(ours.range(), range);
        assert_eq!(ours.axis_pixel_range(limit), theirs.axis_pixel_range(limit));
        assert_eq!(ours.key_points(BoldPoints(10)), theirs.key_points(BoldPoints(10)));
        assert_eq!(ours.key_points(LightPoints::new(10, 100)), theirs.key_points(LightPoints::new(10, 100)));
        for v in theirs.key_points(BoldPoints(10)).iter().chain([&range.start, &range.end, &0.123]) {
            assert_eq!(ours.map(v, limit), theirs.map(v, limit));
            assert_eq!(ours.format_ext(v), theirs.format_ext(v));
        }
    }

    #[test]
    fn forwards_to_plotters_axes() {
        for range in [0.0..1.0, 0.0..0.37, -2.5..2.5, 0.0..1234.5] {
            same(&Axis::linear(range.clone()), &RangedCoordf64::from(range));
        }
        for range in [1e-3..2.0, 0.004..0.9, 0.05..150.0] {
            same(&Axis::log(range.clone()), &LogCoord::from(range.log_scale()));
        }
    }
}
