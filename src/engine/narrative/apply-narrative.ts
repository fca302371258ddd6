/**
 * Merges a narrative into a run's outputs: two columns on RGO Gaps (the AI narrative and its
 * source, on each of the top N customers' best-ranked row), two on RGO Actions (the message draft
 * and its source, on the customer's row), an executive paragraph labelled "AI-drafted" on RGO
 * Summary, the failure notices on RGO Issues and in the JSON summary, and a `narrative` block in
 * the JSON. Texts land by the id we issued, never by what a reply says. It only appends: no
 * existing cell, number, rank or flag changes (tests/narrative/apply-narrative.test.ts).
 */
import type { Issue } from "../issue";
import type {
  ResultBook,
  ResultCell,
  ResultColumn,
  ResultSheet,
  ResultTable,
  SummaryBlock,
} from "../report/result-book";
import type { SummaryJson } from "../report/summary-json";
import { ACTIONS_SHEET } from "../history/actions-columns";
import { fallbackParagraph, fallbackTexts, narrativeCellText } from "./narrative-fallback";
import {
  ACTIONS_NARRATIVE_HEADERS,
  GAPS_NARRATIVE_HEADERS,
  type NarrativeSource,
} from "./narrative-columns";
import { narrativeNotices } from "./narrative-notices";
import type { NarrativeOutcome } from "./narrative-outcome";
import type { CustomerTexts } from "./narrative-reply";

/** The JSON summary's record of a narrative: how many texts came from where. */
export interface NarrativeJson {
  customers: number;
  ai: number;
  rules: number;
  paragraph: NarrativeSource | null;
}

export interface NarratedRun {
  book: ResultBook;
  summary: SummaryJson & { narrative: NarrativeJson };
  issues: Issue[];
}

interface Written {
  texts: CustomerTexts;
  source: NarrativeSource;
}

/** Each payload customer's texts and source, by our id. */
function writtenTexts(
  outcome: NarrativeOutcome,
): Map<string, Written & { rank: number; customer: string }> {
  const out = new Map<string, Written & { rank: number; customer: string }>();
  for (const c of outcome.payload.customers) {
    const a = outcome.customers.get(c.id);
    const w: Written =
      a !== undefined && a.ok
        ? { texts: a.value, source: "ai" }
        : { texts: fallbackTexts(c), source: "rules" };
    out.set(c.id, { ...w, rank: c.rank, customer: c.customer });
  }
  return out;
}

/** A table sheet with its table replaced by `change(table)`; any other sheet as it is. */
function withTable(sheet: ResultSheet, change: (t: ResultTable) => ResultTable): ResultSheet {
  return sheet.content.kind === "table"
    ? { ...sheet, content: { kind: "table", table: change(sheet.content.table) } }
    : sheet;
}

/** A table sheet with columns appended, each row's new cells from `cells` (null: empty). */
function appendColumns(
  sheet: ResultSheet,
  headers: readonly string[],
  widths: readonly (number | undefined)[],
  cells: (row: readonly ResultCell[], header: readonly string[]) => ResultCell[] | null,
): ResultSheet {
  return withTable(sheet, (t) => {
    const names = t.columns.map((c) => c.header);
    const added: ResultColumn[] = headers.map((header, i) => {
      const width = widths[i];
      return width === undefined ? { header, format: "text" } : { header, format: "text", width };
    });
    return {
      ...t,
      columns: [...t.columns, ...added],
      rows: t.rows.map((r) => [...r, ...(cells(r, names) ?? headers.map(() => null))]),
    };
  });
}

/** The executive paragraph's blocks, placed after the sheet's title. */
function withParagraph(sheet: ResultSheet, text: string, source: NarrativeSource): ResultSheet {
  if (sheet.content.kind !== "report") return sheet;
  const blocks: SummaryBlock[] = [
    {
      kind: "heading",
      text:
        source === "ai" ? "Executive summary (AI-drafted)" : "Executive summary (rule-based text)",
      level: 2,
    },
    {
      kind: "paragraph",
      text: source === "ai" ? `AI-drafted, check before use: ${text}` : text,
    },
  ];
  const [first, ...rest] = sheet.content.blocks;
  const next = first === undefined ? blocks : [first, ...blocks, ...rest];
  return { ...sheet, content: { kind: "report", blocks: next } };
}

/** The words of an Issue under one of RGO Issues' headers. */
function issueCell(i: Issue, header: string): ResultCell {
  switch (header) {
    case "Severity":
      return i.severity;
    case "Sheet":
      return i.sheet;
    case "Row":
      return i.row;
    case "Column":
      return i.column;
    case "Message":
      return i.message;
    default:
      return null;
  }
}

/** RGO Issues with the notices appended as rows, by the table's own headers. */
function withNotices(sheet: ResultSheet, notices: readonly Issue[]): ResultSheet {
  if (notices.length === 0) return sheet;
  return withTable(sheet, (t) => ({
    ...t,
    rows: [...t.rows, ...notices.map((i) => t.columns.map((c) => issueCell(i, c.header)))],
  }));
}

/** The run's book, JSON summary and issues with the narrative merged in. */
export function applyNarrative(
  run: { book: ResultBook; summary: SummaryJson; issues: readonly Issue[] },
  outcome: NarrativeOutcome,
): NarratedRun {
  const written = writtenTexts(outcome);
  const byRank = new Map([...written.values()].map((w) => [w.rank, w]));
  const byCustomer = new Map([...written.values()].map((w) => [w.customer, w]));
  const paragraph: { text: string; source: NarrativeSource } | null =
    outcome.summary === null
      ? null
      : outcome.summary.ok
        ? { text: outcome.summary.value, source: "ai" }
        : { text: fallbackParagraph(outcome.payload), source: "rules" };
  const notices = narrativeNotices(outcome);
  const sheets = run.book.sheets.map((sheet): ResultSheet => {
    if (sheet.name === "RGO Gaps")
      return appendColumns(sheet, GAPS_NARRATIVE_HEADERS, [80, undefined], (row, names) => {
        const rank = row[names.indexOf("Rank")];
        const w = typeof rank === "number" ? byRank.get(rank) : undefined;
        return w !== undefined && row[names.indexOf("Customer")] === w.customer
          ? [narrativeCellText(w.texts), w.source]
          : null;
      });
    if (sheet.name === ACTIONS_SHEET)
      return appendColumns(sheet, ACTIONS_NARRATIVE_HEADERS, [60, undefined], (row, names) => {
        const id = row[names.indexOf("Customer")];
        const w = typeof id === "string" ? byCustomer.get(id) : undefined;
        return w !== undefined ? [w.texts.message, w.source] : null;
      });
    if (sheet.name === "RGO Summary" && paragraph !== null)
      return withParagraph(sheet, paragraph.text, paragraph.source);
    if (sheet.name === "RGO Issues") return withNotices(sheet, notices);
    return sheet;
  });
  const ai = [...written.values()].filter((w) => w.source === "ai").length;
  const summary = {
    ...run.summary,
    issues: [
      ...run.summary.issues,
      ...notices.map((i) => ({
        severity: i.severity,
        sheet: i.sheet,
        row: i.row,
        column: i.column,
        message: i.message,
      })),
    ],
    narrative: {
      customers: written.size,
      ai,
      rules: written.size - ai,
      paragraph: paragraph?.source ?? null,
    },
  };
  return { book: { ...run.book, sheets }, summary, issues: [...run.issues, ...notices] };
}
