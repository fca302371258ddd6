/**
 * One error class for every failure that stops a run, with a stable code. The CLI maps
 * `kind: "input"` and `kind: "rules"` to exit code 2 and anything else to exit code 1.
 */
export type RgoErrorKind = "input" | "rules" | "cancelled" | "internal";

export class RgoError extends Error {
  readonly kind: RgoErrorKind;
  readonly code: string;
  /** Where: sheet/row/column for input errors, a JSON pointer for rule-pack errors. */
  readonly location: string | null;

  constructor(kind: RgoErrorKind, code: string, message: string, location: string | null = null) {
    super(message);
    this.name = "RgoError";
    this.kind = kind;
    this.code = code;
    this.location = location;
  }
}

export function isRgoError(e: unknown): e is RgoError {
  return e instanceof RgoError;
}
