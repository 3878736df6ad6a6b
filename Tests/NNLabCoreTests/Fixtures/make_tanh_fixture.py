#!/usr/bin/env python3
"""Writes tanh_reference.json: inputs and numpy's np.tanh of them, both as IEEE-754 bit
patterns (16 hex digits), so the comparison in VectorMathTests is exact to the ulp.

Inputs: the lecture's range (pre-activations of init xavier/small/big: normals at scales
0.01, 1, 10, 30), a grid over [-20, 20], tiny values near 0 and the signed zeros.
    python3 make_tanh_fixture.py > tanh_reference.json
"""
import json, struct, sys
import numpy as np

rng = np.random.RandomState(12)
xs = np.concatenate([
    rng.randn(4000) * 0.01, rng.randn(4000), rng.randn(4000) * 10, rng.randn(2000) * 30,
    np.linspace(-20, 20, 4001), np.array([1e-300, -1e-300, 1e-8, -1e-8, 2.0 ** -30, 0.0, -0.0, 0.5, 19.0, 22.0, 710.0]),
])
ys = np.tanh(xs)
bits = lambda a: [struct.pack(">d", float(v)).hex() for v in a]
json.dump({"numpy_version": np.__version__, "x": bits(xs), "tanh": bits(ys)}, sys.stdout)
