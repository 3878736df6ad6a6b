"""The course's training loop (the Solver of the assignments) written in numpy, independently of
nnlab's code, on the shipped digits: what `seed S; model ...; train ...` must print.

Data: digits.csv, split by np.random.RandomState(0).permutation(1797) into 1078 / 359 / 360,
each pixel standardized with the training part's mean and std (std 0 -> 1).
Model: after np.random.seed(S), W_i = randn(fan_in, fan_out) * scale (xavier: 1/sqrt(fan_in)),
b_i = 0, affine - act - ... - affine, softmax loss + 0.5 reg sum(W^2).
Loop: iterations per epoch max(N // batch, 1); each draws np.random.choice(N, batch); update;
per epoch: cost of its last batch, train accuracy on the first 1000 training rows, val accuracy,
best val kept.
Run: python3 make_train_fixtures.py > train_reference.json"""
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

def act(name, h):
    if name == "relu": return np.maximum(0, h), (h > 0).astype(float)
    t = np.tanh(h); return t, 1 - t * t

def train(seed, hidden, activation, epochs, lr, update, reg=0.0, batch=100, mu=0.9):
    xtr, ytr, xva, yva = digits()
    np.random.seed(seed)
    sizes = [64] + hidden + [10]
    W = [np.random.randn(sizes[i], sizes[i + 1]) / np.sqrt(sizes[i]) for i in range(len(sizes) - 1)]
    b = [np.zeros(sizes[i + 1]) for i in range(len(sizes) - 1)]
    params = W + b
    state = [np.zeros_like(p) for p in params]
    state2 = [np.zeros_like(p) for p in params]
    def forward(x):
        hs, ds = [x], []
        for i in range(len(W) - 1):
            h, d = act(activation, hs[-1].dot(W[i]) + b[i]); hs.append(h); ds.append(d)
        return hs[-1].dot(W[-1]) + b[-1], hs, ds
    def loss(x, y):
        s, hs, ds = forward(x)
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s); p /= p.sum(axis=1, keepdims=True)
        n = len(y)
        L = -np.log(p[np.arange(n), y]).mean() + sum(0.5 * reg * np.sum(w * w) for w in W)
        dout = p.copy(); dout[np.arange(n), y] -= 1; dout /= n
        gW, gb = [None] * len(W), [None] * len(W)
        for i in reversed(range(len(W))):
            gW[i] = hs[i].T.dot(dout) + reg * W[i]; gb[i] = dout.sum(axis=0)
            if i > 0: dout = dout.dot(W[i].T) * ds[i - 1]
        return L, gW + gb
    def accuracy(x, y):
        return float((forward(x)[0].argmax(axis=1) == y).mean())
    N = len(ytr); per = max(N // batch, 1)
    lines = []; best = -1
    for epoch in range(1, epochs + 1):
        for it in range(per):
            mask = np.random.choice(N, batch)
            L, grads = loss(xtr[mask], ytr[mask])
            for k, (p, g) in enumerate(zip(params, grads)):
                if update == "sgd":
                    p -= lr * g
                elif update == "momentum":
                    state[k] = mu * state[k] - lr * g; p += state[k]
                elif update == "adam":
                    t = (epoch - 1) * per + it + 1
                    state[k] = 0.9 * state[k] + 0.1 * g; state2[k] = 0.999 * state2[k] + 0.001 * g * g
                    p -= lr * (state[k] / (1 - 0.9 ** t)) / (np.sqrt(state2[k] / (1 - 0.999 ** t)) + 1e-8)
        tr = accuracy(xtr[:1000], ytr[:1000]); va = accuracy(xva, yva)
        best = max(best, va)
        lines.append({"epoch": epoch, "cost": float(L), "train_acc": tr, "val_acc": va,
                      "line": "Finished epoch %d / %d: cost %f, train: %f, val %f, lr %e" % (epoch, epochs, L, tr, va, lr)})
    return {"seed": seed, "hidden": hidden, "act": activation, "epochs": epochs, "lr": lr, "update": update,
            "reg": reg, "batch": batch, "epoch_lines": lines, "best_val_acc": best}

cases = [train(0, [100], "relu", 3, 0.1, "momentum"),
         train(7, [30, 20], "tanh", 2, 0.01, "adam", reg=0.01, batch=50)]
print(json.dumps({"cases": cases}, indent=1))
