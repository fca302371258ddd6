/**
 * Offline checks of manifest.xml (office-addin-manifest's validator needs Microsoft's online
 * service, so `npm run validate` cannot gate CI): well-formed XML, the schema's element order, a
 * GUID id, https URLs, the Workbook host, ReadWriteDocument, the ExcelApi requirement set, a ribbon
 * button that shows the task pane, every resid resolving to a resource of the right kind, string
 * lengths, and icon files that exist with the pixel size the manifest claims.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allElements, localName, parseXml, type XmlElement } from "./strict-xml";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor, checkBaseUrl } = require("../../scripts/manifest-for.js") as {
  manifestFor: (xml: string, url: string) => string;
  checkBaseUrl: (url: string) => { base: string; origin: string };
};

const ROOT = resolve(__dirname, "../..");
const DEV_FILE = resolve(ROOT, "manifest.xml");
const DEV_BASE = "https://localhost:3000";
const PROD_BASE = "https://example.com/rgo";

// The production manifest, generated the way the build does it (scripts/manifest-for.js).
const prodDir = mkdtempSync(join(tmpdir(), "rgo-manifest-"));
const PROD_FILE = join(prodDir, "manifest.xml");
writeFileSync(PROD_FILE, manifestFor(readFileSync(DEV_FILE, "utf8"), PROD_BASE));
afterAll(() => rmSync(prodDir, { recursive: true, force: true }));

function child(e: XmlElement, name: string): XmlElement {
  const found = e.children.filter((c) => localName(c.name) === name);
  if (found.length !== 1) throw new Error(`<${e.name}> has ${found.length} <${name}> children`);
  return found[0];
}

/** Width and height from a PNG's IHDR chunk, or null when the file is not a PNG. */
function pngSize(file: string): [number, number] | null {
  const b = readFileSync(file);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || signature.some((v, i) => b[i] !== v)) return null;
  if (b.toString("ascii", 12, 16) !== "IHDR") return null;
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe.each([
  ["manifest.xml (development)", DEV_FILE, DEV_BASE],
  [`generated for ${PROD_BASE}`, PROD_FILE, PROD_BASE],
])("%s", (_label, FILE, BASE) => {
  const source = readFileSync(FILE, "utf8");
  const root = parseXml(source);
  const elements = allElements(root);

  function named(name: string): XmlElement[] {
    return elements.filter((e) => localName(e.name) === name);
  }

  const resources = child(child(root, "VersionOverrides"), "Resources");
  /** Resource id -> [kind, value]: kind is Images, Urls, ShortStrings or LongStrings. */
  const resourceById = new Map<string, [string, string]>();
  for (const group of resources.children) {
    for (const r of group.children) {
      const id = r.attributes.id;
      if (resourceById.has(id)) throw new Error(`duplicate resource id ${id}`);
      resourceById.set(id, [localName(group.name), r.attributes.DefaultValue]);
    }
  }

  /** Local file served at a BASE/... URL (the pane's host serves assets/ there). */
  function servedFile(url: string): string {
    return url.startsWith(`${BASE}/assets/`)
      ? resolve(ROOT, "assets", url.slice(`${BASE}/assets/`.length))
      : resolve(ROOT, "missing");
  }

  test("is well-formed XML (own strict parser, confirmed by Python's expat)", () => {
    expect(root.name).toBe("OfficeApp");
    const expat = execFileSync("python3", [
      "-c",
      "import sys, xml.dom.minidom as m; print(m.parse(sys.argv[1]).documentElement.tagName)",
      FILE,
    ]);
    expect(expat.toString().trim()).toBe("OfficeApp");
  });

  test("is a TaskPaneApp whose top-level elements follow the schema's order", () => {
    expect(root.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(root.attributes.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(root.children.map((c) => c.name)).toEqual([
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ]);
  });

  test("keeps the add-in's GUID and a four-part version", () => {
    expect(child(root, "Id").text).toBe("7d5c3f0e-2b4a-4c1e-9a8f-3e6b1d2c4a57");
    expect(child(root, "Id").text).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(child(root, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  test("targets Excel workbooks with read/write access and the ExcelApi requirement set", () => {
    expect(child(root, "Hosts").children.map((h) => h.attributes.Name)).toEqual(["Workbook"]);
    expect(child(root, "Permissions").text).toBe("ReadWriteDocument");
    const sets = child(child(root, "Requirements"), "Sets").children;
    const excel = sets.find((s) => s.attributes.Name === "ExcelApi");
    expect(excel?.attributes.MinVersion).toMatch(/^1\.\d+$/);
    // Worksheet custom properties (the marker on sheets the add-in wrote) need ExcelApi 1.12.
    expect(Number(excel?.attributes.MinVersion.split(".")[1])).toBeGreaterThanOrEqual(12);
    const overrideHosts = child(child(root, "VersionOverrides"), "Hosts").children;
    expect(overrideHosts.map((h) => h.attributes["xsi:type"])).toEqual(["Workbook"]);
  });

  test("uses only https URLs, and the pane URL is BASE/taskpane.html", () => {
    const urls = [
      ...elements.flatMap((e) =>
        Object.values(e.attributes).filter((v) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v)),
      ),
      ...named("AppDomain").map((e) => e.text.trim()),
    ].filter((u) => !u.startsWith("http://schemas.") && !u.startsWith("http://www.w3.org/"));
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^\s"<>]+$/);
    const source = child(child(root, "DefaultSettings"), "SourceLocation");
    expect(source.attributes.DefaultValue).toBe(`${BASE}/taskpane.html`);
    expect(existsSync(resolve(ROOT, "src/taskpane/taskpane.html"))).toBe(true);
  });

  test("has a Home-tab ribbon button that shows the task pane at the same URL", () => {
    const tab = named("OfficeTab");
    expect(tab.map((t) => t.attributes.id)).toEqual(["TabHome"]);
    const buttons = named("Control").filter((c) => c.attributes["xsi:type"] === "Button");
    expect(buttons).toHaveLength(1);
    const action = child(buttons[0], "Action");
    expect(action.attributes["xsi:type"]).toBe("ShowTaskpane");
    const url = resourceById.get(child(action, "SourceLocation").attributes.resid);
    expect(url).toEqual(["Urls", `${BASE}/taskpane.html`]);
    const label = resourceById.get(child(buttons[0], "Label").attributes.resid);
    expect(label).toEqual(["ShortStrings", "Revenue Gaps"]);
  });

  test("every resid resolves to a resource of the kind its element needs", () => {
    const kindFor: Record<string, string> = {
      Image: "Images",
      SourceLocation: "Urls",
      LearnMoreUrl: "Urls",
      FunctionFile: "Urls",
      Label: "ShortStrings",
      Title: "ShortStrings",
      Description: "LongStrings",
    };
    const refs = elements.filter((e) => e.attributes.resid !== undefined);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const id = ref.attributes.resid;
      expect(id.length).toBeLessThanOrEqual(32);
      const found = resourceById.get(id);
      expect([ref.name, id, found?.[0]]).toEqual([ref.name, id, kindFor[localName(ref.name)]]);
    }
    // No resource is left unused either.
    const used = new Set(refs.map((r) => r.attributes.resid));
    expect([...resourceById.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  test("short strings fit 125 characters, long strings 250, and none is empty", () => {
    for (const [id, [kind, value]] of resourceById) {
      if (kind === "ShortStrings") expect([id, value.length <= 125]).toEqual([id, true]);
      if (kind === "LongStrings") expect([id, value.length <= 250]).toEqual([id, true]);
      expect([id, value.trim().length > 0]).toEqual([id, true]);
    }
    expect(child(root, "DisplayName").attributes.DefaultValue.length).toBeLessThanOrEqual(125);
    expect(child(root, "Description").attributes.DefaultValue.length).toBeLessThanOrEqual(250);
  });

  test("icons exist in assets/ as PNGs of the sizes the manifest states", () => {
    const expected: [string, number][] = [
      [child(root, "IconUrl").attributes.DefaultValue, 32],
      [child(root, "HighResolutionIconUrl").attributes.DefaultValue, 64],
    ];
    for (const img of named("Image").filter((e) => e.attributes.resid !== undefined)) {
      const [, url] = resourceById.get(img.attributes.resid) ?? ["", ""];
      expected.push([url, Number(img.attributes.size)]);
    }
    expect(new Set(expected.map(([, size]) => size))).toEqual(new Set([16, 32, 64, 80]));
    for (const [url, size] of expected) {
      const file = servedFile(url);
      expect([url, existsSync(file)]).toEqual([url, true]);
      expect([url, pngSize(file)]).toEqual([url, [size, size]]);
    }
    // The store / high-DPI size is generated too.
    expect(pngSize(resolve(ROOT, "assets/icon-128.png"))).toEqual([128, 128]);
  });
});

describe("the manifest for a hosted deployment (one setting)", () => {
  const dev = readFileSync(DEV_FILE, "utf8");
  const prod = readFileSync(PROD_FILE, "utf8");

  test("moves every dev-server URL to the given address and AppDomains to its origin", () => {
    expect(prod).not.toContain("localhost");
    const prodRoot = parseXml(prod);
    const domains = allElements(prodRoot).filter((e) => localName(e.name) === "AppDomain");
    expect(domains.map((d) => d.text.trim())).toEqual(["https://example.com"]);
    // Same number of URLs, each the dev one with the origin swapped.
    const devUrls = dev.match(/https:\/\/localhost:3000\/[^"<\s]*/g) ?? [];
    const prodUrls = prod.match(/https:\/\/example\.com\/rgo\/[^"<\s]*/g) ?? [];
    expect(prodUrls).toEqual(devUrls.map((u) => u.replace(DEV_BASE, PROD_BASE)));
    expect(devUrls.length).toBeGreaterThan(8);
  });

  test("drops a trailing slash and refuses addresses Office cannot load", () => {
    expect(checkBaseUrl("https://example.com/rgo/").base).toBe(PROD_BASE);
    expect(checkBaseUrl("https://example.com").base).toBe("https://example.com");
    for (const bad of [
      "http://example.com/rgo",
      "https://user:pw@example.com/rgo",
      "https://example.com/rgo?x=1",
      "https://example.com/rgo#top",
      "ftp://example.com/rgo",
      "not a url",
    ])
      expect(() => manifestFor(dev, bad)).toThrow(
        new RegExp(bad.replace(/[.?*+^$[\]\\(){}|-]/g, "\\$&")),
      );
  });

  test("the production build writes it: webpack's copy step for --env url gives the same text", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require("../../webpack.config.js") as (
      env: Record<string, string>,
      argv: Record<string, string>,
    ) => Promise<{ plugins?: unknown[] }[]>;
    const configs = await config({ url: `${PROD_BASE}/` }, { mode: "production" });
    const patterns = configs
      .flatMap((c) => c.plugins ?? [])
      .flatMap((p) => (p as { patterns?: unknown[] }).patterns ?? []) as {
      to?: string;
      transform?: (b: Buffer) => string;
    }[];
    const manifest = patterns.filter((p) => p.to === "manifest.xml");
    expect(manifest).toHaveLength(1);
    expect(manifest[0].transform?.(Buffer.from(dev))).toBe(prod);
    const without = await config({}, { mode: "production" });
    expect(
      without
        .flatMap((c) => c.plugins ?? [])
        .flatMap((p) => (p as { patterns?: { to?: string }[] }).patterns ?? [])
        .filter((p) => p.to === "manifest.xml"),
    ).toEqual([]);
  });
});
