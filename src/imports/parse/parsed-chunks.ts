import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FileRefusedError } from '../file-refused.error.js';
import { parseFile, type ParsedChunk, type ParseInput, type ParseResult } from './parse-file.js';
import type { ParseMessage } from './parse-messages.js';

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

  // A larger young generation: parsing allocates many short-lived strings, and a 16 MB nursery spent a fifth of the
  // worker's time in scavenges (bench/ingest profile).
  const worker = new Worker(workerFile, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  try {
    return await new Promise<ParseResult>((resolve, reject) => {
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
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`parse worker exited with code ${code}`));
      });
    });
  } finally {
    await worker.terminate();
  }
}
