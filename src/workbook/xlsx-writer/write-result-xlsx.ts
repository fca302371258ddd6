/**
 * The results workbook (.xlsx) written by RGO itself, streaming: laid-out sheets
 * (sheet-layout.ts) become worksheet XML chunk by chunk (worksheet-xml.ts) and are deflated as
 * they are made (zip-file-writer.ts), with the styles gathered on the way (cell-styles.ts), the
 * Excel tables, the charts (the DrawingML parts of ../xlsx-charts), the theme and the document
 * properties. It writes what the exceljs writer writes for the same layouts (see
 * docs/RESULTS-WRITER.md for what was measured and compared) in a fraction of the time.
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
} from "./package-xml";
import { worksheetXml } from "./worksheet-xml";
import { ZipFileWriter } from "./zip-file-writer";

const CREATOR = "Revenue Gap Orchestrator";

/** The parts one sheet brings: its number, its tables' numbers and its drawing's and charts'. */
interface SheetParts {
  layout: SheetLayout;
  sheet: number;
  tables: number[];
  drawing?: { number: number; charts: number[] };
}

function planParts(layouts: readonly SheetLayout[]): SheetParts[] {
  let table = 0;
  let drawing = 0;
  let chart = 0;
  return layouts.map((layout, i) => {
    const parts: SheetParts = {
      layout,
      sheet: i + 1,
      tables: layout.tables.filter((t) => t.main).map(() => ++table),
    };
    if (layout.charts.length > 0)
      parts.drawing = { number: ++drawing, charts: layout.charts.map(() => ++chart) };
    return parts;
  });
}

/** Writes `layouts` (laid out from one book, in order) and `properties` to `file`. */
export async function writeLayoutsXlsx(
  layouts: readonly SheetLayout[],
  properties: Record<string, string>,
  file: string,
): Promise<void> {
  const props = documentProperties(properties);
  const plan = planParts(layouts);
  const names = layouts.map((l) => l.name);
  const types: [string, string][] = [
    ["xl/workbook.xml", CONTENT_TYPES.workbook],
    ["xl/styles.xml", CONTENT_TYPES.styles],
    ["xl/theme/theme1.xml", CONTENT_TYPES.theme],
    ["docProps/core.xml", CONTENT_TYPES.coreProperties],
    ["docProps/app.xml", CONTENT_TYPES.extendedProperties],
  ];
  if (props.custom.length > 0) types.push(["docProps/custom.xml", CONTENT_TYPES.customProperties]);
  for (const p of plan) {
    types.push([`xl/worksheets/sheet${p.sheet}.xml`, CONTENT_TYPES.worksheet]);
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
    ...plan.map((p): [string, string] => [REL_TYPES.worksheet, `worksheets/sheet${p.sheet}.xml`]),
  ];

  const zip = await ZipFileWriter.create(file);
  try {
    await zip.addSmallPart("[Content_Types].xml", contentTypesXml(types));
    await zip.addSmallPart("_rels/.rels", relationshipsXml(packageRels));
    await zip.addSmallPart("docProps/core.xml", coreXml(props, CREATOR, new Date()));
    await zip.addSmallPart("docProps/app.xml", appXml(names, props));
    if (props.custom.length > 0)
      await zip.addSmallPart("docProps/custom.xml", customPropertiesXml(props.custom));
    await zip.addSmallPart("xl/workbook.xml", workbookXml(names, 3));
    await zip.addSmallPart("xl/_rels/workbook.xml.rels", relationshipsXml(workbookRels));
    await zip.addSmallPart("xl/theme/theme1.xml", OFFICE_THEME_XML);
    const styles = new CellStyles();
    for (const p of plan) await writeSheet(zip, p, styles);
    await zip.addSmallPart("xl/styles.xml", styles.xml());
    await zip.close();
  } catch (e) {
    await zip.abort();
    throw e;
  }
}

/** One sheet: its worksheet, relationships, tables, drawing and charts. */
async function writeSheet(zip: ZipFileWriter, p: SheetParts, styles: CellStyles): Promise<void> {
  const { layout } = p;
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
  await zip.addPart(`xl/worksheets/sheet${p.sheet}.xml`, worksheetXml(layout, styles, relIds));
  if (rels.length > 0)
    await zip.addSmallPart(`xl/worksheets/_rels/sheet${p.sheet}.xml.rels`, relationshipsXml(rels));
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
