/**
 * Issue 12 acceptance (the RGO Actions part): three runs on the seed data at as-of weeks 10, 11
 * and 12 (the sales table cut in the test), each run's results written with the CLI's writer and
 * its RGO Actions sheet read back with the CLI's reader as the next run's previous sheet. What the
 * user typed after run 1 (an owner, statuses, a note `=HYPERLINK("x")`, a date) is there byte for
 * byte after run 3, rows keep the order the user gave them, and the closed-gap counts add up with
 * sets computed independently from each run's own customers.
 */
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import type { RunOutput } from "../../src/engine/pipeline/run-analysis";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { actionsTable, colOf, run, seedPack, seedUpTo, writeAndRead } from "./actions-helpers";

const WEEKS = ["2025-11-08", "2025-11-15", "2025-11-22"]; // week starts of weeks 10, 11, 12
const asOf = (weekStart: string): number => Date.parse(weekStart) + 6 * 86400000;

const flaggedSet = (r: RunOutput): Set<string> =>
  new Set(r.result.customers.filter((c) => c.gapCount > 0).map((c) => c.customerId));

const NOTE = '=HYPERLINK("x")';
const NEXT = new Date(Date.UTC(2025, 10, 28));

interface Typed {
  owner: CellValue;
  status: CellValue;
  action: CellValue;
  next: CellValue;
  notes: CellValue;
}

function typeInto(t: RawTable, customer: string, v: Typed): void {
  const row = t.rows.find((r) => r[colOf(t, "Customer")] === customer);
  if (row === undefined) throw new Error(`no row for ${customer}`);
  row[colOf(t, "Owner")] = v.owner;
  row[colOf(t, "Status")] = v.status;
  row[colOf(t, "Action taken")] = v.action;
  row[colOf(t, "Next step date")] = v.next;
  row[colOf(t, "Notes")] = v.notes;
}

function userCells(t: RawTable, customer: string): CellValue[] {
  const row = t.rows.find((r) => r[colOf(t, "Customer")] === customer);
  if (row === undefined) throw new Error(`no row for ${customer}`);
  return ["Owner", "Status", "Action taken", "Next step date", "Notes"].map(
    (h) => row[colOf(t, h)] ?? null,
  );
}

