/**
 * exceljs's streaming WorkbookWriter, extended with what it lacks and the result workbooks need:
 * real Excel tables (table parts: `worksheet.addTable` only works with the in-memory writer) and
 * custom document properties. Rows are still streamed: a table is registered after its rows have
 * been added and before its worksheet is committed, when its extent is known.
 */
import ExcelJS from "exceljs";
import { CUSTOM_PROPERTY_MAX_CHARS } from "./document-properties";
import { customPropertiesXml, tableXml, type TablePart } from "./xlsx-writer/package-xml";

const TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";

/** Where an Excel table sits and what its columns are called (see xlsx-writer/package-xml.ts). */
export type TableDefinition = TablePart;

// The parts of exceljs's streaming writer this class reaches into (not in its type definitions).
interface ZipInternals {
  append(data: string, options: { name: string }): void;
}
interface WorkbookInternals {
  zip: ZipInternals;
  _worksheets: (WorksheetInternals | undefined)[];
  sharedStrings: { count: number };
}
interface WorksheetInternals {
  id: number;
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeCloseWorksheet(): void;
  _write(text: string): void;
}

/** A streaming .xlsx writer with table parts and custom properties. Create with `createStreamingBook`. */
export class StreamingBook extends ExcelJS.stream.xlsx.WorkbookWriter {
  private tableCount = 0;
  private customProperties: [string, string][] = [];
  private officeRelsReady = false;

  /** exceljs writes the package relationships in its constructor; ours are written at commit. */
  override addOfficeRels(): Promise<void> {
    if (!this.officeRelsReady) return Promise.resolve();
    const rels = [
      [
        "rId1",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "xl/workbook.xml",
      ],
      [
        "rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
      ],
      [
        "rId3",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
        "docProps/app.xml",
      ],
    ];
    if (this.customProperties.length > 0) {
      rels.push([
        "rId4",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
        "docProps/custom.xml",
      ]);
    }
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      rels
        .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`)
        .join("") +
      "</Relationships>";
    this.internals.zip.append(xml, { name: "_rels/.rels" });
    return Promise.resolve();
  }

  /** [Content_Types].xml, including table parts and custom properties. */
  override addContentTypes(): Promise<void> {
    const overrides: [string, string][] = [
      [
        "/xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      ],
    ];
    for (const ws of this.internals._worksheets) {
      if (ws) {
        overrides.push([
          `/xl/worksheets/sheet${ws.id}.xml`,
          "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        ]);
      }
    }
    overrides.push([
      "/xl/theme/theme1.xml",
      "application/vnd.openxmlformats-officedocument.theme+xml",
    ]);
    overrides.push([
      "/xl/styles.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
    ]);
    if (this.internals.sharedStrings.count) {
      overrides.push([
        "/xl/sharedStrings.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
      ]);
    }
    for (let id = 1; id <= this.tableCount; id++) {
      overrides.push([
        `/xl/tables/table${id}.xml`,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
      ]);
    }
    overrides.push([
      "/docProps/core.xml",
      "application/vnd.openxmlformats-package.core-properties+xml",
    ]);
    overrides.push([
      "/docProps/app.xml",
      "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    ]);
    if (this.customProperties.length > 0) {
      overrides.push([
        "/docProps/custom.xml",
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
      ]);
    }
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      overrides
        .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
        .join("") +
      "</Types>";
    this.internals.zip.append(xml, { name: "[Content_Types].xml" });
    return Promise.resolve();
  }

  /** Custom document properties (File > Properties > Custom); values are cut to 255 characters. */
  setCustomProperties(properties: Record<string, string>): void {
    this.customProperties = Object.entries(properties).map(([k, v]) => [
      k,
      String(v).slice(0, CUSTOM_PROPERTY_MAX_CHARS),
    ]);
  }

  /**
   * Make the range described by `table` an Excel table. Call after its rows were added to
   * `worksheet` and before `worksheet.commit()`.
   */
  addTable(worksheet: ExcelJS.Worksheet, table: TableDefinition): void {
    const ws = worksheet as unknown as WorksheetInternals;
    const id = ++this.tableCount;
    const xml = tableXml(id, table);

    const closeWorksheet = ws._writeCloseWorksheet.bind(ws);
    const zip = this.internals.zip;
    ws._writeCloseWorksheet = () => {
      // tableParts is the last element of a worksheet before extLst (which exceljs never writes).
      const rId = ws._sheetRelsWriter.addRelationship({
        Type: TABLE_REL,
        Target: `../tables/table${id}.xml`,
      });
      ws._write(`<tableParts count="1"><tablePart r:id="${rId}"/></tableParts>`);
      zip.append(xml, { name: `xl/tables/table${id}.xml` });
      closeWorksheet();
    };
  }

  /** Write the package relationships and custom properties, then everything exceljs writes. */
  override async commit(): Promise<void> {
    this.officeRelsReady = true;
    await this.addOfficeRels();
    if (this.customProperties.length > 0)
      this.internals.zip.append(customPropertiesXml(this.customProperties), {
        name: "docProps/custom.xml",
      });
    await super.commit();
  }

  private get internals(): WorkbookInternals {
    return this as unknown as WorkbookInternals;
  }
}

/** A streaming book writing to `file` with styles on and shared strings off. */
export function createStreamingBook(file: string): StreamingBook {
  const book = new StreamingBook({ filename: file, useStyles: true, useSharedStrings: false });
  book.creator = "Revenue Gap Orchestrator";
  book.lastModifiedBy = "Revenue Gap Orchestrator";
  return book;
}
