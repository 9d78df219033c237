import { z } from 'zod';
import { isoTime, paged } from '../app/openapi.js';
import { IMPORT_FORMATS, IMPORT_KINDS } from './import-kinds.js';

/** The answers of /api/imports (the shapes of import-summary.ts). */
const rowError = z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() });
const status = z.enum(['queued', 'running', 'succeeded', 'failed']);

export const importQueued = z.object({ importId: z.number().int(), status: z.literal('queued'), statusUrl: z.string() });

export const importSummary = z.looseObject({
  importId: z.number().int(),
  kind: z.enum(IMPORT_KINDS),
  format: z.enum(IMPORT_FORMATS),
  status,
  fileName: z.string(),
  rowsRead: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(rowError).max(100).describe('前 100 条错误 (the first 100 errors; page the rest at /errors)'),
  errorsTotal: z.number().int(),
  warnings: z.array(rowError),
  warningCount: z.number().int(),
  tenders: z.object({ new: z.number().int(), replaced: z.number().int(), unchanged: z.number().int() }).nullable(),
  encoding: z.string().nullable(),
  sha256: z.string().nullable(),
  error: z.string().nullable().describe('整份文件被拒时的说明 (why the whole file was refused)'),
  createdAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
});

export const importList = paged(
  z.looseObject({
    importId: z.number().int(),
    kind: z.enum(IMPORT_KINDS),
    format: z.enum(IMPORT_FORMATS),
    fileName: z.string(),
    status,
    rowsRead: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    unchanged: z.number().int(),
    errorsTotal: z.number().int(),
    error: z.string().nullable(),
    createdAt: isoTime,
    startedAt: isoTime.nullable(),
    finishedAt: isoTime.nullable(),
    createdBy: z.number().int().nullable(),
    createdByName: z.string().nullable(),
  }),
);

export const importErrors = paged(rowError).extend({ importId: z.number().int() });
