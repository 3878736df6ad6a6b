"""numpy peer of `nnlab -c "seed 0; init xavier grad=on"`: the lecture's 10-layer tanh forward pass
(1000 examples, 500 units, Xavier weights), then the backward pass from an all-ones gradient at the
top: dZ = dH (1 - H^2), dW = X^T dZ, dX = dZ W^T, with each layer's std of dW and dX."""
import numpy as np
np.random.seed(0)
D = np.random.randn(1000, 500)
Xs, Ws, Hs = [], [], []
X = D
for i in range(10):
    W = np.random.randn(500, 500) / np.sqrt(500)
    H = np.tanh(X.dot(W))
    Xs.append(X); Ws.append(W); Hs.append(H)
    print('hidden layer %d had mean %f and std %f' % (i + 1, np.mean(H), np.std(H)))
    np.histogram(H.ravel(), 30, range=(-1, 1))
    X = H
dH = np.ones_like(Hs[-1])
for i in reversed(range(10)):
    dZ = dH * (1 - Hs[i] ** 2)
    dW = Xs[i].T.dot(dZ); dX = dZ.dot(Ws[i].T)
    print('layer %d: std dW %e, std dX %e' % (i + 1, dW.std(), dX.std()))
    dH = dX
