//! Entry point of the web app: installs the panic hook, then mounts [`backprop_lab::App`].

fn main() {
    backprop_lab::start();
}
