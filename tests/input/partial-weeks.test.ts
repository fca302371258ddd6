/**
 * Partial periods: daily data ending on a Tuesday leaves a last (Monday) week with 2 of 7 days; it
 * is left out of the calendar with an info issue naming it; a first week starting on a Wednesday is
 * reported (5 of 7 days) and kept. Weekly data (one weekday) has no partial weeks. The customer
 * model's purchases are the daily rows themselves.
 */
import { buildDataset } from "../../src/engine/input/build-dataset";
import { dailyTransactions } from "../../src/engine/metrics/customer-forecast";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";

const table = (rows: string[]) => ({
  source: "t",
  tables: [csvTextToTable("weekly_sales.csv", `customer_id,date,revenue\n${rows.join("\n")}\n`)],
});

describe("partial weeks", () => {
  // Wed 2024-01-03 .. Tue 2024-01-30: ISO weeks from Mon 01-01 to Mon 01-29 (5 weeks).
  // A buys on two days of its first week, so this is daily data (not weekly data dated on a few
  // weekdays, which would be aligned to one week start instead).
  const rows = [
    "A,2024-01-03,10",
    "A,2024-01-03,5",
    "A,2024-01-05,1",
    "A,2024-01-10,10",
    "B,2024-01-17,20",
    "A,2024-01-24,10",
    "B,2024-01-30,99",
  ];

  it("drops the 2-day last week, reports it and the 5-day first week", () => {
    const { dataset, issues } = buildDataset(table(rows));
    expect(dataset.calendar.labels).toEqual([
      "2024-01-01",
      "2024-01-08",
      "2024-01-15",
      "2024-01-22",
    ]);
    expect(dataset.sales.weeks).toBe(4);
    const b = dataset.customers.indexById.get("B") ?? -1;
    // B's $99 on Tue 01-30 is in the dropped week: B's weeks are 0 0 20 0.
    expect(Array.from(dataset.sales.spendCents.subarray(b * 4, b * 4 + 4))).toEqual([
      0, 0, 2000, 0,
    ]);
    const partial = issues.filter((i) => i.message.includes("of 7 days"));
    expect(partial.map((i) => i.severity)).toEqual(["info", "info"]);
    expect(partial[0].message).toContain("The first week (2024-01-01) holds 5 of 7 days");
    expect(partial[1].message).toContain("The last week (2024-01-29) holds only 2 of 7 days");
    expect(partial[1].message).toContain("2024-01-30");
    // The model's purchases: the daily rows up to the last whole week's Sunday, same day merged.
    const tx = dailyTransactions(dataset, dataset.calendar.startDays[3] + 6) ?? [];
    expect(tx.map((t) => `${t.customerId} ${t.date} ${t.amount}`).sort()).toEqual([
      "A 2024-01-03 15",
      "A 2024-01-05 1",
      "A 2024-01-10 10",
      "A 2024-01-24 10",
      "B 2024-01-17 20",
    ]);
  });

  it("weeks ending on a chosen day (a backtest's as-of) have no partial week", () => {
    const asOf = Date.UTC(2024, 0, 30) / 86_400_000; // Tue 01-30
    const { dataset, issues } = buildDataset(table(rows), { weekEndsOn: asOf });
    expect(dataset.calendar.labels[0]).toBe("2024-01-03");
    expect(dataset.sales.weeks).toBe(4);
    expect(issues.filter((i) => i.message.includes("of 7 days"))).toEqual([]);
  });

  it("weekly data (dates on one weekday) is never cut", () => {
    const weekly = ["A,2024-01-06,10", "A,2024-01-13,10", "B,2024-01-20,5"];
    const { dataset, issues } = buildDataset(table(weekly));
    expect(dataset.sales.weeks).toBe(3);
    expect(dataset.sales.dayRange).toBeUndefined();
    expect(dataset.sales.purchases).toBeUndefined();
    expect(issues.filter((i) => i.message.includes("of 7 days"))).toEqual([]);
  });
});
