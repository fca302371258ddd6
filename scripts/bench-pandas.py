#!/usr/bin/env python3
"""The pandas peer of `rgo analyze <folder> --rules seed-tier2 --json` (issue 14).

A vectorised pandas / numpy version of the seed-tier2 rules, written the way a user who knows
pandas would write it, used by `npm run bench` to measure rgo against it and by
tests/quality/pandas-peer.test.ts to check that both give the same summary. It follows
../shared/spec/seed-logic.md sections 3.1-3.8 as the seed-tier2 pack parameterises them
(src/rules/packs/seed-tier2.json) and prints the `input`, `summary` and `topGaps` blocks of rgo's
JSON summary (DESIGN.md section 7; src/engine/report/summary-json.ts):

- per customer, weekly spend in week order from the customer's first week (missing weeks are 0);
  baseline = mean of the first 4 weeks, recent = mean of the last 4, both numpy-rounded to 2 dp
  (np.round: x*100 rounded half-to-even, then /100), as is every intermediate figure;
  trend % = (recent - baseline) / baseline x 100 (0 when baseline <= 0);
- gaps: declining_revenue (trend label declining, trend <= -15), below_baseline (baseline > 0,
  trend <= -20), zero_spend (a zero week among the last 4; amount = baseline, -100 %);
  severity high at <= -30 %, medium at <= -15 %, else low;
- churn list: 2 or more zero weeks at the end; score min(1, streak / 4);
- sub-scores (each rounded): revenue impact = min(10, amount / largest amount x 10), churn risk,
  customer value by the total's percentile, recovery probability by gap type and weeks at risk;
  priority = 0.35 / 0.30 / 0.20 / 0.15 weighted sum, rounded; stable rank by priority;
- totals in exact cents: total gap over all gaps, potential recovery over the top 20, revenue at
  risk once per customer (its largest gap; ties: the better-ranked gap), priority bands per
  customer by its best score (8 / 6 / 4).

Sums of money run in week order, as rgo's do, so the floating-point results are the same bit for
bit. Input: a CSV folder with a sales table (customer_id, week_start_date, weekly_spend), a
customer table (customer_id, ...) and optionally a stock table (store_id, sku, week_start, ...);
other CSVs (deals, reps) are not read.

With `--out results.xlsx` it also writes its results workbook the way such a user would, with
openpyxl's write-only mode (the fastest openpyxl has): the sheets rgo writes for seed-tier2, with
the same rows (a summary of label / value pairs, one row per gap ranked, one per customer, one
per churn-listed customer, one action row per flagged customer, the pack, the issues header and
a history row), each with the columns this script computes (rgo's Customers sheet has more
columns than these: the comparison is in pandas's favour). `npm run bench` times both.

Usage: bench-pandas.py <csv-folder> [--json out.json] [--out results.xlsx] [--timings]
Run with Debian's python3-pandas (and python3-openpyxl for --out) (/usr/bin/python3).
"""

import argparse
import json
import os
import sys
import time

try:
    import numpy as np
    import pandas as pd
except ImportError as e:  # pragma: no cover - reported to the caller
    sys.stderr.write(
        f"bench-pandas: {e}; install Debian's python3-pandas (apt-get install python3-pandas)\n"
    )
    sys.exit(3)

# seed-tier2's parameters (src/rules/packs/seed-tier2.json), as the pack states them.
BASELINE_WEEKS = 4
CURRENT_WEEKS = 4
DECLINING_TREND = -15.0  # trend label "declining" below this (strict)
DECLINING_GAP = -15.0  # declining_revenue at or below this
BELOW_BASELINE_GAP = -20.0  # below_baseline at or below this
SEVERITY_HIGH = -30.0
SEVERITY_MEDIUM = -15.0
CHURN_MIN_STREAK = 2
CHURN_STREAK_WEEKS = 4
WEIGHTS = (0.35, 0.30, 0.20, 0.15)  # revenue impact, churn risk, customer value, recovery
FALLBACK_MAX_GAP = 1000.0
ZERO_SPEND_CHURN_BASE = 7.0
DECLINE_PCT_DIVISOR = 50.0
VALUE_BANDS = ((90.0, 10.0), (75.0, 8.0), (50.0, 6.0), (25.0, 4.0))
VALUE_OTHERWISE = 2.0
RECOVERY_BASE = {"declining_revenue": 5.0, "below_baseline": 7.0}
ZERO_SPEND_RECOVERY = ((3, 2.0), (2, 4.0), (0, 6.0))
DAMPENING = ((4, 0.7), (2, 0.85))
TOP_N = 20
PRIORITY_BANDS = ((8.0, "critical"), (6.0, "high"), (4.0, "medium"), (0.0, "low"))
GAP_TYPES = ("declining_revenue", "below_baseline", "zero_spend")

