/**
 * The styles part (xl/styles.xml) of a results workbook, built as cells ask for styles: each
 * distinct combination of number format, font, fill, border and alignment gets one cell format
 * (`xf`) id, looked up once per column of a region, never per cell. What the combinations look
 * like comes from result-styles.ts, as for the other two writers.
 */
import { GENERAL_FORMAT } from "../sheet-layout";
import { REPORT_BORDER_COLOR } from "../result-styles";
import { escapeXml } from "./xml-text";

/** How one cell looks. */
export interface CellStyle {
  /** Excel number format code ("General" for none). */
  numFmt: string;
  font?: { bold: true; size?: number };
  /** Solid fill, RGB hex ("#D9E1F2"). */
  fill?: string;
  /** Thin border on all four sides in the report border colour. */
  boxed?: boolean;
  alignment?: "right" | "wrap-top";
}

// Excel's built-in number formats among those the results and the preview's input sheets use
// (ECMA-376 part 1, 18.8.30; 14 is the date format exceljs gives a date cell).
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "mm-dd-yy": 14,
  "@": 49,
};
const FIRST_CUSTOM_FORMAT = 164;
const DEFAULT_SIZE = 11;

function fontXml(font: CellStyle["font"]): string {
  const bold = font?.bold ? "<b/>" : "";
  return `<font>${bold}<sz val="${font?.size ?? DEFAULT_SIZE}"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
}

function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

/** The styles of one workbook; `id(style)` gives the `s` attribute of a cell. */
export class CellStyles {
  private readonly formats = new Map<string, number>();
  private readonly fonts = new Map<string, number>([[fontXml(undefined), 0]]);
  private readonly fills = new Map<string, number>();
  private readonly xfs = new Map<string, number>();
  private readonly xfXml: string[] = [];

  constructor() {
    // Cell format 0 is the default look: General, the default font.
    this.id({ numFmt: GENERAL_FORMAT });
  }

  private formatId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  private fontId(font: CellStyle["font"]): number {
    const xml = fontXml(font);
    let id = this.fonts.get(xml);
    if (id === undefined) {
      id = this.fonts.size;
      this.fonts.set(xml, id);
    }
    return id;
  }

  private fillId(fill: string | undefined): number {
    if (fill === undefined) return 0;
    // 0 and 1 are the two fills Excel reserves (none, gray125).
    let id = this.fills.get(fill);
    if (id === undefined) {
      id = 2 + this.fills.size;
      this.fills.set(fill, id);
    }
    return id;
  }

  /** The cell format id of `style` (the same id for the same look). */
  id(style: CellStyle): number {
    const numFmtId = this.formatId(style.numFmt);
    const fontId = this.fontId(style.font);
    const fillId = this.fillId(style.fill);
    const borderId = style.boxed ? 1 : 0;
    const key = `${numFmtId}/${fontId}/${fillId}/${borderId}/${style.alignment ?? ""}`;
    let id = this.xfs.get(key);
    if (id !== undefined) return id;
    id = this.xfXml.length;
    this.xfs.set(key, id);
    const apply = [
      numFmtId !== 0 ? ' applyNumberFormat="1"' : "",
      fontId !== 0 ? ' applyFont="1"' : "",
      fillId !== 0 ? ' applyFill="1"' : "",
      borderId !== 0 ? ' applyBorder="1"' : "",
      style.alignment !== undefined ? ' applyAlignment="1"' : "",
    ].join("");
    const alignment =
      style.alignment === "right"
        ? '<alignment horizontal="right"/>'
        : style.alignment === "wrap-top"
          ? '<alignment vertical="top" wrapText="1"/>'
          : "";
    const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${apply}`;
    this.xfXml.push(alignment ? `${open}>${alignment}</xf>` : `${open}/>`);
    return id;
  }

  /** xl/styles.xml. */
  xml(): string {
    const numFmts = [...this.formats]
      .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
      .join("");
    const fills = [...this.fills.keys()]
      .map(
        (hex) =>
          `<fill><patternFill patternType="solid"><fgColor rgb="${argb(hex)}"/></patternFill></fill>`,
      )
      .join("");
    const side = (name: string): string =>
      `<${name} style="thin"><color rgb="${argb(REPORT_BORDER_COLOR)}"/></${name}>`;
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (this.formats.size > 0 ? `<numFmts count="${this.formats.size}">${numFmts}</numFmts>` : "") +
      `<fonts count="${this.fonts.size}">${[...this.fonts.keys()].join("")}</fonts>` +
      `<fills count="${2 + this.fills.size}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fills}</fills>` +
      '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
      `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfXml.length}">${this.xfXml.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}
