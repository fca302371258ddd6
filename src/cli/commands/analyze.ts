import { formatCurrency, isKnownCurrency, normalizeCurrencyCode } from "../../engine/currency";
import { describePeriod, parsePeriod, parseWeekStart } from "../../engine/pipeline/run-period";
import { parseArgs } from "node:util";
import { throwIfCancelled } from "../../engine/errors";
import { issueTotals } from "../../engine/issue";
import { runAnalysis } from "../../engine/pipeline/run-analysis";
import { inputNotices } from "../../workbook/input-notices";
import { readInput } from "../../workbook/read-input";
import type * as ResultWriterModule from "../../workbook/xlsx-result-writer";
import { usageError } from "../cli-error";
import { parseColumnMaps } from "../column-map-arg";
import { formatHeadline } from "../headline";
import { loadPack } from "../load-pack";
import { narrateRun } from "../narrative-option";
import { formatTrend } from "../trend-line";
import type * as PreviousResultsModule from "../../workbook/previous-results-file";
import type { CliOutput } from "../output";
import {
  checkOutputs,
  runPaths,
  ensureFolderFor,
  writeAtomically,
  writeTextAtomically,
} from "../output-safety/output-safety";

function parsePositiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw usageError(`${flag} needs a whole number >= 1, got "${text}"`);
  return Number(text);
}

/** `rgo analyze`: read the input, run it (runAnalysis), write the results; timings on stderr. */
/** --currency: three letters (an ISO 4217 code, known or not), upper-cased; else a usage error. */
function parseCurrency(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const code = normalizeCurrencyCode(text);
  if (code === null)
    throw usageError(
      `--currency needs an ISO 4217 code of three letters (e.g. GBP, EUR, USD), not "${text}"`,
    );
  return code;
}

/** --period week|month and --week-start monday|sunday|saturday, checked; else a usage error. */
function parsePeriodArgs(
  period: string | undefined,
  weekStart: string | undefined,
): { period?: string; weekStart?: string } {
  const check = (flag: string, text: string, parse: (t: string) => unknown, choices: string) => {
    try {
      parse(text);
    } catch {
      throw usageError(`${flag} needs one of ${choices}, not "${text}"`);
    }
  };
  if (period !== undefined) check("--period", period, parsePeriod, "week or month");
  if (weekStart !== undefined)
    check("--week-start", weekStart, parseWeekStart, "monday, sunday or saturday");
  return {
    ...(period !== undefined ? { period } : {}),
    ...(weekStart !== undefined ? { weekStart } : {}),
  };
}

