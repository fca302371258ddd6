/**
 * RGO Summary's glossary: short definitions of the words the page and the sheets use, with this
 * run's own figures where a comparison needs them (why exposure can exceed the gap, why the total
 * over gap rows exceeds revenue at risk).
 */
import type { AnalysisResult } from "../../analysis-result";
import { labelOf } from "../../registry/labels";
import { priorityBands } from "../../stages/priority-band";
import { cents } from "../summary-json";
import type { SummaryBlock } from "../result-book";
import { moneyText, type PageUnits } from "./page-units";

export function glossaryBlocks(result: AnalysisResult, units: PageUnits): SummaryBlock[] {
  const p = result.parameters;
  const s = result.portfolio;
  const u = units.u;
  const risk = moneyText(cents(s.revenueAtRisk), units);
  const items = [
    `Revenue at risk: the spend a customer is missing ${units.per} against what they usually spend (their largest gap), each customer counted once; the page's sort order.`,
    `Revenue at risk, ${units.horizonText}: the ${u.ly} figure times ${units.horizon}, if nothing changes.`,
    `Total gap over gap rows (RGO Gaps): every gap row added up, ${moneyText(cents(s.totalGap), units)} ${units.per} in this run; a customer with several gap types counts once per row, so it can exceed revenue at risk (${risk})${s.gapCount === s.customersWithGaps ? "; here each customer with a gap has one gap row, so the two are equal" : ""}.`,
  ];
  if (p.exposure.enabled)
    items.push(
      `Exposure: revenue at risk weighted by how much the loss is likely to matter: the gap x the multipliers of the customer's ${p.exposure.factors.map((f) => labelOf("fact", f.segment).toLowerCase()).join(", ")} (capped at ${p.exposure.cap} x the gap). Multipliers above 1 make exposure larger than the gap: ${moneyText(cents(s.totalExposure), units)} ${units.per} against ${risk} in this run.`,
    );
  items.push(
    `Priority band and score (0-10): the one urgency scale on this page: the score says how urgent a customer's gap is (how it is worked out: Methodology); bands ${priorityBands(
      p.scoring,
    )
      .map((b) => `${b.label} from ${b.min}`)
      .join(", ")}.`,
    `Potential recovery: the part of the gap the pack expects can be won back (the gap x its gap type's recovery factor), ${units.per}.`,
    `Loss risk (RGO Customers, with the customer model): the chance a customer is lost over the next ${result.model?.parameters.horizonWeeks ?? 13} weeks, their spend falling to a small fraction of their recent ${u.ly} mean.`,
    `Chance still buying (RGO Customers, with the customer model): the model's probability that the customer is still an active buyer.`,
  );
  return [
    { kind: "heading", text: "What the figures mean", level: 2 },
    { kind: "bullets", items },
  ];
}
