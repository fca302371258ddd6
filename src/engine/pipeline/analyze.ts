/**
 * The analysis pipeline: metrics -> classify -> gap figures + severity -> score -> exposure ->
 * rank -> recovery & actions -> explanations -> gap rows (each built once, complete, from those
 * stage outputs) -> per-customer money (each customer once) -> portfolio (rollups,
 * concentration, triggers, targets, verdict) -> sales pipeline (when the input has deals). Pure
 * and deterministic apart from `runAt` and the timings. Callers go through run-analysis.ts, which
 * adds the input stage and the reports.
 */
import type { RulePack } from "../../rules/rule-pack";
import type {
  AnalysisResult,
  ChurnEntry,
  CustomerResult,
  GapRow,
  StageTiming,
} from "../analysis-result";
import { RgoError, throwIfCancelled } from "../errors";
import type { Dataset } from "../input/dataset";
import { computeMetrics } from "../metrics/compute-metrics";
import { computeCustomerForecast } from "../metrics/customer-forecast";
import { DEFAULT_MODEL, type ModelParameters } from "../parameters/pack-parameters";
import { MODEL_FACTS } from "../registry/customer-facts";
import { FACT_SPECS_BY_NAME } from "../registry/rgo-registry";
import { makeRounder } from "../rounding/round-rule";
import { resolvePipelineParameters } from "../parameters/pipeline-parameters";
import { runPipeline } from "../sales-pipeline/run-pipeline";
import { exposeGaps } from "../stages/expose-gaps";
import { recoverGaps } from "../stages/recover-gaps";
import { type GapStageOutputs, gapColumnsOf, gapRowAt, topCount } from "../stages/build-gap-rows";
import { measureGaps } from "../stages/measure-gaps";
import { churnListOf } from "../stages/churn-list";
import { churnProbability, churnScore } from "../stages/churn-scores";
import { classifyCustomers } from "../stages/classify-customers";
import { fillCustomerMoney, primaryOf } from "../stages/customer-money";
import { type CustomerColumns, customerResults, emptyMoney } from "../stages/customer-columns";
import { explainGaps } from "../stages/explain-gaps";
import {
  evaluateTargets,
  evaluateTriggers,
  evaluateVerdict,
  portfolioFacts,
} from "../stages/portfolio-outcomes";
import { portfolioOf } from "../stages/portfolio-rollup";
import { priorityBands } from "../stages/priority-band";
import { rankGaps } from "../stages/rank-gaps";
import { resolveParameters } from "../stages/resolve-parameters";
import { periodPack, periodParameters } from "../parameters/period-parameters";
import { learnedLossRisk, scoreGaps } from "../stages/score-gaps";
import { segmentRollups } from "../stages/segment-rollups";
import { macrotask, type RunControl } from "./progress";

export interface AnalyzeOptions {
  /** Analyse only this customer (seed-logic 3.10); the value percentile is then over that one customer. */
  customerId?: string;
  /** Rows in the top list; overrides the pack's ranking.topN. */
  topN?: number;
  runAt: Date;
  /** Money text in the why column, in the run's currency (default `$1,234.50`). */
  money?: (n: number) => string;
}

const MODEL_FACT_NAMES = new Set(MODEL_FACTS.map((f) => f.name));

/** Whether any rule's conditions test a customer-model fact. */
export function rulesUseModelFacts(rules: RulePack["rules"]): boolean {
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (node === null || typeof node !== "object") return false;
    const o = node as Record<string, unknown>;
    if (typeof o.fact === "string" && MODEL_FACT_NAMES.has(o.fact)) return true;
    return Object.values(o).some(visit);
  };
  return rules.some((r) => visit(r.conditions));
}

/**
 * Runs a validated rule pack on a dataset. Throws RgoError("input", "unknown-customer") for a
 * customerId not in the data, the cancellation error (errors.ts) when `control.signal` aborts.
 */
