/**
 * A ResultBook's document properties as an .xlsx file holds them: the standard ones (title,
 * subject, keywords, description, category, company, manager, creator) by name, every other one
 * (rulePackName, rulePackVersion, rulePackHash, runAt, …) as a custom property cut to Excel's 255
 * characters. Keys that look like secrets are dropped; values are made XML-safe. Pure.
 */
import { xlsxText } from "./xlsx-cell";

export const CORE_PROPERTIES = [
  "title",
  "subject",
  "keywords",
  "description",
  "category",
  "company",
  "manager",
] as const;
export type CoreProperty = (typeof CORE_PROPERTIES)[number];

const SECRET_KEY = /pass(word)?|secret|token|api[-_ ]?key|credential|private[-_ ]?key|auth/i;
/** Excel's limit for one custom document property value. */
export const CUSTOM_PROPERTY_MAX_CHARS = 255;

export interface DocumentProperties {
  core: Partial<Record<CoreProperty, string>>;
  /** Author / creator, when the book names one. */
  creator?: string;
  /** Custom properties in the book's order, values at most 255 characters. */
  custom: [string, string][];
}

/** Splits `properties` into standard and custom document properties. */
export function documentProperties(properties: Record<string, string>): DocumentProperties {
  const out: DocumentProperties = { core: {}, custom: [] };
  for (const [key, raw] of Object.entries(properties)) {
    if (SECRET_KEY.test(key)) continue;
    const value = xlsxText(String(raw));
    const lower = key.toLowerCase();
    const core = CORE_PROPERTIES.find((p) => p === lower);
    if (core) out.core[core] = value;
    else if (lower === "author" || lower === "creator") out.creator = value;
    else out.custom.push([key, value.slice(0, CUSTOM_PROPERTY_MAX_CHARS)]);
  }
  return out;
}
