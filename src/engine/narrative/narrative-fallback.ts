/**
 * The rule-based texts used whenever the model's are not (narrative off for a row, a failure, a
 * refused reply): built from the same computed facts that were sent, in plain words.
 */
import type { CustomerTexts } from "./narrative-reply";
import type { NarrativeCustomer, NarrativePayload } from "./narrative-payload";

/** A customer's rule-based rationale, opportunity and message draft. */
export function fallbackTexts(c: NarrativeCustomer): CustomerTexts {
  const actions =
    c.recommendedActions.length > 0 ? ` Recommended: ${c.recommendedActions.join("; ")}.` : "";
  return {
    rationale: `Customer ${c.customer} is ranked ${c.rank}: a ${c.severity}-severity ${c.gapType.toLowerCase()} gap, spending ${c.currentSpend} against ${c.expectedSpend} expected (${c.changePct}%) for ${c.periodsAtRisk}; root cause: ${c.rootCause.toLowerCase()}.`,
    opportunity: `Up to ${c.recoveryPotential} could be recovered.${actions}`,
    message:
      "Hello, we noticed your recent orders are below your usual level and wanted to check everything is working well for you. Is there anything we can help with, such as availability, delivery or pricing? We would be glad to talk at a time that suits you.",
  };
}

/** The rule-based executive paragraph over the payload's customers. */
export function fallbackParagraph(payload: NarrativePayload): string {
  const n = payload.customers.length;
  const list = payload.customers.map((c) => `${c.customer} (${c.shortfall} short)`).join(", ");
  return `The ${n} highest-priority ${n === 1 ? "customer is" : "customers are"} ${list}. Each row's Why column on RGO Gaps gives the rules that flagged it.`;
}

/** The text written in the narrative column: rationale then opportunity. */
export function narrativeCellText(t: CustomerTexts): string {
  return `${t.rationale} ${t.opportunity}`;
}
