/**
 * The drill-down detail carries the customer model's forecast (the band drawn after the history)
 * when the run fitted the model, and nothing otherwise.
 */
import { buildDataset } from "../../src/engine/input/build-dataset";
import { analyze } from "../../src/engine/pipeline/analyze";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { spendChartText } from "../../src/taskpane/state/spend-chart-text";
import { customerDetail } from "../../src/taskpane/worker/customer-detail";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";

const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
const START = Date.UTC(2023, 9, 4) / 86_400_000;

function log(): string {
  const rows = ["customer_id,date,revenue"];
  for (let i = 0; i < 60; i++) {
    const every = 1 + (i % 7);
    const stop = i % 2 === 0 ? 14 + (i % 10) : 99;
    for (let w = i % 5; w <= Math.min(stop, 26); w += every)
      rows.push(`K${i},${iso(START + 7 * w + (i % 3))},${10 + ((i * 7) % 13) * 4 + (w % 3) * 3}`);
  }
  return rows.join("\n");
}

it.each([
  ["default", true],
  ["seed-v2", false],
])("%s: forecast in the drill-down detail: %s", async (name, withModel) => {
  const checked = validatePack(BUILTIN_PACKS[name], RGO_REGISTRY);
  if (!checked.ok) throw new Error(name);
  const { dataset } = buildDataset({ source: "t", tables: [csvTextToTable("sales.csv", log())] });
  const result = await analyze(dataset, checked.pack, { runAt: new Date("2026-01-01T00:00:00Z") });
  const detail = customerDetail(dataset, result, "K1");
  if (!withModel) {
    expect(detail?.forecast).toBeUndefined();
    return;
  }
  const facts = result.customers.find((c) => c.customerId === "K1")?.facts ?? {};
  expect(detail?.forecast).toEqual({
    weeks: 13,
    expected: facts.expectedSpendNext,
    low: facts.expectedSpendLow,
    high: facts.expectedSpendHigh,
    level: 0.8,
    pActive: facts.pActive,
  });
  expect(detail?.forecast?.low).toBeLessThanOrEqual(detail?.forecast?.high ?? 0);
  // The chart labels the band with its level and horizon, and names the averages the rules used.
  if (detail === null) throw new Error("K1");
  const text = spendChartText(detail, 1, (x) => `$${x.toFixed(2)}`);
  expect(text.forecastCaption).toBe("80% band, next 13 weeks");
  expect(text.forecastRow).toBe("Next 13 weeks (80% band)");
  expect(text.periodHeader).toBe("Week starting");
  expect(text.label).toContain(
    `baseline average $${Number(facts.baselineAvg).toFixed(2)} a week, current average $${Number(facts.currentAvg).toFixed(2)} a week`,
  );
});
