/**
 * The edits to parts exceljs wrote: the drawing element lands where the worksheet schema puts it
 * (after the page setup, before table parts and extLst), relationship ids continue a part's
 * numbering, overrides are added for the new parts; every result stays well-formed.
 */
import {
  addDrawingElement,
  addOverrides,
  addRelationship,
} from "../../../src/workbook/xlsx-charts/package-edits";
import {
  partName,
  relsPartOf,
  sheetParts,
} from "../../../src/workbook/xlsx-charts/workbook-sheets";
import { all, parseXml } from "./package-reader";

const WS = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

test("the drawing element goes after the page setup and before the table parts", () => {
  const sheet = `${WS}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;tableParts&gt;</t></is></c></row></sheetData><pageMargins left="0.7"/><pageSetup orientation="portrait"/><tableParts count="1"><tablePart r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></tableParts></worksheet>`;
  const out = addDrawingElement(sheet, "rId2");
  const names = parseXml(out).children.map((c) => c.name);
  expect(names).toEqual(["sheetData", "pageMargins", "pageSetup", "drawing", "tableParts"]);
  expect(all(parseXml(out), "drawing")[0].attrs["r:id"]).toBe("rId2");
});

test("with nothing after it, the drawing element closes the sheet; a second drawing is refused", () => {
  const out = addDrawingElement(`${WS}<sheetData/><pageSetup/></worksheet>`, "rId1");
  expect(parseXml(out).children.map((c) => c.name)).toEqual(["sheetData", "pageSetup", "drawing"]);
  expect(() => addDrawingElement(out, "rId2")).toThrow(/already has a drawing/);
  expect(() => addDrawingElement(`${WS}</worksheet>`, "rId1")).toThrow(/sheetData/);
});

test("relationship ids continue the part's numbering; a missing part is created", () => {
  const rels =
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="t" Target="a.xml"/><Relationship Id="rId3" Type="t" Target="b.xml"/></Relationships>';
  const added = addRelationship(rels, "type/drawing", "../drawings/drawing1.xml");
  expect(added.id).toBe("rId4");
  const ids = all(parseXml(added.xml), "Relationship").map((r) => r.attrs.Id);
  expect(ids).toEqual(["rId1", "rId3", "rId4"]);
  const fresh = addRelationship(null, "type/drawing", "../drawings/drawing1.xml");
  expect(fresh.id).toBe("rId1");
  expect(all(parseXml(fresh.xml), "Relationship").map((r) => r.attrs.Target)).toEqual([
    "../drawings/drawing1.xml",
  ]);
});

test("overrides are added with a leading slash; sheet parts and relationship parts are found", () => {
  const types =
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';
  const out = addOverrides(types, [["xl/charts/chart1.xml", "chart"]]);
  expect(
    all(parseXml(out), "Override").map((o) => [o.attrs.PartName, o.attrs.ContentType]),
  ).toEqual([["/xl/charts/chart1.xml", "chart"]]);
  const wb =
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheets><sheet name="RGO &amp; Summary" sheetId="1" r:id="rId3"/><sheet name="Other" sheetId="2" r:id="rId4"/></sheets></workbook>';
  const rels =
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId3" Type="ws" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="ws" Target="/xl/worksheets/sheet9.xml"/></Relationships>';
  expect([...sheetParts(wb, rels)]).toEqual([
    ["RGO & Summary", "xl/worksheets/sheet1.xml"],
    ["Other", "xl/worksheets/sheet9.xml"],
  ]);
  expect(relsPartOf("xl/worksheets/sheet1.xml")).toBe("xl/worksheets/_rels/sheet1.xml.rels");
  expect(partName("xl/drawings", "../charts/chart2.xml")).toBe("xl/charts/chart2.xml");
});
