import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface SplitPoint {
  /** Byte offset of the first byte of the second part (right after a line break). */
  offset: number;
  /** Physical line number at that offset. */
  line: number;
}

export interface FileSplit {
  size: number;
  /** The header line, with its line break. */
  header: Buffer;
  points: SplitPoint[];
}

const QUOTE = 0x22;
const LF = 0x0a;

/**
 * Where a CSV file can be cut into `parts` pieces that parse independently: at a line break near each equal share
 * of the bytes that lies outside every quoted cell. Quotes inside a cell are doubled (RFC 4180), so the number of
 * quote bytes before a line break is even exactly when the break ends a record. UTF-8 and GB18030 never use 0x0A
 * or 0x22 inside a multi-byte character, so the cut is safe in both. Reads the file up to the last cut only.
 * Returns null when the file is too small to be worth it or no safe cut was found.
 */
export async function findSplit(path: string, parts: number, minBytes = 16 * 1024 * 1024): Promise<FileSplit | null> {
  const size = (await stat(path)).size;
  if (parts < 2 || size < minBytes) return null;
  const targets = Array.from({ length: parts - 1 }, (_, i) => Math.floor((size * (i + 1)) / parts));
  const points: SplitPoint[] = [];
  let header: Buffer | null = null;
  let pos = 0;
  let quotes = 0;
  let lines = 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (!header) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) return null;
      header = Buffer.from(chunk.subarray(0, nl + 1));
    }
    for (let i = 0; i < chunk.length; ) {
      const q = chunk.indexOf(QUOTE, i);
      const n = chunk.indexOf(LF, i);
      if (n < 0 && q < 0) break;
      if (q >= 0 && (n < 0 || q < n)) {
        quotes++;
        i = q + 1;
        continue;
      }
      lines++;
      const at = pos + n + 1;
      const target = targets[points.length];
      if (target !== undefined && at >= target && quotes % 2 === 0 && at < size) {
        points.push({ offset: at, line: lines });
        if (points.length === targets.length) return { size, header, points };
      }
      i = n + 1;
    }
    pos += chunk.length;
  }
  return null;
}

/** sha256 of the whole file, read on its own while the parts are being parsed. */
export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}
