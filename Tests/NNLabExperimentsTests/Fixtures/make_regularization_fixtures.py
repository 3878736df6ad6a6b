"""`train` with dropout, L1/L2 penalties, gradient clipping and early stopping, written in numpy
independently of nnlab's code, on the shipped digits: what `seed S; model ...; train ...` must
print. The Solver's loop is make_train_fixtures.py's (plain SGD only here); added:

- dropout=p (keep probability): after each hidden activation h, in training only,
  mask = np.random.rand(*h.shape) < p (drawn after the batch's np.random.choice, layer by layer),
  h = h * mask / p (inverted dropout); test passes use h as it is.
- penalty: l2 adds 0.5 reg sum(W^2) (gradient reg W), l1 reg sum(|W|) (gradient reg sign(W)).
- clip (after the backward pass, penalty gradient included, over every weight and bias):
  value:t -> np.clip(g, -t, t); norm:c -> g * c / ||g|| when the global norm ||g|| > c; sign -> np.sign(g).
  The global norm before clipping is recorded every iteration.
- the best validation epoch's weights are the model kept (near_zero counts |w| < 1e-3 there).
- patience=k: after each epoch, stop when epoch - best_epoch >= k (and epochs remain).
Run: python3 make_regularization_fixtures.py > regularization_reference.json"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, "..", "..", "..", "Sources", "NNLabExperiments", "Resources", "optdigits", "digits.csv")

def digits():
    a = np.loadtxt(CSV, delimiter=",")
    x, y = a[:, :64], a[:, 64].astype(int)
    order = np.random.RandomState(0).permutation(len(y))
    tr, va = order[:1078], order[1078:1078 + 359]
    mean = x[tr].mean(axis=0); std = x[tr].std(axis=0); std[std == 0] = 1
    z = (x - mean) / std
    return z[tr], y[tr], z[va], y[va]

def train(seed, hidden, epochs, lr, keep=1.0, reg=0.0, penalty="l2", clip=None, patience=None, batch=100):
    xtr, ytr, xva, yva = digits()
    np.random.seed(seed)
    sizes = [64] + hidden + [10]
    W = [np.random.randn(sizes[i], sizes[i + 1]) / np.sqrt(sizes[i]) for i in range(len(sizes) - 1)]
    b = [np.zeros(sizes[i + 1]) for i in range(len(sizes) - 1)]
    params = W + b
    def forward(x, train):
        hs, ds = [x], []
        for i in range(len(W) - 1):
            a = hs[-1].dot(W[i]) + b[i]
            h = np.maximum(0, a); d = (a > 0).astype(float)
            if train and keep < 1:
                m = (np.random.rand(*h.shape) < keep) / keep
                h = h * m; d = d * m
            hs.append(h); ds.append(d)
        return hs[-1].dot(W[-1]) + b[-1], hs, ds
    def pen(w):
        return 0.5 * reg * np.sum(w * w) if penalty == "l2" else reg * np.sum(np.abs(w))
    def dpen(w):
        return reg * w if penalty == "l2" else reg * np.sign(w)
    def loss(x, y):
        s, hs, ds = forward(x, True)
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s); p /= p.sum(axis=1, keepdims=True)
        n = len(y)
        P = sum(pen(w) for w in W)
        L = -np.log(p[np.arange(n), y]).mean() + P
        dout = p.copy(); dout[np.arange(n), y] -= 1; dout /= n
        gW, gb = [None] * len(W), [None] * len(W)
        for i in reversed(range(len(W))):
            gW[i] = hs[i].T.dot(dout) + dpen(W[i]); gb[i] = dout.sum(axis=0)
            if i > 0: dout = dout.dot(W[i].T) * ds[i - 1]
        return L, P, gW + gb
    def accuracy(x, y):
        return float((forward(x, False)[0].argmax(axis=1) == y).mean())
    N = len(ytr); per = max(N // batch, 1)
    lines, norms, penalties = [], [], []
    best, best_epoch, stopped = -1, None, None
    for epoch in range(1, epochs + 1):
        for it in range(per):
            idx = np.random.choice(N, batch)
            L, P, grads = loss(xtr[idx], ytr[idx])
            norm = np.sqrt(sum(np.sum(g * g) for g in grads))
            norms.append(float(norm)); penalties.append(float(P))
            if clip is not None:
                kind, t = clip
                if kind == "value": grads = [np.clip(g, -t, t) for g in grads]
                elif kind == "norm" and norm > t: grads = [g * (t / norm) for g in grads]
                elif kind == "sign": grads = [np.sign(g) for g in grads]
            for p, g in zip(params, grads):
                p -= lr * g
        tr = accuracy(xtr[:1000], ytr[:1000]); va = accuracy(xva, yva)
        if va > best: best, best_epoch, best_W = va, epoch, [w.copy() for w in W]
        lines.append({"epoch": epoch, "cost": float(L), "train_acc": tr, "val_acc": va})
        if patience is not None and epoch - best_epoch >= patience and epoch < epochs:
            stopped = epoch; break
    # Counted on the weights of the best epoch, the model train keeps.
    near_zero = int(sum(np.sum(np.abs(w) < 1e-3) for w in best_W))
    return {"seed": seed, "hidden": hidden, "epochs": epochs, "lr": lr, "keep": keep, "reg": reg, "penalty": penalty,
            "clip": None if clip is None else ("sign" if clip[0] == "sign" else "%s:%r" % clip),
            "patience": patience, "epoch_lines": lines, "best_val_acc": best, "best_epoch": best_epoch,
            "stopped_at": stopped, "grad_norms": norms, "penalties": penalties, "near_zero": near_zero}

runs = [
    train(0, [50], 3, 0.5, keep=0.5),
    train(1, [40, 30], 2, 0.3, keep=0.75),
    train(2, [50], 3, 0.5, reg=0.003, penalty="l1"),
    train(3, [50], 2, 0.5, reg=0.01, penalty="l2", keep=0.5),
    train(4, [50], 2, 5.0, clip=("norm", 1.0)),
    train(5, [50], 2, 1.0, clip=("value", 0.05)),
    train(6, [50], 2, 0.01, clip=("sign", 0)),
    train(7, [50], 30, 0.5, patience=2),
]
print(json.dumps({"runs": runs}, indent=1))
