"""Step-by-step trajectories of each update rule, written straight from the lectures' formulas in
numpy (not from nnlab's code), on the ravine f(x, y) = x^2/20 + y^2 from (-7, 2): grad = (x/10, 2y).
Run: python3 make_optimizer_fixtures.py > optimizer_reference.json"""
import json
import numpy as np

def grad(p):
    return np.array([p[0] / 10.0, 2.0 * p[1]])

STEPS = 8
START = np.array([-7.0, 2.0])

def run(name, lr, **h):
    x = START.copy()
    v = np.zeros(2); cache = np.zeros(2); s = np.zeros(2); r = np.zeros(2)
    mu = h.get("mu", 0.9); decay = h.get("decay", 0.9); b1 = h.get("b1", 0.9); b2 = h.get("b2", 0.999)
    path = []
    for t in range(1, STEPS + 1):
        if name == "sgd":
            x = x - lr * grad(x)
        elif name == "momentum":
            v = mu * v - lr * grad(x); x = x + v
        elif name == "momentum-classic":
            v = mu * v + grad(x); x = x - lr * v
        elif name == "nesterov":
            v_prev = v.copy(); v = mu * v - lr * grad(x); x = x - mu * v_prev + (1 + mu) * v
        elif name == "nesterov-lookahead":
            v = mu * v - lr * grad(x + mu * v); x = x + v
        elif name == "adagrad":
            dx = grad(x); cache += dx ** 2; x = x - lr * dx / (np.sqrt(cache) + 1e-7)
        elif name == "rmsprop":
            dx = grad(x); cache = decay * cache + (1 - decay) * dx ** 2; x = x - lr * dx / (np.sqrt(cache) + 1e-7)
        elif name == "rmsprop-nesterov":
            g = grad(x + mu * v); r = decay * r + (1 - decay) * g * g
            v = mu * v - lr * g / np.sqrt(1e-6 + r); x = x + v
        elif name in ("adam", "adam-nobias"):
            dx = grad(x); s = b1 * s + (1 - b1) * dx; r = b2 * r + (1 - b2) * dx ** 2
            if name == "adam":
                x = x - lr * (s / (1 - b1 ** t)) / (np.sqrt(r / (1 - b2 ** t)) + 1e-8)
            else:
                x = x - lr * s / (np.sqrt(r) + 1e-8)
        path.append([float(x[0]), float(x[1])])
    return path

cases = [
    ("sgd", 0.1, {}), ("momentum", 0.1, {}), ("momentum-classic", 0.1, {}), ("nesterov", 0.1, {}),
    ("nesterov-lookahead", 0.1, {}), ("adagrad", 1.0, {}), ("rmsprop", 0.1, {}), ("rmsprop", 0.1, {"decay": 0.99}),
    ("rmsprop-nesterov", 0.1, {}), ("adam", 0.1, {}), ("adam-nobias", 0.1, {}), ("momentum", 0.05, {"mu": 0.5}),
]
out = {"start": START.tolist(), "steps": STEPS, "cases": []}
for name, lr, h in cases:
    out["cases"].append({"rule": name, "lr": lr, "mu": h.get("mu", 0.9), "decay": h.get("decay", 0.9),
                         "path": run(name, lr, **h)})
print(json.dumps(out, indent=1))
