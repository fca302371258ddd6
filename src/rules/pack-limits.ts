/** Hard limits on rule packs (they are untrusted input). */
export const PACK_LIMITS = {
  /** Largest pack text accepted, in UTF-8 bytes (1 MB). */
  maxTextBytes: 1024 * 1024,
  maxRules: 500,
  /** Most nested all/any/not levels in one rule's conditions (the top level counts as 1). */
  maxConditionDepth: 8,
  /** Longest string (value or key) anywhere in a pack. */
  maxStringLength: 1000,
  /** Deepest nesting of arrays/objects accepted anywhere before any other check. */
  maxValueDepth: 40,
  /** Most JSON values (nodes) in one pack. */
  maxNodes: 200_000,
  /** Most errors reported for one pack. */
  maxErrors: 200,
  maxRuleNameLength: 200,
  maxListLength: 1000,
  maxPriority: 1_000_000,
} as const;

/** Keys that could alter object prototypes: rejected anywhere in a pack. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);
