#!/usr/bin/env python3
"""numpy peer of `nnlab -c "seed 0; data digits; model 64-100-10 act=relu; train epochs=10 lr=0.1
update=momentum"` (the run of labs/digits-mlp.lab and the `train` row of scripts/bench): the course
Solver's loop written with numpy as the assignments write it.

Data as `data digits` prepares it: the shipped 1797 digits, split by np.random.RandomState(0)'s
permutation into 1078 train / 359 val / 360 test, each pixel standardized with the training part's
mean and std (std 0 -> 1). Then np.random.seed(0); W1 = randn(64, 100) / sqrt(64), W2 =
randn(100, 10) / sqrt(100) (Xavier), biases 0; per epoch max(N / 100, 1) = 10 iterations, each on
a batch np.random.choice(N, 100); ReLU, softmax loss; SGD with momentum 0.9 (v = mu v - lr g;
w += v) or plain SGD. After each epoch: train accuracy on the first 1000 training examples,
validation accuracy, the lecture's line; the best epoch's weights are kept (strictly better val).

Usage: train_peer.py [--quiet] [--epochs N] [--lr X] [--update sgd|momentum] [--ratios]
  --quiet   only the final line (what the benchmark times)
  --ratios  also print, per epoch, ||update|| / ||W|| of W1 and W2 averaged over the epoch's
            iterations (the "about 1e-3" rule of thumb of lectures/training.md)
At the end: the best validation accuracy, and the test accuracy of the kept weights."""
import argparse, os, sys
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--quiet", action="store_true")
ap.add_argument("--ratios", action="store_true")
ap.add_argument("--epochs", type=int, default=10)
ap.add_argument("--lr", type=float, default=0.1)
ap.add_argument("--update", choices=["sgd", "momentum"], default="momentum")
opt = ap.parse_args()

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
a = np.loadtxt(os.path.join(ROOT, "Sources/NNLabExperiments/Resources/optdigits/digits.csv"), delimiter=",")
x, y = a[:, :64], a[:, 64].astype(int)
order = np.random.RandomState(0).permutation(len(y))
tr, va, te = order[:1078], order[1078:1078 + 359], order[1078 + 359:]
mean = x[tr].mean(axis=0); std = x[tr].std(axis=0); std[std == 0] = 1
X = (x - mean) / std
Xtr, ytr, Xva, yva, Xte, yte = X[tr], y[tr], X[va], y[va], X[te], y[te]

np.random.seed(0)
W1 = np.random.randn(64, 100) / np.sqrt(64); b1 = np.zeros(100)
W2 = np.random.randn(100, 10) / np.sqrt(100); b2 = np.zeros(10)
params = [W1, b1, W2, b2]
vel = [np.zeros_like(p) for p in params]
lr, mu, batch = opt.lr, 0.9, 100


def scores(P, X):
    return np.maximum(0, X.dot(P[0]) + P[1]).dot(P[2]) + P[3]


N = len(ytr); per = max(N // batch, 1); best, best_params = -1.0, None
for epoch in range(1, opt.epochs + 1):
    r1, r2 = [], []
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
            if opt.update == "momentum":
                vel[k] = mu * vel[k] - lr * g
                step = vel[k]
            else:
                step = -lr * g
            if k == 0: r1.append(np.linalg.norm(step) / np.linalg.norm(params[0]))
            if k == 2: r2.append(np.linalg.norm(step) / np.linalg.norm(params[2]))
            params[k] += step
    tra = (scores(params, Xtr[:1000]).argmax(axis=1) == ytr[:1000]).mean()
    vaa = (scores(params, Xva).argmax(axis=1) == yva).mean()
    if vaa > best:
        best, best_params = vaa, [q.copy() for q in params]
    if not opt.quiet:
        print("Finished epoch %d / %d: cost %f, train: %f, val %f, lr %e" % (epoch, opt.epochs, loss, tra, vaa, lr))
        if opt.ratios:
            print("  update / weight: W1 %.2e, W2 %.2e" % (np.mean(r1), np.mean(r2)))
print("finished optimization. best validation accuracy: %f" % best)
if not opt.quiet:
    print("test accuracy of the kept weights: %f" % (scores(best_params, Xte).argmax(axis=1) == yte).mean())
