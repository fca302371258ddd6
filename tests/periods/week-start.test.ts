/**
 * Issue 11: week start and period choices. A daily log spread from the seed's weeks gives the same
 * result whether its weeks start on Sunday (--week-start sunday) or on Saturday (the Saturday
 * version, --week-start saturday): each seed week's revenue is put on the days of one week, the
 * Sunday version one day after the Saturday version, so the weeks fall the same way under both
 * starts. Bad --period / --week-start values stop the CLI with exit 2 and a clear message. Period
 * detection is a property: month starts are monthly, one weekday is weekly.
 */
import fc from "fast-check";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { detectDateShape, weeksToMonths } from "../../src/engine/input/period";
import { daysFromCivil, weekdayOfDay } from "../../src/engine/input/calendar-days";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { runCli, SEED_DIR } from "../cli/run-cli";

const RUN_AT = new Date("2025-12-01T09:00:00.000Z");

function pack(name: string) {
  const checked = validatePack(BUILTIN_PACKS[name], RGO_REGISTRY);
  if (!checked.ok) throw new Error(`${name} invalid`);
  return checked;
}

/**
 * The seed's weekly rows as a daily transaction log: each week's spend split over days 0, 2 and 6
 * of the week (cents 30% / 30% / rest), the week starting `shift` days after the seed's Saturday.
 */
async function dailyLog(shift: number): Promise<RawTable> {
  const seed = await readCsvFolder(SEED_DIR);
  const weekly = seed.tables.find((t) => t.name.startsWith("retail_weekly_sales"));
  if (weekly === undefined) throw new Error("seed missing");
  const id = weekly.header.indexOf("customer_id");
  const date = weekly.header.indexOf("week_start_date");
  const spend = weekly.header.indexOf("weekly_spend");
  const rows: CellValue[][] = [];
  let t = 0;
  for (const r of weekly.rows) {
    const start = Date.parse(`${String(r[date])}T00:00:00Z`) + shift * 86400000;
    const cents = Math.round(Number(r[spend]) * 100);
    const a = Math.round(cents * 0.3);
    const parts: [number, number][] = [
      [0, a],
      [2, a],
      [6, cents - 2 * a],
    ];
    for (const [d, c] of parts) {
      const day = new Date(start + d * 86400000).toISOString().slice(0, 10);
      rows.push([String(r[id]), day, `T${t++}`, (c / 100).toFixed(2)]);
    }
  }
  return {
    name: "transactions",
    origin: "test",
    header: ["customer_id", "date", "transaction_id", "revenue"],
    rows,
    headerRow: 1,
    firstColumn: 1,
  };
}

test("a Sunday-week and a Saturday-week daily log of the same weeks give the same result under --week-start sunday / saturday", async () => {
  const saturday = await dailyLog(0);
  const sunday = await dailyLog(1);
  // The two logs hold the same money on days one apart.
  const total = (t: RawTable) => t.rows.reduce((s, r) => s + Math.round(Number(r[3]) * 100), 0);
  expect(total(sunday)).toBe(total(saturday));
  const sat = await runAnalysis([saturday], pack("seed-v2"), {
    runAt: RUN_AT,
    weekStart: "saturday",
  });
  const sun = await runAnalysis([sunday], pack("seed-v2"), { runAt: RUN_AT, weekStart: "sunday" });
  // Weeks start on the chosen weekday (0 = Monday): 5 Saturday, 6 Sunday.
  expect(new Set(Array.from(sat.dataset.calendar.startDays, weekdayOfDay))).toEqual(new Set([5]));
  expect(new Set(Array.from(sun.dataset.calendar.startDays, weekdayOfDay))).toEqual(new Set([6]));
  expect(sat.dataset.sales.weeks).toBe(12);
  expect(sun.dataset.sales.weeks).toBe(12);
  expect(Array.from(sun.dataset.sales.spendCents)).toEqual(
    Array.from(sat.dataset.sales.spendCents),
  );
  expect(sun.summary.summary).toEqual(sat.summary.summary);
  expect(sun.result.gaps.map((g) => [g.customerId, g.gapType, g.gapAmount])).toEqual(
    sat.result.gaps.map((g) => [g.customerId, g.gapType, g.gapAmount]),
  );
  // Each run says the week start that was chosen.
  expect(sun.issues.filter((i) => i.code === "period").map((i) => i.message)).toEqual([
    "Period: daily dates grouped into weeks starting Sunday (as chosen): 12 weeks, windows of 6 and 4 weeks (baseline and current).",
  ]);
  // The same Sunday log in default Monday weeks splits every week in two: other week sums.
  const monday = await runAnalysis([sunday], pack("seed-v2"), { runAt: RUN_AT });
  expect(weekdayOfDay(monday.dataset.calendar.startDays[0])).toBe(0);
  expect(Array.from(monday.dataset.sales.spendCents)).not.toEqual(
    Array.from(sat.dataset.sales.spendCents),
  );
});

