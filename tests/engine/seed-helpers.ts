/** Shared loaders for the seed tests: the seed CSVs through the real readers, and validated built-in packs. */
import path from "node:path";
import type { Dataset } from "../../src/engine/input/dataset";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import type { RulePack } from "../../src/rules/rule-pack";
import type { ReportMeta } from "../../src/engine/report/report-meta";
import { validatePack } from "../../src/rules/validate-pack";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";

export const SEED_DIR = path.resolve(__dirname, "../../../shared/data/seed");

let cached: Promise<Dataset> | null = null;

/** The seed dataset (read once per test file). */
export function seedDataset(): Promise<Dataset> {
  cached ??= readCsvFolder(SEED_DIR).then((wb) => buildDataset(wb).dataset);
  return cached;
}

/** A built-in pack after validation (throws with the errors when invalid). */
export function builtinPack(name: string): { pack: RulePack; hash: string } {
  const checked = validatePack(BUILTIN_PACKS[name], RGO_REGISTRY);
  if (!checked.ok) throw new Error(`${name} invalid: ${JSON.stringify(checked.errors, null, 1)}`);
  return { pack: checked.pack, hash: checked.hash };
}

/** A built-in pack's JSON as a RulePack (for analysis tests; validation is tested in packs.test.ts). */
export function rawPack(name: string): RulePack {
  return BUILTIN_PACKS[name] as RulePack;
}

export const RUN_AT = new Date("2025-11-25T00:00:00Z");

/** Report metadata of a seed run of `pack` (no issues, the seed's input counts). */
export const seedMeta = (pack: RulePack): ReportMeta => ({
  pack,
  packHash: "sha256:x",
  issues: [],
  source: "seed",
  inputCounts: { customers: 200, salesRows: 2400, stockRows: 360 },
  runAt: RUN_AT,
});
