/**
 * The Data step's period and week start (issue 11), as the pane uses them: the reducer keeps the
 * choice and makes the last data check stale, the controller's choice travels through the worker
 * protocol into the run, the data check names the period it found, and a monthly run's
 * drill-down and data-check text say months, never "week".
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CellValue, RawWorkbook } from "../../src/engine/input/raw-table";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { dataCheckCounts } from "../../src/taskpane/state/data-check-text";
import { periodChoice } from "../../src/taskpane/state/pane-controller";
import { initialState, paneReducer, type PaneAction } from "../../src/taskpane/state/pane-state";
import { spendChartText } from "../../src/taskpane/state/spend-chart-text";
import { EngineClient } from "../../src/taskpane/worker-client";
import { inProcessWorker } from "./in-process-worker";

const SEED = resolve(__dirname, "../../../shared/data/seed");
const RUN_AT = "2025-12-01T09:00:00.000Z";
const MONTHS = 18;
const CUSTOMERS = 30;
const DROPPED = "7";

/** Week words as a reader sees them (identifiers such as trailingZeroWeeks are not words). */
const WEEK_WORD = /\bweek(s|ly)?\b/i;

/** "2024-06-01" + k months. */
function monthStart(k: number): string {
  const d = new Date(Date.UTC(2024, 5 + k, 1));
  return d.toISOString().slice(0, 10);
}

/**
 * A monthly workbook written here: CUSTOMERS customers x MONTHS month starts, each customer's
 * spend steady with a small wobble; customer DROPPED spends a quarter of it in the last 3 months.
 */
function monthlyWorkbook(): RawWorkbook {
  const rows: CellValue[][] = [];
  for (let c = 1; c <= CUSTOMERS; c++)
    for (let k = 0; k < MONTHS; k++) {
      const base = 100 + 10 * c + ((c * 7 + k * 3) % 5);
      const spend = String(c) === DROPPED && k >= MONTHS - 3 ? base / 4 : base;
      rows.push([String(c), monthStart(k), spend.toFixed(2)]);
    }
  return {
    source: "monthly.xlsx",
    tables: [
      {
        name: "sales",
        origin: "test",
        header: ["customer_id", "period", "revenue"],
        rows,
        headerRow: 1,
        firstColumn: 1,
      },
    ],
  };
}

/** The seed's weekly sales (dated on Saturdays) as the pane would send them. */
function seedWeekly(): RawWorkbook {
  const lines = readFileSync(resolve(SEED, "retail_weekly_sales.csv"), "utf8").trim().split("\n");
  const rows = lines.slice(1).map((l) => l.split(",").slice(0, 3) as CellValue[]);
  return {
    source: "seed",
    tables: [
      {
        name: "weekly_sales",
        origin: "test",
        header: lines[0].split(",").slice(0, 3),
        rows,
        headerRow: 1,
        firstColumn: 1,
      },
    ],
  };
}

test("the reducer keeps the period and week start and makes the last data check stale", () => {
  const apply = (...a: PaneAction[]) => a.reduce(paneReducer, initialState("default", "{}"));
  const checked = apply({
    type: "validation-done",
    report: {
      roles: {},
      counts: { customers: 1, salesRows: 1, weeks: 1, stockRows: 0 },
      issues: [],
      issueCount: 0,
      blocking: null,
    },
  });
  expect(checked.validation.status).toBe("done");
  expect(periodChoice(checked)).toEqual({});
  const month = paneReducer(checked, { type: "set-period", period: "month" });
  expect(month.period).toBe("month");
  expect(month.validation).toEqual({ status: "idle", report: null });
  const sunday = paneReducer(month, { type: "set-week-start", weekStart: "sunday" });
  expect(sunday.weekStart).toBe("sunday");
  expect(periodChoice(sunday)).toEqual({ period: "month", weekStart: "sunday" });
  const back = paneReducer(paneReducer(sunday, { type: "set-period", period: null }), {
    type: "set-week-start",
    weekStart: null,
  });
  expect(periodChoice(back)).toEqual({});
});

