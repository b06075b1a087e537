#!/usr/bin/env python3
"""Writes assets/digits.bin, the page's copy of the 8x8 handwritten digits.

Source: the UCI "Optical Recognition of Handwritten Digits" data set (E. Alpaydin, C. Kaynak,
1998; CC BY 4.0), as scikit-learn ships it in sklearn/datasets/data/digits.csv.gz: 1797 rows of
64 pixels (0..16) and the digit. Get that file from the scikit-learn wheel of the Python package
registry, e.g.

    pip download scikit-learn --no-deps --only-binary=:all: -d /tmp/skl
    unzip -o /tmp/skl/*.whl 'sklearn/datasets/data/digits.csv.gz' -d /tmp/skl
    python3 tools/digits.py /tmp/skl/sklearn/datasets/data/digits.csv.gz

The output has one record of 65 bytes per image, in the same order: the 64 pixels, then the
digit (the format crates/mlp/src/dataset/digits.rs reads). Its class counts and total ink are
pinned by a test in src/data.rs. SHA-256 of the file this wrote:
68aea062d35a127749050fa0e52dca09d6569ac08092c925610e0954e172dde2.
"""
import gzip
import sys
from pathlib import Path

source = sys.argv[1]
out = bytearray()
with gzip.open(source, "rt") as rows:
    for line in rows:
        if not line.strip():
            continue
        values = [int(float(v)) for v in line.split(",")]
        assert len(values) == 65, f"a row of {len(values)} values"
        assert all(0 <= p <= 16 for p in values[:64]) and 0 <= values[64] <= 9
        out += bytes(values)
target = Path(__file__).resolve().parent.parent / "assets" / "digits.bin"
target.write_bytes(out)
print(f"{len(out) // 65} images, {len(out)} bytes -> {target}")
