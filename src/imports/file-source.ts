import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { FileRefusedError } from './file-refused.error.js';
import { sniffEncoding, type TextEncoding } from './file-sniff.js';

const SNIFF_BYTES = 64 * 1024;

export interface OpenedFile {
  path: string;
  name: string;
  bytes: number;
  encoding: TextEncoding;
  /** Decoded text, streamed. Fails with FileRefusedError on a byte sequence invalid in the detected encoding. */
  text: NodeJS.ReadableStream;
  /** sha256 of the raw bytes, available once `text` has ended. */
  sha256: () => string;
}

/**
 * One byte range of a file, read as if it were a file of its own: the header line goes first, then the range,
 * which must start right after a line break outside any quoted cell (see parse/split-file.ts).
 */
export interface FilePart {
  start: number;
  end: number;
  header: Buffer;
  /** The physical line number the range starts on. */
  firstLine: number;
  encoding: TextEncoding;
}

/** The file's encoding from its first bytes, or the refusal a clerk should see. */
export async function detectEncoding(path: string, displayName = basename(path)): Promise<TextEncoding> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new FileRefusedError(`找不到文件或无法读取：${path} (file not found or unreadable)`, 'unreadable');
  }
  const fh = await open(path, 'r');
  const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  return sniffEncoding(head, displayName);
}

export async function openTextFile(path: string, displayName = basename(path), part?: FilePart): Promise<OpenedFile> {
  const encoding = part?.encoding ?? (await detectEncoding(path, displayName));
  const size = (await stat(path)).size;
  const hash = createHash('sha256');
  const decoder = new DecodeStream(encoding, hash, displayName, part ? part.firstLine - 1 : 1);
  const raw = part
    ? Readable.from(
        (async function* () {
          yield part.header;
          if (part.end > part.start) yield* createReadStream(path, { start: part.start, end: part.end - 1, highWaterMark: 256 * 1024 });
        })(),
      )
    : createReadStream(path, { highWaterMark: 256 * 1024 });
  raw.on('error', (e: Error) => decoder.destroy(e));
  const text = raw.pipe(decoder);
  let digest: string | null = null;
  return {
    path,
    name: displayName,
    bytes: size,
    encoding,
    text,
    sha256: () => (digest ??= hash.digest('hex')),
  };
}

/** Bytes → text in the detected encoding; a BOM is dropped; an invalid sequence refuses the whole file. */
class DecodeStream extends Transform {
  private readonly decoder: TextDecoder;
  private bytesSeen = 0;

  constructor(
    private readonly encoding: TextEncoding,
    private readonly hash: ReturnType<typeof createHash>,
    private readonly name: string,
    private newlines = 1,
  ) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      return cb(this.refusal());
    }
    this.bytesSeen += chunk.length;
    this.newlines += countNewlines(text);
    cb(null, text);
  }

  override _flush(cb: TransformCallback): void {
    try {
      cb(null, this.decoder.decode());
    } catch {
      cb(this.refusal());
    }
  }

  private refusal(): FileRefusedError {
    const enc = this.encoding === 'utf-8' ? 'UTF-8' : 'GB18030/GBK';
    return new FileRefusedError(
      `文件 ${this.name} 在第 ${this.newlines} 行附近含有不符合 ${enc} 编码的字节，整个文件未导入；请统一另存为“CSV UTF-8” ` +
        `(invalid ${enc} bytes near line ${this.newlines}; nothing imported)`,
      'encoding',
    );
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
