/**
 * The preview's open reads with readXlsxBookAsync: the sync reader's steps, yielding between
 * pieces of sheet input so a Cancel gets in. Properties: on random workbooks (inline, shared and
 * numeric cells, dates, Excel tables, cut or damaged bytes) it gives exactly the sync reader's
 * book or exactly its error, with both inflaters; its progress never falls and ends at the
 * compressed size of the shared-string and worksheet parts (summed here from the zip entries);
 * aborting between steps stops the read with the cancellation error. The open's progress words
 * are checked beside it.
 */
import fc from "fast-check";
import { isCancelled } from "../../../src/engine/errors";
import type { CellValue } from "../../../src/engine/input/raw-table";
import { transferText } from "../../../src/taskpane/state/transfer-text";
import {
  readXlsxBook,
  readXlsxBookAsync,
  type XlsxBook,
  type XlsxReadStep,
} from "../../../src/workbook/xlsx/read-xlsx";
import { nodeInflate } from "../../../src/workbook/xlsx/read-xlsx-file";
import { bookEntries, buildZip, tableXml, type RawEntry } from "./zip-builder";

const cell = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => `<v>${n}</v>`),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => `<v>${x}</v>`),
  fc.stringMatching(/^[a-z &<]{0,8}$/).map((s) => {
    const x = s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    return `t="inlineStr"><is><t>${x}</t></is>`;
  }),
  fc.integer({ min: 0, max: 2 }).map((i) => `t="s"><v>${i}</v>`),
  fc.integer({ min: 30000, max: 50000 }).map((d) => `s="1"><v>${d}</v>`),
);

/** `<c>` bodies start either with attributes (t=, s=) or with the value. */
function cellXml(ref: string, body: string): string {
  return body.startsWith("<") ? `<c r="${ref}">${body}</c>` : `<c r="${ref}" ${body}</c>`;
}

const sheetBody = fc
  .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 })
  .map((rows) =>
    rows
      .map(
        (r, i) =>
          `<row r="${i + 1}">${r.map((b, j) => cellXml(`${"ABCD"[j]}${i + 1}`, b)).join("")}</row>`,
      )
      .join(""),
  );

const workbook = fc
  .array(fc.tuple(sheetBody, fc.boolean()), { minLength: 1, maxLength: 3 })
  .map((sheets) =>
    bookEntries({
      sharedStrings: ["alpha", "b&amp;c", "  padded  "],
      sheets: sheets.map(([body, table], i) => ({
        name: `Sheet ${i + 1}`,
        body,
        ...(table ? { table: tableXml(`T${i + 1}`, "A1:B2") } : {}),
      })),
    }),
  );

/** What a read gave, as plain data (rows and cells made here, so both reads are compared whole). */
function plain(book: XlsxBook): unknown {
  return {
    source: book.book.source,
    tables: book.book.tables.map((t) => ({ ...t, rows: t.rows })),
    sheets: book.sheets.map((s) => ({
      name: s.name,
      hasExcelTables: s.hasExcelTables,
      tables: s.tables.map((t) => t.name),
      cells: s.cells,
    })),
    definedNames: book.definedNames,
  };
}

type Outcome = { ok: unknown } | { error: string };

