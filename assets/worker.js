// Backprop Lab's Web Worker (a module worker, started by the page from this file): loads the
// worker's wasm module (crates/worker), whose main function then takes the page's messages.
// If the module cannot load, the page is told (the message Failed, see crates/engine's
// protocol) and trains on its own thread instead.
import init from "./backprop-lab-worker.js";

init().catch((error) => {
  console.error("backprop-lab-worker could not load", error);
  self.postMessage([Float64Array.of(4), undefined]);
});
