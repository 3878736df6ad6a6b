"""Reference iterates for `newton` and `lbfgs` (Tests/NNLabExperimentsTests/SecondOrderTests.swift).

Written from the textbook algorithms, independently of the Swift code: Newton uses the exact Hessian
(written out by hand below), where nnlab differentiates the exact gradient numerically; L-BFGS is
Nocedal and Wright's two-loop recursion (Algorithm 7.4) with H0 = gamma I (gamma = s'y / y'y of the
newest pair, 1 before the first) and a weak Wolfe line search from alpha = 1 (bisection
between the bracket ends, doubling while no upper end is known, as Lewis and Overton write it):
Armijo f(x + a d) <= f(x) + 1e-4 a g'd and curvature g(x + a d)'d >= 0.9 g'd. Run: python3 make_second_order_fixtures.py
"""
import json, os
import numpy as np

LANDSCAPES = {
    # name: (f, gradient, Hessian, start)
    "ravine": (lambda p: p[0]**2 / 20 + p[1]**2,
               lambda p: np.array([p[0] / 10, 2 * p[1]]),
               lambda p: np.array([[0.1, 0.0], [0.0, 2.0]]), (-7.0, 2.0)),
    "quadratic": (lambda p: p[0]**2 + p[1]**2,
                  lambda p: np.array([2 * p[0], 2 * p[1]]),
                  lambda p: np.array([[2.0, 0.0], [0.0, 2.0]]), (-3.0, 2.0)),
    "rosenbrock": (lambda p: (1 - p[0])**2 + 100 * (p[1] - p[0]**2)**2,
                   lambda p: np.array([-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0]**2), 200 * (p[1] - p[0]**2)]),
                   lambda p: np.array([[2 - 400 * p[1] + 1200 * p[0]**2, -400 * p[0]], [-400 * p[0], 200.0]]), (-1.2, 1.0)),
    "saddle": (lambda p: p[0]**2 - p[1]**2 + p[1]**4 / 4,
               lambda p: np.array([2 * p[0], -2 * p[1] + p[1]**3]),
               lambda p: np.array([[2.0, 0.0], [0.0, -2 + 3 * p[1]**2]]), (-3.0, 1e-3)),
}

def newton(name, iters=20, tol=1e-6):
    f, g, h, start = LANDSCAPES[name]
    x = np.array(start)
    path = [x.tolist()]
    eigs = []
    for _ in range(iters):
        if np.linalg.norm(g(x)) <= tol:
            break
        eigs.append(sorted(np.linalg.eigvalsh(h(x)).tolist()))
        x = x - np.linalg.solve(h(x), g(x))
        path.append(x.tolist())
    return {"path": path, "eigenvalues": eigs}

def lbfgs(name, m=5, iters=100, tol=1e-6):
    f, g, _, start = LANDSCAPES[name]
    x = np.array(start)
    gx = g(x)
    S, Y = [], []
    path = [x.tolist()]
    alphas = []
    for _ in range(iters):
        if np.linalg.norm(gx) <= tol:
            break
        q = gx.copy()
        a = [0.0] * len(S)
        for i in reversed(range(len(S))):
            a[i] = S[i] @ q / (Y[i] @ S[i])
            q = q - a[i] * Y[i]
        gamma = (S[-1] @ Y[-1]) / (Y[-1] @ Y[-1]) if S else 1.0
        r = gamma * q
        for i in range(len(S)):
            b = Y[i] @ r / (Y[i] @ S[i])
            r = r + S[i] * (a[i] - b)
        d = -r
        if not (gx @ d < 0):
            d = -gx; S, Y = [], []
        # Weak Wolfe line search by bisection and doubling (Lewis and Overton): Armijo with c1 = 1e-4,
        # curvature g(x + a d)'d >= 0.9 g'd; at most 60 trials.
        alpha, lo, hi, fx, slope = 1.0, 0.0, np.inf, f(x), gx @ d
        for _ in range(60):
            xn = x + alpha * d
            gn = g(xn)
            if f(xn) > fx + 1e-4 * alpha * slope:
                hi = alpha
            elif gn @ d < 0.9 * slope:
                lo = alpha
            else:
                break
            alpha = (lo + hi) / 2 if hi < np.inf else 2 * lo
        else:
            break  # no acceptable step in 60 trials: nnlab stops with line-search-failed
        s, y = xn - x, gn - gx
        if s @ y > 1e-10 * np.linalg.norm(s) * np.linalg.norm(y):
            S.append(s); Y.append(y)
            if len(S) > m:
                S.pop(0); Y.pop(0)
        x, gx = xn, gn
        path.append(x.tolist()); alphas.append(alpha)
    return {"path": path, "alphas": alphas}

out = {"newton": {n: newton(n) for n in LANDSCAPES},
       "lbfgs": {n: lbfgs(n) for n in LANDSCAPES},
       "lbfgs_m1_rosenbrock": lbfgs("rosenbrock", m=1, iters=200)}
try:  # scipy's L-BFGS-B (a different line search): only where it ends, for the tests' closed-form check
    from scipy.optimize import minimize
    f, g, _, start = LANDSCAPES["rosenbrock"]
    res = minimize(f, np.array(start), jac=g, method="L-BFGS-B", options={"maxcor": 5, "gtol": 1e-10})
    out["scipy_rosenbrock"] = {"x": res.x.tolist(), "iterations": int(res.nit)}
except ImportError:
    pass
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "second_order_reference.json"), "w") as fh:
    json.dump(out, fh, indent=1)
for n in LANDSCAPES:
    print(n, "newton", len(out["newton"][n]["path"]) - 1, "lbfgs", len(out["lbfgs"][n]["path"]) - 1, out["lbfgs"][n]["path"][-1])
print(out.get("scipy_rosenbrock"))
