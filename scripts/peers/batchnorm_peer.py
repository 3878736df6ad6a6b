"""numpy peer of `nnlab -c "batchnorm"`: four features of scales 1, 10, 100, 0.01 through batch norm
(200 examples), the identity check, running averages over 100 batches of 32, test vs train mode on a
fresh batch, and the backward pass against numeric gradients (centered differences, h = 1e-5)."""
import numpy as np
np.random.seed(0)
eps = 1e-5
scales, means = np.array([1, 10, 100, 0.01]), np.array([5, -20, 300, 0.5])
def draw(n): return np.random.randn(n, 4) * scales + means
def bn(x, g, b):
    mu = x.mean(axis=0); var = x.var(axis=0); xh = (x - mu) / np.sqrt(var + eps)
    return g * xh + b, (xh, var, g)
def bn_back(dout, cache):
    xh, var, g = cache; N = dout.shape[0]
    dxh = dout * g
    return (1.0 / N) / np.sqrt(var + eps) * (N * dxh - dxh.sum(axis=0) - xh * (dxh * xh).sum(axis=0))
x = draw(200); g, b = np.ones(4), np.zeros(4)
y, _ = bn(x, g, b); y.mean(axis=0), y.var(axis=0)
y2, _ = bn(x, np.sqrt(x.var(axis=0) + eps), x.mean(axis=0)); np.abs(y2 - x).max()
rm, rv = np.zeros(4), np.zeros(4)
for _ in range(100):
    xb = draw(32); rm = 0.9 * rm + 0.1 * xb.mean(axis=0); rv = 0.9 * rv + 0.1 * xb.var(axis=0)
xf = draw(32); (g * (xf - rm) / np.sqrt(rv + eps) + b) - bn(xf, g, b)[0]
xs = draw(6); gs, bs = np.random.randn(4), np.random.randn(4); dout = np.random.randn(6, 4)
_, cache = bn(xs, gs, bs); dx = bn_back(dout, cache)
num = np.zeros_like(xs)
for i in np.ndindex(xs.shape):
    o = xs[i]; xs[i] = o + 1e-5; a = (bn(xs, gs, bs)[0] * dout).sum(); xs[i] = o - 1e-5
    c = (bn(xs, gs, bs)[0] * dout).sum(); xs[i] = o; num[i] = (a - c) / 2e-5
print(np.abs(num - dx).max() / max(1e-12, np.abs(num).max()))
