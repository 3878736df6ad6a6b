"""numpy peer of `nnlab -c "dropout 0.5"`: the Monte Carlo of one neuron's masks (10 ... 100000
masks) and the lecture's 3-layer network, predict() against the average of 20000 train_step()s."""
import numpy as np
np.random.seed(0)
p = 0.5
w = np.random.randn(2); x = np.random.randn(2)
for m in [10, 100, 1000, 10000, 100000]:
    U = np.random.rand(m, 2) < p
    (U * w * x).sum(axis=1).mean()
W1, b1 = np.random.randn(4, 3), np.zeros(4)
W2, b2 = np.random.randn(4, 4), np.zeros(4)
W3, b3 = np.random.randn(3, 4), np.zeros(3)
X = np.random.randn(3)
def train_step(X):
    H1 = np.maximum(0, W1.dot(X) + b1); U1 = np.random.rand(*H1.shape) < p; H1 *= U1
    H2 = np.maximum(0, W2.dot(H1) + b2); U2 = np.random.rand(*H2.shape) < p; H2 *= U2
    return W3.dot(H2) + b3
def predict(X):
    H1 = np.maximum(0, W1.dot(X) + b1) * p
    H2 = np.maximum(0, W2.dot(H1) + b2) * p
    return W3.dot(H2) + b3
out = np.mean([train_step(X) for _ in range(20000)], axis=0)
print(predict(X), out)
