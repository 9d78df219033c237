import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { parserStream } from 'stream-json';
import pickModule from 'stream-json/filters/pick.js';
import streamValuesModule from 'stream-json/streamers/stream-values.js';
import type { SourceRecord } from './csv-records.js';
import { FileRefusedError } from './file-refused.error.js';

/** Values OCDS has no home for (district, category, …), given on the command line or the HTTP query. */
export interface OcdsDefaults {
  district?: string;
  category?: string;
  work_type?: string;
  tender_method?: string;
  evaluation_method?: string;
  funding?: string;
}

type Json = Record<string, unknown>;

const EXTENSION_FIELDS: [column: keyof OcdsDefaults, camel: string][] = [
  ['district', 'district'],
  ['category', 'category'],
  ['work_type', 'workType'],
  ['tender_method', 'tenderMethod'],
  ['evaluation_method', 'evaluationMethod'],
  ['funding', 'funding'],
];

/**
 * Reads an OCDS release package, record package (compiledRelease) or JSON-lines file of compiled releases and
 * yields one bid row per `bids.details[]` entry, in the column names of the CSV contract, so both formats share one
 * validator. Rows are numbered in file order (the n-th bid); each row carries the JSON path of every value so that a
 * rejection can point into the file.
 */
export async function ocdsRecords(
  path: string,
  fileName: string,
  defaults: OcdsDefaults,
): Promise<{ records: AsyncIterable<SourceRecord>; sha256: () => string }> {
  try {
    await stat(path);
  } catch {
    throw new FileRefusedError(`找不到文件或无法读取：${path} (file not found or unreadable)`, 'unreadable');
  }
  const hash = createHash('sha256');
  let digest: string | null = null;
  const jsonLines = /\.(jsonl|ndjson)$/i.test(fileName);
  return {
    records: rows(jsonLines ? jsonLinesReleases(path, hash) : packageReleases(path, hash), defaults),
    sha256: () => (digest ??= hash.digest('hex')),
  };
}

async function* rows(
  releases: AsyncIterable<{ release: Json; where: string }>,
  defaults: OcdsDefaults,
): AsyncGenerator<SourceRecord> {
  let n = 0;
  let any = false;
  for await (const { release, where } of releases) {
    any = true;
    for (const row of releaseRows(release, where, defaults)) {
      n++;
      if ('message' in row) yield { kind: 'bad', line: n, column: row.column, message: row.message, tenderCode: row.tenderCode };
      else yield { kind: 'row', line: n, cells: row.cells, paths: row.paths };
    }
  }
  if (!any) {
    throw new FileRefusedError('OCDS 文件中没有 releases 或 records (no releases or records in the OCDS file)', 'empty');
  }
}

async function* packageReleases(path: string, hash: ReturnType<typeof createHash>): AsyncGenerator<{ release: Json; where: string }> {
  const tap = new PassThrough();
  tap.on('data', (c: Buffer) => hash.update(c));
  const source = createReadStream(path).pipe(tap);
  const tokens = source.pipe(parserStream());
  const picked = tokens.pipe(pickModule.pick.asStream({ filter: /^(releases|records)\.\d+$/ }));
  const values = picked.pipe(streamValuesModule.streamValues.asStream());
  const fail = (e: Error) => values.destroy(e);
  source.on('error', fail);
  tokens.on('error', fail);
  picked.on('error', fail);
  try {
    for await (const item of values as AsyncIterable<{ key: number; value: Json }>) {
      const v = item.value;
      if (v && typeof v === 'object' && 'compiledRelease' in v) {
        yield { release: v.compiledRelease as Json, where: `records[${item.key}].compiledRelease` };
      } else {
        yield { release: v, where: `releases[${item.key}]` };
      }
    }
  } catch (e) {
    if (e instanceof FileRefusedError) throw e;
    throw new FileRefusedError(`OCDS 文件不是有效的 JSON：${(e as Error).message} (not valid JSON; nothing imported)`, 'not_json');
  }
}

async function* jsonLinesReleases(path: string, hash: ReturnType<typeof createHash>): AsyncGenerator<{ release: Json; where: string }> {
  const tap = new PassThrough();
  tap.on('data', (c: Buffer) => hash.update(c));
  const lines = createInterface({ input: createReadStream(path).pipe(tap), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new FileRefusedError(`第 ${line} 行不是有效的 JSON，整个文件未导入 (line ${line} is not valid JSON; nothing imported)`, 'not_json');
    }
    yield { release: value as Json, where: `line ${line}` };
  }
}

type Row =
  | { cells: Record<string, string | undefined>; paths: Record<string, string> }
  | { column: string | null; message: string; tenderCode: string | null };

function obj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}
function datePart(v: unknown): string | undefined {
  const s = str(v);
  return s ? s.slice(0, 10) : undefined;
}
function amount(value: unknown): { amount?: string; currency?: string } {
  const v = obj(value);
  const a = v?.['amount'];
  return { amount: typeof a === 'number' ? a.toFixed(2).replace(/\.00$/, '') : str(a), currency: str(v?.['currency']) };
}

/** OCDS procurementMethod → our tender_method. 'limited' (direct award) has no equivalent and is left to defaults. */
const METHOD: Record<string, string> = { open: 'open', selective: 'invited' };