test("three weekly runs: typed cells survive byte for byte, order kept, closed gaps add up", async () => {
  const runs: RunOutput[] = [];
  const tables: RawTable[] = [];
  // Run 1: no previous sheet, a fresh RGO Actions sheet.
  runs.push(await run(await seedUpTo(WEEKS[0]), undefined, 2));
  tables.push(actionsTable(await writeAndRead(runs[0].book)));
  const f1 = flaggedSet(runs[0]);
  expect(f1.size).toBeGreaterThanOrEqual(3);
  expect(tables[0].rows.map((r) => r[0]).sort()).toEqual([...f1].sort());
  expect(runs[0].book.sheets.find((s) => s.name === "RGO Summary")).toBeDefined();

  // The user types on three rows and reverses the row order.
  // (which of them close by week 12 does not depend on the Actions sheet: see the next test)
  const f3early = flaggedSet(await run(await seedUpTo(WEEKS[2])));
  const a = [...f1].find((x) => !f3early.has(x)) as string; // closes
  const [b, c] = [...f1].filter((x) => f3early.has(x)); // stay flagged
  expect(a).toBeDefined();
  const typed: Record<string, Typed> = {
    [a]: { owner: "Dana", status: "in progress", action: "called", next: NEXT, notes: NOTE },
    [b]: { owner: "Lee ", status: "done", action: null, next: null, notes: "  two spaces  " },
    [c]: { owner: "Sam", status: "won't act", action: null, next: "next Tuesday", notes: 42 },
  };
  for (const [id, v] of Object.entries(typed)) typeInto(tables[0], id, v);
  tables[0].rows.reverse();
  const userOrder = tables[0].rows.map((r) => r[0]);

  for (let i = 1; i < 3; i++) {
    runs.push(
      await run(await seedUpTo(WEEKS[i]), { source: "results.xlsx", actions: tables[i - 1] }, 2),
    );
    tables.push(actionsTable(await writeAndRead(runs[i].book)));
  }
  const [f2, f3] = [flaggedSet(runs[1]), flaggedSet(runs[2])];
  const t3 = tables[2];

  // Typed cells byte for byte (dates as the same instant).
  for (const [id, v] of Object.entries(typed)) {
    const got = userCells(t3, id);
    const want = [v.owner, v.status, v.action, v.next, v.notes];
    got.forEach((g, k) =>
      want[k] instanceof Date
        ? expect((g as Date).getTime()).toBe((want[k] as Date).getTime())
        : expect(g).toBe(want[k]),
    );
  }
  // The user's order first, then the customers first flagged in run 2, then in run 3.
  const ids = t3.rows.map((r) => r[colOf(t3, "Customer")] as string);
  const added2 = [...f2].filter((x) => !f1.has(x));
  const added3 = [...f3].filter((x) => !f1.has(x) && !f2.has(x));
  expect(ids.slice(0, userOrder.length)).toEqual(userOrder);
  expect(new Set(ids.slice(userOrder.length))).toEqual(new Set([...added2, ...added3]));
  expect(ids.length).toBe(new Set([...f1, ...f2, ...f3]).size);

  // Gap now and Closed on, from the three flagged sets.
  const gapNow = colOf(t3, "Gap now");
  const closedOn = colOf(t3, "Closed on");
  for (const row of t3.rows) {
    const id = row[0] as string;
    expect(row[gapNow]).toBe(f3.has(id) ? "flagged" : "closed");
    if (f3.has(id)) expect(row[closedOn]).toBeNull();
    else {
      const closedAt = f2.has(id) ? asOf(WEEKS[2]) : asOf(WEEKS[1]);
      expect((row[closedOn] as Date).getTime()).toBe(closedAt);
    }
  }
  const firstFlagged = colOf(t3, "First flagged");
  for (const row of t3.rows) {
    const id = row[0] as string;
    const first = f1.has(id) ? WEEKS[0] : f2.has(id) ? WEEKS[1] : WEEKS[2];
    expect((row[firstFlagged] as Date).getTime()).toBe(asOf(first));
  }

  // Run 3's summary figures: closed in this run = flagged after run 2 and not now.
  const summary = runs[2].book.sheets.find((s) => s.name === "RGO Summary");
  if (summary?.content.kind !== "report") throw new Error("no summary");
  const figures = new Map<string, unknown>();
  for (const bl of summary.content.blocks)
    if (bl.kind === "figures") for (const it of bl.items) figures.set(it.label, it.value);
  const tracked = new Set([...f1, ...f2, ...f3]);
  expect(figures.get("Customers on RGO Actions")).toBe(tracked.size);
  expect(figures.get("Gap still flagged")).toBe(f3.size);
  expect(figures.get("Gap closed")).toBe(tracked.size - f3.size);
  expect(figures.get("Closed in this run")).toBe([...f2].filter((x) => !f3.has(x)).length);
  expect(figures.get("Added in this run")).toBe(added3.length);
  expect(figures.get("Flagged again after closing")).toBe(
    [...f1].filter((x) => !f2.has(x) && f3.has(x)).length,
  );

  // Outcome feedback with N = 2: the cohort is run 1's flagged customers.
  const outcomes = summary.content.blocks.find(
    (bl) => bl.kind === "table" && bl.table.name === "RGO_Summary_Outcomes",
  );
  if (outcomes?.kind !== "table") throw new Error("no outcomes table");
  const [withA, withoutA, all] = outcomes.table.rows;
  const acted = new Set([a, b]); // "called" / "in progress" and "done"; c is "won't act"
  const closed1 = [...f1].filter((x) => !f3.has(x));
  expect(closed1).toContain(a);
  expect(f3).toEqual(f3early);
  expect(all.slice(1, 4)).toEqual([f1.size, closed1.length, f1.size - closed1.length]);
  expect(withA.slice(1, 3)).toEqual([acted.size, closed1.filter((x) => acted.has(x)).length]);
  expect(withoutA.slice(1, 3)).toEqual([
    f1.size - acted.size,
    closed1.filter((x) => !acted.has(x)).length,
  ]);
  // Recovered sums foot: the two groups add up to all, and all is the closed rows' column sum.
  const rec = colOf(t3, "Recovered (a week)");
  const sumClosed = t3.rows
    .filter((r) => closed1.includes(r[0] as string))
    .reduce((s, r) => s + Math.round(((r[rec] as number | null) ?? 0) * 100), 0);
  expect(Math.round((all[5] as number) * 100)).toBe(sumClosed);
  expect(Math.round((withA[5] as number) * 100) + Math.round((withoutA[5] as number) * 100)).toBe(
    sumClosed,
  );
  const texts = summary.content.blocks.flatMap((bl) => (bl.kind === "paragraph" ? [bl.text] : []));
  expect(texts.some((t) => /not proof/.test(t))).toBe(true);

  // Recovered = weekly spend now (run 3's currentAvg) - at the first flag (run 1's currentAvg).
  const avg = (r: RunOutput, id: string): number =>
    r.result.customers.find((x) => x.customerId === id)?.facts.currentAvg as number;
  for (const id of closed1) {
    const row = t3.rows.find((r) => r[0] === id) as CellValue[];
    expect(row[rec]).toBeCloseTo(avg(runs[2], id) - avg(runs[0], id), 2);
  }
  // Unknown status / not-a-date were reported, with sheet, row and column, and kept.
  const notDate = runs[1].issues.find((i) => i.code === "actions-not-a-date");
  expect(notDate).toMatchObject({ sheet: "RGO Actions", column: "Next step date" });
});

test("a run with a previous sheet changes no other sheet's figures", async () => {
  const wb = await seedUpTo(WEEKS[2]);
  const fresh = await run(wb);
  const again = await run(wb, {
    source: "x",
    actions: actionsTable(await writeAndRead(fresh.book)),
  });
  const strip = (o: RunOutput): unknown =>
    o.book.sheets
      .filter((s) => s.name !== "RGO Summary" && s.name !== "RGO Actions")
      .map((s) => s.content);
  expect(strip(again)).toEqual(strip(fresh));
  expect(again.summary).toEqual(fresh.summary);
  // Without a previous sheet the summary has no actions section.
  const summary = fresh.book.sheets[0];
  expect(JSON.stringify(summary)).not.toMatch(/Actions and outcomes/);
});

test("a run on one customer writes the previous sheet back unchanged", async () => {
  const wb = await seedUpTo(WEEKS[2]);
  const previous = actionsTable(await writeAndRead((await run(wb)).book));
  previous.rows[0][colOf(previous, "Notes")] = NOTE;
  const one = await runAnalysis(wb, seedPack(), {
    runAt: new Date("2025-12-01T00:00:00Z"),
    customerId: String(previous.rows[0][0]),
    previous: { source: "x", actions: previous },
  });
  const back = actionsTable(await writeAndRead(one.book));
  expect(back.header).toEqual(previous.header);
  expect(back.rows).toEqual(previous.rows);
  expect(one.issues.map((i) => i.code)).toContain("actions-single-customer");
});
