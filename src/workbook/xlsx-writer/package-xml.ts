/**
 * The small parts of a results workbook's package (ECMA-376 part 2 and part 1, 18.2): content
 * types, relationships, the workbook part, the core, extended and custom document properties,
 * and one Excel table part. Every name and text from the book is escaped.
 */
import type { DocumentProperties } from "../document-properties";
import { columnLetter } from "../xlsx-cell";
import { escapeXml } from "./xml-text";

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPES = {
  officeDocument: `${REL}/officeDocument`,
  coreProperties:
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  extendedProperties: `${REL}/extended-properties`,
  customProperties: `${REL}/custom-properties`,
  worksheet: `${REL}/worksheet`,
  styles: `${REL}/styles`,
  theme: `${REL}/theme`,
  table: `${REL}/table`,
  drawing: `${REL}/drawing`,
} as const;
const OFFICE = "application/vnd.openxmlformats-officedocument";
export const CONTENT_TYPES = {
  workbook: `${OFFICE}.spreadsheetml.sheet.main+xml`,
  worksheet: `${OFFICE}.spreadsheetml.worksheet+xml`,
  styles: `${OFFICE}.spreadsheetml.styles+xml`,
  theme: `${OFFICE}.theme+xml`,
  table: `${OFFICE}.spreadsheetml.table+xml`,
  drawing: `${OFFICE}.drawing+xml`,
  chart: `${OFFICE}.drawingml.chart+xml`,
  coreProperties: "application/vnd.openxmlformats-package.core-properties+xml",
  extendedProperties: `${OFFICE}.extended-properties+xml`,
  customProperties: `${OFFICE}.custom-properties+xml`,
} as const;

/** [Content_Types].xml: rels and xml by default, an override for every part in `parts`. */
export function contentTypesXml(parts: readonly [part: string, type: string][]): string {
  return (
    DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    parts.map(([p, t]) => `<Override PartName="/${escapeXml(p)}" ContentType="${t}"/>`).join("") +
    "</Types>"
  );
}

/** A relationships part; relationship i is `rId{i+1}`. */
export function relationshipsXml(rels: readonly [type: string, target: string][]): string {
  return (
    DECLARATION +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    rels
      .map(
        ([type, target], i) =>
          `<Relationship Id="rId${i + 1}" Type="${type}" Target="${escapeXml(target)}"/>`,
      )
      .join("") +
    "</Relationships>"
  );
}

/** xl/workbook.xml: sheet i is related as `rId{i + firstRel}`; defined names after the sheets. */
export function workbookXml(
  sheetNames: readonly string[],
  firstRel: number,
  definedNames: readonly [name: string, value: string][] = [],
): string {
  return (
    DECLARATION +
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
    "<workbookPr/><bookViews><workbookView/></bookViews><sheets>" +
    sheetNames
      .map(
        (name, i) =>
          `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + firstRel}"/>`,
      )
      .join("") +
    "</sheets>" +
    (definedNames.length > 0
      ? `<definedNames>${definedNames.map(([n, v]) => `<definedName name="${escapeXml(n)}">${escapeXml(v)}</definedName>`).join("")}</definedNames>`
      : "") +
    '<calcPr calcId="171027"/></workbook>'
  );
}

/** docProps/app.xml: the sheet names, company and manager. */
export function appXml(sheetNames: readonly string[], props: DocumentProperties): string {
  const text = (tag: string, v: string | undefined): string =>
    v === undefined ? "" : `<${tag}>${escapeXml(v)}</${tag}>`;
  return (
    DECLARATION +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
    `<vt:variant><vt:i4>${sheetNames.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheetNames.length}" baseType="lpstr">` +
    sheetNames.map((n) => `<vt:lpstr>${escapeXml(n)}</vt:lpstr>`).join("") +
    "</vt:vector></TitlesOfParts>" +
    text("Manager", props.core.manager) +
    text("Company", props.core.company) +
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>" +
    "</Properties>"
  );
}

/** docProps/core.xml: title, subject, creator, keywords, description, category, dates. */
export function coreXml(props: DocumentProperties, creator: string, at: Date): string {
  const text = (tag: string, v: string | undefined): string =>
    v === undefined ? "" : `<${tag}>${escapeXml(v)}</${tag}>`;
  const when = at.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    text("dc:title", props.core.title) +
    text("dc:subject", props.core.subject) +
    text("dc:creator", props.creator ?? creator) +
    text("cp:keywords", props.core.keywords) +
    text("dc:description", props.core.description) +
    text("cp:lastModifiedBy", creator) +
    text("cp:category", props.core.category) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

const CUSTOM_PROPS_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

/** docProps/custom.xml (File > Properties > Custom): string properties, pid from 2. */
export function customPropertiesXml(custom: readonly [string, string][]): string {
  return (
    DECLARATION +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    custom
      .map(
        ([name, value], i) =>
          `<property fmtid="${CUSTOM_PROPS_FMTID}" pid="${i + 2}" name="${escapeXml(name)}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property>`,
      )
      .join("") +
    "</Properties>"
  );
}

/** Where an Excel table sits and what its columns are called. */
export interface TablePart {
  /** Valid, workbook-unique table name (see `uniqueTableName`). */
  name: string;
  /** Column names; the header cells must hold exactly these strings (see `tableColumnNames`). */
  columns: readonly string[];
  /** 1-based row of the header. */
  headerRow: number;
  /** 1-based first column. */
  firstColumn: number;
  /** Number of data rows (0 is allowed: the table then spans one empty row). */
  dataRows: number;
  /** Built-in table style; default "TableStyleMedium2". */
  style?: string;
}

/** xl/tables/table{id}.xml: the table with a filter button on each column, banded rows. */
export function tableXml(id: number, table: TablePart): string {
  const lastColumn = table.firstColumn + table.columns.length - 1;
  const lastRow = table.headerRow + Math.max(1, table.dataRows);
  const ref = `${columnLetter(table.firstColumn)}${table.headerRow}:${columnLetter(lastColumn)}${lastRow}`;
  return (
    DECLARATION +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}"` +
    ` name="${escapeXml(table.name)}" displayName="${escapeXml(table.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${table.columns.length}">` +
    table.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeXml(c)}"/>`).join("") +
    "</tableColumns>" +
    `<tableStyleInfo name="${escapeXml(table.style ?? "TableStyleMedium2")}" showFirstColumn="0"` +
    ' showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    "</table>"
  );
}
