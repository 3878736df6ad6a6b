#!/usr/bin/env python3
"""Writes numpy_reference.json: numbers drawn by numpy's legacy np.random after np.random.seed(n),
and reductions computed by numpy, for the Swift tests to compare against without Python.

Run from this folder: python3 make_numpy_fixtures.py   (numpy 2.x; the legacy stream is frozen,
so any numpy version gives the same numbers)."""
import json
import numpy as np


def draws(seed):
    out = {"seed": seed}
    np.random.seed(seed); out["rand"] = np.random.rand(25).tolist()
    np.random.seed(seed); out["randn"] = np.random.randn(25).tolist()
    # The polar method caches its second value: rand() in between must not disturb the cache.
    np.random.seed(seed)
    out["mixed"] = [np.random.randn(), np.random.rand(), np.random.randn(), np.random.randn(), np.random.rand()]
    out["mixed"] = [float(x) for x in out["mixed"]]
    np.random.seed(seed); out["randint_0_10"] = np.random.randint(0, 10, 25).tolist()
    np.random.seed(seed); out["randint_m5_1000000"] = np.random.randint(-5, 1000000, 25).tolist()
    np.random.seed(seed); out["randint_0_2pow40"] = np.random.randint(0, 2**40, 10).tolist()
    np.random.seed(seed); out["permutation_10"] = np.random.permutation(10).tolist()
    np.random.seed(seed); out["permutation_1000"] = np.random.permutation(1000).tolist()
    # The lecture's init experiment draws randn(1000, 500) first: check a late element and the stats.
    np.random.seed(seed)
    X = np.random.randn(1000, 500)
    out["randn_1000x500"] = {"first": X[0, :5].tolist(), "last": X[-1, -5:].tolist(),
                             "mean": float(np.mean(X)), "std": float(np.std(X))}
    return out


def reductions():
    np.random.seed(7)
    A = np.random.randn(6, 4) * 3 + 1
    return {"A": A.tolist(), "sum": float(A.sum()), "mean": float(A.mean()), "std": float(A.std()),
            "sum0": A.sum(axis=0).tolist(), "sum1": A.sum(axis=1).tolist(),
            "mean0": A.mean(axis=0).tolist(), "std0": A.std(axis=0).tolist(), "std1": A.std(axis=1).tolist(),
            "argmax1": A.argmax(axis=1).tolist()}


ref = {"numpy_version": np.__version__, "draws": [draws(s) for s in (0, 1, 42, 2**32 - 1)],
       "reductions": reductions()}
with open("numpy_reference.json", "w") as f:
    json.dump(ref, f, indent=1)
    f.write("\n")
