/**
 * Read a small text file (a --rules pack) without trusting its size: at most `maxBytes` are read,
 * so a file that never ends (/dev/zero, a FIFO) or a huge one fails fast with a clear message
 * instead of filling memory.
 */
import { open } from "node:fs/promises";

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
  }
}

/** The file's UTF-8 text; throws FileTooLargeError past `maxBytes`, fs errors as they are. */
export async function readTextLimited(file: string, maxBytes: number): Promise<string> {
  const fh = await open(file, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(Math.min(maxBytes + 1, 1024 * 1024));
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(maxBytes);
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    await fh.close();
  }
}
