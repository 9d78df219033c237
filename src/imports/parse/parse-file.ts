import { PiiHasher } from '../pii-hasher.js';
import { csvRecords, type HeaderInfo, type SourceRecord } from '../csv-records.js';
import { FileRefusedError } from '../file-refused.error.js';
import { openTextFile } from '../file-source.js';
import type { TextEncoding } from '../file-sniff.js';
import { COLUMNS, type ImportFormat, type ImportKind } from '../import-kinds.js';
import { IMPORT_LIMITS } from '../import-limits.js';
import type { RowError } from '../import-summary.js';
import { PIPELINES } from '../kinds/index.js';
import { ocdsRecords, type OcdsDefaults } from '../ocds-records.js';
import { copyLine } from '../../database/stage-writer.js';

export interface ParseInput {
  path: string;
  fileName: string;
  kind: ImportKind;
  format: ImportFormat;
  ocdsDefaults?: OcdsDefaults;
  /** BIDWATCH_HASH_KEY, base64 (crosses into a worker thread as a string). */
  hashKey: string;
  /** One byte range of the file (parallel parsing); the header is prepended unless the range starts at 0. */
  part?: { start: number; end: number; header: string; firstLine: number; encoding: TextEncoding };
}

/** A slice of the file, ready to load: staging rows as COPY text (UTF-8 bytes), and what was refused or warned. */
export interface ParsedChunk {
  copyText: Uint8Array;
  stageRows: number;
  rejects: RowError[];
  warnings: RowError[];
  warningCount: number;
  rowsRead: number;
}

export interface ParseResult {
  rowsRead: number;
  unknownColumns: string[];
  encoding: string;
  sha256: string;
}

const CHUNK_ROWS = 20_000;
/** A chunk also ends at this many characters of COPY text, so rows with very long cells cannot swell one chunk. */
const CHUNK_CHARS = 8_000_000;
const MAX_CHUNK_REJECTS = 5_000;
const MAX_WARNINGS_KEPT = 1_000;

/**
 * Reads, validates (zod, per row), hashes personal IDs and serialises one file into chunks of COPY text.
 * Pure CPU work with no database: it runs in a worker thread beside the connection that loads the chunks.
 * `emit` is awaited, so a slow database slows the reader down instead of filling memory.
 */
export async function parseFile(input: ParseInput, emit: (c: ParsedChunk) => Promise<void>): Promise<ParseResult> {
  const pipeline = PIPELINES[input.kind];
  const hasher = new PiiHasher(Buffer.from(input.hashKey, 'base64'));
  const allColumns = [...COLUMNS[input.kind].required, ...COLUMNS[input.kind].optional];
  let header: HeaderInfo | null = null;
  let source: AsyncIterable<SourceRecord>;
  let encoding: string;
  let sha256: () => string;
  if (input.format === 'csv') {
    const part = input.part;
    const file = await openTextFile(
      input.path,
      input.fileName,
      part && { ...part, header: Buffer.from(part.header, 'base64') },
    );
    encoding = file.encoding;
    sha256 = file.sha256;
    const continues = part !== undefined && part.start > 0;
    source = csvRecords(file, COLUMNS[input.kind], (h) => (header = h), continues ? part.firstLine : undefined);
  } else {
    if (input.kind !== 'bids') throw new FileRefusedError('OCDS JSON 只用于投标记录 (--kind bids) (OCDS is for bids only)', 'usage');
    const file = await ocdsRecords(input.path, input.fileName, input.ocdsDefaults ?? {});
    encoding = 'utf-8';
    sha256 = file.sha256;
    source = file.records;
  }

  let rowsRead = 0;
  let warningsKept = 0;
  let chunk: ParsedChunk = fresh();
  // Lines are encoded straight into the chunk's own buffer (its memory moves to the importing thread as it is), sized
  // from the last chunk and grown when a line would not fit: no joined string per chunk, encoded once more after.
  let buf = Buffer.allocUnsafeSlow(1 << 20);
  let used = 0;
  let chars = 0;
  const put = (line: string) => {
    // a UTF-16 code unit is at most 3 bytes of UTF-8: check the worst case rather than measure every line
    if (used + line.length * 3 > buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, used + line.length * 3));
      buf.copy(grown, 0, 0, used);
      buf = grown;
    }
    used += buf.write(line, used, 'utf8');
    chars += line.length;
  };
  const flush = async () => {
    chunk.copyText = buf.subarray(0, used);
    chunk.rowsRead = rowsRead;
    const out = chunk;
    chunk = fresh();
    buf = Buffer.allocUnsafeSlow(Math.max(1 << 20, Math.ceil(used * 1.25)));
    used = 0;
    chars = 0;
    await emit(out);
  };

  for await (const rec of source) {
    rowsRead++;
    if (rec.kind === 'bad') {
      chunk.rejects.push({ line: rec.line, column: rec.column, message: rec.message });
      if (rec.tenderCode) {
        put(copyLine(pipeline.rejectedStage(rec.line, rec.tenderCode, rec.cells)));
        chunk.stageRows++;
      }
    } else {
      // An absent column and an empty cell both mean "not known" (import-format: empty cell = null).
      for (const c of allColumns) if (rec.cells[c] === undefined) rec.cells[c] = '';
      const parsed = pipeline.schema.safeParse(rec.cells);
      if (parsed.success) {
        put(copyLine(pipeline.toStage(rec.line, parsed.data, hasher)));
        const w = pipeline.warnings?.(rec.line, parsed.data);
        if (w && w.length) {
          chunk.warningCount += w.length;
          for (const x of w) if (warningsKept++ < MAX_WARNINGS_KEPT) chunk.warnings.push(x);
        }
      } else {
        const issues = parsed.error.issues;
        // A row of garbage fails on every column: a few reasons tell the clerk enough, and keep the stored rejects small.
        const kept = issues.length > IMPORT_LIMITS.maxErrorsPerRow ? issues.slice(0, IMPORT_LIMITS.maxErrorsPerRow - 1) : issues;
        for (const issue of kept) {
          const column = issue.path.length ? String(issue.path[0]) : null;
          const where = rec.paths && column ? rec.paths[column] : undefined;
          chunk.rejects.push({ line: rec.line, column, message: where ? `${issue.message}（${where}）` : issue.message });
        }
        if (kept.length < issues.length) {
          const more = issues.length - kept.length;
          chunk.rejects.push({ line: rec.line, column: null, message: `本行另有 ${more} 处错误未列出 (${more} more problems in this row)` });
        }
        const code = rec.cells['tender_code']?.trim();
        put(copyLine(pipeline.rejectedStage(rec.line, code ? code : null, rec.cells)));
      }
      chunk.stageRows++;
    }
    if (chunk.stageRows >= CHUNK_ROWS || chars >= CHUNK_CHARS || chunk.rejects.length >= MAX_CHUNK_REJECTS) await flush();
  }
  await flush();
  if (rowsRead === 0 && !(input.part && input.part.start > 0)) {
    throw new FileRefusedError(`文件只有表头，没有数据行：${input.fileName} (no data rows; nothing imported)`, 'empty');
  }
  const h = header as HeaderInfo | null;
  return { rowsRead, unknownColumns: h?.unknown ?? [], encoding, sha256: sha256() };
}

function fresh(): ParsedChunk {
  return { copyText: new Uint8Array(0), stageRows: 0, rejects: [], warnings: [], warningCount: 0, rowsRead: 0 };
}
