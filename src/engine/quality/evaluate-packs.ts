/**
 * Runs rule packs on one labelled sample and scores each against the truth (the engine of
 * `npm run bench:quality` and of the quality tests). Pure: tables in, figures out.
 */
import type { RulePack } from "../../rules/rule-pack";
import type { RawTable } from "../input/raw-table";
import { buildDataset } from "../input/build-dataset";
import { analyze } from "../pipeline/analyze";
import type { TruthRow } from "./quality-truth";
import { outcomesFromResult, scoreQuality, type QualityFigures } from "./score-quality";

const RUN_AT = new Date("2025-01-01T00:00:00Z");

/**
 * Builds the dataset from `tables` once and, for each validated pack, analyses it and scores the
 * result against `truth`. Figures are in the order of `packs`.
 */
export async function evaluatePacks(
  tables: RawTable[],
  truth: readonly TruthRow[],
  packs: readonly RulePack[],
): Promise<QualityFigures[]> {
  const { dataset } = buildDataset({ source: "sample", tables });
  const out: QualityFigures[] = [];
  for (const pack of packs) {
    const result = await analyze(dataset, pack, { runAt: RUN_AT });
    out.push(scoreQuality(truth, outcomesFromResult(result)));
  }
  return out;
}
