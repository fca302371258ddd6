/** One problem found in a rule pack. */
export interface PackError {
  /** RFC 6901 JSON pointer of the offending location ("" = the whole document). */
  pointer: string;
  /** 1-based line of that location when the pack was given as text, else null. */
  line: number | null;
  /** 1-based column (UTF-16 code units) of that location when the pack was given as text, else null. */
  column: number | null;
  /** Stable machine-readable code, e.g. "unknown-fact", "json-syntax". */
  code: string;
  /** A plain sentence, naming the rule when the problem is inside one. */
  message: string;
}
