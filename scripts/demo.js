"use strict";
/**
 * Demo (`npm run demo`): writes a deterministic sample workbook (500 customers x 26 weeks, seed
 * 42) through the CLI, analyses it with the default rule pack, then prints a short headline from
 * out/summary.json and where the result files are. Runs the compiled code in dist/.
 */
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "out");
const SAMPLE = { customers: 500, weeks: 26, seed: 42 };

function rgo(args) {
  console.log(`$ rgo ${args.join(" ")}`);
  const run = spawnSync(process.execPath, [path.join(ROOT, "bin", "rgo.js"), ...args], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (run.error) throw run.error;
  if (run.status !== 0) {
    process.stderr.write(`demo: "rgo ${args[0]}" failed with exit code ${run.status}\n`);
    process.exit(run.status || 1);
  }
}

/** The engine's own words and money format (dist/), so the demo reads as the sheets do. */
function engineWords() {
  const dist = path.join(ROOT, "dist", "engine");
  const { formatCurrency } = require(path.join(dist, "currency.js"));
  const { labelOf } = require(path.join(dist, "registry", "labels.js"));
  const { periodWords } = require(path.join(dist, "input", "period.js"));
  return { formatCurrency, labelOf, periodWords };
}

/** Planted scenario per customer id, from the same deterministic generator the CLI used. */
function plantedScenarios() {
  try {
    const { generateSample } = require(
      path.join(ROOT, "dist", "engine", "sample", "generate-sample.js"),
    );
    const sample = generateSample(SAMPLE);
    return new Map(sample.truth.rows.map((r) => [String(r[0]), String(r[1])]));
  } catch {
    return new Map();
  }
}

function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const sampleFile = "out/sample.xlsx";
  rgo([
    "sample",
    "--customers",
    String(SAMPLE.customers),
    "--weeks",
    String(SAMPLE.weeks),
    "--seed",
    String(SAMPLE.seed),
    "--out",
    sampleFile,
  ]);
  rgo([
    "analyze",
    sampleFile,
    "--rules",
    "default",
    "--out",
    "out/results.xlsx",
    "--json",
    "out/summary.json",
  ]);

  const summaryFile = path.join(OUT, "summary.json");
  const json = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
  const s = json.summary || {};
  const planted = plantedScenarios();
  const { formatCurrency, labelOf, periodWords } = engineWords();
  const money = (v) =>
    formatCurrency(typeof v === "number" && Number.isFinite(v) ? v : 0, s.currency);
  const per = periodWords(s.period).per;
  const lines = [
    "",
    `Revenue Gap Orchestrator demo: ${SAMPLE.customers} customers x ${SAMPLE.weeks} weeks (seed ${SAMPLE.seed}), rule pack ${json.rulePack ? `${json.rulePack.name} ${json.rulePack.version}` : "default"}`,
    `  Customers with gaps   ${s.customersWithGaps ?? 0} of ${s.customersAnalyzed ?? SAMPLE.customers} (${s.gapCount ?? 0} gaps)`,
    `  Revenue at risk       ${money(s.revenueAtRisk)} ${per} (each customer once)`,
    `  Exposure              ${money(s.totalExposure)} ${per} (risk-weighted)`,
    `  Churn-risk customers  ${s.churnRiskCustomers ?? 0}`,
    `  Potential recovery    ${money(s.potentialRecovery)} ${per}`,
  ];
  const top = Array.isArray(json.topGaps) ? json.topGaps.slice(0, 5) : [];
  if (top.length > 0) {
    lines.push("  Top 5 gaps");
    for (const g of top) {
      const truth = planted.get(String(g.customerId));
      const cause = g.rootCause ? `; cause: ${labelOf("cause", g.rootCause)}` : "";
      lines.push(
        `    ${String(g.rank).padStart(2)}. ${String(g.customerId).padEnd(7)} ${labelOf("gapType", g.gapType)} (${g.severity}): ${money(g.gapAmount)} ${per}, score ${Number(g.priorityScore).toFixed(2)}${cause}${truth ? `  (planted: ${truth})` : ""}`,
      );
    }
  }
  lines.push(
    "",
    "Files",
    `  sample input    ${path.join(OUT, "sample.xlsx")} (sheet "truth" lists each customer's planted scenario)`,
    `  results         ${path.join(OUT, "results.xlsx")}`,
    `  summary (JSON)  ${summaryFile}`,
  );
  console.log(lines.join("\n"));
}

main();
