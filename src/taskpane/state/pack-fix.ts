/**
 * Where the user fixes a rule-pack problem that stopped a run: a field of the thresholds form
 * (by its JSON pointer) or a place in the JSON text (line and column). The Run step's "Go to the
 * error" button switches to Rules and moves the focus there.
 */
import type { PackError } from "../../rules/pack-error";
import type { ThresholdField } from "./thresholds";

export type PackFix =
  | { kind: "field"; pointer: string; label: string }
  | { kind: "json"; line: number; column: number };

/** The place to fix `error`: its form field when the form shows that number, else its line. */
export function fixForError(error: PackError, fields: readonly ThresholdField[]): PackFix | null {
  const field = fields.find((f) => f.pointer === error.pointer);
  if (field !== undefined) return { kind: "field", pointer: field.pointer, label: field.label };
  if (error.line !== null && error.column !== null)
    return { kind: "json", line: error.line, column: error.column };
  return null;
}

/** The words of the button that goes there. */
export function fixText(fix: PackFix): string {
  return fix.kind === "field"
    ? `Go to the field “${fix.label}”`
    : `Go to line ${fix.line}, column ${fix.column} of the rule pack`;
}
