#!/usr/bin/env python3
"""Exact reference vectors for the fixed-point math libraries (LogExpMath, FixedPoint, WeightedMath).

Every expected value is computed with Python's decimal module at 50 significant digits, far beyond the 1e-18
resolution under test, then rounded in the direction the test needs (floor for amounts paid out, ceil for amounts
taken in, nearest for ln). Inputs are drawn from a seeded PRNG so the file is reproducible:

    python3 test/libraries/gen_vectors.py > test/libraries/MathVectors.sol           # committed size
    python3 test/libraries/gen_vectors.py --scale 10 > test/libraries/MathVectors.sol # bigger measurement run

The Solidity side decodes each table with abi.decode(TABLE, (uint256[])) and walks it in fixed-width rows.
"""
import argparse
import random
from decimal import Decimal, getcontext, localcontext, ROUND_FLOOR, ROUND_CEILING, ROUND_HALF_EVEN

getcontext().prec = 50
WAD = Decimal(10) ** 18
ONE = 10**18


def floor(d):
    return int(d.to_integral_value(rounding=ROUND_FLOOR))


def ceil(d):
    return int(d.to_integral_value(rounding=ROUND_CEILING))


def nearest(d):
    return int(d.to_integral_value(rounding=ROUND_HALF_EVEN))


def log_uniform(rng, lo, hi):
    """An integer spread evenly in log space between lo and hi (inclusive-ish)."""
    lo_l, hi_l = Decimal(lo).ln(), Decimal(hi).ln()
    u = Decimal(rng.random())
    return max(1, floor((lo_l + (hi_l - lo_l) * u).exp()))


def weight(rng):
    """A normalized weight in [0.01, 0.99], 18 decimals, with a random tail so weights are not round."""
    return rng.randint(10**16, 99 * 10**16)


def u256(x):
    return x % (1 << 256)  # two's complement for negative int256 values


# ---------------------------------------------------------------------------------------------------------------------
# tables: each row is a flat list of ints
# ---------------------------------------------------------------------------------------------------------------------