test("--period month groups a daily log into calendar months", async () => {
  const saturday = await dailyLog(0);
  const out = await runAnalysis([saturday], pack("seed-v2"), { runAt: RUN_AT, period: "month" });
  expect(out.dataset.calendar.period?.unit).toBe("month");
  // Seed weeks 2025-09-06 .. 2025-11-22, the last day 2025-11-28: November holds 28 of its 30
  // days, so it is left out like a partial last week; September (from the 6th) is kept.
  expect(out.dataset.calendar.labels).toEqual(["2025-09", "2025-10"]);
  expect(out.issues.filter((i) => i.code === "partial-week").map((i) => i.message)).toEqual([
    "The first month (2025-09) holds 25 of 30 days of data (the data starts on 2025-09-06); it is kept: the windows are the trailing months and the customer model counts purchases.",
    "The last month (2025-11) holds only 28 of 30 days of data (the data ends on 2025-11-28); it is left out, so the analysis ends with the month of 2025-10 (to 2025-10-31).",
  ]);
});

test.each([
  [["--period", "fortnight"], '--period needs one of week or month, not "fortnight"'],
  [
    ["--week-start", "friday"],
    '--week-start needs one of monday, sunday or saturday, not "friday"',
  ],
])("rgo analyze %j: exit 2 with a clear message", async (flags, message) => {
  const run = await runCli(["analyze", SEED_DIR, ...flags, "--quiet"]);
  expect(run.code).toBe(2);
  expect(run.err).toContain(message);
});

test("the pack's week counts in months: nearest whole month, at least 1", () => {
  expect([13, 26, 12, 6, 4, 52, 1].map(weeksToMonths)).toEqual([3, 6, 3, 1, 1, 12, 1]);
});

const FIRST = daysFromCivil(2000, 1, 1);

test("period detection: a set of month starts is monthly; dates on one weekday are weekly", () => {
  // Month starts: any two or more distinct months from 2000 on.
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 600 }), { minLength: 2 }), (months) => {
      const days = Float64Array.from(months, (m) =>
        daysFromCivil(2000 + Math.floor(m / 12), (m % 12) + 1, 1),
      );
      return detectDateShape(days, new Uint8Array(days.length).fill(1)) === "monthly";
    }),
  );
  // One weekday: a first day and any week offsets, unless every date happens to be a 1st.
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 20000 }),
      fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1 }),
      (start, offsets) => {
        const days = Float64Array.from([0, ...offsets], (k) => FIRST + start + 7 * k);
        const allFirst = Array.from(days).every((d) => new Date(d * 86400000).getUTCDate() === 1);
        const distinct = new Set(days).size > 1;
        fc.pre(!(allFirst && distinct));
        return detectDateShape(days, new Uint8Array(days.length).fill(1)) === "one-weekday";
      },
    ),
  );
});
