/** The registry every RGO rule pack is validated against: facts, events and parameter schema. */
import type { PackRegistry } from "../../rules/registry";
import type { FactSpec } from "../../rules/types";
import { PARAMETERS_SCHEMA } from "../parameters/parameters-schema";
import { CUSTOMER_FACTS } from "./customer-facts";
import { DEAL_FACTS } from "./deal-facts";
import { EVENTS } from "./events";
import { MONTH_DESCRIPTIONS } from "./month-descriptions";
import { PORTFOLIO_FACTS } from "./portfolio-facts";
import { REP_FACTS } from "./rep-facts";
import { labelOf } from "./labels";

/** `facts` with their descriptions for monthly runs (month-descriptions.ts). */
function withMonthDescriptions(facts: readonly FactSpec[]): FactSpec[] {
  return facts.map((f) => {
    const month = MONTH_DESCRIPTIONS[f.name];
    return month === undefined ? f : { ...f, descriptionInMonths: month };
  });
}

const CUSTOMER = withMonthDescriptions(CUSTOMER_FACTS);
const PORTFOLIO = withMonthDescriptions(PORTFOLIO_FACTS);

export const RGO_REGISTRY: PackRegistry = {
  customerFacts: CUSTOMER,
  portfolioFacts: PORTFOLIO,
  dealFacts: DEAL_FACTS,
  repFacts: REP_FACTS,
  events: EVENTS,
  parametersSchema: PARAMETERS_SCHEMA,
};

/** `facts` named in words (the label registry), so no explanation shows a fact's engine name. */
const labelled = (facts: readonly FactSpec[]): [string, FactSpec][] =>
  facts.map((f) => [f.name, { ...f, label: labelOf("fact", f.name) }]);

/** Fact specs by name (customer and portfolio), with their labels, for explanations. */
export const FACT_SPECS_BY_NAME: ReadonlyMap<string, FactSpec> = new Map(
  labelled([...CUSTOMER, ...PORTFOLIO]),
);

/** Deal and rep fact specs by name, with their labels, for the pipeline module's explanations. */
export const PIPELINE_FACT_SPECS_BY_NAME: ReadonlyMap<string, FactSpec> = new Map(
  labelled([...DEAL_FACTS, ...REP_FACTS]),
);
