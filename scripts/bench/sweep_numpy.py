#!/usr/bin/env python3
"""The numpy peer of `ballast bench backtest --peer`: a benchmark baseline, not part of the product.

The same sweep shape as Ballast's Monte Carlo sweep, written the way a numpy user would: for each of the
5 calendar periods x 20 bands ("band after interval": rebalance on a bar where some weight is more than the band
from its target and at least one interval has passed since the last rebalance), simulate ALL entry-date paths of
that setting at once, bar by bar, as (paths x assets) arrays. A rebalance trades every asset back to its target at
the bar's close, paying a proportional fee and constant-product impact on the value sold and a constant gas cost.
Per path it measures total return, volatility, Sharpe, max drawdown, tracking error against the target portfolio,
max/average drift, turnover and rebalance count, and reports quantiles over the paths.

Input: --prices CSV (one row per daily bar, one column per asset, no header), --starts (one entry row per line),
--horizon bars. Prints the sweep's wall and CPU time (loading excluded): `numpy sweep: ... in W s wall, C s cpu ...`.
"""
import argparse
import time

import numpy as np

DAY = 86_400
YEAR = 31_557_600
PERIODS = [DAY, 7 * DAY, YEAR // 12, YEAR // 4, YEAR]


def sweep(prices, starts, horizon, bands, capital=1_000_000.0, fee_rate=0.003, liquidity=10_000_000.0,
          gas_per_rebalance=0.0, risk_free=0.0):
    paths, assets = len(starts), prices.shape[1]
    w = np.full(assets, 1.0 / assets)
    p = prices[starts[:, None] + np.arange(horizon)[None, :], :]  # paths x horizon x assets
    ts = np.arange(horizon, dtype=np.int64) * DAY
    ppy = (horizon - 1) / ((horizon - 1) * DAY / YEAR)
    target_growth = (p[:, 1:, :] / p[:, :-1, :] * w).sum(axis=2) - 1  # the portfolio rebalanced every bar
    results = {}
    for interval in PERIODS:
        for band in bands:
            q = capital * w / p[:, 0, :]
            last = np.zeros(paths, dtype=np.int64)
            nav = np.empty((paths, horizon))
            drift = np.empty((paths, horizon))
            traded = np.zeros(paths)
            rebalances = np.zeros(paths)
            for t in range(horizon):
                v = q * p[:, t, :]
                total = v.sum(axis=1)
                dev = np.abs(v / total[:, None] - w).max(axis=1)
                drift[:, t] = dev
                due = (dev > band) & (ts[t] - last >= interval)
                if due.any():
                    vd, td = v[due], total[due]
                    sold = np.maximum(vd - w * td[:, None], 0.0)
                    cost = (fee_rate * sold + sold * sold / (liquidity + sold)).sum(axis=1) + gas_per_rebalance
                    q[due] = w * (td - cost)[:, None] / p[due, t, :]
                    last[due] = ts[t]
                    traded[due] += sold.sum(axis=1)
                    rebalances[due] += 1
                nav[:, t] = (q * p[:, t, :]).sum(axis=1)
            r = nav[:, 1:] / nav[:, :-1] - 1
            vol = r.std(axis=1, ddof=1) * np.sqrt(ppy)
            peak = np.maximum.accumulate(nav, axis=1)
            years = (horizon - 1) * DAY / YEAR
            results[(interval, band)] = {
                "return %": (nav[:, -1] / capital - 1) * 100,
                "volatility %": vol * 100,
                "sharpe": (r.mean(axis=1) * ppy - risk_free) / vol,
                "max drawdown %": (1 - nav / peak).max(axis=1) * 100,
                "tracking error %": (r - target_growth).std(axis=1, ddof=1) * np.sqrt(ppy) * 100,
                "max drift %": drift.max(axis=1) * 100,
                "average drift %": drift.mean(axis=1) * 100,
                "turnover %/yr": traded / nav.mean(axis=1) / years * 100,
                "rebalances": rebalances,
            }
    return {k: {m: np.quantile(x, [0.05, 0.5, 0.95]) for m, x in v.items()} for k, v in results.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prices", required=True)
    ap.add_argument("--starts", required=True)
    ap.add_argument("--horizon", type=int, required=True)
    ap.add_argument("--bands", type=int, default=20, help="bands 1%%..N%%")
    args = ap.parse_args()
    prices = np.loadtxt(args.prices, delimiter=",", ndmin=2)
    starts = np.loadtxt(args.starts, dtype=np.int64, ndmin=1)
    bands = [b / 100 for b in range(1, args.bands + 1)]
    begin, cpu = time.perf_counter(), time.process_time()
    out = sweep(prices, starts, args.horizon, bands)
    secs, cpu = time.perf_counter() - begin, time.process_time() - cpu
    mid = out[(YEAR // 12, bands[len(bands) // 2])]["return %"]
    print(f"numpy sweep: {len(out)} settings x {len(starts)} paths x {args.horizon}-bar horizon in {secs:.2f} s wall, {cpu:.2f} s cpu "
          f"(numpy {np.__version__}); band {round(bands[len(bands) // 2] * 100)}% after monthly interval return %: "
          f"p5 {mid[0]:.2f} median {mid[1]:.2f} p95 {mid[2]:.2f}")


if __name__ == "__main__":
    main()
