//! Backprop Lab's Web Worker: the [`engine`] on its own thread, so that training and the
//! decision map never hold up the page's drawing and answering.
//!
//! The page posts [`Message::Commands`]; each is applied at once and answered with one
//! [`Message::Snapshot`], with the decision map's pixels (when the network changed) as a
//! transferred `Uint8ClampedArray`. Between messages, while playing, the engine trains in
//! slices of [`SLICE_MS`], waking itself through a `MessageChannel` (no 4 ms clamp, unlike a
//! chain of `setTimeout`), so a command waits at most one slice. When a slice has done all its
//! pace asks (a set speed, the teaching pace's first epochs), it sleeps a frame before the
//! next instead of spinning.
//!
//! Each message is `[numbers, pixels]`: a `Float64Array` of the encoded message and, when it
//! carries a map, its RGBA bytes. Both are copies, never views into this module's memory, and
//! both are transferred. The page gives each map buffer back with its next commands, and the
//! next map is written into it: no 600 KB of garbage a frame.

mod page;

use engine::protocol::{decode_commands, encode_reply, Message};
use engine::{Engine, Status};
use js_sys::{Array, Float64Array, Uint8ClampedArray};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent, MessagePort};

/// Milliseconds of training between two looks at the message queue.
const SLICE_MS: f64 = 4.0;
/// At a set speed, the pause between slices (about a display frame).
const PACED_MS: i32 = 15;

struct Worker {
    engine: Engine,
    scope: DedicatedWorkerGlobalScope,
    /// Posting to this port runs `tick` as soon as the message queue is empty.
    wake: MessagePort,
    /// `tick` runs `tick_closure`; kept for `setTimeout`.
    tick: Option<js_sys::Function>,
    /// A slice is scheduled.
    ticking: bool,
    last_slice: f64,
    /// A map buffer the page gave back, for the next map.
    spare: Option<Uint8ClampedArray>,
    /// While playing, the map painted after the last answer, for the next one: the page's
    /// frame then gets its answer at once instead of after a paint (12 ms at d_h = 64), and the
    /// regions it shows are one frame older than the numbers.
    painted: Option<(Uint8ClampedArray, usize, usize)>,
    /// A map is to be painted before the next slice.
    paint_due: bool,
    /// How long the last map took to paint, and when it ended (ms): while playing, maps get
    /// at most half of this thread's time (see `answer_with_painted`).
    paint_ms: f64,
    painted_at: f64,
    numbers: Vec<f64>,
}

fn main() {
    // Imported by the page (its fallback, see `page`): nothing to start.
    if js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>().is_err() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("backprop-lab-worker: {info}").into());
        post_failed();
    }));
    if let Err(error) = start() {
        web_sys::console::error_2(&"backprop-lab-worker could not start".into(), &error);
        post_failed();
    }
}

/// Tells the page this worker cannot go on (it then trains on its own thread).
fn post_failed() {
    if let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
        let mut encoded = Vec::new();
        encode_reply(&Message::Failed, &mut encoded);
        let numbers = Float64Array::from(encoded.as_slice());
        let _ = scope.post_message(&Array::of2(&numbers, &JsValue::UNDEFINED));
    }
}

fn start() -> Result<(), JsValue> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
    let channel = MessageChannel::new()?;
    let worker = Rc::new(RefCell::new(Worker {
        engine: Engine::new(),
        scope: scope.clone(),
        wake: channel.port2(),
        tick: None,
        ticking: false,
        last_slice: 0.0,
        spare: None,
        painted: None,
        paint_due: false,
        paint_ms: 0.0,
        painted_at: f64::NEG_INFINITY,
        numbers: Vec::new(),
    }));
    let on_message = {
        let worker = worker.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| worker.borrow_mut().receive(&event, &worker))
    };
    let on_tick = {
        let worker = worker.clone();
        Closure::<dyn FnMut()>::new(move || Worker::slice(&worker))
    };
    worker.borrow_mut().tick = Some(on_tick.as_ref().unchecked_ref::<js_sys::Function>().clone());
    channel.port1().set_onmessage(Some(on_tick.as_ref().unchecked_ref()));
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // They live as long as the worker.
    on_message.forget();
    on_tick.forget();
    worker.borrow().post(&Message::Ready, None)?;
    Ok(())
}

impl Worker {
    fn now(&self) -> f64 {
        self.scope.performance().map_or(0.0, |p| p.now())
    }

