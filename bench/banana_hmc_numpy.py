#!/usr/bin/python3
"""Reference for ./course bench: HMC on the banana posterior as a numpy loop of seed 003's shape.

Functions U, grad U and K on (2, 1) arrays with the 100 observations as a (100, 1) array, a
leapfrog function called L = 100 times per iteration with eps = 0.05, and a Metropolis test with
min(1, exp(-dH)); one chain. Prints HMC iterations (of 100 leapfrog steps) per second.
"""
import argparse, json, time
import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--json")
    a = ap.parse_args()
    rng = np.random.default_rng(18)
    y = rng.normal(0.935, 2.0, size=(100, 1))

    def U(theta):
        return 0.125 * np.sum(np.square(y - theta[0] - theta[1] ** 2)) + 0.5 * (theta[0] ** 2 + theta[1] ** 2)

    def grad_U(theta):
        s = np.sum(y - theta[0] - theta[1] ** 2)
        return np.array([-0.25 * s + theta[0], -0.5 * theta[1] * s + theta[1]]).reshape(2, 1)

    def K(r):
        return 0.5 * np.dot(r.T, r)

    def leapfrog(theta, r, eps):
        r_half = r - 0.5 * eps * grad_U(theta)
        theta_new = theta + eps * r_half
        return theta_new, r_half - 0.5 * eps * grad_U(theta_new)

    theta = np.zeros((2, 1))
    accepted = 0
    start = time.perf_counter()
    for _ in range(a.iterations):
        r0 = rng.normal(size=(2, 1))
        t, r = theta.copy(), r0.copy()
        for _ in range(100):
            t, r = leapfrog(t, r, 0.05)
        if rng.random() < min(1.0, float(np.exp(U(theta) + K(r0) - U(t) - K(r)))):
            theta, accepted = t, accepted + 1
    rate = a.iterations / (time.perf_counter() - start)
    print(f"numpy HMC {rate:9.1f} it/s (L = 100 leapfrog steps each), acceptance {accepted / a.iterations:.2f}")
    if a.json:
        json.dump({"hmc": rate}, open(a.json, "w"))


if __name__ == "__main__":
    main()
