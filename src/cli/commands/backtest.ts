import { parseArgs } from "node:util";
import { runBacktest, type BacktestJson } from "../../engine/backtest/run-backtest";
import { formatCurrency, normalizeCurrencyCode } from "../../engine/currency";
import { readInput } from "../../workbook/read-input";
import { usageError } from "../cli-error";
import { loadPack } from "../load-pack";
import type { CliOutput } from "../output";
import {
  checkOutputs,
  ensureFolderFor,
  runPaths,
  writeTextAtomically,
} from "../output-safety/output-safety";

const pct = (x: number | null): string => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);

/** The backtest's figures as text lines; money in the run's currency (ISO code). */
export function formatBacktest(j: BacktestJson, pack: string, currency: string): string {
  const money = (x: number | null): string => (x === null ? "-" : formatCurrency(x, currency));
  const error =
    j.forecastTotal !== null && j.realisedTotal !== null && j.realisedTotal > 0
      ? ` (${j.forecastTotal >= j.realisedTotal ? "+" : ""}${pct(j.forecastTotal / j.realisedTotal - 1)})`
      : "";
  return [
    `Backtest         ${pack}, as of ${j.asOf}, next ${j.horizon} weeks`,
    `Active           ${j.active} customers (spent in the 13 weeks to ${j.asOf}); lost ${j.lost} (base rate ${pct(j.baseRate)})`,
    `Flagged          ${j.flagged} (${j.flaggedActive} active)`,
    `Precision        ${pct(j.precision)}  lift ${j.lift.toFixed(2)}  recall ${pct(j.recall)}`,
    `Top-100          ${pct(j.top100Precision)} lost`,
    `Loss coverage    ${pct(j.lossCoverage)}`,
    `Forecast         ${money(j.forecastTotal)} vs realised ${money(j.realisedTotal)}${error}; 80% interval holds ${pct(j.intervalCoverage)} of active customers`,
    ...(j.forecastLow === null
      ? []
      : [
          `Portfolio band   ${money(j.forecastLow)} to ${j.forecastHigh === null ? "no upper bound" : money(j.forecastHigh)}: the realised total is ${j.realisedInBand === true ? "inside" : "outside"} it`,
        ]),
    "",
  ].join("\n");
}

/**
 * `rgo backtest <input> --as-of <date> [--horizon 13] [--rules <pack>] [--json out.json]`: the
 * analysis of the data dated on or before the as-of date, scored against the H weeks after it.
 */
export async function backtestCommand(
  args: string[],
  io: CliOutput,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "as-of": { type: "string" },
      horizon: { type: "string", default: "13" },
      rules: { type: "string", default: "default" },
      json: { type: "string" },
      currency: { type: "string" },
    },
  });
  if (positionals.length !== 1)
    throw usageError("backtest needs exactly one input: an .xlsx file or a folder of CSV files");
  const asOf = values["as-of"];
  if (asOf === undefined) throw usageError("backtest needs --as-of <YYYY-MM-DD>");
  if (!/^\d+$/.test(values.horizon) || Number(values.horizon) < 1)
    throw usageError(`--horizon needs a whole number >= 1, got "${values.horizon}"`);
  const currency =
    values.currency === undefined ? undefined : normalizeCurrencyCode(values.currency);
  if (currency === null)
    throw usageError(
      `--currency needs an ISO 4217 code of three letters (e.g. GBP, EUR, USD), not "${values.currency ?? ""}"`,
    );
  const input = positionals[0];
  await checkOutputs(...runPaths(input, values.rules, { "--json": values.json }));
  const loaded = await loadPack(values.rules);
  const workbook = await readInput(input);
  const out = await runBacktest(
    workbook,
    loaded,
    {
      asOf,
      horizonWeeks: Number(values.horizon),
      runAt: new Date(),
      source: input,
      ...(currency !== undefined ? { currency } : {}),
    },
    { signal },
  );
  io.out(
    formatBacktest(out.json, `${loaded.pack.name} ${loaded.pack.version}`, out.run.currency.code),
  );
  if (values.json !== undefined) {
    await ensureFolderFor(values.json);
    await writeTextAtomically(values.json, `${JSON.stringify(out.json, null, 2)}\n`);
  }
  return 0;
}
