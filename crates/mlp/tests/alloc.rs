//! The training loop allocates nothing on the heap after warm-up.
//!
//! A counting global allocator (this test binary only) counts the allocations made by *this*
//! thread while counting is switched on; the checks run in a single `#[test]` so no other test
//! runs at the same time.

use mlp::Penalty;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use mlp::batch::Workspace;
use mlp::map::{DecisionMap, LEVELS};
use mlp::train::StepKernel;
use mlp::{Feature, FeatureSet, Params, Shape, TrainConfig, Trainer};
use rand::SeedableRng;
use rand_pcg::Pcg64;
use nalgebra::DMatrix;

mod fixture;

use fixture::{moons_trainer, moons_trainer_with, MOONS_CONFIG};

/// Wraps the system allocator and counts `alloc`, `alloc_zeroed` and `realloc` calls.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn note_allocation() {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to `System`; counting has no effect on memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Number of heap allocations made by this thread while running `f`.
fn allocations<R>(f: impl FnOnce() -> R) -> (usize, R) {
    ALLOCATIONS.store(0, Ordering::Relaxed);
    COUNTING.with(|c| c.set(true));
    let result = f();
    COUNTING.with(|c| c.set(false));
    (ALLOCATIONS.load(Ordering::Relaxed), result)
}

/// Two moons, 320 training examples, a d_h-unit network, minibatches of K; one warm-up epoch.
fn warm_trainer(d_h: usize, batch_size: usize, eta: f64) -> Trainer {
    let config = TrainConfig {
        eta,
        batch_size,
        ..MOONS_CONFIG
    };
    let mut trainer = moons_trainer_with(9, 400, d_h, config);
    trainer.run_epoch().unwrap();
    trainer
}

/// Steps, epoch ends (evaluation, history push, reshuffle) and the trainer's other hot calls.
fn training_allocations(d_h: usize, batch_size: usize) {
    let mut trainer = warm_trainer(d_h, batch_size, 0.05);
    let epochs_before = trainer.epoch();
    let (count, ()) = allocations(|| {
        for _ in 0..1000 {
            trainer.step_example().unwrap();
        }
        for _ in 0..1000 {
            trainer.step_minibatch().unwrap();
        }
        for _ in 0..3 {
            trainer.run_epoch().unwrap();
        }
        trainer.train_examples(500).unwrap();
        trainer.evaluate();
        trainer.set_eta(0.02).unwrap();
        trainer.set_penalty(Penalty::NONE).unwrap();
        trainer.set_batch_size(1).unwrap(); // smaller than the workspace: no growth
        trainer.step_minibatch().unwrap();
    });
    assert!(
        trainer.epoch() >= epochs_before + 6,
        "the run must cross several epoch ends"
    );
    assert_eq!(
        count, 0,
        "d_h = {d_h}, K = {batch_size}: {count} heap allocations while training"
    );
}

/// A trainer that has diverged refuses steps without allocating either.
fn divergence_allocations() {
    let config = TrainConfig {
        eta: 50.0,
        ..MOONS_CONFIG
    };
    let mut trainer = moons_trainer(2, config);
    let (count, diverged) = allocations(|| {
        let first = (0..2000).find_map(|_| trainer.step_minibatch().err());
        let again = trainer.step_example().err();
        (first, again)
    });
    assert!(
        diverged.0.is_some() && diverged.0 == diverged.1,
        "{diverged:?}"
    );
    assert_eq!(count, 0, "{count} heap allocations while diverging");
}

/// The workspace's gradient and evaluation, called directly.
fn workspace_allocations() {
    let trainer = warm_trainer(64, 100, 0.05);
    let params = trainer.params();
    let set = trainer.train_set();
    let mut workspace = Workspace::new(params.shape(), 100);
    let mut grads = Params::zeros(params.shape());
    let rows: Vec<usize> = (0..set.len()).rev().collect();
    workspace.gradient(params, &set.xs, &set.ys, &rows[..100], Penalty::weight_decay(1e-4), &mut grads); // warm-up
                                                                                  // The decision plane: a 100 x 100 grid of points, probabilities into a [10000 x m] buffer.
    let grid = DMatrix::from_fn(10_000, 2, |i, j| {
        let (row, col) = (i / 100, i % 100);
        -2.5 + 0.05 * [col, row][j] as f64
    });
    let mut probabilities = DMatrix::zeros(10_000, 2);
    let (count, total) = allocations(|| {
        let mut total = 0.0;
        for chunk in rows.chunks(100).chain(rows.chunks(1).take(50)) {
            total += workspace.gradient(params, &set.xs, &set.ys, chunk, Penalty::weight_decay(1e-4), &mut grads);
        }
        for _ in 0..20 {
            total += workspace.evaluate(params, &set.xs, &set.ys).0;
            total += workspace.dead_units(params, &set.xs).unwrap() as f64;
        }
        for _ in 0..3 {
            workspace.predict_into(params, &grid, &mut probabilities);
        }
        total
    });
    assert!(total.is_finite());
    assert!(probabilities.iter().all(|p| (0.0..=1.0).contains(p)));
    assert_eq!(
        count, 0,
        "{count} heap allocations in Workspace::gradient/evaluate/dead_units/predict_into"
    );
}

/// The decision map repaints (every frame while training) and the step kernel, called directly.
fn map_and_kernel_allocations() {
    let trainer = warm_trainer(64, 10, 0.05);
    let params = trainer.params();
    let features = FeatureSet::new(&Feature::ALL).expect("every feature");
    let shape = Shape::new(features.d(), 64, 3).expect("shape");
    let wide = Params::init(shape, &mut Pcg64::seed_from_u64(1));
    let palette: Vec<[u8; 4]> = (0..3 * LEVELS).map(|i| [(i / LEVELS) as u8, 0, 0, 255]).collect();
    let mut map = DecisionMap::new(203, 101, features, shape);
    let mut plain = DecisionMap::new(64, 64, FeatureSet::default(), params.shape());
    let mut kernel = StepKernel::new(params.shape());
    let set = trainer.train_set();
    let rows: Vec<usize> = (0..set.len()).collect();
    let (count, total) = allocations(|| {
        let mut total = 0.0;
        for _ in 0..3 {
            total += f64::from(map.paint(&wide, &palette)[0]);
            total += f64::from(plain.paint(params, &palette)[0]);
        }
        kernel.load(params);
        for chunk in rows.chunks(10) {
            total += kernel.step(&set.xs, &set.ys, chunk, 0.1, Penalty::weight_decay(1e-4)).loss;
        }
        total
    });
    assert!(total.is_finite());
    assert_eq!(count, 0, "{count} heap allocations in DecisionMap::paint / StepKernel::step");
}

#[test]
fn training_allocates_nothing_after_warm_up() {
    // The counter is sanity-checked first: a Vec must be seen.
    let (count, v) = allocations(|| vec![1u8; 16]);
    assert_eq!(
        (count, v.len()),
        (1, 16),
        "the counting allocator does not count"
    );

    training_allocations(16, 10);
    training_allocations(64, 1);
    training_allocations(64, 100);
    divergence_allocations();
    workspace_allocations();
    map_and_kernel_allocations();
}