export async function analyze(
  dataset: Dataset,
  writtenPack: RulePack,
  options: AnalyzeOptions,
  control: RunControl = {},
): Promise<AnalysisResult> {
  const timings: StageTiming[] = [];
  const checkAbort = (): void => {
    throwIfCancelled(control.signal, "analysis cancelled");
  };
  const progress = (stage: string, done: number, total: number): void => {
    checkAbort();
    control.onProgress?.({ stage, done, total });
  };
  const stage = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    await macrotask();
    checkAbort();
    control.onProgress?.({ stage: name, done: 0, total: 1 });
    const t0 = performance.now();
    const out = await work();
    timings.push({ stage: name, ms: performance.now() - t0 });
    control.onProgress?.({ stage: name, done: 1, total: 1 });
    return out;
  };

  // Monthly data: the pack's windows and week thresholds in months (period-parameters.ts, the one place).
  const unit = dataset.calendar.period?.unit ?? "week";
  const pack = periodPack(writtenPack, unit, FACT_SPECS_BY_NAME);
  const params = periodParameters(resolveParameters(pack), unit);
  const r = makeRounder(params.rounding);
  const topN = options.topN ?? params.ranking.topN;

  let selection: Int32Array;
  if (options.customerId !== undefined) {
    const idx = dataset.customers.indexById.get(options.customerId);
    if (idx === undefined) {
      throw new RgoError(
        "input",
        "unknown-customer",
        `customer ${options.customerId} is not in the customers or sales data`,
      );
    }
    selection = Int32Array.of(idx);
  } else {
    selection = new Int32Array(dataset.customers.count);
    for (let i = 0; i < selection.length; i++) selection[i] = i;
  }
  const ids: string[] = new Array<string>(selection.length);
  for (let k = 0; k < selection.length; k++) ids[k] = dataset.customers.ids[selection[k]];

  const metrics = await stage("metrics", () =>
    computeMetrics(
      dataset,
      selection,
      params.windows,
      r,
      (d, t) => progress("metrics", d, t),
      params.attribution,
    ),
  );
  const modelParams: ModelParameters = { ...DEFAULT_MODEL, ...params.model };
  let model: AnalysisResult["model"];
  if (modelParams.enabled || rulesUseModelFacts(pack.rules)) {
    const fc = await stage("customer model", () =>
      computeCustomerForecast(dataset, selection, dataset.sales.weeks, modelParams, r),
    );
    if ("reason" in fc) model = { summary: null, notFitted: fc.reason, parameters: modelParams };
    else {
      metrics.model = fc;
      model = { summary: fc.summary, notFitted: null, parameters: modelParams };
    }
  }
  const lossRisk = metrics.model?.lossRiskRaw;
  // The loss-risk scoring model without a learned loss risk: the weighted score and the exposure
  // order (what packs without the model do); the result's parameters say which order was used.
  const ranking =
    params.scoring.model === "loss-risk" && !learnedLossRisk(metrics)
      ? { ...params.ranking, by: "exposure" as const }
      : params.ranking;
  const cls = await stage("classify", () =>
    classifyCustomers(metrics, pack.rules, params, (d, t) => progress("classify", d, t)),
  );
  const churnScores = new Float64Array(metrics.count);
  for (let k = 0; k < metrics.count; k++) {
    churnScores[k] = churnScore(
      cls.churnListed[k] === 1,
      metrics.numeric.trailingZeroWeeks[k],
      params.churn,
    );
  }
  const { measures, scores } = await stage("score", () => {
    const measured = measureGaps(metrics, cls, pack.rules, ids, params, r);
    return {
      measures: measured,
      scores: scoreGaps(measured, metrics, cls.churnListed, churnScores, params.scoring, r),
    };
  });
  const exposures = await stage("exposure", () =>
    exposeGaps(measures, cls.store, params.exposure, r),
  );
  // The stages' outputs are columns, entry i for gap i (issue 14, gapcols round).
  const order = await stage("rank", () =>
    rankGaps(
      {
        gapAmount: measures.gapAmount,
        priorityScore: scores.priorityScore,
        exposure: exposures.exposure,
      },
      ranking,
      params.scoring.model === "loss-risk" && lossRisk !== undefined && learnedLossRisk(metrics)
        ? (i) => 10 * lossRisk[measures.customerPosition[i]]
        : undefined,
    ),
  );
  const recoveries = await stage("recovery", () => recoverGaps(measures, params.recovery, r));
  const explanations = await stage("explain", () =>
    explainGaps(
      measures,
      order,
      pack.rules,
      cls,
      FACT_SPECS_BY_NAME,
      params.referenceTraceRows,
      checkAbort,
      params.windows,
      options.money,
      dataset.stock.present,
      model?.summary ? model.parameters : undefined,
      unit,
    ),
  );
  const outputs: GapStageOutputs = {
    measures,
    scores,
    exposures,
    recoveries,
    order,
    explanations,
    primary: primaryOf(measures.customerPosition, measures.gapAmount, order),
  };
  // The rows' figures as columns for the stages below; each row object is made when first read
  // (build-gap-rows.ts), the top rows now: a --json run reads no other row (issue 14).
  const ranked = gapColumnsOf(outputs);
  const rowObjects = new Array<GapRow | undefined>(ranked.count);
  const rowAt = (j: number): GapRow => (rowObjects[j] ??= gapRowAt(outputs, j));
  const topGaps: GapRow[] = [];
  for (let j = 0; j < topCount(ranked.count, topN); j++) topGaps.push(rowAt(j));
  let gaps: GapRow[] | undefined;

  // The customers as columns (customer-columns.ts); their objects are made when first read.
  const customerColumns = await stage("customers", (): CustomerColumns => {
    const churnProbabilities = new Float64Array(ids.length);
    for (let k = 0; k < ids.length; k++)
      if (cls.churnListed[k] === 1)
        churnProbabilities[k] = churnProbability(churnScores[k], params.churn, r);
    const money = emptyMoney(ids.length);
    fillCustomerMoney(ranked, money, priorityBands(params.scoring));
    return {
      count: ids.length,
      customerId: ids,
      facts: cls.store,
      churnListed: cls.churnListed,
      churnScore: churnScores,
      churnProbability: churnProbabilities,
      churnFactors: cls.churnFactors,
      rootCause: cls.rootCause,
      ...money,
    };
  });
  const churn: ChurnEntry[] = churnListOf(customerColumns);
  let customers: CustomerResult[] | undefined;

  const outcome = await stage("portfolio", () => {
    const usedSegments = [
      ...new Set(
        pack.rules
          .filter((x) => x.event.type === "segment")
          .map((x) => String(x.event.params.segment)),
      ),
    ];
    const portfolio = portfolioOf(ranked, topN, customerColumns, params, usedSegments);
    const facts = portfolioFacts(portfolio);
    return {
      portfolio,
      triggers: evaluateTriggers(pack.rules, facts, FACT_SPECS_BY_NAME, options.money),
      targets: evaluateTargets(params, facts),
      verdict: evaluateVerdict(params, facts),
    };
  });
  const rollupAttributes = params.report?.rollups ?? [];
  const rollups =
    rollupAttributes.length > 0
      ? await stage("rollups", () =>
          segmentRollups(
            dataset,
            selection,
            customerColumns,
            rollupAttributes,
            params.exposure.enabled,
          ),
        )
      : [];
  const pipelineInput = dataset.pipeline;
  const pipeline =
    pipelineInput !== undefined
      ? await stage("sales pipeline", () =>
          runPipeline(
            pipelineInput,
            pack.rules,
            resolvePipelineParameters(params.pipeline),
            options.money,
          ),
        )
      : undefined;

  return {
    scope: {
      mode: options.customerId !== undefined ? "single" : "all",
      customerId: options.customerId ?? null,
    },
    runAt: options.runAt,
    weeks: dataset.sales.weeks,
    ...(unit !== "week" ? { period: unit } : {}),
    parameters: ranking === params.ranking ? params : { ...params, ranking },
    // Made when first read, the top rows among them (the same objects), the same array after.
    get gaps(): GapRow[] {
      if (gaps === undefined) {
        gaps = [];
        for (let j = 0; j < ranked.count; j++) gaps.push(rowAt(j));
      }
      return gaps;
    },
    set gaps(value: GapRow[]) {
      gaps = value;
    },
    topGaps,
    // Made when first read (a --json run never reads them), the same objects after.
    get customers(): CustomerResult[] {
      return (customers ??= customerResults(customerColumns));
    },
    set customers(value: CustomerResult[]) {
      customers = value;
    },
    churn,
    ...outcome,
    ...(pipeline !== undefined ? { pipeline } : {}),
    ...(rollups.length > 0 ? { rollups } : {}),
    ...(dataset.stock.present ? {} : { stockAssessed: false }),
    ...(model !== undefined ? { model } : {}),
    timings,
  };
}
