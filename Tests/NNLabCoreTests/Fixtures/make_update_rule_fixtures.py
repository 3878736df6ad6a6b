"""Trajectories of the tensor update rules `train` uses, written from the lectures' formulas in
numpy (not from nnlab's code). Two parameters, w (3, 2) and b (2,), on the separable quadratic
f = sum(c_w * w^2 / 2 + d_w * w) + sum(c_b * b^2 / 2 + d_b * b), so grad = c * x + d; c, d and
the start are drawn after np.random.seed(0). Each rule keeps its state per parameter.
Run: python3 make_update_rule_fixtures.py > update_rule_reference.json"""
import json
import numpy as np

np.random.seed(0)
start = {"w": np.random.randn(3, 2), "b": np.random.randn(2)}
curv = {"w": np.random.rand(3, 2) * 2 + 0.1, "b": np.random.rand(2) * 2 + 0.1}
lin = {"w": np.random.randn(3, 2), "b": np.random.randn(2)}
STEPS = 6

def grad(name, x):
    return curv[name] * x + lin[name]

def run(rule, lr, mu=0.9):
    x = {k: v.copy() for k, v in start.items()}
    st = {k: {"v": np.zeros_like(v), "c": np.zeros_like(v), "m": np.zeros_like(v), "s": np.zeros_like(v)} for k, v in x.items()}
    path = []
    for t in range(1, STEPS + 1):
        for k in ("w", "b"):
            dx = grad(k, x[k]); s = st[k]
            if rule == "sgd":
                x[k] = x[k] - lr * dx
            elif rule == "momentum":
                s["v"] = mu * s["v"] - lr * dx; x[k] = x[k] + s["v"]
            elif rule == "nesterov":
                v_prev = s["v"].copy(); s["v"] = mu * s["v"] - lr * dx
                x[k] = x[k] - mu * v_prev + (1 + mu) * s["v"]
            elif rule == "adagrad":
                s["c"] += dx ** 2; x[k] = x[k] - lr * dx / (np.sqrt(s["c"]) + 1e-7)
            elif rule == "rmsprop":
                s["c"] = 0.99 * s["c"] + (1 - 0.99) * dx ** 2; x[k] = x[k] - lr * dx / (np.sqrt(s["c"]) + 1e-7)
            elif rule == "adam":
                s["m"] = 0.9 * s["m"] + (1 - 0.9) * dx; s["s"] = 0.999 * s["s"] + (1 - 0.999) * dx ** 2
                mb = s["m"] / (1 - 0.9 ** t); vb = s["s"] / (1 - 0.999 ** t)
                x[k] = x[k] - lr * mb / (np.sqrt(vb) + 1e-8)
        path.append({"w": x["w"].ravel().tolist(), "b": x["b"].ravel().tolist()})
    return path

cases = [("sgd", 0.1, 0.9), ("momentum", 0.1, 0.9), ("momentum", 0.05, 0.5), ("nesterov", 0.1, 0.9),
         ("adagrad", 0.5, 0.9), ("rmsprop", 0.01, 0.9), ("adam", 0.1, 0.9)]
out = {"start": {k: v.ravel().tolist() for k, v in start.items()},
       "curvature": {k: v.ravel().tolist() for k, v in curv.items()},
       "linear": {k: v.ravel().tolist() for k, v in lin.items()},
       "steps": STEPS,
       "cases": [{"rule": r, "lr": lr, "mu": mu, "path": run(r, lr, mu)} for r, lr, mu in cases]}
print(json.dumps(out, indent=1))
