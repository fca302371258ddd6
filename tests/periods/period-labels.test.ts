/**
 * Fact descriptions in months (issue 11): every fact whose description speaks of weeks has a
 * written monthly description that does not, the registry carries it, a monthly run's specs read
 * it (weekly runs keep the weekly text), and the rule-pack schema shows both.
 */
import { MONTH_DESCRIPTIONS } from "../../src/engine/registry/month-descriptions";
import { FACT_SPECS_BY_NAME, RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { specsForPeriod } from "../../src/engine/stages/period-facts";
import { buildPackSchema } from "../../src/rules/pack-schema";

/** Week words as a reader sees them (identifiers such as stockoutWeekShare are not words). */
const WEEK_WORD = /\bweek(s|ly)?\b/i;

test("every fact described in weeks has a monthly description without weeks, and only those facts", () => {
  const facts = [...RGO_REGISTRY.customerFacts, ...RGO_REGISTRY.portfolioFacts];
  const inWeeks = facts.filter((f) => WEEK_WORD.test(f.description)).map((f) => f.name);
  expect(inWeeks.length).toBeGreaterThan(30);
  expect(Object.keys(MONTH_DESCRIPTIONS).sort()).toEqual([...inWeeks].sort());
  for (const f of facts) {
    if (!inWeeks.includes(f.name)) continue;
    expect(f.descriptionInMonths).toBe(MONTH_DESCRIPTIONS[f.name]);
    expect(f.descriptionInMonths).not.toMatch(WEEK_WORD);
    expect(f.descriptionInMonths).toMatch(/\bmonth(s|ly)?\b/i);
  }
});

test("a monthly run reads the monthly descriptions and units; a weekly run the weekly ones", () => {
  const month = specsForPeriod(FACT_SPECS_BY_NAME, "month");
  const week = specsForPeriod(FACT_SPECS_BY_NAME, "week");
  expect(week).toBe(FACT_SPECS_BY_NAME);
  for (const [name, spec] of FACT_SPECS_BY_NAME) {
    const m = month.get(name);
    expect(m?.description).not.toMatch(WEEK_WORD);
    expect(m?.unit).toBe(spec.unit === "weeks" ? "months" : spec.unit);
  }
  expect(month.get("trailingZeroWeeks")?.description).toBe(
    "Consecutive zero-spend months ending at the last month.",
  );
  expect(week.get("trailingZeroWeeks")?.description).toBe(
    "Consecutive zero-spend weeks ending at the last week.",
  );
});

test("the rule-pack schema (rgo rules schema, editors) shows a fact's weekly and monthly descriptions", () => {
  const text = JSON.stringify(buildPackSchema(RGO_REGISTRY));
  expect(text).toContain(
    "Consecutive zero-spend weeks ending at the last week. Monthly data: Consecutive zero-spend months ending at the last month.",
  );
  expect(text).toContain("valueInMonths");
});
