/**
 * RGO Customers' fact cells made per column (customer-fact-columns.ts `factCellOf`, which decides
 * once per column whether it is a segment the pack sets) against the cell-by-cell rule it replaced,
 * kept here verbatim as the reference: on random fact records, every segment, score and metric
 * name (and names no registry lists), with and without the pack setting the segment, the cells
 * are the same. Hand-worked: a segment the pack sets reads in words, one it never sets reads
 * "Not assessed", a missing fact is empty.
 */
import fc from "fast-check";
import { METRIC_FACTS, SCORES, SEGMENTS } from "../../src/engine/registry/customer-facts";
import { labelOf } from "../../src/engine/registry/labels";
import { factCellOf, NOT_ASSESSED } from "../../src/engine/report/customer-fact-columns";
import type { ResultCell } from "../../src/engine/report/result-book";
import type { FactRecord } from "../../src/rules/types";

/** The replaced factCell, verbatim. */
function referenceCell(facts: FactRecord, name: string, assessed: ReadonlySet<string>): ResultCell {
  const v = facts[name];
  if (v === undefined) return null;
  if (SEGMENTS[name] === undefined) return v;
  if (!assessed.has(name)) return NOT_ASSESSED;
  return typeof v === "string" ? labelOf("value", v) : v;
}

const segmentNames = Object.keys(SEGMENTS);
const names = [
  ...segmentNames,
  ...Object.keys(SCORES),
  ...METRIC_FACTS.map((f) => f.name),
  "notARegisteredFact",
];
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true }),
  fc.constantFrom("at_risk", "declining_trend", "stable", "highValue", "", "C123"),
  fc.string({ maxLength: 8 }),
);

test("per-column fact cells equal the cell-by-cell rule (property)", () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom(...names), scalar),
      fc.subarray(segmentNames),
      (facts, set) => {
        const assessed = new Set(set);
        for (const name of names)
          expect(factCellOf(name, assessed)(facts)).toEqual(referenceCell(facts, name, assessed));
      },
    ),
  );
});

test("a segment the pack sets reads in words, one it never sets reads Not assessed, a missing fact is empty", () => {
  const segment = segmentNames[0];
  const facts: FactRecord = { [segment]: "at_risk" };
  expect(factCellOf(segment, new Set([segment]))(facts)).toBe("At risk");
  expect(factCellOf(segment, new Set())(facts)).toBe("Not assessed");
  expect(factCellOf(segment, new Set([segment]))({})).toBeNull();
  expect(factCellOf("notARegisteredFact", new Set())({ notARegisteredFact: 4.5 })).toBe(4.5);
});
