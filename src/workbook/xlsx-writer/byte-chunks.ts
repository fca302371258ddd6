/**
 * UTF-8 bytes gathered into chunks of about CHUNK_BYTES as XML is produced (one short string at a
 * time, encoded straight into the chunk: three times cheaper than joining a chunk-sized string and
 * encoding it, which makes V8 build and then flatten a rope of every cell). Full chunks wait in
 * `ready` until the caller takes them. Browser-safe (TextEncoder), so the CLI's file and the
 * preview's download share every worksheet builder.
 */

/** Bytes gathered before a chunk is handed on (to be deflated). */
export const CHUNK_BYTES = 1 << 20;

const encoder = new TextEncoder();

export class ByteChunks {
  private buf = new Uint8Array(CHUNK_BYTES);
  private pos = 0;
  ready: Uint8Array[] = [];

  write(text: string): void {
    // A UTF-16 code unit is at most 3 UTF-8 bytes.
    if (this.pos + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) this.buf = new Uint8Array(text.length * 3);
    }
    this.pos += encoder.encodeInto(text, this.buf.subarray(this.pos)).written;
  }

  /** Moves what has been written to `ready` and starts a new chunk. */
  flush(): void {
    if (this.pos === 0) return;
    this.ready.push(this.buf.subarray(0, this.pos));
    this.buf = new Uint8Array(CHUNK_BYTES);
    this.pos = 0;
  }

  /** The chunks that are ready, handed over once. */
  take(): Uint8Array[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }
}
