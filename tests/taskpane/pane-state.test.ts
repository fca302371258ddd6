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
    drill: { withGaps: ["C1"], all: ["C1", "C2"] },
    ms: 5,
  });
  expect(isRunning(s)).toBe(false);
  expect(s.run.summary).toBe(summary);
  s = apply(s, { type: "run-start" }, { type: "run-cancelled" });
  expect(s.run.status).toBe("cancelled");
  expect(s.run.message).toMatch(/^Cancelled/);
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
