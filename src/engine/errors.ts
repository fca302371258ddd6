/**
 * One error class for every failure that stops a run, with a stable, typed code. The CLI maps
 * `kind: "input"` and `kind: "rules"` to exit code 2, `kind: "cancelled"` to 130 and anything else
 * to exit code 1; the engine worker sends kind and code to the pane as they are.
 */
export type RgoErrorKind = "input" | "rules" | "cancelled" | "internal";

/** Codes of `kind: "input"`: the data (or the command line) makes a run impossible. */
export type InputErrorCode =
  // Files and paths (src/workbook readers, the preview host).
  | "missing-input" // the input path does not exist
  | "unsupported-type" // neither an .xlsx file nor a folder of CSV files
  | "unreadable" // the file system refused to read a file
  | "corrupt-file" // not a readable .xlsx workbook
  | "encrypted-workbook" // a password-protected (encrypted) workbook
  | "not-xlsx" // an .xls, .ods or .numbers file named .xlsx
  | "workbook-too-large" // a part or the whole package inflates past the reader's limits
  | "table-too-large" // a sheet or table holds more cells than the reader hands on
  | "uncalculated-formulas" // formulas with no saved value where data is expected
  | "bad-cell" // a cell the .xlsx reader cannot decode
  | "bad-row" // a row number or order the .xlsx reader cannot accept
  | "bad-shared-string" // a cell points at a shared string that does not exist
  | "too-many-rows" // a sheet has more rows than Excel's 1,048,576
  | "too-many-columns" // a cell beyond Excel's last column (XFD)
  | "too-many-cells" // a sheet holds more cells than the reader's limit
  | "too-many-strings" // more shared strings than the reader's limit
  | "too-much-text" // the shared strings hold more text than the reader's limit
  | "unbalanced-quote" // a CSV quote that is never closed
  // Files the CLI writes (src/cli/output-safety).
  | "output-overlaps-input" // an output would overwrite or sit inside an input, or another output
  | "cannot-write" // the file system refused the write (permissions, full disk, folder, ...)
  // Tables and columns (src/engine/input).
  | "missing-table" // no weekly sales table, or a table chosen for a role is not there
  | "missing-column" // a required column (or every stock measure) is missing
  | "unknown-column" // a column chosen for a field is not in the table
  | "unknown-field" // a column choice names a field the role does not have
  | "empty-table" // the sales table has no (usable) rows
  | "calendar-too-long" // the sales weeks span more than the supported calendar
  | "ambiguous-weeks" // weekly dates on several weekdays with no clear week start
  | "too-large" // more customer-weeks than the engine holds
  | "mixed-currency" // money columns in two currencies (number formats or symbols)
  // Run options.
  | "unknown-customer" // --customer names a customer not in the data
  | "bad-currency" // --currency (or the pane's choice) is not a three-letter code
  | "bad-period" // --period / --week-start (or the pane's choice) is not one of the choices, or months asked of week numbers
  | "no-data" // the worker was asked to run before any tables were sent
  | "busy" // the worker was asked to run while a run is in progress
  | "bad-sample-options" // sample generation options out of range
  | "bad-truth" // a quality truth table lacks a column
  // Sheets RGO writes.
  | "foreign-rgo-sheet" // an "RGO *" sheet that RGO did not create is in the way
  // The command line.
  | "usage";

/** Codes of `kind: "rules"`: the rule pack cannot be used. */
export type RulesErrorCode =
  | "pack-unreadable" // the pack file cannot be read
  | "unknown-pack" // neither a built-in pack name nor a .json file
  | "invalid-pack" // the pack fails validation (every error located in the message)
  | "pack-hash-mismatch" // a results workbook's RGO Rules text no longer has the hash written with it
  | "invalid-parameters" // parameters missing or incomplete after validation
  | "gap-type-not-configured"; // a rule emits a gap type with no method in parameters.gaps

/** The codes each kind may carry. */
export interface RgoErrorCodes {
  input: InputErrorCode;
  rules: RulesErrorCode;
  /** Cancellation has one form: see `cancelled()` and `isCancelled()`. */
  cancelled: "cancelled";
  internal: "internal";
}

/** Every code an RgoError may carry. */
export type RgoErrorCode = RgoErrorCodes[RgoErrorKind];

export class RgoError<K extends RgoErrorKind = RgoErrorKind> extends Error {
  readonly kind: K;
  readonly code: RgoErrorCodes[K];
  /** Where: sheet/row/column for input errors, a JSON pointer for rule-pack errors. */
  readonly location: string | null;

  constructor(kind: K, code: RgoErrorCodes[K], message: string, location: string | null = null) {
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

/** The one cancellation error: reading, analysing or writing stopped because the user asked. */
export function cancelled(message = "cancelled"): RgoError<"cancelled"> {
  return new RgoError("cancelled", "cancelled", message);
}

/** Throws the cancellation error when `signal` has aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined, message?: string): void {
  if (signal?.aborted === true) throw cancelled(message);
}

/** Whether `e` is the cancellation error. */
export function isCancelled(e: unknown): e is RgoError<"cancelled"> {
  return isRgoError(e) && e.kind === "cancelled";
}
