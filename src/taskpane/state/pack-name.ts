/**
 * The name the pane shows for the rule pack in the editor: the pack's own `name` (else the preset
 * it came from), with " (modified)" once its text differs from what the preset or the RGO Rules
 * sheet gave, e.g. "seed-tier2 (modified)". Results are labelled with it.
 */

/** The `name` member of the pack text, or null when the text is not JSON or has none. */
function nameIn(text: string): string | null {
  try {
    const doc = JSON.parse(text) as unknown;
    if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) {
      const name = (doc as Record<string, unknown>).name;
      if (typeof name === "string" && name.trim() !== "") return name.trim();
    }
  } catch {
    // not JSON: the preset's name stands in
  }
  return null;
}

/** Whether the editor's text differs from the text the preset (or the sheet) gave. */
export function packModified(text: string, base: string): boolean {
  return text !== base;
}

/** "seed-tier2", or "seed-tier2 (modified)" after an edit. */
export function packDisplayName(preset: string, text: string, base: string): string {
  const name = nameIn(base) ?? nameIn(text) ?? preset;
  return packModified(text, base) ? `${name} (modified)` : name;
}
