/**
 * Row-block planning for Office.js reads and writes. Excel on the web caps every request and
 * response at 5 MB (payload = API calls + the JSON of the values) and one range read at 5,000,000
 * cells on every platform, so a big range is moved in row blocks sized from an estimate of the
 * bytes per cell: each block's payload is aimed at TARGET_REQUEST_BYTES (half the limit), each
 * block is far under the cell limit, and a block that still fails is retried at half size.
 * Pure: no Office.js.
 */

/** Excel's hard cap on one request or response (Excel on the web). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel's hard cap on the cells of one range read. */
export const CELL_LIMIT = 5_000_000;
/** What a planned block aims at: half the payload limit, leaving room for estimate errors. */
export const TARGET_REQUEST_BYTES = 2_500_000;
/** Cells per block at most (a fifth of the hard cap). */
export const MAX_BLOCK_CELLS = 1_000_000;
/** Bytes every request costs besides its values (the serialized calls and object paths). */
export const REQUEST_OVERHEAD_BYTES = 4096;

/** Rows `start` .. `start + count - 1` (0-based, relative to the range being moved). */
export interface RowBlock {
  start: number;
  count: number;
}

export interface BlockLimits {
  /** Payload each block aims at (default TARGET_REQUEST_BYTES). */
  targetBytes: number;
  /** Cells per block at most (default MAX_BLOCK_CELLS, never above CELL_LIMIT). */
  maxCells: number;
  /** Fixed cost of one request (default REQUEST_OVERHEAD_BYTES). */
  overheadBytes: number;
}

export const DEFAULT_LIMITS: Readonly<BlockLimits> = {
  targetBytes: TARGET_REQUEST_BYTES,
  maxCells: MAX_BLOCK_CELLS,
  overheadBytes: REQUEST_OVERHEAD_BYTES,
};

function limitsOf(partial?: Partial<BlockLimits>): BlockLimits {
  const l = { ...DEFAULT_LIMITS, ...partial };
  return { ...l, maxCells: Math.max(1, Math.min(l.maxCells, CELL_LIMIT)) };
}

/**
 * Estimated payload of one request moving `rows` x `columns` cells of `bytesPerCell` each: the
 * request overhead, each cell plus its separator, and each row's brackets.
 */
export function blockBytes(
  rows: number,
  columns: number,
  bytesPerCell: number,
  overheadBytes: number = REQUEST_OVERHEAD_BYTES,
): number {
  return overheadBytes + rows * (columns * (Math.max(1, bytesPerCell) + 1) + 2);
}

/** Rows per block for `columns` columns of `bytesPerCell` bytes (at least 1). */
export function rowsPerBlock(
  columns: number,
  bytesPerCell: number,
  limits?: Partial<BlockLimits>,
): number {
  const l = limitsOf(limits);
  const cols = Math.max(1, columns);
  const rowBytes = cols * (Math.max(1, bytesPerCell) + 1) + 2;
  const byBytes = Math.floor((l.targetBytes - l.overheadBytes) / rowBytes);
  const byCells = Math.floor(l.maxCells / cols);
  return Math.max(1, Math.min(byBytes, byCells));
}

/**
 * Row blocks covering rows 0 .. rows-1 exactly once, in order, each within the limits (a single
 * row wider than the byte target is still one block: rows are never split).
 */
export function planBlocks(
  rows: number,
  columns: number,
  bytesPerCell: number,
  limits?: Partial<BlockLimits>,
): RowBlock[] {
  const size = rowsPerBlock(columns, bytesPerCell, limits);
  const blocks: RowBlock[] = [];
  for (let start = 0; start < rows; start += size)
    blocks.push({ start, count: Math.min(size, rows - start) });
  return blocks;
}

/** The two halves of `block` (first half rounded up), or null for a one-row block. */
export function halve(block: RowBlock): [RowBlock, RowBlock] | null {
  if (block.count <= 1) return null;
  const first = Math.ceil(block.count / 2);
  return [
    { start: block.start, count: first },
    { start: block.start + first, count: block.count - first },
  ];
}

/** What a plan costs: the figures the bench and the lead's notes quote. */
export interface PlanFigures {
  blocks: RowBlock[];
  requests: number;
  largestBytes: number;
  largestCells: number;
}

/** Plans reading `rows` x `columns` cells of about `bytesPerCell` bytes and reports its cost. */
export function planRead(
  rows: number,
  columns: number,
  bytesPerCell: number,
  limits?: Partial<BlockLimits>,
): PlanFigures {
  const l = limitsOf(limits);
  const blocks = planBlocks(rows, columns, bytesPerCell, l);
  let largestBytes = 0;
  let largestCells = 0;
  for (const b of blocks) {
    largestBytes = Math.max(
      largestBytes,
      blockBytes(b.count, columns, bytesPerCell, l.overheadBytes),
    );
    largestCells = Math.max(largestCells, b.count * columns);
  }
  return { blocks, requests: blocks.length, largestBytes, largestCells };
}

/** JSON length of one cell as Excel sends it (numbers as text, strings quoted and escaped). */
export function cellBytes(v: unknown): number {
  if (v === null || v === undefined || v === "") return 2;
  if (typeof v === "number") return Number.isFinite(v) ? String(v).length : 1;
  if (typeof v === "boolean") return v ? 4 : 5;
  if (typeof v === "string") {
    let n = 2;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      // UTF-8 length, with JSON escapes for quotes, backslashes and control characters.
      n += c < 0x20 ? 6 : c === 0x22 || c === 0x5c ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return n;
  }
  if (v instanceof Date) return 18;
  return String(v).length + 2;
}

/**
 * Bytes per cell to plan with, from a sample of rows: the sample's mean with a safety factor of
 * 1.5 (later rows may hold longer text), at least 8, and never below a fifth of the widest cell.
 */
export function estimateBytesPerCell(sample: readonly (readonly unknown[])[]): number {
  let total = 0;
  let cells = 0;
  let widest = 0;
  for (const row of sample) {
    for (const v of row) {
      const b = cellBytes(v);
      total += b;
      cells++;
      if (b > widest) widest = b;
    }
  }
  if (cells === 0) return 16;
  return Math.max(8, Math.ceil((total / cells) * 1.5), Math.ceil(widest / 5));
}
