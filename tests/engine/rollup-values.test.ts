/**
 * attributeValues (segment-rollups.ts) with each distinct value trimmed once and each plain age's
 * band made once (issue 14) against the per-customer code it replaced, kept here as the
 * reference: the same values, customer by customer, on random customers with blank, padded and
 * repeated attributes, plain ages (fractions, 0, -0, the band edges) and bands, selections in any
 * order.
 */
import fc from "fast-check";
import type { Dataset } from "../../src/engine/input/dataset";
import {
  ROLLUP_ATTRIBUTES,
  type RollupAttribute,
} from "../../src/engine/parameters/pack-parameters";
import { attributeValues } from "../../src/engine/stages/segment-rollups";
import { makeDataset } from "./make-dataset";

function ageBandBefore(age: number): string {
  if (age < 25) return "Under 25";
  if (age >= 65) return "65+";
  const lo = Math.floor((age - 25) / 10) * 10 + 25;
  return `${lo}-${lo + 9}`;
}

/** The replaced attributeValues. */
function attributeValuesBefore(
  dataset: Dataset,
  selection: Int32Array,
  attribute: RollupAttribute,
): (string | null)[] | null {
  const c = dataset.customers;
  const valueOf = (i: number): string | null => {
    switch (attribute) {
      case "region":
        return c.segment[i];
      case "ageBand":
        if (c.ageBand?.[i] != null) return c.ageBand[i];
        return Number.isNaN(c.age[i]) ? null : ageBandBefore(c.age[i]);
      case "householdSize":
        if (c.householdSizeBand?.[i] != null) return c.householdSizeBand[i];
        return Number.isNaN(c.householdSize[i]) ? null : String(c.householdSize[i]);
      case "income":
        return c.income?.[i] ?? null;
      case "loyalty":
        return c.loyalty[i] === 1 ? "member" : c.loyalty[i] === 0 ? "not a member" : null;
      case "store":
        return c.store[i] >= 0 ? (dataset.stores.ids[c.store[i]] ?? null) : null;
    }
  };
  const values = Array.from(selection, (i) => {
    const v = valueOf(i);
    return v === null || v.trim() === "" ? null : v.trim();
  });
  return values.some((v) => v !== null) ? values : null;
}

const text = fc.option(
  fc.constantFrom("North", " North", "North ", "", "  ", "45-54", "5+", "50-74K"),
  {
    nil: null,
  },
);
const age = fc.oneof(
  fc.constant(Number.NaN),
  fc.constantFrom(0, -0, 24.9, 25, 34, 35, 64.99, 65, 80),
  fc.double({ min: -5, max: 120, noNaN: true }),
);
const customer = fc.record({
  segment: text,
  ageBand: text,
  age,
  householdSizeBand: text,
  householdSize: fc.oneof(fc.constant(Number.NaN), fc.integer({ min: 0, max: 9 })),
  income: text,
  loyalty: fc.integer({ min: -1, max: 1 }),
  store: fc.integer({ min: -1, max: 2 }),
});

test("attributeValues gives the replaced code's values for every attribute", () => {
  fc.assert(
    fc.property(
      fc.array(customer, { minLength: 1, maxLength: 25 }),
      fc.boolean(),
      (cs, reversed) => {
        const ds = makeDataset(
          cs.map((_, i) => ({ id: `C${i}`, spend: [1] })),
          [[], [], []],
        );
        ds.customers.segment = cs.map((c) => c.segment);
        ds.customers.ageBand = cs.map((c) => c.ageBand);
        ds.customers.age = Float64Array.from(cs, (c) => c.age);
        ds.customers.householdSizeBand = cs.map((c) => c.householdSizeBand);
        ds.customers.householdSize = Float64Array.from(cs, (c) => c.householdSize);
        ds.customers.income = cs.map((c) => c.income);
        ds.customers.loyalty = Int8Array.from(cs, (c) => c.loyalty);
        ds.customers.store = Int32Array.from(cs, (c) => c.store);
        const n = cs.length;
        const sel = Int32Array.from({ length: n }, (_, i) => (reversed ? n - 1 - i : i));
        for (const a of ROLLUP_ATTRIBUTES)
          expect([a, attributeValues(ds, sel, a)]).toEqual([a, attributeValuesBefore(ds, sel, a)]);
      },
    ),
  );
  // Hand-worked: padded and blank values, a plain age in its band.
  const ds = makeDataset([
    { id: "a", spend: [1] },
    { id: "b", spend: [1] },
    { id: "c", spend: [1] },
  ]);
  ds.customers.segment = [" North ", "  ", null];
  ds.customers.age = Float64Array.of(34, Number.NaN, 65);
  const all = Int32Array.of(0, 1, 2);
  expect(attributeValues(ds, all, "region")).toEqual(["North", null, null]);
  expect(attributeValues(ds, all, "ageBand")).toEqual(["25-34", null, "65+"]);
});
