/**
 * A workbook (.xlsx) written by RGO itself, streaming, into a zip sink (zip-sink.ts: the CLI's file
 * or the preview's download in memory): laid-out result sheets (sheet-layout.ts) and sheets of
 * cells as found (the preview's input sheets, input-sheet-xml.ts) become worksheet XML chunk by
 * chunk (worksheet-xml.ts) and are deflated as they are made, with the styles gathered on the way
 * (cell-styles.ts), the Excel tables, the charts (the DrawingML parts of ../xlsx-charts), the
 * theme, the defined names and the document properties. For result sheets it writes what the
 * exceljs writer writes for the same layouts (see docs/RESULTS-WRITER.md for what was measured
 * and compared) in a fraction of the time. No Node import: the browser preview uses it.
 */
import { documentProperties } from "../document-properties";
import type { SheetLayout } from "../sheet-layout";
import { chartData } from "../xlsx-charts/chart-data";
import { chartXml } from "../xlsx-charts/chart-xml";
import { drawingRelsXml, drawingXml } from "../xlsx-charts/drawing-xml";
import { CellStyles } from "./cell-styles";
import { OFFICE_THEME_XML } from "./office-theme";
import {
  CONTENT_TYPES,
  REL_TYPES,
  appXml,
  contentTypesXml,
  coreXml,
  customPropertiesXml,
  relationshipsXml,
  tableXml,
  workbookXml,
  type TablePart,
} from "./package-xml";
import { cellsWorksheetXml, worksheetXml } from "./worksheet-xml";
import type { ZipSink } from "./zip-sink";
import type { InputCellStyles } from "../input-sheet-xml";

const CREATOR = "Revenue Gap Orchestrator";

/**
 * A sheet of cells as found: its `<row>` elements, made when asked (given the two cell styles
 * the rows use: a date, and "@" for text that looks like a formula), and its Excel tables.
 */
export interface CellsSheet {
  name: string;
  /** `<row>` elements as text, or as UTF-8 bytes in chunks. */
  rows: (styles: InputCellStyles) => Iterable<string | Uint8Array>;
  tables: readonly TablePart[];
}

/** One sheet of a book to write: a laid-out result sheet, or a sheet of cells. */
export type BookSheet = { layout: SheetLayout } | { cells: CellsSheet };

/** What a book carries besides its sheets. */
export interface BookOptions {
  /** Defined names: name -> formula text (`'RGO Gaps'!$A$1,...`). */
  definedNames?: readonly [name: string, value: string][];
}

/** The parts one sheet brings: its number, its tables' numbers and its drawing's and charts'. */
interface SheetParts {
  sheet: BookSheet;
  name: string;
  number: number;
  tables: number[];
  drawing?: { number: number; charts: number[] };
}

function planParts(sheets: readonly BookSheet[]): SheetParts[] {
  let table = 0;
  let drawing = 0;
  let chart = 0;
  return sheets.map((sheet, i) => {
    if ("cells" in sheet)
      return {
        sheet,
        name: sheet.cells.name,
        number: i + 1,
        tables: sheet.cells.tables.map(() => ++table),
      };
    const { layout } = sheet;
    const parts: SheetParts = {
      sheet,
      name: layout.name,
      number: i + 1,
      tables: layout.tables.filter((t) => t.main).map(() => ++table),
    };
    if (layout.charts.length > 0)
      parts.drawing = { number: ++drawing, charts: layout.charts.map(() => ++chart) };
    return parts;
  });
}

