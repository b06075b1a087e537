//! Connects the lab to the page's state: the trainer is rebuilt when what it trains changes
//! (data, shape, initial weights) and reconfigured in place when only η, λ, K, the speed or
//! the mistakes change, so those never interrupt training.

use super::{Edits, Lab, Setup};
use crate::data::DataKey;
use crate::settings::Settings;
use leptos::prelude::*;
use mlp::{Data, Mistakes, Params, TrainConfig};

/// The page's state the lab follows.
pub struct Inputs {
    pub settings: RwSignal<Settings>,
    /// The data set's key and its data (the last valid ones).
    pub key: Memo<DataKey>,
    pub shown: Memo<Data>,
    /// The initial parameters for the current shape, seed and re-initialization count.
    pub initial: Memo<Option<Params>>,
    pub mistakes: RwSignal<Mistakes>,
    pub edits: RwSignal<Edits>,
}

/// The training configuration the settings ask for.
pub fn config(s: &Settings) -> TrainConfig {
    TrainConfig { eta: s.eta, batch_size: s.batch_size, penalty: s.penalty, rule: s.rule, seed: s.seed }
}

/// Creates the lab and its effects; returns it with the data it trains on (the generated
/// split with the clicked edits applied, or the table's).
pub fn connect(inputs: Inputs) -> (Lab, Memo<Data>) {
    let Inputs { settings, key, shown, initial, mistakes, edits } = inputs;
    let lab = Lab::new();
    let data = Memo::new(move |_| {
        let key = key.get();
        shown.with(|data| match data {
            Data::Plane(split) => Data::Plane(edits.with(|e| e.apply(key, split))),
            table => table.clone(),
        })
    });
    let features = Memo::new(move |_| settings.with(|s| s.features));
    let train_config = Memo::new(move |_| settings.with(config));
    let speed = Memo::new(move |_| settings.with(|s| s.speed));
    // A new trainer when the data, the features or the initial weights change.
    Effect::new(move |_| {
        lab.resets.track();
        let features = features.get();
        let Some(params) = initial.get() else { return };
        let (config, mistakes) = (train_config.get_untracked(), mistakes.get_untracked());
        let data = data.get();
        // While chosen digits are on their way the data are still the previous set's, which
        // the new network's d does not fit: the trainer waits for them.
        if data.dim(features) != params.shape().d {
            return;
        }
        lab.rebuild(Setup { params, config, features, data, mistakes });
    });
    // η, λ, K and the mistakes: the same trainer goes on with them.
    Effect::new(move |_| lab.configure(train_config.get(), mistakes.get()));
    Effect::new(move |_| lab.set_speed(speed.get()));
    (lab, data)
}