function releaseRows(release: Json, where: string, defaults: OcdsDefaults): Row[] {
  const tender = obj(release['tender']) ?? {};
  const tenderCode = str(tender['id']) ?? str(release['ocid']);
  if (!obj(release)) return [{ column: null, message: `${where} 不是 JSON 对象 (not an object)`, tenderCode: null }];
  const ext = obj(tender['additionalProperties']) ?? {};
  const partyById = new Map<string, Json>();
  for (const p of arr(release['parties'])) {
    const party = obj(p);
    const id = str(party?.['id']);
    if (party && id) partyById.set(id, party);
  }
  const details = arr(obj(release['bids'])?.['details']);
  if (details.length === 0) {
    return [{ column: null, message: `${where}：该标段没有投标记录（bids.details 为空）(no bids in this release)`, tenderCode: tenderCode ?? null }];
  }
  const control = amount(tender['value']);
  const winners = new Set<string>();
  for (const a of arr(release['awards'])) {
    const award = obj(a);
    if (str(award?.['status']) !== 'active') continue;
    const s = str(obj(arr(award?.['suppliers'])[0])?.['id']);
    if (s) winners.add(s);
  }
  const shared: Record<string, string | undefined> = {
    tender_code: tenderCode,
    project_name: str(tender['title']),
    control_price: control.amount,
    tender_method: METHOD[str(tender['procurementMethod']) ?? ''] ?? defaults.tender_method,
  };
  for (const [col, camel] of EXTENSION_FIELDS) {
    shared[col] ??= str(tender[camel]) ?? str(tender[col]) ?? str(ext[camel]) ?? str(ext[col]) ?? defaults[col];
  }
  // 招标人 = `buyer`; 招标代理机构 = `tender.procuringEntity` when it is another organisation than the buyer.
  const buyer = orgOf(obj(release['buyer']), partyById);
  const procuring = orgOf(obj(tender['procuringEntity']), partyById);
  const sameAsBuyer = !!buyer && !!procuring && (
    (procuring.ref !== undefined && procuring.ref === buyer.ref) || (procuring.uscc !== undefined && procuring.uscc === buyer.uscc)
  );
  const agency = procuring && !sameAsBuyer ? procuring : undefined;
  if (buyer) {
    shared.buyer_uscc = buyer.uscc;
    shared.buyer_name = buyer.name;
  }
  if (agency) {
    shared.agency_uscc = agency.uscc;
    shared.agency_name = agency.name;
  }
  const tenderDate = datePart(obj(tender['tenderPeriod'])?.['endDate']);
  const out: Row[] = [];
  details.forEach((d, i) => {
    const bid = obj(d) ?? {};
    const at = `${where}.bids.details[${i}]`;
    const tendererId = str(obj(arr(bid['tenderers'])[0])?.['id']);
    const party = tendererId ? partyById.get(tendererId) : undefined;
    const uscc = usccOf(party) ?? (tendererId && /^[0-9A-Z]{18}$/.test(tendererId) ? tendererId : undefined);
    const value = amount(bid['value']);
    const currencies = [control.currency, value.currency].filter((c): c is string => !!c && c !== 'CNY');
    if (currencies.length) {
      out.push({ column: 'bid_price', message: `${at}：币种为 ${currencies[0]}，只接受人民币 CNY (only CNY amounts are accepted)`, tenderCode: tenderCode ?? null });
      return;
    }
    const status = str(bid['status']);
    out.push({
      cells: {
        ...shared,
        open_date: tenderDate ?? datePart(bid['date']),
        bidder_uscc: uscc,
        bidder_name: str(party?.['name']) ?? str(obj(arr(bid['tenderers'])[0])?.['name']),
        bid_price: value.amount,
        bid_valid: status === 'disqualified' ? 'false' : status === 'valid' || status === undefined ? 'true' : status,
        is_winner: tendererId && winners.has(tendererId) ? 'true' : 'false',
      },
      paths: {
        tender_code: `${where}.tender.id`,
        project_name: `${where}.tender.title`,
        control_price: `${where}.tender.value.amount`,
        open_date: `${where}.tender.tenderPeriod.endDate`,
        bidder_uscc: `${at}.tenderers[0].id → parties[].identifier (CN-USCC)`,
        bidder_name: `${at}.tenderers[0] → parties[].name`,
        bid_price: `${at}.value.amount`,
        bid_valid: `${at}.status`,
        district: `${where}.tender.district 或 --district`,
        category: `${where}.tender.category 或 --category`,
        work_type: `${where}.tender.workType 或 --work-type`,
        tender_method: `${where}.tender.procurementMethod 或 --tender-method`,
        evaluation_method: `${where}.tender.evaluationMethod 或 --evaluation-method`,
        buyer_uscc: `${where}.buyer.id → parties[].identifier (CN-USCC)`,
        buyer_name: `${where}.buyer.name`,
        agency_uscc: `${where}.tender.procuringEntity.id → parties[].identifier (CN-USCC)`,
        agency_name: `${where}.tender.procuringEntity.name`,
      },
    });
  });
  return out;
}

/**
 * An organisation reference (OCDS OrganizationReference: `id`, `name`) resolved through `parties[]`: its USCC from
 * the party's CN-USCC identifier (or the reference's own identifier, or an id that is itself a USCC), its name from
 * the reference or the party.
 */
function orgOf(ref: Json | undefined, parties: Map<string, Json>): { ref?: string; uscc?: string; name?: string } | undefined {
  if (!ref) return undefined;
  const id = str(ref['id']);
  const party = id ? parties.get(id) : undefined;
  const uscc = usccOf(party) ?? usccOf(ref) ?? (id && /^[0-9A-Z]{18}$/.test(id) ? id : undefined);
  const name = str(ref['name']) ?? str(party?.['name']);
  if (!id && !uscc && !name) return undefined;
  return { ref: id, uscc, name };
}

function usccOf(party: Json | undefined): string | undefined {
  if (!party) return undefined;
  const ids = [obj(party['identifier']), ...arr(party['additionalIdentifiers']).map(obj)];
  for (const id of ids) {
    if (id && str(id['scheme'])?.toUpperCase() === 'CN-USCC') return str(id['id']);
  }
  return undefined;
}