/** Writes `sheets` (result layouts laid out from one book, cell sheets) and `properties` into `zip`. */
export async function writeBook(
  zip: ZipSink,
  sheets: readonly BookSheet[],
  properties: Record<string, string>,
  options: BookOptions = {},
): Promise<void> {
  const props = documentProperties(properties);
  const plan = planParts(sheets);
  const names = plan.map((p) => p.name);
  const types: [string, string][] = [
    ["xl/workbook.xml", CONTENT_TYPES.workbook],
    ["xl/styles.xml", CONTENT_TYPES.styles],
    ["xl/theme/theme1.xml", CONTENT_TYPES.theme],
    ["docProps/core.xml", CONTENT_TYPES.coreProperties],
    ["docProps/app.xml", CONTENT_TYPES.extendedProperties],
  ];
  if (props.custom.length > 0) types.push(["docProps/custom.xml", CONTENT_TYPES.customProperties]);
  for (const p of plan) {
    types.push([`xl/worksheets/sheet${p.number}.xml`, CONTENT_TYPES.worksheet]);
    for (const t of p.tables) types.push([`xl/tables/table${t}.xml`, CONTENT_TYPES.table]);
    if (p.drawing !== undefined) {
      types.push([`xl/drawings/drawing${p.drawing.number}.xml`, CONTENT_TYPES.drawing]);
      for (const c of p.drawing.charts)
        types.push([`xl/charts/chart${c}.xml`, CONTENT_TYPES.chart]);
    }
  }
  const packageRels: [string, string][] = [
    [REL_TYPES.officeDocument, "xl/workbook.xml"],
    [REL_TYPES.coreProperties, "docProps/core.xml"],
    [REL_TYPES.extendedProperties, "docProps/app.xml"],
  ];
  if (props.custom.length > 0)
    packageRels.push([REL_TYPES.customProperties, "docProps/custom.xml"]);
  const workbookRels: [string, string][] = [
    [REL_TYPES.styles, "styles.xml"],
    [REL_TYPES.theme, "theme/theme1.xml"],
    ...plan.map((p): [string, string] => [REL_TYPES.worksheet, `worksheets/sheet${p.number}.xml`]),
  ];

  await zip.addSmallPart("[Content_Types].xml", contentTypesXml(types));
  await zip.addSmallPart("_rels/.rels", relationshipsXml(packageRels));
  await zip.addSmallPart("docProps/core.xml", coreXml(props, CREATOR, new Date()));
  await zip.addSmallPart("docProps/app.xml", appXml(names, props));
  if (props.custom.length > 0)
    await zip.addSmallPart("docProps/custom.xml", customPropertiesXml(props.custom));
  await zip.addSmallPart("xl/workbook.xml", workbookXml(names, 3, options.definedNames));
  await zip.addSmallPart("xl/_rels/workbook.xml.rels", relationshipsXml(workbookRels));
  await zip.addSmallPart("xl/theme/theme1.xml", OFFICE_THEME_XML);
  const styles = new CellStyles();
  let cellStyles: InputCellStyles | undefined;
  for (const p of plan) {
    if ("cells" in p.sheet) {
      // Asked for only when a book has such sheets (a results-only book's styles are unchanged).
      cellStyles ??= {
        date: styles.id({ numFmt: INPUT_DATE_FORMAT }),
        text: styles.id({ numFmt: "@" }),
      };
      await writeCellsSheet(zip, p, p.sheet.cells, cellStyles);
    } else await writeSheet(zip, p, p.sheet.layout, styles);
  }
  await zip.addSmallPart("xl/styles.xml", styles.xml());
}

/** The date format input dates are written in: exceljs's (built-in 14), as the download wrote them. */
const INPUT_DATE_FORMAT = "mm-dd-yy";

/** A sheet of cells: its worksheet, relationships and tables. */
async function writeCellsSheet(
  zip: ZipSink,
  p: SheetParts,
  sheet: CellsSheet,
  styles: InputCellStyles,
): Promise<void> {
  const rels = p.tables.map((t): [string, string] => [REL_TYPES.table, `../tables/table${t}.xml`]);
  await zip.addPart(
    `xl/worksheets/sheet${p.number}.xml`,
    cellsWorksheetXml(sheet.rows(styles), { tables: rels.map((_, i) => `rId${i + 1}`) }),
  );
  if (rels.length === 0) return;
  await zip.addSmallPart(`xl/worksheets/_rels/sheet${p.number}.xml.rels`, relationshipsXml(rels));
  for (let i = 0; i < sheet.tables.length; i++)
    await zip.addSmallPart(
      `xl/tables/table${p.tables[i]}.xml`,
      tableXml(p.tables[i], sheet.tables[i]),
    );
}

/** One result sheet: its worksheet, relationships, tables, drawing and charts. */
async function writeSheet(
  zip: ZipSink,
  p: SheetParts,
  layout: SheetLayout,
  styles: CellStyles,
): Promise<void> {
  const rels: [string, string][] = p.tables.map((t) => [
    REL_TYPES.table,
    `../tables/table${t}.xml`,
  ]);
  if (p.drawing !== undefined)
    rels.push([REL_TYPES.drawing, `../drawings/drawing${p.drawing.number}.xml`]);
  const tableIds = p.tables.map((_, i) => `rId${i + 1}`);
  const relIds =
    p.drawing !== undefined
      ? { tables: tableIds, drawing: `rId${rels.length}` }
      : { tables: tableIds };
  await zip.addPart(`xl/worksheets/sheet${p.number}.xml`, worksheetXml(layout, styles, relIds));
  if (rels.length > 0)
    await zip.addSmallPart(`xl/worksheets/_rels/sheet${p.number}.xml.rels`, relationshipsXml(rels));
  const main = layout.tables.filter((t) => t.main);
  for (let i = 0; i < main.length; i++) {
    const t = main[i];
    await zip.addSmallPart(
      `xl/tables/table${p.tables[i]}.xml`,
      tableXml(p.tables[i], {
        name: t.name,
        columns: t.header,
        headerRow: t.range.top + 1,
        firstColumn: t.range.left + 1,
        dataRows: t.dataRows,
      }),
    );
  }
  if (p.drawing === undefined) return;
  const charts = p.drawing.charts;
  const drawn = chartData(layout).map((chart, i) => ({
    chart,
    anchor: chart.anchor,
    title: chart.title,
    target: `../charts/chart${charts[i]}.xml`,
  }));
  for (let i = 0; i < drawn.length; i++)
    await zip.addSmallPart(`xl/charts/chart${charts[i]}.xml`, chartXml(drawn[i].chart));
  const drawing = `xl/drawings/drawing${p.drawing.number}.xml`;
  await zip.addSmallPart(drawing, drawingXml(drawn));
  await zip.addSmallPart(
    `xl/drawings/_rels/drawing${p.drawing.number}.xml.rels`,
    drawingRelsXml(drawn),
  );
}
