/**
 * The shared string table (xl/sharedStrings.xml), streamed: one string per <si>, rich-text runs
 * joined, phonetic runs (<rPh>) left out. Limited in count and total length.
 */
import type { XlsxLimits } from "./limits";
import { cellText, SheetDataError } from "./sheet-cell";
import type { XmlScanHandler } from "./xml-scan";

const fmt = (n: number): string => n.toLocaleString("en-US");

export class SharedStringsReader implements XmlScanHandler {
  readonly strings: string[] = [];
  private chars = 0;
  private current: string | null = null;
  private inText = false;
  private inPhonetic = false;

  constructor(private readonly limits: XlsxLimits) {}

  open(name: string, _s: string, _a: number, _b: number, selfClosing: boolean): void {
    if (name === "si") {
      if (selfClosing) this.push("");
      else this.current = "";
    } else if (name === "t") {
      this.inText = this.current !== null && !this.inPhonetic && !selfClosing;
    } else if (name === "rPh" && !selfClosing) {
      this.inPhonetic = true;
    }
  }

  text(raw: string): void {
    if (this.inText) {
      this.current += raw;
      this.chars += raw.length;
      if (this.chars > this.limits.maxSharedStringChars)
        throw new SheetDataError(
          "too-much-text",
          `the shared strings hold more than ${fmt(this.limits.maxSharedStringChars)} characters`,
        );
    }
  }

  close(name: string): void {
    if (name === "t") this.inText = false;
    else if (name === "rPh") this.inPhonetic = false;
    else if (name === "si" && this.current !== null) {
      const raw = this.current;
      this.current = null;
      const text = cellText(raw);
      this.push(text.length >= 13 ? (" " + text).slice(1) : text);
    }
  }

  private push(s: string): void {
    if (this.strings.length >= this.limits.maxSharedStrings)
      throw new SheetDataError(
        "too-many-strings",
        `the shared string table has more than ${fmt(this.limits.maxSharedStrings)} entries`,
      );
    this.strings.push(s);
  }
}
