/**
 * Offline checks of manifest.xml (office-addin-manifest's validator needs Microsoft's online
 * service, so it cannot gate CI): well-formed XML, a GUID id, https URLs, Excel workbook host,
 * ReadWriteDocument. The add-in work extends this test with resid and icon checks.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const FILE = resolve(__dirname, "../../manifest.xml");
const xml = readFileSync(FILE, "utf8");

test("manifest.xml is well-formed XML (checked by Python's expat parser)", () => {
  const root = execFileSync("python3", [
    "-c",
    "import sys, xml.dom.minidom as m; print(m.parse(sys.argv[1]).documentElement.tagName)",
    FILE,
  ])
    .toString()
    .trim();
  expect(root).toBe("OfficeApp");
});

test("manifest.xml declares a GUID, the Workbook host, ReadWriteDocument and only https URLs", () => {
  expect(xml).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/);
  expect(xml).toMatch(/<Host Name="Workbook" \/>/);
  expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
  const urls = [...xml.matchAll(/DefaultValue="(\w+:\/\/[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) expect(url).toMatch(/^https:\/\//);
});