export async function analyzeCommand(
  args: string[],
  io: CliOutput,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      rules: { type: "string", default: "default" },
      out: { type: "string" },
      json: { type: "string" },
      customer: { type: "string" },
      top: { type: "string" },
      currency: { type: "string" },
      period: { type: "string" },
      "week-start": { type: "string" },
      "as-of": { type: "string" },
      previous: { type: "string" },
      map: { type: "string", multiple: true },
      timings: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      narrative: { type: "boolean", default: false },
      "narrative-dry-run": { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1)
    throw usageError("analyze needs exactly one input: an .xlsx file or a folder of CSV files");
  const input = positionals[0];
  const topN = parsePositiveInt("--top", values.top);
  const columns = parseColumnMaps(values.map ?? []);
  const currency = parseCurrency(values.currency);
  const period = parsePeriodArgs(values.period, values["week-start"]);
  const [inputs, outputs] = runPaths(input, values.rules, {
    "--out": values.out,
    "--json": values.json,
  });
  if (values.previous !== undefined) inputs.push({ label: "--previous", path: values.previous });
  await checkOutputs(inputs, outputs);

  const started = performance.now();
  const timing = (stage: string, ms: number): void => {
    if (values.timings) io.err(`timing\t${stage}\t${ms.toFixed(1)}\n`);
  };
  const timed = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    timing(stage, performance.now() - t0);
    return result;
  };

  const loaded = await timed("load rules", () => loadPack(values.rules));
  const workbook = await timed("read input", () => readInput(input));
  // The weekly loop: the history (and actions) of --previous, else of the --out file being replaced.
  // The .xlsx reader (and its zip library) is loaded only when there is a file to read back.
  const readPrevious = (): typeof PreviousResultsModule.readPreviousResultsFile =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (issue 14)
    (require("../../workbook/previous-results-file") as typeof PreviousResultsModule)
      .readPreviousResultsFile;
  const previous = await timed("read previous results", () =>
    values.previous !== undefined
      ? readPrevious()(values.previous, "--previous", false)
      : values.out !== undefined
        ? readPrevious()(values.out, "--out", true)
        : undefined,
  );
  if (!values.quiet) for (const n of inputNotices(workbook)) io.err(`info: ${n}\n`);
  if (!values.quiet && currency !== undefined && !isKnownCurrency(currency))
    io.err(
      `info: --currency ${currency} is not in RGO's symbol table; money is written with the code as a prefix ("${formatCurrency(1234, currency)}").\n`,
    );
  const run = await runAnalysis(
    workbook,
    loaded,
    {
      customerId: values.customer,
      topN,
      columns,
      runAt: new Date(),
      ...(currency !== undefined ? { currency } : {}),
      ...period,
      ...(values["as-of"] !== undefined ? { asOf: values["as-of"] } : {}),
      ...(previous !== undefined ? { previous } : {}),
    },
    { signal },
  );
  const narrated =
    values.narrative || values["narrative-dry-run"]
      ? await narrateRun(run, {
          dryRun: values["narrative-dry-run"],
          env: process.env,
          io,
          signal,
        })
      : null;
  // Ctrl-C while drafting stops the command as before: nothing is written (exit 130).
  throwIfCancelled(signal, "run cancelled");
  const { summary, issues } = narrated ?? run;
  timing("parse input", run.timings.input);
  for (const t of run.result.timings) timing(`engine:${t.stage}`, t.ms);
  timing("report", run.timings.report);
  if (values.out !== undefined) {
    const out = values.out;
    // The results writer (exceljs, about 0.1 s to load) only when --out is given.
    const { writeResultBook } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- on demand, see commands.ts
      require("../../workbook/xlsx-result-writer") as typeof ResultWriterModule;
    await timed("write results", async () => {
      await ensureFolderFor(out);
      await writeAtomically(out, (temp) => writeResultBook((narrated ?? run).book, temp));
    });
  }
  if (values.json !== undefined) {
    const json = values.json;
    await ensureFolderFor(json);
    await writeTextAtomically(json, JSON.stringify(summary, null, 2) + "\n");
  }
  if (!values.quiet) {
    io.out(formatHeadline(summary, 5, describePeriod(run.dataset)));
    if (summary.trend !== undefined)
      io.out(formatTrend(summary.trend, summary.summary.currency ?? "USD"));
    if (values.out !== undefined) io.out(`Results workbook ${values.out}\n`);
    if (values.json !== undefined) io.out(`Summary JSON     ${values.json}\n`);
  }
  const shown = issues.filter((i) => i.severity !== "info").slice(0, 10);
  for (const i of shown) {
    const where = [i.sheet, i.row !== null ? `row ${i.row}` : "", i.column ?? ""]
      .filter(Boolean)
      .join(", ");
    io.err(`${i.severity}: ${where}: ${i.message}\n`);
  }
  const totals = issueTotals(issues);
  const hidden = totals.error + totals.warning - shown.length;
  if (hidden > 0) io.err(`… and ${hidden} more input issues (see RGO Issues / --json)\n`);
  timing("total", performance.now() - started);
  if (values.timings) io.err(`peak-rss\t${process.resourceUsage().maxRSS * 1024}\n`);
  throwIfCancelled(signal, "run cancelled");
  return 0;
}
