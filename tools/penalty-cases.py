#!/usr/bin/env python3
"""Reference values for the full penalty (math.md, "The full penalty"), by automatic
differentiation with autograd (PyPI: numpy, autograd), independently of the Rust code.

    python3 -m venv /tmp/ad && /tmp/ad/bin/pip install numpy autograd
    /tmp/ad/bin/python tools/penalty-cases.py > crates/mlp/tests/fixtures/penalty_cases.json

Each case: d, d_h, m, the four coefficients l11, l12, l21, l22, params (some weights exactly 0,
where |w| has its corner), one example (x, y), the forward values, the gradients of L alone and
of R̃ = L + l11 Σ|W1| + l12 Σ W1² + l21 Σ|W2| + l22 Σ W2² (biases not penalised). autograd takes
the derivative of |w| at 0 as 0, the sign(0) = 0 of math.md; the ReLU is written with `where`, so
its derivative at 0 is 0 too.
"""
import json

import autograd.numpy as np
from autograd import grad
from numpy.random import default_rng


def forward(W1, b1, W2, b2, x, y):
    h_a = W1 @ x + b1
    h_s = np.where(h_a > 0, h_a, 0.0)
    o_a = W2 @ h_s + b2
    shifted = o_a - np.max(o_a)
    log_z = np.log(np.sum(np.exp(shifted)))
    loss = log_z - shifted[y]
    return h_a, h_s, o_a, np.exp(shifted - log_z), loss


def penalty(W1, W2, l):
    return (l[0] * np.sum(np.abs(W1)) + l[1] * np.sum(W1 ** 2)
            + l[2] * np.sum(np.abs(W2)) + l[3] * np.sum(W2 ** 2))


def case(seed, d, d_h, m, l, zeros, note):
    rng = default_rng(seed)
    W1 = rng.uniform(-1, 1, (d_h, d)) / np.sqrt(d)
    W2 = rng.uniform(-1, 1, (m, d_h)) / np.sqrt(d_h)
    for (layer, i, j) in zeros:
        (W1 if layer == 1 else W2)[i, j] = 0.0
    b1, b2 = rng.uniform(-0.5, 0.5, d_h), rng.uniform(-0.5, 0.5, m)
    x, y = rng.uniform(-2, 2, d), int(rng.integers(0, m))

    def loss_of(W1, b1, W2, b2, x):
        return forward(W1, b1, W2, b2, x, y)[4]

    def objective(W1, b1, W2, b2):
        return loss_of(W1, b1, W2, b2, x) + penalty(W1, W2, l)

    h_a, h_s, o_a, o_s, loss = forward(W1, b1, W2, b2, x, y)
    # ∂L/∂o_a, ∂L/∂h_s, ∂L/∂h_a as autograd sees them, through functions of that quantity
    g_oa = grad(lambda o: np.log(np.sum(np.exp(o - np.max(o)))) - (o - np.max(o))[y])(o_a)
    g_hs = grad(lambda h: loss_of_hidden(h, W2, b2, y))(h_s)
    g_ha = grad(lambda a: loss_of_hidden(np.where(a > 0, a, 0.0), W2, b2, y))(h_a)
    plain = [grad(loss_of, k)(W1, b1, W2, b2, x) for k in range(5)]
    regularized = [grad(objective, k)(W1, b1, W2, b2) for k in range(4)]
    rows = lambda a: a.tolist()
    return {
        "seed": seed, "note": note, "d": d, "d_h": d_h, "m": m,
        "l11": l[0], "l12": l[1], "l21": l[2], "l22": l[3],
        "params": {"W1": rows(W1), "b1": rows(b1), "W2": rows(W2), "b2": rows(b2)},
        "x": rows(x), "y": y,
        "forward": {"h_a": rows(h_a), "h_s": rows(h_s), "o_a": rows(o_a), "o_s": rows(o_s),
                    "loss": float(loss), "regularized_loss": float(loss + penalty(W1, W2, l))},
        "gradients": {"o_a": rows(g_oa), "W2": rows(plain[2]), "b2": rows(plain[3]),
                      "h_s": rows(g_hs), "h_a": rows(g_ha), "W1": rows(plain[0]),
                      "b1": rows(plain[1]), "x": rows(plain[4])},
        "regularized_gradients": {"W1": rows(regularized[0]), "b1": rows(regularized[1]),
                                  "W2": rows(regularized[2]), "b2": rows(regularized[3])},
    }


def loss_of_hidden(h_s, W2, b2, y):
    o_a = W2 @ h_s + b2
    shifted = o_a - np.max(o_a)
    return np.log(np.sum(np.exp(shifted))) - shifted[y]


CASES = [
    (101, 2, 3, 2, [0.05, 0.0, 0.0, 0.0], [(1, 0, 1)], "L1 on W1 only, one W1 weight at 0"),
    (102, 2, 4, 3, [0.01, 0.02, 0.03, 0.04], [(1, 1, 0), (2, 2, 3)], "all four, a zero in each layer"),
    (103, 3, 5, 4, [0.0, 0.1, 0.2, 0.0], [(2, 0, 0), (2, 3, 4)], "L2 on W1, L1 on W2"),
    (104, 1, 2, 2, [0.3, 0.0, 0.3, 0.0], [(1, 0, 0), (2, 1, 1)], "L1 only, large, zeros"),
    (105, 4, 6, 5, [0.001, 0.0001, 0.002, 0.0003], [], "small coefficients, no zero"),
    (106, 2, 3, 2, [0.0, 0.01, 0.0, 0.01], [(1, 2, 1)], "the seed's weight decay as l12 = l22"),
    (107, 5, 8, 10, [0.02, 0.005, 0.07, 0.001], [(1, 0, 0), (1, 7, 4), (2, 9, 7), (2, 0, 3)], "ten classes"),
]

if __name__ == "__main__":
    about = ("Reference values for the full penalty of math.md, by automatic differentiation "
             "(autograd, float64; tools/penalty-cases.py). R̃ = L + l11 Σ|W1| + l12 ΣW1² + "
             "l21 Σ|W2| + l22 ΣW2²; d|w|/dw at 0 is 0.")
    cases = [case(*c) for c in CASES]
    print(json.dumps({"about": about, "cases": cases}, indent=1, ensure_ascii=False))
