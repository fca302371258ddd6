/**
 * What is sent: the top N customers of the seed run (best-ranked row each, each customer once),
 * picked here independently from the gap rows; ids we issue; money worded with currency and period
 * from the raw amounts; no other customer anywhere in the payload; the pack's narrative settings
 * validated by the schema (topN 1..20, a known tone, a short audience).
 */
import { buildNarrativePayload } from "../../src/engine/narrative/narrative-payload";
import { narrativeRequests } from "../../src/engine/narrative/narrative-requests";
import { narrativeSettings } from "../../src/engine/narrative/narrative-settings";
import type { RunOutput } from "../../src/engine/pipeline/run-analysis";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { seedRun } from "./narrated-workbook";

jest.setTimeout(60_000);

let run: RunOutput;
beforeAll(async () => {
  run = await seedRun();
});

/** The first `n` distinct customers in rank order, with their best-ranked row's rank. */
function topCustomers(n: number): { customer: string; rank: number }[] {
  const rows = [...run.result.gaps].sort((a, b) => a.rank - b.rank);
  const out: { customer: string; rank: number }[] = [];
  for (const g of rows)
    if (out.length < n && !out.some((o) => o.customer === g.customerId))
      out.push({ customer: g.customerId, rank: g.rank });
  return out;
}

const usd = (x: number): string =>
  `$${Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Every string anywhere in a JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (typeof v === "object" && v !== null) return Object.values(v).flatMap(strings);
  return [];
}

test.each([1, 5, 7, 20])("topN %i: those customers, in rank order, ids c1..cN", (n) => {
  const p = buildNarrativePayload(run.result, { topN: n, tone: "warm", audience: "sales" }, "USD");
  const expected = topCustomers(n);
  expect(p.customers.map((c) => ({ customer: c.customer, rank: c.rank }))).toEqual(expected);
  expect(p.customers.map((c) => c.id)).toEqual(expected.map((_, i) => `c${i + 1}`));
  expect(p.tone).toBe("warm");
  expect(p.audience).toBe("sales");
  // No other customer's id appears as any value of the payload or the requests.
  const others = new Set(
    run.result.customers
      .map((c) => c.customerId)
      .filter((id) => !expected.some((e) => e.customer === id)),
  );
  const sent = narrativeRequests(p).flatMap((r) =>
    r.messages.flatMap((m) => (m.role === "user" ? strings(JSON.parse(m.content)) : [])),
  );
  expect(sent.filter((s) => others.has(s))).toEqual([]);
  // Each customer request carries exactly one customer: its own.
  for (const r of narrativeRequests(p).slice(0, -1)) {
    const data = JSON.parse(r.messages[1].content) as { customer: { id: string } };
    expect(Object.keys(data)).toEqual(["customer"]);
    expect(data.customer.id).toBe(r.key);
  }
});

test("the facts sent are the gap row's, money with currency and period", () => {
  const p = buildNarrativePayload(run.result, narrativeSettings(run.result.parameters), "USD");
  expect(p.customers).toHaveLength(5);
  for (const c of p.customers) {
    const g = run.result.gaps.find((x) => x.rank === c.rank);
    if (g === undefined) throw new Error("no row");
    expect(c.customer).toBe(g.customerId);
    expect(c.shortfall).toBe(`${usd(g.gapAmount)} a week`);
    expect(c.currentSpend).toBe(`${usd(g.current)} a week`);
    expect(c.expectedSpend).toBe(`${usd(g.expected)} a week`);
    expect(c.why).toBe(g.why);
    expect(c.recommendedActions).toEqual([...g.recommendedActions]);
    // Only the listed facts: no raw rows, no weekly series.
    expect(Object.keys(c).sort()).toEqual(
      [
        "id",
        "rank",
        "customer",
        "gapType",
        "severity",
        "priorityBand",
        "priorityScore",
        "currentSpend",
        "expectedSpend",
        "shortfall",
        "changePct",
        "periodsAtRisk",
        "rootCause",
        "exposure",
        "recoveryPotential",
        "recommendedActions",
        "why",
      ].sort(),
    );
  }
});

test("the pack's narrative settings: defaults, and the schema's limits", () => {
  expect(narrativeSettings(run.result.parameters)).toEqual({
    topN: 5,
    tone: "neutral",
    audience: "account managers",
  });
  const withNarrative = (narrative: unknown) => {
    const pack = JSON.parse(JSON.stringify(BUILTIN_PACKS.default)) as {
      parameters: Record<string, unknown>;
    };
    pack.parameters.narrative = narrative;
    return validatePack(pack, RGO_REGISTRY);
  };
  const ok = withNarrative({ topN: 20, tone: "formal", audience: "finance" });
  expect(ok.ok).toBe(true);
  if (ok.ok)
    expect(narrativeSettings(ok.pack.parameters as never)).toEqual({
      topN: 20,
      tone: "formal",
      audience: "finance",
    });
  expect(withNarrative({ topN: 21 }).ok).toBe(false);
  expect(withNarrative({ topN: 0 }).ok).toBe(false);
  expect(withNarrative({ tone: "angry" }).ok).toBe(false);
  expect(withNarrative({ audience: "x".repeat(81) }).ok).toBe(false);
  expect(withNarrative({ sendEverything: true }).ok).toBe(false);
});