SALES_COLUMNS = ("customer_id", "week_start_date", "weekly_spend")


def r2(x):
    """numpy's np.round(x, 2), the pack's `numpy-2dp` rule."""
    return np.round(x, 2)


def cents(x):
    """Dollars (already at cents) to integer cents, as JavaScript's Math.round(x * 100)."""
    return np.floor(np.asarray(x, dtype=np.float64) * 100.0 + 0.5).astype(np.int64)


def find_tables(folder):
    """The sales, customer and stock CSVs of a folder, by their header rows."""
    found = {}
    for name in sorted(os.listdir(folder)):
        if not name.lower().endswith(".csv"):
            continue
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8-sig") as f:
            header = [h.strip().lower() for h in f.readline().rstrip("\r\n").split(",")]
        if all(c in header for c in SALES_COLUMNS):
            found.setdefault("sales", path)
        elif "sku" in header and "store_id" in header:
            found.setdefault("stock", path)
        elif "customer_id" in header and "deal_id" not in header:
            found.setdefault("customers", path)
    if "sales" not in found or "customers" not in found:
        raise SystemExit(f"bench-pandas: {folder} needs a sales CSV and a customer CSV")
    return found


def count_rows(path):
    with open(path, "rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
        f.seek(-1, os.SEEK_END)
        last = f.read(1)
    return lines - 1 + (0 if last == b"\n" else 1)


def week_sums(spend, start, end):
    """Per customer, the sum of columns [start, end) of `spend` (dollars), added in week order."""
    total = np.zeros(spend.shape[0])
    for i in range(start, end):
        total = total + spend[:, i]
    return total


def customer_metrics(spend_cents, first):
    """Per customer: total, baseline, recent, zero weeks in the recent window, trailing zeros."""
    count, weeks = spend_cents.shape
    total = np.zeros(count)
    base = np.zeros(count)
    recent = np.zeros(count)
    zero_recent = np.zeros(count, dtype=np.int64)
    trailing = np.zeros(count, dtype=np.int64)
    observed = np.where(first < 0, 0, weeks - first)
    # Customers that start in the same week share their windows: one vectorised pass per start.
    for start in np.unique(first[first >= 0]):
        rows = np.nonzero(first == start)[0]
        n = weeks - start
        spend = spend_cents[rows, start:] / 100.0
        b1 = min(n, BASELINE_WEEKS)
        c0 = max(0, n - CURRENT_WEEKS)
        total[rows] = week_sums(spend, 0, n)
        base[rows] = week_sums(spend, 0, b1) / b1 if b1 > 0 else 0.0
        recent[rows] = week_sums(spend, c0, n) / (n - c0) if n > c0 else 0.0
        zero = spend_cents[rows, start:] == 0
        zero_recent[rows] = zero[:, c0:].sum(axis=1)
        # Trailing zero weeks: position of the last non-zero week from the end.
        nonzero_rev = ~zero[:, ::-1]
        any_nonzero = nonzero_rev.any(axis=1)
        trailing[rows] = np.where(any_nonzero, nonzero_rev.argmax(axis=1), n)
    return observed, total, base, recent, zero_recent, trailing


def analyze(folder):
    timings = {}
    t0 = time.perf_counter()
    tables = find_tables(folder)
    customers = pd.read_csv(tables["customers"], usecols=["customer_id"], dtype=str)
    sales = pd.read_csv(
        tables["sales"],
        usecols=list(SALES_COLUMNS),
        dtype={"customer_id": str, "week_start_date": str, "weekly_spend": np.float64},
    )
    stock_rows = count_rows(tables["stock"]) if "stock" in tables else 0
    timings["read"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    ids = customers["customer_id"].str.strip().to_numpy()
    position = pd.Index(ids)
    weeks = np.sort(sales["week_start_date"].str.strip().unique())
    row_customer = position.get_indexer(sales["customer_id"].str.strip())
    row_week = np.searchsorted(weeks, sales["week_start_date"].str.strip().to_numpy())
    known = row_customer >= 0
    spend_cents = np.zeros((len(ids), len(weeks)), dtype=np.int64)
    spend_cents[row_customer[known], row_week[known]] = cents(
        sales["weekly_spend"].fillna(0.0).to_numpy()[known]
    )
    has_row = np.zeros((len(ids), len(weeks)), dtype=bool)
    has_row[row_customer[known], row_week[known]] = True
    first = np.where(has_row.any(axis=1), has_row.argmax(axis=1), -1)

    observed, total_raw, base_raw, recent_raw, zero_recent, trailing = customer_metrics(
        spend_cents, first
    )
    total = r2(total_raw)
    base = r2(base_raw)
    recent = r2(recent_raw)
    with np.errstate(divide="ignore", invalid="ignore"):
        trend = np.where(base > 0, r2((recent - base) / base * 100.0), 0.0)
    count = len(ids)
    ordered = np.sort(total)
    percentile = np.searchsorted(ordered, total, side="right") / count * 100.0 if count else total
    declining_label = (observed >= BASELINE_WEEKS) & (trend < DECLINING_TREND)
    churn_listed = trailing >= CHURN_MIN_STREAK
    churn_score = np.where(churn_listed, np.minimum(1.0, trailing / CHURN_STREAK_WEEKS), 0.0)

    # Gap rows: customer order, then gap-type order.
    detected = [
        declining_label & (trend <= DECLINING_GAP),
        (base > 0) & (trend <= BELOW_BASELINE_GAP),
        zero_recent > 0,
    ]
    parts = []
    for type_index, mask in enumerate(detected):
        k = np.nonzero(mask)[0]
        if GAP_TYPES[type_index] == "zero_spend":
            amount = np.abs(base[k])
            pct = np.where(base[k] > 0, -100.0, 0.0)
            at_risk = zero_recent[k]
        else:
            amount = np.abs(r2(recent[k] - base[k]))
            pct = trend[k]
            at_risk = np.zeros(len(k), dtype=np.int64)
        parts.append(
            pd.DataFrame(
                {
                    "k": k,
                    "type": type_index,
                    "amount": r2(amount),
                    "raw_pct": pct,
                    "pct": r2(pct),
                    "at_risk": at_risk,
                }
            )
        )
    gaps = pd.concat(parts, ignore_index=True).sort_values(["k", "type"], kind="stable")
    gaps = gaps.reset_index(drop=True)
    k = gaps["k"].to_numpy()
    gap_type = gaps["type"].to_numpy()
    amount = gaps["amount"].to_numpy()
    pct = gaps["pct"].to_numpy()
    at_risk = gaps["at_risk"].to_numpy()
    is_zero = gap_type == GAP_TYPES.index("zero_spend")
    raw_pct = gaps["raw_pct"].to_numpy()
    severity = np.where(
        raw_pct <= SEVERITY_HIGH, "high", np.where(raw_pct <= SEVERITY_MEDIUM, "medium", "low")
    )

    largest = amount.max() if len(amount) else 0.0
    largest = largest if largest > 0 else FALLBACK_MAX_GAP
    impact = r2(np.minimum(10.0, amount / largest * 10.0))
    churn = r2(
        np.where(
            is_zero,
            np.minimum(10.0, ZERO_SPEND_CHURN_BASE + at_risk),
            np.where(
                churn_listed[k],
                churn_score[k] * 10.0,
                np.minimum(10.0, np.abs(pct) / DECLINE_PCT_DIVISOR * 10.0),
            ),
        )
    )
    value = np.full(len(k), VALUE_OTHERWISE)
    for minimum, score in reversed(VALUE_BANDS):
        value = np.where(percentile[k] >= minimum, score, value)
    value = r2(value)
    recovery = np.full(len(k), 5.0)
    for name, score in RECOVERY_BASE.items():
        recovery = np.where(gap_type == GAP_TYPES.index(name), score, recovery)
    zero_score = np.full(len(k), 5.0)
    for minimum, score in reversed(ZERO_SPEND_RECOVERY):
        zero_score = np.where(at_risk >= minimum, score, zero_score)
    recovery = np.where(is_zero, zero_score, recovery)
    recovery = np.where(
        at_risk > DAMPENING[0][0],
        recovery * DAMPENING[0][1],
        np.where(at_risk > DAMPENING[1][0], recovery * DAMPENING[1][1], recovery),
    )
    recovery = r2(np.clip(recovery, 0.0, 10.0))
    priority = 0.0 + WEIGHTS[0] * impact
    priority = priority + WEIGHTS[1] * churn
    priority = priority + WEIGHTS[2] * value
    priority = r2(priority + WEIGHTS[3] * recovery)
    order = np.argsort(-priority, kind="stable")
    timings["analyze"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    ranked = pd.DataFrame(
        {
            "rank": np.arange(1, len(order) + 1),
            "k": k[order],
            "type": gap_type[order],
            "amount": amount[order],
            "cents": cents(amount[order]),
            "priority": priority[order],
            "severity": severity[order],
        }
    )
    # Each customer once: its largest gap (ties: the better-ranked one) and its best score.
    primary = ranked.sort_values(["k", "amount", "rank"], ascending=[True, False, True]).drop_duplicates(
        "k"
    )
    best = ranked.groupby("k")["priority"].max()
    band = np.full(len(best), PRIORITY_BANDS[-1][1], dtype=object)
    for minimum, label in reversed(PRIORITY_BANDS[:-1]):
        band = np.where(best.to_numpy() >= minimum, label, band)
    band_counts = {label: 0 for _, label in PRIORITY_BANDS}
    for label, n in zip(*np.unique(band, return_counts=True)):
        band_counts[str(label)] = int(n)
    risk_cents = int(primary["cents"].sum())
    by_type = primary.groupby("type")["cents"].sum()
    risk_by_type = {
        GAP_TYPES[t]: int(c) / 100 for t, c in sorted(by_type.items(), key=lambda x: -x[1])
    }
    gaps_by_type = {}
    for t, n in zip(*np.unique(gap_type, return_counts=True)):
        gaps_by_type[GAP_TYPES[t]] = int(n)
    severity_counts = {s: int((severity == s).sum()) for s in ("high", "medium", "low")}
    top = ranked.head(TOP_N)
    summary = {
        "customersAnalyzed": count,
        "customersWithGaps": int(len(primary)),
        "gapCount": int(len(ranked)),
        "gapsByType": {t: gaps_by_type[t] for t in GAP_TYPES if t in gaps_by_type},
        "severityCounts": severity_counts,
        "totalGap": int(ranked["cents"].sum()) / 100,
        "churnRiskCustomers": int(churn_listed.sum()),
        "potentialRecovery": int(top["cents"].sum()) / 100,
        "totalExposure": 0,
        "exposureEnabled": False,
        "exposureByCause": {},
        "exposureByTier": {},
        "revenueAtRisk": risk_cents / 100,
        "revenueAtRiskByCause": {"unknown": risk_cents / 100} if len(primary) else {},
        "revenueAtRiskByGapType": risk_by_type,
        "revenueAtRiskByTier": {"standard": risk_cents / 100} if len(primary) else {},
        "recoveryScope": "top-n",
        "priorityBands": band_counts,
    }
    top_gaps = [
        {
            "rank": int(row.rank),
            "customerId": str(ids[row.k]),
            "gapType": GAP_TYPES[row.type],
            "severity": str(row.severity),
            "priorityScore": float(row.priority),
            "gapAmount": float(row.amount),
            "rootCause": None,
            "exposure": 0,
        }
        for row in top.itertuples()
    ]
    timings["report"] = time.perf_counter() - t2
    tables = {
        "ids": ids,
        "ranked": ranked,
        "primary": primary,
        "best": best,
        "band": band,
        "per_gap": {
            "impact": impact[order],
            "churn": churn[order],
            "value": value[order],
            "recovery": recovery[order],
            "recent": recent[k][order],
            "base": base[k][order],
            "pct": pct[order],
            "at_risk": at_risk[order],
        },
        "per_customer": {
            "observed": observed,
            "total": total,
            "base": base,
            "recent": recent,
            "trend": trend,
            "zero_recent": zero_recent,
            "trailing": trailing,
            "percentile": percentile,
            "churn_listed": churn_listed,
            "churn_score": churn_score,
        },
        "summary": summary,
        "weeks": weeks,
    }
    result = {
        "input": {
            "customers": count,
            "salesRows": int(len(sales)),
            "weeks": int(len(weeks)),
            "stockRows": stock_rows,
        },
        "summary": summary,
        "topGaps": top_gaps,
    }
    return result, timings, tables


ACTIONS = {
    "declining_revenue": "Call the customer about the decline; review pricing and range.",
    "below_baseline": "Check the account's orders against its usual weeks; offer a reorder.",
    "zero_spend": "Contact the customer this week: no purchases in recent weeks.",
}


def write_results(path, result, t):
    """The results workbook, written with openpyxl's write-only mode, atomically."""
    from openpyxl import Workbook

    ids = t["ids"]
    ranked = t["ranked"]
    g = t["per_gap"]
    c = t["per_customer"]
    summary = t["summary"]
    wb = Workbook(write_only=True)

    ws = wb.create_sheet("RGO Summary")
    ws.append(["Revenue Gap Report: seed-tier2"])
    for key, value in summary.items():
        ws.append([key, json.dumps(value) if isinstance(value, (dict, list)) else value])
    for key, value in result["input"].items():
        ws.append([key, value])

    counted = set(t["primary"]["rank"].tolist())
    band_of = dict(zip(t["best"].index.tolist(), t["band"].tolist()))
    ws = wb.create_sheet("RGO Gaps")
    ws.append(
        ["Rank", "Customer", "Gap type", "Severity", "Priority score", "Priority band",
         "Revenue impact", "Churn risk", "Customer value", "Recovery probability", "Current",
         "Expected", "Gap amount", "Gap %", "Weeks at risk", "Root cause", "Exposure",
         "Recovery potential", "Recommended actions", "Counted in revenue at risk", "Why"]
    )
    columns = [
        ranked["rank"].tolist(), ranked["k"].tolist(), ranked["type"].tolist(),
        ranked["severity"].tolist(), ranked["priority"].tolist(), ranked["amount"].tolist(),
        g["impact"].tolist(), g["churn"].tolist(), g["value"].tolist(), g["recovery"].tolist(),
        g["recent"].tolist(), g["base"].tolist(), g["pct"].tolist(), g["at_risk"].tolist(),
    ]
    for rank, k, typ, sev, prio, amt, imp, ch, val, rec, cur, exp, pct, risk in zip(*columns):
        name = GAP_TYPES[typ]
        ws.append(
            [rank, str(ids[k]), name, sev, prio, band_of[k], imp, ch, val, rec, cur, exp, amt,
             pct, risk, "unknown", 0, round(amt * rec / 10, 2), ACTIONS[name],
             "yes" if rank in counted else "no",
             f"{name}: recent {cur:.2f} against baseline {exp:.2f} ({pct:.2f}%)"]
        )

    gaps_of = ranked.groupby("k").size()
    primary = t["primary"].set_index("k")
    ws = wb.create_sheet("RGO Customers")
    ws.append(
        ["Customer", "Primary gap type", "Priority band", "Priority score", "Revenue at risk",
         "Gaps", "Churn listed", "Churn score", "weeksObserved", "totalRevenue",
         "averageWeeklySpend", "baselineAvg", "currentAvg", "trendPct", "shortfall",
         "currentToBaselineRatio", "zeroWeeksCurrent", "trailingZeroWeeks", "valuePercentile"]
    )
    has_gap = set(primary.index.tolist())
    prim_type = primary["type"].to_dict()
    prim_amount = primary["amount"].to_dict()
    best = t["best"].to_dict()
    per = [c[name].tolist() for name in (
        "observed", "total", "base", "recent", "trend", "zero_recent", "trailing", "percentile",
        "churn_listed", "churn_score")]
    for k, (obs, tot, base, rec, trend, zero, trail, pctl, listed, score) in enumerate(zip(*per)):
        flagged = k in has_gap
        ws.append(
            [str(ids[k]), GAP_TYPES[prim_type[k]] if flagged else None,
             band_of[k] if flagged else None, best[k] if flagged else None,
             prim_amount[k] if flagged else 0, int(gaps_of.get(k, 0)), "yes" if listed else "no",
             score, obs, tot, round(tot / obs, 2) if obs else 0, base, rec, trend,
             round(base - rec, 2), round(rec / base, 4) if base else None, zero, trail, pctl]
        )

    ws = wb.create_sheet("RGO Churn")
    ws.append(["Customer", "Churn score", "Probability", "Trailing zero weeks",
               "Weeks since purchase", "Factors"])
    for k in np.nonzero(c["churn_listed"])[0].tolist():
        trail = int(c["trailing"][k])
        ws.append([str(ids[k]), float(c["churn_score"][k]), None, trail, trail,
                   f"{trail} weeks without a purchase"])

    as_of = str(t["weeks"][-1]) if len(t["weeks"]) else None
    ws = wb.create_sheet("RGO Actions")
    ws.append(["Customer", "Gap type", "Root cause", "Revenue at risk (a week)", "First flagged",
               "Runs since first flagged", "Gap now", "Closed on", "Weekly spend at first flag",
               "Weekly spend now", "Recovered (a week)", "Owner", "Status", "Action taken",
               "Next step date", "Notes"])
    for k in sorted(has_gap):
        spend = float(c["recent"][k])
        ws.append([str(ids[k]), GAP_TYPES[prim_type[k]], "unknown", prim_amount[k], as_of, 1,
                   "yes", None, spend, spend, 0, None, "open", None, None, None])

    ws = wb.create_sheet("RGO Rules")
    ws.append(["Part", "Name", "Version", "Hash", "Pack JSON"])
    ws.append([1, "seed-tier2", None, None, "(the parameters at the top of bench-pandas.py)"])
    ws = wb.create_sheet("RGO Issues")
    ws.append(["Severity", "Sheet", "Row", "Column", "Message"])
    ws = wb.create_sheet("RGO History")
    ws.append(["As of", "Rule pack", "Customers", "Customers with gaps", "Revenue at risk (weekly)"])
    ws.append([as_of, "seed-tier2", summary["customersAnalyzed"], summary["customersWithGaps"],
               summary["revenueAtRisk"]])

    tmp = f"{path}.tmp-{os.getpid()}.xlsx"
    wb.save(tmp)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--json", help="write the summary here (default: stdout)")
    parser.add_argument("--out", help="also write the results workbook (openpyxl write-only)")
    parser.add_argument("--timings", action="store_true", help="stage times on stderr")
    args = parser.parse_args()
    result, timings, tables = analyze(args.folder)
    if args.out:
        t3 = time.perf_counter()
        write_results(args.out, result, tables)
        timings["write results"] = time.perf_counter() - t3
    text = json.dumps(result, indent=2) + "\n"
    if args.json:
        tmp = f"{args.json}.tmp-{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, args.json)
    else:
        sys.stdout.write(text)
    if args.timings:
        for stage, seconds in timings.items():
            sys.stderr.write(f"timing\tpandas:{stage}\t{seconds * 1000:.1f}\n")


if __name__ == "__main__":
    main()
