#!/usr/bin/env python3
"""Writes seed_array_reference.json: numbers numpy's legacy generator draws after
np.random.RandomState([seed, i]) (MT19937 init_by_array), for the Swift tests of
NumpyRandom(seedArray:) and NumpyRandom(seed:stream:).

Run from this folder: python3 make_seed_array_fixtures.py   (numpy 2.x; the legacy stream is frozen)."""
import json
import numpy as np

KEYS = [[0, 0], [0, 1], [0, 2], [42, 7], [4294967295, 123456789], [5], [1, 2, 3, 4, 5],
        list(range(700))]  # longer than the 624-word state: the first loop runs over the key


def draws(key):
    out = {"key": key}
    r = np.random.RandomState(key); out["rand"] = r.rand(10).tolist()
    r = np.random.RandomState(key); out["randn"] = r.randn(11).tolist()
    r = np.random.RandomState(key); out["randint_0_10"] = r.randint(0, 10, 10).tolist()
    r = np.random.RandomState(key); out["uint32"] = [int(v) for v in r.randint(0, 2**32, 5, dtype=np.uint64)]
    r = np.random.RandomState(key); out["state_words"] = [int(v) for v in r.get_state()[1][:8]]
    return out


if __name__ == "__main__":
    with open("seed_array_reference.json", "w") as f:
        json.dump({"numpy": np.__version__, "cases": [draws(k) for k in KEYS]}, f, indent=1)
