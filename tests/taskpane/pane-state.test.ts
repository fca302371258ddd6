/** The pane's reducer: role choices, stale pack checks, run lifecycle and drill-down selection. */
import {
  initialState,
  isRunning,
  paneReducer,
  type PaneAction,
  type PaneState,
} from "../../src/taskpane/state/pane-state";
import type { SummaryJson } from "../../src/engine/report/summary-json";

const apply = (s: PaneState, ...actions: PaneAction[]): PaneState => actions.reduce(paneReducer, s);
const sheet = (name: string, tables: string[] = []) => ({
  name,
  rows: 3,
  columns: 2,
  header: ["a", "b"],
  tables: tables.map((t) => ({ name: t, sheet: name, rows: 2, columns: 2, header: ["a", "b"] })),
  createdByRgo: false,
});

test("sheets-loaded fills roles from the guess but keeps user choices that still exist", () => {
  let s = initialState("default", "{}");
  s = apply(s, {
    type: "sheets-loaded",
    sheets: [sheet("Sales"), sheet("Other")],
    guess: { sales: "sheet:Sales" },
  });
  expect(s.sources).toEqual({ sales: "sheet:Sales" });
  s = apply(s, { type: "set-source", role: "sales", key: "sheet:Other" });
  s = apply(s, {
    type: "sheets-loaded",
    sheets: [sheet("Sales"), sheet("Other")],
    guess: { sales: "sheet:Sales" },
  });
  expect(s.sources.sales).toBe("sheet:Other");
  s = apply(s, {
    type: "sheets-loaded",
    sheets: [sheet("Sales")],
    guess: { sales: "sheet:Sales" },
  });
  expect(s.sources.sales).toBe("sheet:Sales");
  s = apply(s, { type: "set-source", role: "sales", key: null });
  expect(s.sources.sales).toBeUndefined();
});

test("a pack check of text that has since changed is ignored", () => {
  let s = apply(initialState("default", "{}"), { type: "edit-pack", text: "{ x" });
  const err = { pointer: "", line: 1, column: 3, code: "json-syntax", message: "bad" };
  s = apply(s, { type: "pack-checked", text: "{}", errors: [err] });
  expect(s.packErrors).toEqual([]);
  s = apply(s, { type: "pack-checked", text: "{ x", errors: [err] });
  expect(s.packErrors).toEqual([err]);
  s = apply(s, { type: "set-pack", preset: "seed-v2", text: "{}" });
  expect(s.packErrors).toEqual([]);
  expect(s.preset).toBe("seed-v2");
});

test("run lifecycle: progress only while running; done keeps figures; cancel and failure keep the last figures", () => {
  const summary = { summary: { gapCount: 343 } } as unknown as SummaryJson;
  let s = initialState("default", "{}");
  s = apply(s, { type: "run-progress", status: "running", stage: "Ranking", done: 0, total: 1 });
  expect(s.run.status).toBe("idle");
  s = apply(
    s,
    { type: "run-start" },
    { type: "run-progress", status: "running", stage: "Ranking", done: 1, total: 2 },
  );
  expect(isRunning(s)).toBe(true);
  expect(s.run.stage).toBe("Ranking");
  s = apply(s, {
    type: "run-done",
    summary,
    sheets: ["RGO Gaps"],
    drill: {
      withGaps: ["C1"],
      ranked: [{ customerId: "C1", rank: 1, revenueAtRisk: 10, band: "High" }],
      all: ["C1", "C2"],
    },
    ms: 5,
    packName: "seed-tier2 (modified)",
    // 10:42 local time, whatever the machine's zone.
    finishedAt: new Date(2026, 10, 27, 10, 42, 30).toISOString(),
  });
  expect(isRunning(s)).toBe(false);
  expect(s.run.summary).toBe(summary);
  s = apply(s, { type: "run-start" }, { type: "run-cancelled" });
  expect(s.run.status).toBe("cancelled");
  // A cancelled re-run says whose figures stay on show.
  expect(s.run.message).toBe(
    "Re-run cancelled: the figures below are from the run at 10:42 with seed-tier2 (modified).",
  );
  expect(s.run.summary).toBe(summary);
  s = apply(s, { type: "run-start" }, { type: "run-failed", message: "Failed: x" });
  expect(s.run.status).toBe("failed");
});

test("drill-down ignores the detail of a customer no longer selected", () => {
  let s = apply(initialState("default", "{}"), { type: "drill-select", customerId: "C1" });
  expect(s.drill.loading).toBe(true);
  s = apply(
    s,
    { type: "drill-select", customerId: "C2" },
    { type: "drill-loaded", customerId: "C1", detail: null },
  );
  expect(s.drill).toEqual({ customerId: "C2", detail: null, loading: true });
});

test("column choices survive re-listing the sheets, and reset when the role's source changes", () => {
  const sheets = [sheet("Sales"), sheet("Other")];
  let s = apply(initialState("default", "{}"), {
    type: "sheets-loaded",
    sheets,
    guess: { sales: "sheet:Sales", customers: "sheet:Other" },
  });
  s = apply(
    s,
    {
      type: "validation-done",
      report: {
        roles: {},
        counts: { customers: 0, salesRows: 0, weeks: 0, stockRows: 0 },
        issues: [],
        issueCount: 0,
        blocking: null,
      },
    },
    { type: "set-column", role: "sales", field: "revenue", header: "b" },
    { type: "set-column", role: "sales", field: "store", header: null },
    { type: "set-column", role: "customers", field: "segment", header: "a" },
  );
  expect(s.columns).toEqual({
    sales: { revenue: "b", store: null },
    customers: { segment: "a" },
  });
  // A choice invalidates the last data check (the preview checks again).
  expect(s.validation).toEqual({ status: "idle", report: null });
  // A run ends by listing the sheets again: the choices stay.
  s = apply(s, { type: "sheets-loaded", sheets, guess: { sales: "sheet:Sales" } });
  expect(s.columns.sales).toEqual({ revenue: "b", store: null });
  // Another source for sales: its choices go, the customers' stay.
  s = apply(s, { type: "set-source", role: "sales", key: "sheet:Other" });
  expect(s.columns).toEqual({ customers: { segment: "a" } });
  // The source disappears: the guess takes over and the choices go.
  s = apply(s, {
    type: "sheets-loaded",
    sheets: [sheet("Sales")],
    guess: { sales: "sheet:Sales" },
  });
  expect(s.columns).toEqual({});
  s = apply(
    s,
    { type: "set-column", role: "sales", field: "revenue", header: "a" },
    { type: "reset-columns", role: "sales" },
  );
  expect(s.columns).toEqual({});
});
