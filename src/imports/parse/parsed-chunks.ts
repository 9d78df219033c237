import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FileRefusedError } from '../file-refused.error.js';
import { detectEncoding } from '../file-source.js';
import { parseFile, type ParsedChunk, type ParseInput, type ParseResult } from './parse-file.js';
import type { ParseMessage } from './parse-messages.js';
import { findSplit, sha256File } from './split-file.js';

/**
 * The parsed chunks of a file, in order. From the compiled build the parsing runs in a worker thread, so that
 * reading and validating the next rows overlaps the database loading the previous ones (2 cores: one each); under
 * the TypeScript test runner, where a worker cannot load .ts, it runs in this thread with the same code.
 * `handle` is awaited per chunk; the result comes back when the file is done.
 */
export async function forEachParsedChunk(input: ParseInput, handle: (c: ParsedChunk) => Promise<void>): Promise<ParseResult> {
  const workerFile = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  const useWorker = import.meta.url.endsWith('.js') && existsSync(workerFile) && process.env.BIDWATCH_PARSE_INLINE !== '1';
  if (!useWorker) return parseFile(input, handle);

  // Large CSV files are cut in two at a safe line break and parsed by two workers at once: parsing and validating
  // is the slow part, and the second core would otherwise only wait on the database.
  const split = input.format === 'csv'
    ? await findSplit(input.path, 2, Number(process.env.BIDWATCH_PARSE_SPLIT_MIN_BYTES ?? 16 * 1024 * 1024))
    : null;
  if (!split) return runWorker(workerFile, input, handle);
  const encoding = await detectEncoding(input.path, input.fileName);
  const cut = split.points[0]!;
  if (process.env.BIDWATCH_DEBUG_TIMING === '1') process.stderr.write(`[parse] 2 parts, cut at byte ${cut.offset}, line ${cut.line}\n`);
  const parts: ParseInput[] = [
    { ...input, part: { start: 0, end: cut.offset, header: '', firstLine: 1, encoding } },
    { ...input, part: { start: cut.offset, end: split.size, header: split.header.toString('base64'), firstLine: cut.line, encoding } },
  ];
  const seen = [0, 0];
  let chain: Promise<void> = Promise.resolve();
  const serial = (i: number) => (c: ParsedChunk) => {
    seen[i] = c.rowsRead;
    const next = chain.then(() => handle({ ...c, rowsRead: seen[0]! + seen[1]! }));
    chain = next.catch(() => undefined);
    return next;
  };
  const digest = sha256File(input.path);
  const controller = new AbortController();
  const results = await Promise.all(parts.map((p, i) => runWorker(workerFile, p, serial(i), controller.signal).catch((e) => {
    controller.abort();
    throw e;
  })));
  await chain;
  const rowsRead = results[0]!.rowsRead + results[1]!.rowsRead;
  if (rowsRead === 0) throw new FileRefusedError(`文件只有表头，没有数据行：${input.fileName} (no data rows; nothing imported)`, 'empty');
  return { rowsRead, unknownColumns: results[0]!.unknownColumns, encoding, sha256: await digest };
}

/** Heap for what one parser keeps: the PII memo (≤ 60,000 entries, ~10 MB) and ≤ 3 chunks of ≤ 8 M chars. */
const PARSER_OLD_GENERATION_MB = 256;

function runWorker(workerFile: string, input: ParseInput, handle: (c: ParsedChunk) => Promise<void>, signal?: AbortSignal): Promise<ParseResult> {
  // A larger young generation: parsing allocates many short-lived strings, and a 16 MB nursery spent a fifth of the
  // worker's time in scavenges (bench/ingest profile). A capped old generation: what a parser keeps is bounded (the
  // PII memo, a few chunks in flight, each at most CHUNK_CHARS), but uncapped V8 let its heap grow with the file
  // (RSS 0.48 GB on 250k rows, 0.54 GB on 1M); capped, the two are the same.
  const worker = new Worker(workerFile, {
    workerData: input,
    resourceLimits: { maxYoungGenerationSizeMb: 96, maxOldGenerationSizeMb: PARSER_OLD_GENERATION_MB },
  });
  signal?.addEventListener('abort', () => void worker.terminate());
  const done = new Promise<ParseResult>((resolve, reject) => {
    let chain: Promise<void> = Promise.resolve();
    worker.on('message', (m: ParseMessage) => {
      chain = chain.then(async () => {
        if (m.type === 'chunk') {
          await handle(m.chunk);
          worker.postMessage({ ack: true });
        } else if (m.type === 'done') resolve(m.result);
        else if (m.type === 'refused') reject(new FileRefusedError(m.message, m.code));
        else reject(Object.assign(new Error(m.message), { stack: m.stack }));
      }).catch(reject);
    });
    worker.on('error', (e: Error & { code?: string }) =>
      reject(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new Error(`解析线程内存不足（上限 ${PARSER_OLD_GENERATION_MB} MB），整个文件未导入 (parser thread out of memory; nothing imported)`)
          : e,
      ),
    );
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`parse worker exited with code ${code}`));
    });
  });
  return done.finally(() => worker.terminate());
}
