/** Scoring a run against the planted truth: hand-worked figures and the truth table reader. */
import { RgoError } from "../../src/engine/errors";
import { truthFromTable, type TruthRow } from "../../src/engine/quality/quality-truth";
import { scoreQuality, type OutcomeRow } from "../../src/engine/quality/score-quality";
import type { RawTable } from "../../src/engine/input/raw-table";

const truth: TruthRow[] = [
  { customerId: "s1", scenario: "stable", expectedRootCause: "none", isGap: false },
  { customerId: "s2", scenario: "stable", expectedRootCause: "none", isGap: false },
  { customerId: "s3", scenario: "stable", expectedRootCause: "none", isGap: false },
  { customerId: "s4", scenario: "stable", expectedRootCause: "none", isGap: false },
  {
    customerId: "d1",
    scenario: "demand_softness",
    expectedRootCause: "demand_softness",
    isGap: true,
  },
  {
    customerId: "d2",
    scenario: "demand_softness",
    expectedRootCause: "demand_softness",
    isGap: true,
  },
  {
    customerId: "o1",
    scenario: "stockout_dip",
    expectedRootCause: "operational_stockout",
    isGap: true,
  },
  { customerId: "l1", scenario: "lapse", expectedRootCause: "behavioral_churn", isGap: true },
  { customerId: "n1", scenario: "new", expectedRootCause: "none", isGap: false },
];

const outcomes: OutcomeRow[] = [
  { customerId: "s1", flagged: true, rootCause: "demand_softness" },
  { customerId: "s2", flagged: false, rootCause: null },
  { customerId: "s3", flagged: false, rootCause: "demand_softness" },
  { customerId: "s4", flagged: false, rootCause: null },
  { customerId: "d1", flagged: true, rootCause: "demand_softness" },
  { customerId: "d2", flagged: true, rootCause: "operational_stockout" },
  // o1 is missing from the run: counts as not flagged.
  { customerId: "l1", flagged: false, rootCause: "behavioral_churn" },
  { customerId: "n1", flagged: true, rootCause: "demand_softness" },
];

describe("scoreQuality", () => {
  const q = scoreQuality(truth, outcomes);

  it("counts an unflagged planted gap as a wrong cause, even when its cause would match", () => {
    expect(q.gapCustomers).toBe(4);
    expect(q.gapsFound).toBe(2); // d1, d2
    expect(q.gapsFoundShare).toBe(0.5);
    expect(q.correctCause).toBe(1); // d1 only (l1 is unflagged, o1 missing)
    expect(q.rootCauseAccuracy).toBe(0.25);
    expect(q.causeAccuracyWhenFound).toBe(0.5);
    expect(q.missing).toBe(1);
  });

  it("counts stable customers flagged and other non-gap customers separately", () => {
    expect(q.stableCustomers).toBe(4);
    expect(q.stableFlagged).toBe(1);
    expect(q.stableFlaggedShare).toBe(0.25);
    expect(q.otherNonGapFlagged).toBe(1); // n1
  });

  it("gives per-scenario figures and the cause matrix", () => {
    const soft = q.byScenario.find((s) => s.scenario === "demand_softness");
    expect(soft).toEqual({
      scenario: "demand_softness",
      customers: 2,
      flagged: 2,
      correctCause: 1,
      flaggedShare: 1,
    });
    expect(q.byScenario.map((s) => s.scenario)).toEqual([
      "stable",
      "demand_softness",
      "stockout_dip",
      "lapse",
      "new",
    ]);
    expect(q.causeMatrix).toEqual({
      demand_softness: { demand_softness: 1, operational_stockout: 1 },
      operational_stockout: { "(not flagged)": 1 },
      behavioral_churn: { "(not flagged)": 1 },
    });
  });

  it("treats an empty truth as perfect detection and no false alarms", () => {
    const e = scoreQuality([], []);
    expect([e.rootCauseAccuracy, e.gapsFoundShare, e.stableFlaggedShare]).toEqual([1, 1, 0]);
  });
});

describe("truthFromTable", () => {
  const table = (header: string[], rows: RawTable["rows"]): RawTable => ({
    name: "truth",
    origin: "test",
    header,
    rows,
    headerRow: 1,
    firstColumn: 1,
  });

  it("reads booleans as written by the sample (xlsx) and as CSV text, in any column order", () => {
    const rows = truthFromTable(
      table(
        ["is_gap", "customer_id", "detail", "expected_root_cause", "scenario"],
        [
          [true, "C1", "x", "demand_softness", "demand_softness"],
          ["FALSE", "C2", "y", "none", "stable"],
          ["true", "C3", "z", "", "lapse"],
          [null, null, null, null, null],
        ],
      ),
    );
    expect(rows).toEqual([
      {
        customerId: "C1",
        scenario: "demand_softness",
        expectedRootCause: "demand_softness",
        isGap: true,
      },
      { customerId: "C2", scenario: "stable", expectedRootCause: "none", isGap: false },
      { customerId: "C3", scenario: "lapse", expectedRootCause: "none", isGap: true },
    ]);
  });

  it("names a missing column", () => {
    expect(() => truthFromTable(table(["customer_id", "scenario"], []))).toThrow(RgoError);
    expect(() => truthFromTable(table(["customer_id", "scenario"], []))).toThrow(
      /expected_root_cause/,
    );
  });
});
