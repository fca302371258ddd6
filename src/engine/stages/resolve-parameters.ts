/** Narrows a validated pack's `parameters` to PackParameters and checks cross-references. */
import type { RulePack } from "../../rules/rule-pack";
import { RgoError } from "../errors";
import { GAP_METHODS_BY_NAME } from "../parameters/gap-methods";
import type { GapType, PackParameters } from "../parameters/pack-parameters";

/**
 * Returns the pack's parameters typed. The pack must already have passed validatePack (the JSON
 * Schema guarantees the shape); this checks what the schema cannot: every gap type a rule emits
 * has a gap method.
 */
export function resolveParameters(pack: RulePack): PackParameters {
  const p = pack.parameters as unknown as PackParameters;
  if (p === null || typeof p !== "object" || p.windows === undefined || p.scoring === undefined) {
    throw new RgoError(
      "rules",
      "invalid-parameters",
      `rule pack ${pack.name}: parameters are missing or incomplete`,
      "/parameters",
    );
  }
  pack.rules.forEach((rule, i) => {
    if (rule.event.type !== "gap") return;
    const gapType = String(rule.event.params.gapType) as GapType;
    const spec = p.gaps[gapType];
    if (spec === undefined || !GAP_METHODS_BY_NAME.has(spec.method)) {
      throw new RgoError(
        "rules",
        "gap-type-not-configured",
        `rule "${rule.name}" emits gap type ${gapType}, which has no method in parameters.gaps`,
        `/rules/${i}/event/params/gapType`,
      );
    }
  });
  return p;
}
