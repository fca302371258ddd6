/**
 * Runs rule packs on one labelled sample and scores each against the truth (the engine of
 * `npm run bench:quality` and of the quality tests). Pure: tables in, figures out.
 */
import type { RawTable } from "../input/raw-table";
import { type CheckedPack, runAnalysis } from "../pipeline/run-analysis";
import type { TruthRow } from "./quality-truth";
import { outcomesFromResult, scoreQuality, type QualityFigures } from "./score-quality";

const RUN_AT = new Date("2025-01-01T00:00:00Z");

/**
 * Runs each validated pack on `tables` (runAnalysis) and scores the result against `truth`.
 * Figures are in the order of `packs`.
 */
export async function evaluatePacks(
  tables: readonly RawTable[],
  truth: readonly TruthRow[],
  packs: readonly CheckedPack[],
): Promise<QualityFigures[]> {
  const out: QualityFigures[] = [];
  for (const pack of packs) {
    const { result } = await runAnalysis(tables, pack, { runAt: RUN_AT, source: "sample" });
    out.push(scoreQuality(truth, outcomesFromResult(result)));
  }
  return out;
}
