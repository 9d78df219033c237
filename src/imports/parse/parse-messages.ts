import type { ParsedChunk, ParseResult } from './parse-file.js';

export type ParseMessage =
  | { type: 'chunk'; chunk: ParsedChunk }
  | { type: 'done'; result: ParseResult }
  | { type: 'refused'; message: string; code: string }
  | { type: 'error'; message: string; stack: string };
