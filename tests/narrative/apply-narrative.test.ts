/**
 * The merge never changes a number, rank or flag: for any outcome (each customer answered with
 * any validated texts, or failed with any kind; the paragraph likewise), every sheet, row and cell
 * of the result book is as it was, the narrative's columns and blocks are only appended, each
 * customer's text lands on its own row (by our id), and RGO Issues gets one notice per failure
 * kind (counted here from the outcome). The JSON summary differs only by its issues and the
 * `narrative` block.
 */
import fc from "fast-check";
import { applyNarrative } from "../../src/engine/narrative/apply-narrative";
import { fallbackTexts } from "../../src/engine/narrative/narrative-fallback";
import type {
  NarrativeAnswer,
  NarrativeFailureKind,
} from "../../src/engine/narrative/narrative-outcome";
import {
  buildNarrativePayload,
  type NarrativePayload,
} from "../../src/engine/narrative/narrative-payload";
import type { CustomerTexts } from "../../src/engine/narrative/narrative-reply";
import type { RunOutput } from "../../src/engine/pipeline/run-analysis";
import type { ResultBook } from "../../src/engine/report/result-book";
import { seedRun } from "./narrated-workbook";

jest.setTimeout(120_000);

let run: RunOutput;
let payload: NarrativePayload;
let before: ResultBook;
beforeAll(async () => {
  run = await seedRun();
  payload = buildNarrativePayload(run.result, { topN: 8, tone: "neutral", audience: "a" }, "USD");
  before = structuredClone(run.book);
});

const KINDS: NarrativeFailureKind[] = [
  "timeout",
  "total-timeout",
  "rate-limited",
  "server-error",
  "refused",
  "unreachable",
  "malformed",
  "invalid",
  "cancelled",
];
const text = fc.stringMatching(/^[A-Za-z][A-Za-z ,.]{0,60}$/);
const failure = fc.record({
  kind: fc.constantFrom(...KINDS),
  detail: fc.constantFrom("", "HTTP 500"),
});
const answer = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<NarrativeAnswer<T>> =>
  fc.oneof(
    value.map((v) => ({ ok: true as const, value: v })),
    failure.map((f) => ({ ok: false as const, failure: f })),
  );
const texts: fc.Arbitrary<CustomerTexts> = fc.record({
  rationale: text,
  opportunity: text,
  message: text,
});

function tableOf(book: ResultBook, name: string) {
  const s = book.sheets.find((x) => x.name === name);
  if (s?.content.kind !== "table") throw new Error(`no table ${name}`);
  return s.content.table;
}

test("property: only appends; texts land on their own rows; one notice per failure kind", () => {
  fc.assert(
    fc.property(
      fc.array(fc.option(answer(texts), { nil: undefined }), {
        minLength: payload.customers.length,
        maxLength: payload.customers.length,
      }),
      fc.option(answer(text)),
      (answers, summary) => {
        const customers = new Map<string, NarrativeAnswer<CustomerTexts>>();
        payload.customers.forEach((c, i) => {
          const a = answers[i];
          if (a !== undefined) customers.set(c.id, a);
        });
        const out = applyNarrative(run, {
          payload,
          customers,
          summary,
          limits: { perCallSeconds: 20, totalSeconds: 60 },
        });
        // The input book is untouched.
        expect(run.book).toEqual(before);
        expect(out.book.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
        expect(out.book.properties).toEqual(before.properties);
        before.sheets.forEach((b, i) => {
          const a = out.book.sheets[i];
          if (b.content.kind === "table" && a.content.kind === "table") {
            const bt = b.content.table;
            const at = a.content.table;
            const k = bt.columns.length;
            expect(at.columns.slice(0, k)).toEqual(bt.columns);
            expect(at.rows.slice(0, bt.rows.length).map((r) => r.slice(0, k))).toEqual(bt.rows);
            if (b.name !== "RGO Issues") expect(at.rows).toHaveLength(bt.rows.length);
          } else if (b.content.kind === "report" && a.content.kind === "report") {
            const added = b.name === "RGO Summary" && summary !== null ? 2 : 0;
            expect(a.content.blocks).toHaveLength(b.content.blocks.length + added);
            expect([a.content.blocks[0], ...a.content.blocks.slice(1 + added)]).toEqual(
              b.content.blocks,
            );
          } else throw new Error(`sheet ${b.name} changed kind`);
        });
        // Each customer's text on its own best-ranked row; every other row empty.
        const gaps = tableOf(out.book, "RGO Gaps");
        const k = tableOf(before, "RGO Gaps").columns.length;
        gaps.rows.forEach((r) => {
          const c = payload.customers.find((x) => x.rank === r[0]);
          if (c === undefined) return expect(r.slice(k)).toEqual([null, null]);
          expect(r[1]).toBe(c.customer);
          const a = customers.get(c.id);
          const t = a !== undefined && a.ok ? a.value : fallbackTexts(c);
          expect(r.slice(k)).toEqual([
            `${t.rationale} ${t.opportunity}`,
            a !== undefined && a.ok ? "ai" : "rules",
          ]);
        });
        // One notice per distinct failure kind (a missing answer counts as cancelled).
        const kinds = new Set<string>();
        payload.customers.forEach((c) => {
          const a = customers.get(c.id);
          if (a === undefined) kinds.add("cancelled");
          else if (!a.ok) kinds.add(a.failure.kind);
        });
        if (summary !== null && !summary.ok) kinds.add(summary.failure.kind);
        const notices = out.issues.slice(run.issues.length);
        expect(notices.map((n) => n.code).sort()).toEqual(
          [...kinds].map((x) => `narrative-${x}`).sort(),
        );
        expect(tableOf(out.book, "RGO Issues").rows).toHaveLength(
          tableOf(before, "RGO Issues").rows.length + kinds.size,
        );
        // The JSON: the same but for the issues appended and the narrative block.
        const { issues, narrative, ...rest } = out.summary;
        const { issues: issues0, ...rest0 } = run.summary;
        expect(rest).toEqual(rest0);
        expect(issues.slice(0, issues0.length)).toEqual(issues0);
        const ai = payload.customers.filter((c) => customers.get(c.id)?.ok === true).length;
        expect(narrative).toEqual({
          customers: payload.customers.length,
          ai,
          rules: payload.customers.length - ai,
          paragraph: summary === null ? null : summary.ok ? "ai" : "rules",
        });
      },
    ),
    { numRuns: 60 },
  );
});
