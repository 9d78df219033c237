import { parse } from 'csv-parse';
import type { ColumnSpec } from './import-kinds.js';
import { FileRefusedError } from './file-refused.error.js';
import type { OpenedFile } from './file-source.js';

export interface HeaderInfo {
  columns: string[];
  /** Columns the contract does not know: kept aside, reported once as a warning. */
  unknown: string[];
}

export type SourceRecord =
  | { kind: 'row'; line: number; cells: Record<string, string | undefined>; paths?: Record<string, string> }
  | { kind: 'bad'; line: number; column: string | null; message: string; tenderCode: string | null; cells?: Record<string, string | undefined> };

/**
 * Streams the records of a CSV file with the physical line each starts on. The header row is checked against the
 * contract first: no header, a duplicated or a missing required column refuses the whole file.
 * Quotes are read leniently (Excel writes `"a"b` now and then) so that one odd cell never swallows the rows after it.
 */
export async function* csvRecords(
  file: OpenedFile,
  spec: ColumnSpec,
  onHeader: (h: HeaderInfo) => void,
  /** Where the first record after the header sits, when this is one part of a file split for parallel parsing. */
  firstDataLine?: number,
): AsyncGenerator<SourceRecord> {
  // A skipped (malformed) record is yielded after the records parsed before it, never ahead of them.
  // Lines are counted here rather than with csv-parse's `info` (a snapshot object per record): each record
  // advances the count by one plus the line breaks inside its quoted cells; empty lines come through as [''].
  const skipped: { afterRecords: number; errLine: number; rec: SourceRecord }[] = [];
  let line = 1;
  let consumed = 0;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_skip: (err) => {
      const unclosed = err?.code === 'CSV_QUOTE_NOT_CLOSED';
      skipped.push({
        afterRecords: parser.info.records,
        errLine: typeof err?.lines === 'number' ? err.lines : 0,
        rec: {
          kind: 'bad',
          line: 0,
          column: null,
          tenderCode: null,
          message: unclosed
            ? `引号未闭合，从这一行起到文件末尾的内容无法读取 (unclosed quote: the rest of the file cannot be read)`
            : `CSV 格式错误，本行无法读取：${err?.message ?? ''} (malformed CSV record)`,
        },
      });
      return undefined;
    },
  });
  file.text.on('error', (e) => parser.destroy(e));
  file.text.pipe(parser);
  const placeSkips = function* (): Generator<SourceRecord> {
    while (skipped.length && skipped[0]!.afterRecords <= consumed) {
      const s = skipped.shift()!;
      yield placeSkip(s.rec, line);
      line = Math.max(line, s.errLine + 1);
    }
  };

  let header: string[] | null = null;
  for await (const record of parser as AsyncIterable<string[]>) {
    yield* placeSkips();
    const start = line;
    line += 1 + embeddedNewlines(record);
    consumed++;
    if (record.length === 1 && record[0] === '') continue; // an empty line
    if (!header) {
      header = checkHeader(record, spec, file.name, onHeader);
      if (firstDataLine !== undefined) line = firstDataLine;
      continue;
    }
    if (record.length > header.length && record.slice(header.length).some((c) => c.trim() !== '')) {
      yield {
        kind: 'bad',
        line: start,
        column: null,
        tenderCode: cellOf(header, record, 'tender_code'),
        cells: Object.fromEntries(header.map((h, i) => [h, record[i]])),
        message: `本行有 ${record.length} 列，多于表头的 ${header.length} 列（可能有未加引号的逗号）(more cells than the header; an unquoted comma?)`,
      };
      continue;
    }
    const cells: Record<string, string | undefined> = {};
    for (let i = 0; i < header.length; i++) cells[header[i]!] = record[i];
    yield { kind: 'row', line: start, cells };
  }
  consumed = Infinity;
  yield* placeSkips();
  if (!header) {
    throw new FileRefusedError(`文件为空或没有表头：${file.name} (empty file or no header row)`, 'empty');
  }
}

/** A malformed record starts where the last good one ended. */
function placeSkip(rec: SourceRecord, line: number): SourceRecord {
  return rec.kind === 'bad' && rec.message.startsWith('引号未闭合')
    ? { ...rec, line, message: `第 ${line} 行起${rec.message}` }
    : { ...rec, line };
}

function cellOf(header: string[], record: string[], col: string): string | null {
  const i = header.indexOf(col);
  const v = i >= 0 ? record[i]?.trim() : undefined;
  return v ? v : null;
}

function embeddedNewlines(record: string[]): number {
  let n = 0;
  for (const c of record) {
    if (c.length > 0 && c.includes('\n')) for (const ch of c) if (ch === '\n') n++;
  }
  return n;
}

function checkHeader(
  record: string[],
  spec: ColumnSpec,
  fileName: string,
  onHeader: (h: HeaderInfo) => void,
): string[] {
  const columns = record.map((c) => c.replace(/^\uFEFF/, '').trim().toLowerCase());
  const known = new Set([...spec.required, ...spec.optional]);
  const dupes = columns.filter((c, i) => c !== '' && columns.indexOf(c) !== i);
  const missing = spec.required.filter((c) => !columns.includes(c));
  if (missing.length === spec.required.length) {
    throw new FileRefusedError(
      `${fileName} 的第一行不是表头：应包含列名 ${spec.required.join(', ')} (the first line is not the header row)`,
      'no_header',
    );
  }
  if (missing.length) {
    throw new FileRefusedError(
      `缺少必填列：${missing.join(', ')}；整个文件未导入 (missing required column(s): ${missing.join(', ')}; nothing imported)`,
      'missing_column',
    );
  }
  if (dupes.length) {
    throw new FileRefusedError(
      `表头中列名重复：${[...new Set(dupes)].join(', ')}；整个文件未导入 (duplicated column name(s); nothing imported)`,
      'duplicate_column',
    );
  }
  onHeader({ columns, unknown: columns.filter((c) => c !== '' && !known.has(c)) });
  return columns;
}
