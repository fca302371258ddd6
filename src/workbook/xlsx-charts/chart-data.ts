/**
 * What a chart of a laid-out sheet shows, read from the layout itself: the references of its
 * category labels, series names and values on the written sheet (absolute, with the sheet's
 * name quoted), and the values those cells hold, cached in the chart part so viewers that do not
 * recalculate (or open the chart before the cells) show them too.
 */
import type { GridRange, LayoutChart, LayoutRegion, SheetLayout } from "../sheet-layout";
import { GENERAL_FORMAT, layoutCellValue } from "../sheet-layout";
import { columnLetter } from "../xlsx-cell";

/** One series: its name and values, each with the cells they come from. */
export interface ChartSeries {
  name: string;
  nameRef: string;
  values: (number | null)[];
  valuesRef: string;
  /** Number format of the value cells (shown on the value axis and in data labels). */
  formatCode: string;
}

/** A chart ready to be written as DrawingML. */
export interface ChartData {
  kind: LayoutChart["kind"];
  title: string;
  categories: (string | null)[];
  categoriesRef: string;
  series: ChartSeries[];
  /** Cells the chart covers. */
  anchor: GridRange;
}

/** `'Sheet name'` as a formula names a sheet (quotes doubled). */
export function quotedSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `'Sheet'!$A$2:$A$9` (or `'Sheet'!$A$2` for one cell) for a 0-based range. */
export function absoluteRef(sheet: string, r: GridRange): string {
  const cell = (row: number, col: number): string => `$${columnLetter(col + 1)}$${row + 1}`;
  const from = cell(r.top, r.left);
  const to = cell(r.bottom, r.right);
  return `${quotedSheetName(sheet)}!${from === to ? from : `${from}:${to}`}`;
}

/** The value the sheet holds at (row, col) of `region` (null outside it or when blank). */
function cellAt(region: LayoutRegion | undefined, row: number, col: number): unknown {
  if (region === undefined) return null;
  const r = row - region.top;
  const c = col - region.left;
  if (r < 0 || r >= region.height || c < 0 || c >= region.width) return null;
  return layoutCellValue(region.rows[r]?.[c] ?? null).value;
}

function label(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The charts of `layout` with their references and cached values. */
export function chartData(layout: SheetLayout): ChartData[] {
  return layout.charts.map((chart) => {
    const regionOf = (role: LayoutRegion["role"]): LayoutRegion | undefined =>
      layout.regions.find((g) => g.table === chart.table && g.role === role);
    const header = regionOf("table-header");
    const body = regionOf("table-body");
    const rows: number[] = [];
    for (let r = chart.categories.top; r <= chart.categories.bottom; r++) rows.push(r);
    const series: ChartSeries[] = [];
    for (let col = chart.values.left; col <= chart.values.right; col++) {
      const headerRow = chart.values.top - 1;
      const format = body?.columnFormats[col - body.left] ?? GENERAL_FORMAT;
      series.push({
        name: label(cellAt(header, headerRow, col)) ?? "",
        nameRef: absoluteRef(layout.name, {
          top: headerRow,
          bottom: headerRow,
          left: col,
          right: col,
        }),
        values: rows.map((r) => {
          const v = cellAt(body, r, col);
          return typeof v === "number" ? v : null;
        }),
        valuesRef: absoluteRef(layout.name, { ...chart.values, left: col, right: col }),
        formatCode: format,
      });
    }
    return {
      kind: chart.kind,
      title: chart.title,
      categories: rows.map((r) => label(cellAt(body, r, chart.categories.left))),
      categoriesRef: absoluteRef(layout.name, chart.categories),
      series,
      anchor: chart.anchor,
    };
  });
}