    /// A message from the page: commands (and a map buffer given back), answered at once.
    fn receive(&mut self, event: &MessageEvent, this: &Rc<RefCell<Worker>>) {
        let parts = Array::from(&event.data());
        if let Ok(pixels) = parts.get(1).dyn_into::<Uint8ClampedArray>() {
            self.spare = Some(pixels);
        }
        let Ok(numbers) = parts.get(0).dyn_into::<Float64Array>() else {
            return fail("a message without numbers");
        };
        self.numbers.resize(numbers.length() as usize, 0.0);
        numbers.copy_to(&mut self.numbers);
        let poll = match decode_commands(&self.numbers) {
            Ok(commands) => {
                let poll = commands.is_empty();
                for command in commands {
                    self.engine.apply(command);
                }
                poll
            }
            Err(error) => return fail(&error.to_string()),
        };
        let playing = self.engine.status() == &Status::Playing;
        let answered = match poll && playing {
            true => self.answer_with_painted(),
            false => self.answer(),
        };
        if let Err(error) = answered {
            web_sys::console::error_2(&"backprop-lab-worker could not answer".into(), &error);
            return post_failed();
        }
        if self.engine.status() == &Status::Playing && !self.ticking {
            self.ticking = true;
            self.last_slice = self.now();
            self.schedule(this, 0);
        }
    }

    /// Posts a snapshot, with the decision map of its network when the network changed (after
    /// commands: a step, new settings, a new map size).
    fn answer(&mut self) -> Result<(), JsValue> {
        self.painted = None;
        self.paint_due = false;
        let mut snapshot = self.engine.snapshot();
        let pixels = self.paint().map(|(pixels, width, height)| {
            snapshot.map = Some((width, height));
            pixels
        });
        self.post(&Message::Snapshot(Box::new(snapshot)), pixels)
    }

    /// While playing, a frame's request: a snapshot with the map painted since the last one;
    /// the next map is painted before training goes on — every frame while a map takes less
    /// than half a frame, else as soon as training has had as much time as the last map took
    /// (a large network's regions then move at a lower rate, and training keeps half the time).
    fn answer_with_painted(&mut self) -> Result<(), JsValue> {
        let mut snapshot = self.engine.snapshot();
        let pixels = self.painted.take().map(|(pixels, width, height)| {
            snapshot.map = Some((width, height));
            pixels
        });
        if self.now() - self.painted_at >= self.paint_ms {
            self.paint_due = true;
        }
        self.post(&Message::Snapshot(Box::new(snapshot)), pixels)
    }

    /// The map of the current network, in the page's last buffer when it fits; `None` when
    /// nothing changed or no map is asked for.
    fn paint(&mut self) -> Option<(Uint8ClampedArray, usize, usize)> {
        let spare = self.spare.take();
        let Some((width, height, rgba)) = self.engine.paint_map() else {
            self.spare = spare;
            return None;
        };
        let buffer = spare.filter(|b| b.length() as usize == rgba.len()).unwrap_or_else(|| Uint8ClampedArray::new_with_length(rgba.len() as u32));
        buffer.copy_from(rgba);
        Some((buffer, width, height))
    }

    fn post(&self, message: &Message, pixels: Option<Uint8ClampedArray>) -> Result<(), JsValue> {
        let mut encoded = Vec::new();
        encode_reply(message, &mut encoded);
        let numbers = Float64Array::from(encoded.as_slice());
        let transfer = Array::of1(&numbers.buffer());
        let pixels = match pixels {
            Some(p) => {
                transfer.push(&p.buffer());
                JsValue::from(p)
            }
            None => JsValue::UNDEFINED,
        };
        self.scope.post_message_with_transfer(&Array::of2(&numbers, &pixels), &transfer)
    }

    /// Runs the next slice after `delay_ms` (0: as soon as the message queue is empty).
    fn schedule(&self, _this: &Rc<RefCell<Worker>>, delay_ms: i32) {
        let scheduled = match (delay_ms, self.tick.as_ref()) {
            (0, _) => self.wake.post_message(&JsValue::UNDEFINED),
            (ms, Some(tick)) => self.scope.set_timeout_with_callback_and_timeout_and_arguments_0(tick, ms).map(|_| ()),
            (_, None) => Err(JsValue::UNDEFINED),
        };
        if scheduled.is_err() {
            post_failed();
        }
    }

    /// One slice of training, then the next one while playing.
    fn slice(this: &Rc<RefCell<Worker>>) {
        let mut worker = this.borrow_mut();
        if worker.paint_due {
            worker.paint_due = false;
            let start = worker.now();
            let painted = worker.paint();
            if painted.is_some() {
                worker.painted = painted;
                worker.painted_at = worker.now();
                worker.paint_ms = worker.painted_at - start;
            }
        }
        let now = worker.now();
        let dt = now - worker.last_slice;
        worker.last_slice = now;
        let scope = worker.scope.clone();
        let clock = move || scope.performance().map_or(0.0, |p| p.now());
        let playing = worker.engine.train(dt, SLICE_MS, &clock);
        if !playing {
            worker.ticking = false;
            return;
        }
        let delay = if worker.engine.caught_up() { PACED_MS } else { 0 };
        worker.schedule(this, delay);
    }
}

/// A message the engine cannot read: a bug, or a page of another build. The page falls back.
fn fail(why: &str) {
    web_sys::console::error_1(&format!("backprop-lab-worker: {why}").into());
    post_failed();
}
