/** Accessible names of the table boxes of a sheet view (SheetViewDialog). */
import type { SheetViewPart } from "./sheet-view";

/**
 * One name per table box, unique in the view (screen readers list regions by name): the table's
 * title, else the heading above it, else the sheet's name; "(table 2)" where a name repeats.
 */
export function regionNames(parts: readonly SheetViewPart[], sheet: string): Map<number, string> {
  const names = new Map<number, string>();
  const used = new Map<string, number>();
  let heading: string | null = null;
  parts.forEach((p, i) => {
    if (p.kind === "heading") heading = p.text;
    if (p.kind !== "table") return;
    const base = `${p.title ?? heading ?? sheet} (table)`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    names.set(i, n === 1 ? base : base.replace(/\(table\)$/, `(table ${n})`));
  });
  return names;
}
