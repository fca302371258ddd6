import fc from "fast-check";
import {
  CAUSE_LABELS,
  FACT_LABELS,
  GAP_TYPE_LABELS,
  IDENTIFIER_PATTERN,
  humanise,
  labelOf,
} from "../../src/engine/registry/labels";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { ROOT_CAUSES } from "../../src/engine/registry/events";
import { GAP_TYPES, SUB_SCORES } from "../../src/engine/parameters/pack-parameters";
import { SCORES, SEGMENTS } from "../../src/engine/registry/customer-facts";

describe("label registry", () => {
  const names = [
    ...RGO_REGISTRY.customerFacts,
    ...RGO_REGISTRY.portfolioFacts,
    ...(RGO_REGISTRY.dealFacts ?? []),
    ...(RGO_REGISTRY.repFacts ?? []),
  ].map((f) => f.name);

  it("has words for every registered fact, score, segment and sub-score", () => {
    const all = [...names, ...Object.keys(SCORES), ...Object.keys(SEGMENTS), ...SUB_SCORES];
    expect(all.filter((n) => FACT_LABELS[n] === undefined)).toEqual([]);
  });

  it("has words for every gap type and root cause", () => {
    expect(GAP_TYPES.filter((t) => GAP_TYPE_LABELS[t] === undefined)).toEqual([]);
    expect(ROOT_CAUSES.filter((c) => CAUSE_LABELS[c] === undefined)).toEqual([]);
  });

  it("no label is itself an identifier", () => {
    const labels = [
      ...Object.values(FACT_LABELS),
      ...Object.values(GAP_TYPE_LABELS),
      ...Object.values(CAUSE_LABELS),
    ];
    expect(labels.filter((l) => IDENTIFIER_PATTERN.test(l))).toEqual([]);
  });

  it("labels differ: no two facts read the same", () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const [k, v] of Object.entries(FACT_LABELS)) {
      if (seen.has(v)) dupes.push(`${seen.get(v)} / ${k}: ${v}`);
      seen.set(v, k);
    }
    expect(dupes).toEqual([]);
  });

  it("humanises hand-worked names", () => {
    expect(humanise("atRiskScore")).toBe("At risk score");
    expect(humanise("very_high")).toBe("Very high");
    expect(humanise("HTTPStatus")).toBe("Http status");
    expect(labelOf("fact", "pActive")).toBe("Chance still buying");
    expect(labelOf("value", "somethingNew")).toBe("Something new");
  });

  it("humanise never leaves an identifier (property)", () => {
    const ident = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,20}$/);
    fc.assert(
      fc.property(ident, (n) => {
        expect(IDENTIFIER_PATTERN.test(humanise(n))).toBe(false);
      }),
    );
  });
});

describe("humanise kept per name", () => {
  // The words of a name, worked by hand: the same whether the name was met before or not.
  test("the same words on the first call and on every later one, in any order (property)", () => {
    expect(humanise("trendPct")).toBe("Trend percent");
    expect(humanise("trendPct")).toBe("Trend percent");
    expect(humanise("zero_spend-weeks")).toBe("Zero spend weeks");
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 40 }), (names) => {
        const first = names.map((n) => humanise(n));
        const again = [...names].reverse().map((n) => humanise(n));
        expect(again.reverse()).toEqual(first);
        // Words never depend on another name met before: a name met alone reads the same.
        names.forEach((n, i) => expect(humanise(n)).toBe(first[i]));
      }),
    );
  });

  test("names past the kept limit still read the same", () => {
    const names = Array.from({ length: 5000 }, (_, i) => `factNumber${i}_avg`);
    const words = names.map((n) => humanise(n));
    expect(words[4999]).toBe("Fact number4999 average");
    expect(names.map((n) => humanise(n))).toEqual(words);
  });
});
