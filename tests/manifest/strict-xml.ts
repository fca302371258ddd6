/**
 * A small strict XML parser for the manifest test (no dependency): elements, attributes, text,
 * comments, CDATA, the XML declaration and processing instructions, the five predefined entities
 * and numeric character references. Any well-formedness error throws with line and column:
 * mismatched or unclosed tags, unquoted or duplicate attributes, `<` or unknown `&name;` in text or
 * attribute values, more than one root element, text outside the root. No DTDs.
 */

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded). */
  text: string;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const SPACE = /[ \t\r\n]+/y;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Parses a whole document and returns its root element; throws XmlError when not well-formed. */
export function parseXml(source: string): XmlElement {
  let pos = 0;

  function fail(message: string, at = pos): never {
    const before = source.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    throw new XmlError(message, line, column);
  }

  function match(re: RegExp): string | null {
    re.lastIndex = pos;
    const m = re.exec(source);
    if (!m) return null;
    pos += m[0].length;
    return m[0];
  }

  function skipSpace(): boolean {
    return match(SPACE) !== null;
  }

  function expect(literal: string): void {
    if (!source.startsWith(literal, pos)) fail(`expected "${literal}"`);
    pos += literal.length;
  }

  function decode(raw: string, start: number): string {
    if (raw.includes("<")) fail("'<' is not allowed here", start + raw.indexOf("<"));
    return raw.replace(/&([^;]*);?/g, (whole: string, name: string, offset: number) => {
      const at = start + offset;
      if (!whole.endsWith(";")) fail("'&' must start an entity reference", at);
      if (name in ENTITIES) return ENTITIES[name];
      const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(name);
      if (!num) fail(`unknown entity &${name};`, at);
      const code = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2], 10);
      if (code === 0 || code > 0x10ffff) fail(`invalid character reference &${name};`, at);
      return String.fromCodePoint(code);
    });
  }

  /** Skips comments, processing instructions and (outside the root) whitespace. */
  function skipMisc(): void {
    for (;;) {
      skipSpace();
      if (source.startsWith("<!--", pos)) skipComment();
      else if (source.startsWith("<?", pos)) skipPi();
      else return;
    }
  }

  function skipComment(): void {
    const end = source.indexOf("-->", pos + 4);
    if (end < 0) fail("unclosed comment");
    if (source.slice(pos + 4, end).includes("--")) fail("'--' inside a comment");
    pos = end + 3;
  }

  function skipPi(): void {
    const start = pos;
    pos += 2;
    if (match(NAME) === null) fail("processing instruction without a target");
    const end = source.indexOf("?>", pos);
    if (end < 0) fail("unclosed processing instruction", start);
    pos = end + 2;
  }

  function parseElement(): XmlElement {
    const open = pos;
    expect("<");
    const name = match(NAME);
    if (name === null) fail("expected an element name");
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = skipSpace();
      if (source.startsWith("/>", pos)) {
        pos += 2;
        return { name, attributes, children: [], text: "" };
      }
      if (source.startsWith(">", pos)) {
        pos += 1;
        break;
      }
      if (!spaced) fail("expected whitespace, '>' or '/>'");
      const attrAt = pos;
      const attr = match(NAME);
      if (attr === null) fail("expected an attribute name");
      if (Object.prototype.hasOwnProperty.call(attributes, attr))
        fail(`duplicate attribute ${attr}`, attrAt);
      skipSpace();
      expect("=");
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail("attribute value must be quoted");
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) fail("unclosed attribute value");
      attributes[attr] = decode(source.slice(pos + 1, end), pos + 1);
      pos = end + 1;
    }
    const children: XmlElement[] = [];
    let text = "";
    for (;;) {
      if (pos >= source.length) fail(`element <${name}> is not closed`, open);
      if (source.startsWith("</", pos)) {
        pos += 2;
        const closeAt = pos;
        const closing = match(NAME);
        if (closing !== name) fail(`expected </${name}>, found </${closing ?? ""}>`, closeAt);
        skipSpace();
        expect(">");
        return { name, attributes, children, text };
      }
      if (source.startsWith("<!--", pos)) skipComment();
      else if (source.startsWith("<![CDATA[", pos)) {
        const end = source.indexOf("]]>", pos);
        if (end < 0) fail("unclosed CDATA section");
        text += source.slice(pos + 9, end);
        pos = end + 3;
      } else if (source.startsWith("<?", pos)) skipPi();
      else if (source.startsWith("<", pos)) children.push(parseElement());
      else {
        const next = source.indexOf("<", pos);
        const end = next < 0 ? source.length : next;
        const raw = source.slice(pos, end);
        if (raw.includes("]]>")) fail("']]>' in text", pos + raw.indexOf("]]>"));
        text += decode(raw, pos);
        pos = end;
      }
    }
  }

  if (source.charCodeAt(0) === 0xfeff) pos = 1;
  if (source.startsWith("<?xml", pos)) {
    const end = source.indexOf("?>", pos);
    if (end < 0) fail("unclosed XML declaration");
    pos = end + 2;
  }
  skipMisc();
  if (source.startsWith("<!DOCTYPE", pos)) fail("DTDs are not supported");
  if (!source.startsWith("<", pos)) fail("expected the root element");
  const root = parseElement();
  skipMisc();
  if (pos < source.length) fail("content after the root element");
  return root;
}

/** Every element of the tree, depth first, the root included. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** Local part of a qualified name ("bt:Image" -> "Image"). */
export function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}
