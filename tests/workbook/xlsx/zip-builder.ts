/**
 * Test helpers that build .xlsx packages by hand: entries in exactly the order given (so tests can
 * put worksheets before the workbook or the shared strings), plus raw deflate streams that repeat
 * one block many times (a zip bomb of gigabytes from a few megabytes, built in milliseconds).
 */
import { deflateSync, strToU8 } from "fflate";
import { constants, deflateRawSync } from "node:zlib";

export interface RawEntry {
  name: string;
  /** Raw deflate data (method 8). */
  data: Uint8Array;
  /** Declared inflated size (a bomb may lie; the reader must not trust it). */
  size: number;
}

/** A raw deflate stream inflating to `block` repeated `times` times (no back-references across). */
export function repeatedDeflate(block: string, times: number): Uint8Array {
  const one = deflateRawSync(Buffer.from(block), { finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  const out = Buffer.alloc(one.length * times + end.length);
  for (let i = 0; i < times; i++) one.copy(out, i * one.length);
  end.copy(out, one.length * times);
  return out;
}

/** An entry holding `text`, deflated. */
export function textEntry(name: string, text: string): RawEntry {
  const bytes = strToU8(text);
  return { name, data: deflateSync(bytes), size: bytes.length };
}

/** A zip of the entries, in order (CRC left 0: the reader does not check it). */
export function buildZip(entries: RawEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(Math.min(e.size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(Math.min(e.size, 0xfffffffe), 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(e.data));
    central.push(dir, name);
    offset += local.length + name.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dirBytes, end]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface SheetSpec {
  name: string;
  /** The <sheetData> content (or any worksheet body). */
  body: string;
  /** Table part XML for this sheet, if any. */
  table?: string;
}

export interface BookSpec {
  sheets: SheetSpec[];
  sharedStrings?: string[];
  /** <numFmts> and <cellXfs> children; default: xf 0 General, xf 1 numFmt 14 (date). */
  styles?: string;
  date1904?: boolean;
  /** Write relationship targets as absolute part names (/xl/...), as openpyxl does. */
  absolute?: boolean;
}

/** The entries of a minimal, valid workbook (order: as a writer would, then shuffle as needed). */
export function bookEntries(spec: BookSpec): RawEntry[] {
  const t = (p: string): string => (spec.absolute ? `/xl/${p}` : p);
  const entries: RawEntry[] = [];
  entries.push(
    textEntry(
      "_rels/.rels",
      `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${spec.absolute ? "/" : ""}xl/workbook.xml"/></Relationships>`,
    ),
  );
  const sheets = spec.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  entries.push(
    textEntry(
      "xl/workbook.xml",
      `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr${spec.date1904 ? ' date1904="1"' : ""}/><sheets>${sheets}</sheets></workbook>`,
    ),
  );
  const n = spec.sheets.length;
  const rels = spec.sheets
    .map(
      (_s, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${t(`worksheets/sheet${i + 1}.xml`)}"/>`,
    )
    .join("");
  entries.push(
    textEntry(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}">${rels}` +
        `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="${t("styles.xml")}"/>` +
        `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="${t("sharedStrings.xml")}"/></Relationships>`,
    ),
  );
  entries.push(
    textEntry(
      "xl/styles.xml",
      `<?xml version="1.0"?><styleSheet xmlns="${MAIN}">${spec.styles ?? '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'}</styleSheet>`,
    ),
  );
  const ss = (spec.sharedStrings ?? []).map((s) => `<si><t xml:space="preserve">${s}</t></si>`);
  entries.push(
    textEntry(
      "xl/sharedStrings.xml",
      `<?xml version="1.0"?><sst xmlns="${MAIN}" count="${ss.length}">${ss.join("")}</sst>`,
    ),
  );
  spec.sheets.forEach((s, i) => {
    entries.push(
      textEntry(
        `xl/worksheets/sheet${i + 1}.xml`,
        `<?xml version="1.0"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${s.body}</sheetData>${s.table ? '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>' : ""}</worksheet>`,
      ),
    );
    if (s.table) {
      entries.push(
        textEntry(
          `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
          `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/table" Target="${spec.absolute ? "/xl/tables/" : "../tables/"}table${i + 1}.xml"/></Relationships>`,
        ),
      );
      entries.push(textEntry(`xl/tables/table${i + 1}.xml`, s.table));
    }
  });
  return entries;
}

/** A table part. */
export function tableXml(name: string, ref: string, totalsRowCount = 0): string {
  return `<?xml version="1.0"?><table xmlns="${MAIN}" id="1" name="${name}" displayName="${name}" ref="${ref}"${totalsRowCount ? ` totalsRowCount="${totalsRowCount}"` : ""}><autoFilter ref="${ref}"/></table>`;
}
