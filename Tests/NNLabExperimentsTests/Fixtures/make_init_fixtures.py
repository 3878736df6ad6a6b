#!/usr/bin/env python3
"""Writes init_reference.json: the lecture's 10-layer activation-statistics experiment run in
numpy after np.random.seed(0), for every weight scale and both nonlinearities, with and without
batch normalization before the nonlinearity, plus the backward pass from an all-ones upstream
gradient. The Swift tests compare nnlab's `init` with these numbers.

Run from this folder: python3 make_init_fixtures.py"""
import json
import numpy as np

SCALES = {"small": lambda n: 0.01, "big": lambda n: 1.0, "xavier": lambda n: 1 / np.sqrt(n),
          "he": lambda n: 1 / np.sqrt(n / 2), "0.05": lambda n: 0.05}
ACTS = {"tanh": (np.tanh, lambda z, h: 1 - h * h), "relu": (lambda z: np.maximum(0, z), lambda z, h: (z > 0) * 1.0)}


def run(scheme, act, bn, layers=10, width=500, batch=1000, seed=0):
    np.random.seed(seed)
    f, df = ACTS[act]
    D = np.random.randn(batch, width)
    X, Ws, Xs, Zs, Hs, caches = D, [], [], [], [], []
    for i in range(layers):
        fan_in = X.shape[1]
        if scheme == "zero":
            W = np.zeros((fan_in, width))
        else:
            W = np.random.randn(fan_in, width) * SCALES[scheme](fan_in)
        Z = X.dot(W)
        cache = None
        if bn:  # training-mode batch norm, gamma = 1, beta = 0, eps = 1e-5
            mu, var = Z.mean(axis=0), Z.var(axis=0)
            xhat = (Z - mu) / np.sqrt(var + 1e-5)
            cache = (Z, xhat, mu, var)
            Z = xhat
        H = f(Z)
        Ws.append(W); Xs.append(X); Zs.append(Z); Hs.append(H); caches.append(cache)
        X = H
    dH = np.ones_like(Hs[-1])
    grad_w, grad_x = [None] * layers, [None] * layers
    for i in reversed(range(layers)):
        dZ = dH * df(Zs[i], Hs[i])
        if bn:
            Zraw, xhat, mu, var = caches[i]
            m = Zraw.shape[0]
            inv = 1 / np.sqrt(var + 1e-5)
            dvar = np.sum(dZ * (Zraw - mu), axis=0) * -0.5 * inv ** 3
            dmu = np.sum(-dZ * inv, axis=0) + dvar * np.mean(-2 * (Zraw - mu), axis=0)
            dZ = dZ * inv + dvar * 2 * (Zraw - mu) / m + dmu / m
        dW = Xs[i].T.dot(dZ)
        dX = dZ.dot(Ws[i].T)
        grad_w[i], grad_x[i] = float(np.std(dW)), float(np.std(dX))
        dH = dX
    return {"scheme": scheme, "act": act, "bn": bn, "layers": layers, "width": width, "batch": batch, "input_mean": float(np.mean(D)), "input_std": float(np.std(D)),
            "means": [float(np.mean(H)) for H in Hs], "stds": [float(np.std(H)) for H in Hs],
            "grad_w_std": grad_w, "grad_x_std": grad_x,
            "hist_last": np.histogram(Hs[-1].ravel(), 30, range=(-1, 1))[0].tolist()}


# The lecture's full size for two cases; the rest smaller, so the Swift tests stay quick in debug builds.
cases = [run("xavier", "tanh", False), run("he", "relu", False)]
cases += [run(s, a, False, width=100, batch=200) for s in ["zero", "small", "big", "xavier", "he", "0.05"] for a in ["tanh", "relu"]]
cases += [run(s, "tanh", True, width=100, batch=200) for s in ["small", "big"]]
with open("init_reference.json", "w") as fh:
    json.dump({"numpy_version": np.__version__, "seed": 0, "cases": cases}, fh, indent=1)
    fh.write("\n")