def ln_rows(rng, n):
    # [x, round(ln(x/1e18) * 1e18)]
    xs = [1, 2, 10**6, 10**12, ONE - 1, ONE, ONE + 1, ONE + 10**6, 2 * ONE, 10**36, 2**255 - 1]
    xs += [log_uniform(rng, 10**12, 10**24) for _ in range(n)]
    xs += [ONE + rng.randint(-(10**15), 10**15) for _ in range(n // 4)]  # near 1: ln ~ x - 1
    return [[x, u256(nearest((Decimal(x) / WAD).ln() * WAD))] for x in xs]


def exp_rows(rng, n):
    # [x, floor(exp(x/1e18) * 1e18)]
    xs = [0, 1, -1, ONE, -ONE, 10 * ONE, -10 * ONE, -41 * ONE, 130 * ONE, 135305999368893231587, -41446531673892822312]
    xs += [rng.randint(-41 * ONE, 135 * ONE) for _ in range(n)]
    xs += [rng.randint(-(10**15), 10**15) for _ in range(n // 4)]  # near 0
    return [[u256(x), floor((Decimal(x) / WAD).exp() * WAD)] for x in xs]


def pow_rows(rng, n):
    # [x, y, floor((x/1e18)^(y/1e18) * 1e18)]; skip results outside [1e6 wei, 1e36 * 1e18] (precision is 1 wei)
    rows = []
    while len(rows) < n:
        if len(rows) % 2 == 0:
            x = log_uniform(rng, 10**12, 10**24)  # ratio range [1e-6, 1e6]
        else:
            x = rng.randint(7 * 10**17, 13 * 10**17)  # balance ratios a pool actually powers
        y = log_uniform(rng, 10**16, 99 * ONE)
        exact = (Decimal(x) / WAD) ** (Decimal(y) / WAD) * WAD
        if exact < 10**6 or exact > Decimal(10) ** 54:
            continue
        rows.append([x, y, floor(exact)])
    return rows


def pool_pair(rng):
    bi = log_uniform(rng, 10**18, 10**30)
    bo = log_uniform(rng, 10**18, 10**30)
    return bi, weight(rng), bo, weight(rng)


# Corner cases every run keeps: the most lopsided weights a pool allows (1% / 99%) with the largest and a tiny trade.
EXTREME_WEIGHTS = [(10**16, 99 * 10**16), (99 * 10**16, 10**16)]
EXTREME_RATIOS = [Decimal("0.3"), Decimal("1e-12")]


def out_given_in_rows(rng, n):
    # [Bi, wi, Bo, wo, Ai, floor(exact out)]; Ai spans 1e-15 .. 0.3 of Bi
    rows = []
    corners = [(w, r) for w in EXTREME_WEIGHTS for r in EXTREME_RATIOS]
    for k in range(n + len(corners)):
        bi, wi, bo, wo = pool_pair(rng)
        ratio = Decimal(log_uniform(rng, 10**3, 3 * 10**17)) / WAD
        if k < len(corners):
            (wi, wo), ratio = corners[k]
        elif k % 8 == 0:
            wo = wi  # the constant-product special case
        ai = floor(Decimal(bi) * ratio)
        exact = Decimal(bo) * (1 - (Decimal(bi) / (Decimal(bi) + ai)) ** (Decimal(wi) / Decimal(wo)))
        rows.append([bi, wi, bo, wo, ai, floor(exact)])
    return rows


def in_given_out_rows(rng, n):
    # [Bi, wi, Bo, wo, Ao, ceil(exact in)]
    rows = []
    corners = [(w, r) for w in EXTREME_WEIGHTS for r in EXTREME_RATIOS]
    for k in range(n + len(corners)):
        bi, wi, bo, wo = pool_pair(rng)
        ratio = Decimal(log_uniform(rng, 10**3, 3 * 10**17)) / WAD
        if k < len(corners):
            (wi, wo), ratio = corners[k]
        elif k % 8 == 0:
            wo = wi
        ao = floor(Decimal(bo) * ratio)
        exact = Decimal(bi) * ((Decimal(bo) / (Decimal(bo) - ao)) ** (Decimal(wo) / Decimal(wi)) - 1)
        rows.append([bi, wi, bo, wo, ao, ceil(exact)])
    return rows


def join_rows(rng, n):
    # [B, w, A, S, fee, floor(exact lpOut)]
    rows = []
    for _ in range(n):
        b = log_uniform(rng, 10**18, 10**30)
        w = weight(rng)
        s = log_uniform(rng, 10**18, 10**30)
        fee = rng.randint(0, 10**16)  # up to 1%
        a = floor(Decimal(b) * Decimal(log_uniform(rng, 10**3, 3 * 10**17)) / WAD)
        wd, fd = Decimal(w) / WAD, Decimal(fee) / WAD
        net = Decimal(a) - Decimal(a) * (1 - wd) * fd
        exact = Decimal(s) * ((1 + net / Decimal(b)) ** wd - 1)
        rows.append([b, w, a, s, fee, floor(exact)])
    return rows


def exit_rows(rng, n):
    # [B, w, L, S, fee, floor(exact amountOut)]; keeps the pre-fee ratio within MAX_OUT_RATIO
    rows = []
    while len(rows) < n:
        b = log_uniform(rng, 10**18, 10**30)
        w = weight(rng)
        s = log_uniform(rng, 10**18, 10**30)
        fee = rng.randint(0, 10**16)
        lp = floor(Decimal(s) * Decimal(log_uniform(rng, 10**3, 3 * 10**17)) / WAD)
        wd, fd = Decimal(w) / WAD, Decimal(fee) / WAD
        without_fee = Decimal(b) * (1 - (1 - Decimal(lp) / Decimal(s)) ** (1 / wd))
        if without_fee > Decimal(b) * Decimal("0.29"):
            continue
        exact = without_fee - without_fee * (1 - wd) * fd
        rows.append([b, w, lp, s, fee, floor(exact)])
    return rows


# The review's case (WeightedMath header, error bound): 5-token pool, fee 1e-6 already taken from amountIn.
REVIEW_CASE = (178 * 10**21, 368770000000000000, 674 * 10**27, 324524000000000000, 9209426573121)


def bound_rows(rng, n):
    # [Bi, wi, Bo, wo, Ai, floor(exact out)] where the bound's absolute term Bo * (20 w + 88) * 2^-96 dominates:
    # a balance out far above the balance in (up to 1e43, the pool's 104-bit limit times 1e12) and trades of
    # 1e-12 .. 1e-6 of the balance in, so the result is small against Bo. Weights as in pools (no equal pair).
    rows = [list(REVIEW_CASE)]
    while len(rows) < n:
        bi = log_uniform(rng, 10**18, 10**26)
        bo = log_uniform(rng, 10**27, 10**43)
        wi, wo = weight(rng), weight(rng)
        if wi == wo:
            continue
        ai = max(1, floor(Decimal(bi) * Decimal(log_uniform(rng, 10**6, 10**12)) / WAD))
        rows.append([bi, wi, bo, wo, ai])
    with localcontext() as ctx:
        ctx.prec = 90  # results up to 1e43 wei: 50 digits would not reach the wei
        for r in rows:
            bi, wi, bo, wo, ai = r
            r.append(floor(Decimal(bo) * (1 - (Decimal(bi) / (Decimal(bi) + ai)) ** (Decimal(wi) / Decimal(wo)))))
    return rows


def invariant_rows(rng, n):
    # [count, B_0..B_7, w_0..w_7, floor(exact), ceil(exact)]  (unused slots are 0)
    rows = []
    for _ in range(n):
        count = rng.randint(2, 8)
        raw = [rng.randint(10**16, 10**18) for _ in range(count)]
        total = sum(raw)
        ws = [r * ONE // total for r in raw]
        ws[0] += ONE - sum(ws)
        bs = [log_uniform(rng, 10**15, 10**30) for _ in range(count)]
        v = Decimal(1)
        for b, w in zip(bs, ws):
            v *= (Decimal(b) / WAD) ** (Decimal(w) / WAD)
        v *= WAD
        pad = [0] * (8 - count)
        rows.append([count] + bs + pad + ws + pad + [floor(v), ceil(v)])
    return rows


# ---------------------------------------------------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------------------------------------------------


def table(name, rows):
    flat = [v for row in rows for v in row]
    # abi.encode(uint256[]): offset, length, items
    words = [32, len(flat)] + flat
    hexs = "".join(format(w, "064x") for w in words)
    width = len(rows[0])
    return (
        f"    /// @dev {len(rows)} rows of {width} words.\n"
        f"    uint256 internal constant {name}_WIDTH = {width};\n"
        f'    bytes internal constant {name} =\n        hex"{hexs}";\n'
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=1, help="multiply the number of random rows")
    ap.add_argument("--seed", type=int, default=20261125)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    k = args.scale
    tables = [
        ("LN", ln_rows(rng, 48 * k)),
        ("EXP", exp_rows(rng, 48 * k)),
        ("POW", pow_rows(rng, 96 * k)),
        ("OUT_GIVEN_IN", out_given_in_rows(rng, 96 * k)),
        ("IN_GIVEN_OUT", in_given_out_rows(rng, 96 * k)),
        ("JOIN", join_rows(rng, 48 * k)),
        ("EXIT", exit_rows(rng, 48 * k)),
        ("INVARIANT", invariant_rows(rng, 24 * k)),
        ("OUT_GIVEN_IN_BOUND", bound_rows(rng, 128 * k)),
    ]
    print("// SPDX-License-Identifier: MIT")
    print("// GENERATED by test/libraries/gen_vectors.py (decimal, 50 digits). Do not edit by hand.")
    print("pragma solidity 0.8.37;")
    print()
    print("/// @notice Exact reference vectors for the math library tests; each table is abi.encode(uint256[]) of rows.")
    print("/// @dev int256 values are stored as two's complement uint256.")
    print("library MathVectors {")
    print("\n".join(table(name, rows) for name, rows in tables), end="")
    print("}")


if __name__ == "__main__":
    main()
