#!/usr/bin/env python3
"""Writes data_reference.json: the generated point sets drawn with numpy after np.random.seed(s)
(the points in drawing order, then the permutation that splits them), and the shipped digits'
fixed split (np.random.seed(0); permutation(1797); 60/20/20) with the training part's statistics
after scaling pixels by 1/16. The Swift tests compare `data` with these numbers.

Run from this folder: python3 make_data_fixtures.py"""
import json
import os
import numpy as np


def spiral(N, K, s):
    # CS231n's spiral: K arms, radius linspace(0, 1, N), angle linspace(4j, 4(j+1), N) + noise.
    X = np.zeros((N * K, 2))
    y = np.zeros(N * K, dtype=int)
    for j in range(K):
        ix = range(N * j, N * (j + 1))
        r = np.linspace(0.0, 1, N)
        t = np.linspace(j * 4, (j + 1) * 4, N) + np.random.randn(N) * s
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X, y


def blobs(N, K, s):
    X = np.zeros((N * K, 2))
    y = np.zeros(N * K, dtype=int)
    for j in range(K):
        a = 2 * np.pi * j / K
        X[N * j:N * (j + 1)] = np.array([2 * np.cos(a), 2 * np.sin(a)]) + np.random.randn(N, 2) * s
        y[N * j:N * (j + 1)] = j
    return X, y


def xor(N, K, s):
    corners = {0: [(1, 1), (-1, -1)], 1: [(1, -1), (-1, 1)]}
    X = np.zeros((N * 2, 2))
    y = np.zeros(N * 2, dtype=int)
    for j in range(2):
        c = np.array([corners[j][i % 2] for i in range(N)], dtype=float)
        X[N * j:N * (j + 1)] = c + np.random.randn(N, 2) * s
        y[N * j:N * (j + 1)] = j
    return X, y


def circles(N, K, s):
    X = np.zeros((N * K, 2))
    y = np.zeros(N * K, dtype=int)
    for j in range(K):
        a = np.random.rand(N) * 2 * np.pi
        rho = (j + 1) / K + np.random.randn(N) * s
        X[N * j:N * (j + 1)] = np.c_[rho * np.cos(a), rho * np.sin(a)]
        y[N * j:N * (j + 1)] = j
    return X, y


SETS = {"spiral": spiral, "blobs": blobs, "xor": xor, "circles": circles}
CASES = [("spiral", 0, 100, 3, 0.2), ("spiral", 7, 37, 5, 0.5), ("blobs", 1, 50, 4, 0.5),
         ("xor", 2, 25, 2, 0.3), ("circles", 3, 40, 3, 0.05)]

out = {"sets": []}
for name, seed, N, K, s in CASES:
    np.random.seed(seed)
    X, y = SETS[name](N, K, s)
    perm = np.random.permutation(N * K)
    out["sets"].append({"name": name, "seed": seed, "n": N, "classes": K, "noise": s,
                        "x": X.ravel().tolist(), "y": y.tolist(), "permutation": perm.tolist()})

csv = os.path.join(os.path.dirname(__file__) or ".", "../../../Sources/NNLabExperiments/Resources/optdigits/digits.csv")
raw = np.loadtxt(csv, delimiter=",", dtype=int)
pixels, labels = raw[:, :64] / 16.0, raw[:, 64]
np.random.seed(0)
order = np.random.permutation(len(labels))
n_train, n_val = len(labels) * 6 // 10, len(labels) * 2 // 10
train = order[:n_train]
out["digits"] = {
    "train_rows": train.tolist(), "val_rows": order[n_train:n_train + n_val].tolist(),
    "test_rows": order[n_train + n_val:].tolist(),
    "train_mean": float(pixels[train].mean()), "train_std": float(pixels[train].std()),
    "train_class_counts": np.bincount(labels[train], minlength=10).tolist(),
}
with open("data_reference.json", "w") as f:
    json.dump(out, f)
