#!/usr/bin/env python3
"""The benchmark's numpy side: the course assignments' training loop (a 64-100-10 ReLU net,
softmax loss, batch 100 drawn by np.random.choice, SGD with momentum 0.9), on the shipped digits
prepared as nnlab's `data digits` prepares them (numpy's permutation after seed 0 for the
1078/359/360 split, pixels standardized with the training part's statistics), after
np.random.seed(0): the same loop as `nnlab -c "seed 0; data digits; model 64-100-10 act=relu;
train epochs=10 lr=0.1 update=momentum"`, printing the same epoch lines.
Usage: scripts/train_numpy.py [--quiet]   (time the whole process with `time`)."""
import os, sys, time
t_start = time.perf_counter()
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
a = np.loadtxt(os.path.join(ROOT, "Sources/NNLabExperiments/Resources/optdigits/digits.csv"), delimiter=",")
x, y = a[:, :64], a[:, 64].astype(int)
order = np.random.RandomState(0).permutation(len(y))
tr, va = order[:1078], order[1078:1078 + 359]
mean = x[tr].mean(axis=0); std = x[tr].std(axis=0); std[std == 0] = 1
X = (x - mean) / std
Xtr, ytr, Xva, yva = X[tr], y[tr], X[va], y[va]

np.random.seed(0)
W1 = np.random.randn(64, 100) / np.sqrt(64); b1 = np.zeros(100)
W2 = np.random.randn(100, 10) / np.sqrt(100); b2 = np.zeros(10)
params = [W1, b1, W2, b2]
vel = [np.zeros_like(p) for p in params]
lr, mu, batch, epochs = 0.1, 0.9, 100, 10

def scores(X):
    return np.maximum(0, X.dot(W1) + b1).dot(W2) + b2

t_loop = time.perf_counter()
N = len(ytr); per = max(N // batch, 1); best = 0.0
for epoch in range(1, epochs + 1):
    for it in range(per):
        mask = np.random.choice(N, batch)
        Xb, yb = Xtr[mask], ytr[mask]
        h = np.maximum(0, Xb.dot(W1) + b1)
        s = h.dot(W2) + b2
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s); p /= p.sum(axis=1, keepdims=True)
        loss = -np.log(p[np.arange(batch), yb]).mean()
        ds = p; ds[np.arange(batch), yb] -= 1; ds /= batch
        dW2 = h.T.dot(ds); db2 = ds.sum(axis=0)
        dh = ds.dot(W2.T); dh[h <= 0] = 0
        dW1 = Xb.T.dot(dh); db1 = dh.sum(axis=0)
        for k, g in enumerate([dW1, db1, dW2, db2]):
            vel[k] = mu * vel[k] - lr * g
            params[k] += vel[k]
    tra = (scores(Xtr[:1000]).argmax(axis=1) == ytr[:1000]).mean()
    vaa = (scores(Xva).argmax(axis=1) == yva).mean()
    best = max(best, vaa)
    if "--quiet" not in sys.argv:
        print("Finished epoch %d / %d: cost %f, train: %f, val %f, lr %e" % (epoch, epochs, loss, tra, vaa, lr))
print("finished optimization. best validation accuracy: %f" % best)
t_end = time.perf_counter()
print("loop %.1f ms, data %.1f ms, import+start %.1f ms" % ((t_end - t_loop) * 1e3, (t_loop - t_start) * 1e3, 0), file=sys.stderr)
