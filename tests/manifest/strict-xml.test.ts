/**
 * The manifest test's XML parser: accepts what it should (hand-written documents and generated
 * element trees round-trip), rejects malformed documents with a location.
 */
import fc from "fast-check";
import { parseXml, XmlError, type XmlElement } from "./strict-xml";

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

function serialize(e: XmlElement): string {
  const attrs = Object.entries(e.attributes)
    .map(([k, v]) => ` ${k}="${escape(v)}"`)
    .join("");
  const inner = escape(e.text) + e.children.map(serialize).join("");
  return inner === "" ? `<${e.name}${attrs}/>` : `<${e.name}${attrs}>${inner}</${e.name}>`;
}

const nameArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}(:[A-Za-z][A-Za-z0-9]{0,4})?$/);

/** Element trees up to `depth` levels deep. */
function elementAt(depth: number): fc.Arbitrary<XmlElement> {
  return fc.record({
    name: nameArb,
    attributes: fc.dictionary(nameArb, fc.string({ maxLength: 8 }), { maxKeys: 3 }),
    children: depth > 0 ? fc.array(elementAt(depth - 1), { maxLength: 3 }) : fc.constant([]),
    text: fc.constant(""),
  });
}
const elementArb = elementAt(3);

describe("parseXml", () => {
  test("reads elements, attributes, entities, CDATA, comments and the declaration", () => {
    const doc = parseXml(
      `<?xml version="1.0"?>\n<!-- c --><a x='1' y="&lt;&amp;&#65;&#x42;">t&gt;<b/><![CDATA[<raw>]]><?pi x?></a>\n`,
    );
    expect(doc).toEqual({
      name: "a",
      attributes: { x: "1", y: "<&AB" },
      children: [{ name: "b", attributes: {}, children: [], text: "" }],
      text: "t><raw>",
    });
  });

  test.each([
    ["<a><b></a>", "expected </b>", 1],
    ["<a>", "not closed", 1],
    ['<a x="1" x="2"/>', "duplicate attribute", 1],
    ["<a x=1/>", "must be quoted", 1],
    ["<a>&nbsp;</a>", "unknown entity", 1],
    ["<a>x & y</a>", "'&' must start an entity reference", 1],
    ["<a/><b/>", "content after the root", 1],
    ["text<a/>", "expected the root element", 1],
    ['<a>\n  <b c="<"/></a>', "'<' is not allowed", 2],
    ["<a><!-- x -- y --></a>", "'--' inside a comment", 1],
  ])("rejects %j (%s)", (doc, message, line) => {
    let error: unknown = null;
    try {
      parseXml(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlError);
    expect((error as XmlError).message).toContain(message);
    expect((error as XmlError).line).toBe(line);
  });

  test("generated element trees survive serialize -> parse unchanged", () => {
    fc.assert(
      fc.property(elementArb, (tree) => {
        expect(parseXml(serialize(tree))).toEqual(tree);
      }),
      { numRuns: 200 },
    );
  });

  test("dropping any one closing tag from a generated tree makes it malformed", () => {
    fc.assert(
      fc.property(
        elementArb.filter((t) => t.children.length > 0),
        fc.nat(),
        (tree, pick) => {
          const doc = serialize(tree);
          const closers = [...doc.matchAll(/<\/[^>]+>/g)];
          fc.pre(closers.length > 0);
          const m = closers[pick % closers.length];
          const broken = doc.slice(0, m.index) + doc.slice(m.index + m[0].length);
          expect(() => parseXml(broken)).toThrow(XmlError);
        },
      ),
      { numRuns: 200 },
    );
  });
});