function syncRead(bytes: Uint8Array, fast: boolean): Outcome {
  try {
    return {
      ok: plain(
        readXlsxBook(bytes, "book.xlsx", {
          keepCells: true,
          ...(fast ? { rawInflate: nodeInflate } : {}),
        }),
      ),
    };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

async function asyncRead(
  bytes: Uint8Array,
  fast: boolean,
  steps: XlsxReadStep[] = [],
): Promise<Outcome> {
  try {
    const book = await readXlsxBookAsync(
      bytes,
      "book.xlsx",
      { keepCells: true, ...(fast ? { rawInflate: nodeInflate } : {}) },
      { sliceMs: 0, onProgress: (s) => steps.push(s) },
    );
    return { ok: plain(book) };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

/** The compressed bytes of the parts the read streams: shared strings and worksheets. */
function streamedBytes(entries: RawEntry[]): number {
  return entries
    .filter((e) => /^xl\/(sharedStrings\.xml|worksheets\/sheet\d+\.xml)$/.test(e.name))
    .reduce((n, e) => n + e.data.length, 0);
}

test("the async read gives exactly the sync read's book, or its error, with either inflater", async () => {
  await fc.assert(
    fc.asyncProperty(
      workbook,
      fc.boolean(),
      fc.option(fc.tuple(fc.nat(), fc.nat(255)), { nil: null }),
      async (entries, fast, damage) => {
        const bytes = buildZip(entries);
        if (damage !== null) bytes[damage[0] % bytes.length] = damage[1];
        const steps: XlsxReadStep[] = [];
        const a = await asyncRead(bytes, fast, steps);
        expect(a).toEqual(syncRead(bytes, fast));
        if ("ok" in a && damage === null) {
          const total = streamedBytes(entries);
          // sliceMs 0: every piece is reported; done never falls and ends at the total.
          expect(steps.length).toBeGreaterThan(0);
          for (let i = 0; i < steps.length; i++) {
            expect(steps[i].total).toBe(total);
            expect(steps[i].done).toBeGreaterThan(0);
            expect(steps[i].done).toBeLessThanOrEqual(total);
            if (i > 0) expect(steps[i].done).toBeGreaterThanOrEqual(steps[i - 1].done);
          }
          expect(steps[steps.length - 1].done).toBe(total);
        }
      },
    ),
    { numRuns: 60 },
  );
});

/** A sheet of `rows` rows of pseudo-random numbers: compresses poorly, so it inflates in many pieces. */
function bigBook(rows: number): Uint8Array {
  let x = 12345;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648);
  const body: string[] = [];
  for (let r = 1; r <= rows; r++)
    body.push(
      `<row r="${r}"><c r="A${r}"><v>${next()}</v></c><c r="B${r}"><v>${next() / 1000}</v></c></row>`,
    );
  return buildZip(bookEntries({ sheets: [{ name: "Big", body: body.join("") }] }));
}

test("aborting between pieces stops the read with the cancellation error, at the piece it was in", async () => {
  const bytes = bigBook(60_000);
  for (const fast of [false, true]) {
    const all: XlsxReadStep[] = [];
    await readXlsxBookAsync(bytes, "big.xlsx", fast ? { rawInflate: nodeInflate } : {}, {
      sliceMs: 0,
      onProgress: (s) => all.push(s),
    });
    expect(all.length).toBeGreaterThan(3);
    const controller = new AbortController();
    const seen: XlsxReadStep[] = [];
    const read = readXlsxBookAsync(bytes, "big.xlsx", fast ? { rawInflate: nodeInflate } : {}, {
      signal: controller.signal,
      sliceMs: 0,
      onProgress: (s) => {
        seen.push(s);
        if (seen.length === 2) controller.abort();
      },
    });
    const e = await read.then(
      () => null,
      (err: unknown) => err,
    );
    expect(isCancelled(e)).toBe(true);
    expect((e as Error).message).toBe("opening cancelled");
    // Stopped after the piece during which Cancel came: nothing past it was read.
    expect(seen).toHaveLength(2);
    expect(seen[1].done).toBeLessThan(seen[1].total);
  }
  const gone = new AbortController();
  gone.abort();
  await expect(
    readXlsxBookAsync(bytes, "big.xlsx", {}, { signal: gone.signal }),
  ).rejects.toMatchObject({ kind: "cancelled" });
});

test("the cells a keepCells read holds are made on first read, once, and equal the rows read", () => {
  const book = readXlsxBook(bigBook(50), "small.xlsx", { keepCells: true });
  const sheet = book.sheets[0];
  const cells = sheet.cells as CellValue[][];
  expect(sheet.cells).toBe(cells); // memoised
  expect(cells).toHaveLength(50);
  // The sheet has no header row of text: its table's header is row 1, its rows rows 2..50.
  expect(cells.slice(1)).toEqual(sheet.tables[0].rows);
});

test("the open's words: the file first, then the sheet and its share read, then the listing", () => {
  expect(transferText("open", { phase: "read", target: "a.xlsx", done: 0, total: 1 })).toBe(
    "Reading a.xlsx…",
  );
  expect(transferText("open", { phase: "read", target: "Sales", done: 41, total: 100 })).toBe(
    "Reading Sales: 41%…",
  );
  expect(transferText("open", { phase: "read", target: "Sales", done: 999, total: 1000 })).toBe(
    "Reading Sales: 99%…",
  );
  expect(transferText("open", { phase: "read", target: "a.xlsx", done: 1, total: 1 })).toBe(
    "Listing the sheets…",
  );
});
