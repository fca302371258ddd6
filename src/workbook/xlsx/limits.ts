/**
 * Resource limits of the .xlsx reader. A workbook beyond any of them is refused with a message
 * naming the limit, before it can exhaust memory or time. Excel's own sheet size bounds the rows
 * and columns; the other limits sit well above what a real workbook of that size needs.
 */
export interface XlsxLimits {
  /** Excel's last row. */
  maxRows: number;
  /** Excel's last column (XFD). */
  maxColumns: number;
  /** Inflated bytes allowed for one part before the ratio guard applies. */
  ratioFloorBytes: number;
  /** Inflated / compressed bytes allowed for a part once past ratioFloorBytes. */
  maxCompressionRatio: number;
  /** Inflated bytes of one part, whatever its ratio. */
  maxPartBytes: number;
  /** Inflated bytes of every part read, together. */
  maxTotalBytes: number;
  /** Entries in the shared string table. */
  maxSharedStrings: number;
  /** Characters in the shared string table, together. */
  maxSharedStringChars: number;
  /** Non-empty cells kept, over all sheets. */
  maxCells: number;
  /** Cells of all tables handed on (rows x used width), over all sheets. */
  maxTableCells: number;
}

export const DEFAULT_LIMITS: Readonly<XlsxLimits> = {
  maxRows: 1_048_576,
  maxColumns: 16_384,
  ratioFloorBytes: 32 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxPartBytes: 2 * 1024 ** 3,
  maxTotalBytes: 4 * 1024 ** 3,
  maxSharedStrings: 5_000_000,
  maxSharedStringChars: 200_000_000,
  maxCells: 40_000_000,
  maxTableCells: 40_000_000,
};
