/// <reference types="office-js" />
/**
 * The WorkbookHost of the Excel add-in: every call runs in its own `Excel.run` batch and delegates
 * to src/workbook/excel.ts (the only other module that touches Excel's object model). Assigning
 * `Excel.RequestContext` to `XlContext` below is the compile-time check that the adapter's subset
 * of the object model matches Office.js's real types.
 */
import type { ResultBook } from "../../engine/report/result-book";
import type { RawTable, RawWorkbook } from "../../engine/input/raw-table";
import {
  activateSheet,
  listSheets,
  readRulesText,
  readTables,
  subscribeGapSelection,
  writeResultBook,
  writeRulesText,
  writeSampleSheets,
  type XlContext,
  type XlRun,
} from "../../workbook/excel";
import type {
  HostProgress,
  SheetInfo,
  TableSource,
  WorkbookHost,
  WriteReport,
} from "../../workbook/workbook-host";

/** Runs `fn` in a fresh Excel request context. */
const run: XlRun = <T>(fn: (ctx: XlContext) => Promise<T>): Promise<T> =>
  Excel.run((context: Excel.RequestContext) => {
    const ctx: XlContext = context;
    return fn(ctx);
  });

/** The workbook's file name, when Office knows it ("Excel workbook" otherwise). */
function workbookTitle(): string {
  const url = typeof Office !== "undefined" ? Office.context?.document?.url : undefined;
  if (!url) return "Excel workbook";
  const last = url.split(/[\\/]/).pop() ?? url;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** A WorkbookHost over the open Excel workbook (call after Office.onReady with host Excel). */
export function createOfficeHost(): WorkbookHost {
  const title = workbookTitle();
  return {
    kind: "excel",
    title,
    listSheets(): Promise<SheetInfo[]> {
      return run((ctx) => listSheets(ctx));
    },
    readTables(
      sources: readonly TableSource[],
      onProgress?: (p: HostProgress) => void,
      signal?: AbortSignal,
    ): Promise<RawWorkbook> {
      return run((ctx) => readTables(ctx, sources, { onProgress, signal }, title));
    },
    writeResults(book: ResultBook, onProgress?: (p: HostProgress) => void): Promise<WriteReport> {
      return run((ctx) => writeResultBook(ctx, book, { onProgress }));
    },
    readRulesText(): Promise<string | null> {
      return run((ctx) => readRulesText(ctx));
    },
    async writeRulesText(
      packText: string,
      packName: string,
      packVersion: string,
      packHash: string,
    ): Promise<void> {
      await run((ctx) => writeRulesText(ctx, packText, packName, packVersion, packHash));
    },
    writeSampleSheets(tables: readonly RawTable[]): Promise<string[]> {
      return run((ctx) => writeSampleSheets(ctx, tables));
    },
    activateSheet(name: string): Promise<void> {
      return run((ctx) => activateSheet(ctx, name));
    },
    async onGapRowSelected(callback: (customerId: string | null) => void): Promise<() => void> {
      let registration: { remove(): void } | null = null;
      await Excel.run(async (context) => {
        registration = await subscribeGapSelection(context, run, callback);
      }).catch(() => {
        // No RGO Gaps sheet yet (or events unsupported): nothing to listen to.
        registration = null;
      });
      return () => {
        const r = registration as { remove(): void } | null;
        if (r === null) return;
        registration = null;
        // Handlers are removed in a request context; EventHandlerResult carries its own.
        const handler = r as unknown as OfficeExtension.EventHandlerResult<unknown>;
        void Excel.run(handler.context as Excel.RequestContext, async (ctx) => {
          handler.remove();
          await ctx.sync();
        }).catch(() => undefined);
      };
    },
  };
}
