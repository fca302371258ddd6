/**
 * The validator of what the model sends back. A reply is accepted only when it is one JSON object
 * of exactly the expected fields, with the id we issued, each field plain text within its length
 * limit (narrative-limits.ts): no HTML, no Markdown (links, emphasis, headings, lists, code), no
 * URLs, no control or direction-override characters, nothing that starts like a formula. Runs of
 * white space become one space. Anything else is refused whole (the rule-based text is used), so
 * the model can change no format and reach no other row.
 */
import { NARRATIVE_LIMITS, type NarrativeField } from "./narrative-limits";

/** Why a reply was refused: not JSON at all, or JSON that breaks the rules. */
export type ReplyRefusal = { kind: "malformed" | "invalid"; reason: string };

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: ReplyRefusal };

export interface CustomerTexts {
  rationale: string;
  opportunity: string;
  message: string;
}

const MARKUP: readonly [RegExp, string][] = [
  [/[<>]/, "angle brackets (HTML)"],
  [/\[[^\]]*\]\(/, "a Markdown link"],
  [/\b(?:https?|ftp|mailto|javascript|data|file):/i, "a link"],
  [/www\./i, "a link"],
  [/`|\*\*|__|~~/, "Markdown formatting"],
  [/(?:^|\s)#{1,6}\s/, "a Markdown heading"],
  // Control characters (white space is collapsed before this check) and direction overrides.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  [/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, "a control character"],
  [/^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/, "a formula-like start (= + - @)"],
];

/** The text's first rule break in words, or null when the text is plain. */
export function markupProblem(text: string): string | null {
  for (const [pattern, what] of MARKUP) if (pattern.test(text)) return what;
  return null;
}

const refuse = <T>(kind: ReplyRefusal["kind"], reason: string): Checked<T> => ({
  ok: false,
  refusal: { kind, reason },
});

/** The JSON object in `content` (one surrounding ```json fence allowed), or a refusal. */
function parseObject(content: string): Checked<Record<string, unknown>> {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(content);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fenced !== null ? fenced[1] : content);
  } catch {
    return refuse("malformed", "the reply is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return refuse("malformed", "the reply is not a JSON object");
  return { ok: true, value: parsed as Record<string, unknown> };
}

/** One field as accepted text (white space collapsed, trimmed), or a refusal. */
function field(obj: Record<string, unknown>, name: NarrativeField): Checked<string> {
  const v = obj[name];
  if (typeof v !== "string") return refuse("invalid", `"${name}" is not text`);
  const text = v.replace(/\s+/g, " ").trim();
  if (text.length === 0) return refuse("invalid", `"${name}" is empty`);
  if (text.length > NARRATIVE_LIMITS[name])
    return refuse(
      "invalid",
      `"${name}" is ${text.length} characters, more than ${NARRATIVE_LIMITS[name]}`,
    );
  const problem = markupProblem(text);
  if (problem !== null) return refuse("invalid", `"${name}" holds ${problem}`);
  return { ok: true, value: text };
}

/** The object with exactly `keys`, id `id`, and its text fields checked. */
function exactly<F extends NarrativeField>(
  content: string,
  id: string,
  fields: readonly F[],
): Checked<Record<F, string>> {
  const parsed = parseObject(content);
  if (!parsed.ok) return parsed;
  const obj = parsed.value;
  const expected = new Set<string>(["id", ...fields]);
  const extra = Object.keys(obj).filter((k) => !expected.has(k));
  if (extra.length > 0) return refuse("invalid", `unexpected field "${extra[0]}"`);
  if (obj.id !== id) return refuse("invalid", `the reply's id is not "${id}"`);
  const out: Partial<Record<F, string>> = {};
  for (const f of fields) {
    const checked = field(obj, f);
    if (!checked.ok) return checked;
    out[f] = checked.value;
  }
  return { ok: true, value: out as Record<F, string> };
}

/** A customer's reply: {"id", "rationale", "opportunity", "message"} for the id we issued. */
export function readCustomerReply(content: string, id: string): Checked<CustomerTexts> {
  return exactly(content, id, ["rationale", "opportunity", "message"] as const);
}

/** The executive paragraph's reply: {"id": "summary", "paragraph"}. */
export function readSummaryReply(content: string, id: string): Checked<string> {
  const checked = exactly(content, id, ["paragraph"] as const);
  return checked.ok ? { ok: true, value: checked.value.paragraph } : checked;
}
