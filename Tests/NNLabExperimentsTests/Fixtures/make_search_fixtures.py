"""Writes search_reference.json: the settings numpy draws for search trials, the independent source
for SearchTests. Trial i of a search with session seed s draws from np.random.RandomState([s, i]):
lr = 10 ** uniform(log10(lr_low), log10(lr_high)), then reg the same way."""
import json, math, os
import numpy as np

cases = []
for seed, lr, reg in [(0, (1e-6, 1e-3), (1e-5, 1e5)), (1, (1e-4, 1e-1), (1e-6, 1e-1))]:
    trials = []
    for i in range(1, 9):
        r = np.random.RandomState([seed, i])
        a = 10 ** r.uniform(math.log10(lr[0]), math.log10(lr[1]))
        b = 10 ** r.uniform(math.log10(reg[0]), math.log10(reg[1]))
        nxt = r.random_sample()  # what the trial's training sees first
        trials.append({"trial": i, "lr": a, "reg": b, "next": nxt})
    cases.append({"seed": seed, "lr": lr, "reg": reg, "trials": trials})
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "search_reference.json")
with open(out, "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f, indent=1)
