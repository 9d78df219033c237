import { parentPort, workerData } from 'node:worker_threads';
import { FileRefusedError } from '../file-refused.error.js';
import { parseFile, type ParseInput } from './parse-file.js';
import type { ParseMessage } from './parse-messages.js';

/**
 * Worker-thread entry: parses the file and posts chunks to the importing thread, which acknowledges each one
 * after loading it, so at most a few chunks are ever in flight.
 */
const port = parentPort!;
const MAX_IN_FLIGHT = 3;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (m: { ack: true }) => {
  if (m.ack) {
    inFlight--;
    wake?.();
    wake = null;
  }
});

const post = (m: ParseMessage) => port.postMessage(m);

parseFile(workerData as ParseInput, async (chunk) => {
  while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
  inFlight++;
  // The bytes move to the importing thread without a copy.
  const buf = chunk.copyText;
  port.postMessage({ type: 'chunk', chunk } satisfies ParseMessage, buf.byteLength ? [buf.buffer as ArrayBuffer] : []);
})
  .then((result) => post({ type: 'done', result }))
  .catch((err: Error) =>
    post(err instanceof FileRefusedError ? { type: 'refused', message: err.message, code: err.code } : { type: 'error', message: err.message, stack: err.stack ?? '' }),
  );