test("the data check names the period it found, and a chosen period or week start changes it", async () => {
  const worker = inProcessWorker();
  const client = new EngineClient(worker, { chunkRows: 1000 });
  const monthly = monthlyWorkbook();
  const asData = await client.validate(monthly);
  expect(asData.blocking).toBeNull();
  expect(asData.period).toEqual({
    unit: "month",
    weekStart: null,
    text: "Monthly data: 18 months.",
  });
  expect(asData.counts.weeks).toBe(MONTHS);
  const counts = dataCheckCounts(asData);
  expect(counts).toBe(
    `${CUSTOMERS} customers, ${CUSTOMERS * MONTHS} sales rows over 18 months, 0 stock rows.`,
  );
  expect(counts).not.toMatch(WEEK_WORD);
  expect(asData.period?.text).not.toMatch(WEEK_WORD);

  // Weeks chosen for the same month starts: Monday weeks from the first to the last month start;
  // the last one is left out when the data stops before its Sunday (partial-weeks.ts).
  const first = Date.UTC(2024, 5, 1);
  const last = Date.UTC(2024, 5 + MONTHS - 1, 1);
  const mondayOf = (ms: number) => ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86400000;
  const span = (mondayOf(last) - mondayOf(first)) / (7 * 86400000) + 1;
  const weeks = new Date(last).getUTCDay() === 0 ? span : span - 1;
  const asWeeks = await client.validate(monthly, { period: "week" });
  expect(asWeeks.period?.unit).toBe("week");
  expect(asWeeks.counts.weeks).toBe(weeks);
  expect(asWeeks.period?.text).toBe(
    `Daily dates grouped into weeks starting Monday (as chosen): ${weeks} weeks.`,
  );
  expect(dataCheckCounts(asWeeks)).toContain(`over ${weeks} weeks`);
  expect(worker.sent.filter((m) => m.type === "validate").map((m) => m.period)).toEqual([
    undefined,
    "week",
  ]);

  // The seed's weeks are dated on Saturdays; Sunday weeks chosen.
  const seed = seedWeekly();
  const seedDates = new Set(seed.tables[0].rows.map((r) => String(r[1])));
  for (const d of seedDates) expect(new Date(`${d}T00:00:00Z`).getUTCDay()).toBe(6);
  const saturday = await client.validate(seed);
  expect(saturday.period).toEqual({
    unit: "week",
    weekStart: "Saturday",
    text: `Weekly data, weeks starting Saturday: ${seedDates.size} weeks.`,
  });
  const sunday = await client.validate(seed, { weekStart: "sunday" });
  expect(sunday.period?.weekStart).toBe("Sunday");
  expect(sunday.period?.text).toContain("weeks starting Sunday (as chosen)");
  // A Saturday is the last day of the Sunday week holding it: each date is still its own week.
  expect(sunday.counts.weeks).toBe(seedDates.size);
});

test("a chosen period travels with the run, and a monthly run's drill-down says months, never week", async () => {
  const worker = inProcessWorker();
  const client = new EngineClient(worker, { chunkRows: 1000 });
  const monthly = monthlyWorkbook();

  const weekly = await client.run(monthly, {
    pack: BUILTIN_PACKS.default,
    runAt: RUN_AT,
    period: "week",
    weekStart: "sunday",
  });
  if (weekly.kind !== "done") throw new Error(JSON.stringify(weekly).slice(0, 300));
  const run = worker.sent.find((m) => m.type === "run");
  expect(run).toMatchObject({ period: "week", weekStart: "sunday" });
  expect(weekly.summary.summary.period).toBeUndefined();
  expect(weekly.issues.find((i) => i.code === "period")?.message).toContain(
    "weeks starting Sunday (as chosen)",
  );

  const out = await client.run(monthly, { pack: BUILTIN_PACKS.default, runAt: RUN_AT });
  if (out.kind !== "done") throw new Error(JSON.stringify(out).slice(0, 300));
  expect(out.summary.summary.period).toBe("month");
  expect(out.drill.withGaps).toContain(DROPPED);

  const detail = await client.customer(DROPPED);
  if (detail === null) throw new Error("no detail");
  expect(detail.period).toBe("month");
  expect(detail.weeks).toHaveLength(MONTHS);
  expect(detail.weeks[0]).toBe("2024-06");
  // default's monthly windows: the last quarter against the half-year before it.
  expect(detail.current).toEqual([MONTHS - 3, MONTHS]);
  expect(detail.baseline).toEqual([MONTHS - 9, MONTHS - 3]);
  // Spend as written: the dropped customer's last month is a quarter of its base.
  const base = 100 + 10 * Number(DROPPED) + ((Number(DROPPED) * 7 + (MONTHS - 1) * 3) % 5);
  expect(detail.spend[MONTHS - 1]).toBeCloseTo(Number((base / 4).toFixed(2)), 2);
  // Every fact counted in periods is in months, and no description speaks of weeks.
  const trailing = detail.facts.find((f) => f.name === "trailingZeroWeeks");
  expect(trailing?.unit).toBe("months");
  expect(detail.facts.some((f) => f.unit === "weeks")).toBe(false);
  for (const f of detail.facts) expect(f.description ?? "").not.toMatch(WEEK_WORD);
  // The why of the planted drop and the chart's words.
  expect(detail.gaps.length).toBeGreaterThan(0);
  for (const g of detail.gaps) expect(g.why).not.toMatch(WEEK_WORD);
  const max = Math.max(...detail.spend.map((v) => v ?? 0));
  const text = spendChartText(detail, max, (x) => `$${x.toFixed(2)}`);
  expect(text.label).toMatch(/^Monthly spend of 7: 18 months from 2024-06 to 2025-11, total \$/);
  expect(text.label).toContain(`highest month $${max.toFixed(2)}`);
  expect(text.label).not.toMatch(WEEK_WORD);
  expect(detail.forecast).toBeUndefined();
  expect(text.forecastBand).toBe("");
  // The chart's axis caption, hidden table and last value, in months.
  expect(text.axisCaption).toBe("Monthly spend, Jun 2024 to Nov 2025");
  expect(text.periodHeader).toBe("Month");
  expect(text.forecastCaption).toBe("");
  const last = detail.spend[detail.spend.length - 1] ?? 0;
  expect(text.label).toContain(`latest month $${last.toFixed(2)}`);
});
