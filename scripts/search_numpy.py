#!/usr/bin/env python3
"""The benchmark's numpy side of `search`: a 100-trial, 5-epoch coarse random search on the shipped
digits, the course assignments' loop run 100 times in one process. Trial i draws from
np.random.RandomState([seed, i]): lr = 10**uniform(log10 lo, log10 hi), then reg the same way, then
the 64-100-10 net's weights (randn / sqrt(fan_in), ReLU) and its batches (np.random.choice), plain SGD,
softmax loss + 0.5 reg sum(W^2), and the 3x rule (a trial stops when a batch's cost passes 3 times
its first). Data prepared as `data digits` prepares it (scripts/train_numpy.py). Prints the lecture's
line per trial, as `nnlab -c "seed 0; data digits; model 64-100-10 act=relu; search trials=100"`.
Usage: scripts/search_numpy.py [trials] [epochs] [lr_lo lr_hi reg_lo reg_hi] [--quiet]"""
import math, os, sys
import numpy as np

args = [a for a in sys.argv[1:] if not a.startswith("--")]
trials = int(args[0]) if len(args) > 0 else 100
epochs = int(args[1]) if len(args) > 1 else 5
lr_lo, lr_hi, reg_lo, reg_hi = (float(a) for a in args[2:6]) if len(args) >= 6 else (1e-3, 1e1, 1e-6, 1e0)
seed, batch = 0, 100

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
a = np.loadtxt(os.path.join(ROOT, "Sources/NNLabExperiments/Resources/optdigits/digits.csv"), delimiter=",")
x, y = a[:, :64], a[:, 64].astype(int)
order = np.random.RandomState(0).permutation(len(y))
tr, va = order[:1078], order[1078:1078 + 359]
mean = x[tr].mean(axis=0); std = x[tr].std(axis=0); std[std == 0] = 1
X = (x - mean) / std
Xtr, ytr, Xva, yva = X[tr], y[tr], X[va], y[va]
N = len(ytr); per = max(N // batch, 1)

for i in range(1, trials + 1):
    r = np.random.RandomState([seed, i])
    lr = 10 ** r.uniform(math.log10(lr_lo), math.log10(lr_hi))
    reg = 10 ** r.uniform(math.log10(reg_lo), math.log10(reg_hi))
    W1 = r.randn(64, 100) / np.sqrt(64); b1 = np.zeros(100)
    W2 = r.randn(100, 10) / np.sqrt(100); b2 = np.zeros(10)
    first, best, cut = None, 0.0, False
    with np.errstate(all="ignore"):
        for epoch in range(epochs):
            for it in range(per):
                mask = r.choice(N, batch)
                Xb, yb = Xtr[mask], ytr[mask]
                h = np.maximum(0, Xb.dot(W1) + b1)
                s = h.dot(W2) + b2
                s = s - s.max(axis=1, keepdims=True)
                p = np.exp(s); p /= p.sum(axis=1, keepdims=True)
                loss = -np.log(p[np.arange(batch), yb]).mean() + 0.5 * reg * ((W1 * W1).sum() + (W2 * W2).sum())
                first = loss if first is None else first
                ds = p; ds[np.arange(batch), yb] -= 1; ds /= batch
                dW2 = h.T.dot(ds) + reg * W2; db2 = ds.sum(axis=0)
                dh = ds.dot(W2.T); dh[h <= 0] = 0
                dW1 = Xb.T.dot(dh) + reg * W1; db1 = dh.sum(axis=0)
                W1 -= lr * dW1; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2
                if not (loss <= 3 * first):
                    cut = True; break
            if cut:
                break
            tra = ((np.maximum(0, Xtr[:1000].dot(W1) + b1).dot(W2) + b2).argmax(axis=1) == ytr[:1000]).mean()
            vaa = (np.maximum(0, Xva.dot(W1) + b1).dot(W2) + b2).argmax(axis=1) == yva
            best = max(best, vaa.mean())
    if cut and best == 0.0:
        best = ((np.maximum(0, Xva.dot(W1) + b1).dot(W2) + b2).argmax(axis=1) == yva).mean()
    if "--quiet" not in sys.argv:
        print("val_acc: %f, lr: %e, reg: %e, (%d / %d)" % (best, lr, reg, i, trials))
