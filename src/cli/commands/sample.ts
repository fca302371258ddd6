import { mkdir } from "node:fs/promises";
import { parseArgs } from "node:util";
import { excelSheetProblem } from "../../engine/sample/excel-fit";
import { generateSample } from "../../engine/sample/generate-sample";
import { writeCsvFolder } from "../../workbook/csv-writer";
import { writeTablesXlsx } from "../../workbook/xlsx-table-writer";
import { usageError } from "../cli-error";
import type { CliOutput } from "../output";
import {
  describeWriteError,
  ensureFolderFor,
  writeAtomically,
} from "../output-safety/output-safety";

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw usageError(`${flag} needs a whole number from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

/**
 * `rgo sample`: a deterministic sample workbook (.xlsx) or CSV folder, plus its planted truth (sheet
 * `truth` / truth.csv: scenario, detail, expected_root_cause, is_gap). Flags: --customers, --weeks,
 * --seed, --background-stockouts <0..0.6>, --stock-measure <on_hand|stockout_days|in_stock_rate>,
 * --dense. An .xlsx output whose tables do not fit on Excel sheets (1,048,576 rows with the header)
 * is refused (exit code 2, nothing written); a CSV folder has no row limit.
 */
export async function sampleCommand(args: string[], io: CliOutput): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      customers: { type: "string", default: "500" },
      weeks: { type: "string", default: "26" },
      seed: { type: "string", default: "1" },
      out: { type: "string" },
      "background-stockouts": { type: "string", default: "0.2" },
      "stock-measure": { type: "string", default: "on_hand" },
      dense: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0 || values.out === undefined)
    throw usageError("sample needs --out <file.xlsx | folder>");
  const customers = wholeNumber("--customers", values.customers, 1, 1_000_000);
  const weeks = wholeNumber("--weeks", values.weeks, 1, 520);
  const seed = wholeNumber("--seed", values.seed, 0, 2 ** 31 - 1);
  if (customers * weeks > 20_000_000)
    throw usageError("--customers x --weeks must stay under 20,000,000 sales rows");
  const bgText = values["background-stockouts"];
  const background = Number(bgText);
  if (!/^\d*\.?\d+$/.test(bgText) || !(background >= 0 && background <= 0.6)) {
    throw usageError(`--background-stockouts needs a share from 0 to 0.6, got "${bgText}"`);
  }
  const measure = values["stock-measure"];
  if (measure !== "on_hand" && measure !== "stockout_days" && measure !== "in_stock_rate") {
    throw usageError(
      `--stock-measure needs on_hand, stockout_days or in_stock_rate, got "${measure}"`,
    );
  }
  const sample = generateSample({
    customers,
    weeks,
    seed,
    backgroundStockouts: background,
    stockMeasure: measure,
    dense: values.dense,
  });
  const out = values.out;
  if (out.toLowerCase().endsWith(".xlsx")) {
    const problem = excelSheetProblem([...sample.tables, sample.truth]);
    if (problem !== null) {
      throw usageError(
        `sample cannot write ${out}: ${problem} Use fewer --customers or --weeks, or write a CSV folder (--out <folder>), which has no row limit.`,
      );
    }
    await ensureFolderFor(out);
    await writeAtomically(out, (temp) => writeTablesXlsx([...sample.tables, sample.truth], temp));
  } else {
    try {
      await mkdir(out, { recursive: true });
      await writeCsvFolder([...sample.tables, sample.truth], out);
    } catch (e) {
      throw describeWriteError(e, out) ?? e;
    }
  }
  const rows = sample.tables.map((t) => `${t.name} ${t.rows.length}`).join(", ");
  io.out(`Sample written to ${out}: ${rows} rows (seed ${seed})\n`);
  return 0;
}
