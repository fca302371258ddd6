/**
 * The one way the chart parts build XML: elements from a name, attributes and children, with
 * every attribute value and every text escaped (and made XML-safe: characters XML cannot hold
 * become U+FFFD), so no text from a sheet can open or close an element.
 */
import { xlsxText } from "../xlsx-cell";
import { xmlEscape } from "../xml-escape";

/** Control characters XML 1.0 cannot hold (xlsxText handles lone surrogates and U+FFFE/F). */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to replace
const XML_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** Whitespace an XML parser would normalise (CR to LF; in attributes, to spaces): kept as references. */
const NORMALISED = /[\r\n\t]/g;

/** Text made XML-safe (as a cell holds it) and escaped for element content or an attribute. */
export function xmlText(s: string): string {
  return xmlEscape(xlsxText(s).replace(XML_CONTROL, "\uFFFD")).replace(
    NORMALISED,
    (c) => `&#${c.charCodeAt(0)};`,
  );
}

export type XmlAttrs = Readonly<Record<string, string | number>>;

/** `<name a="v">children</name>`, or `<name a="v"/>` without children. */
export function el(name: string, attrs: XmlAttrs = {}, ...children: string[]): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join("");
  const inner = children.join("");
  return inner.length === 0 ? `<${name}${a}/>` : `<${name}${a}>${inner}</${name}>`;
}

/** An element holding only text (escaped). */
export function textEl(name: string, text: string, attrs: XmlAttrs = {}): string {
  return el(name, attrs, xmlText(text));
}

/** `<name val="v"/>`: DrawingML's many one-value elements. */
export function val(name: string, v: string | number): string {
  return el(name, { val: v });
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
