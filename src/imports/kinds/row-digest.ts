import { hash } from 'node:crypto';

/**
 * Money as PostgreSQL's numeric(18,2) prints it ("1234.5" → "1234.50", "0012" → "12.00"), so a digest taken in
 * the parser equals one taken from the stored value.
 */
export function money2(v: string | null): string {
  if (v === null) return '';
  const neg = v.startsWith('-');
  const [i = '0', f = ''] = (neg ? v.slice(1) : v).split('.');
  const int = i.replace(/^0+(?=\d)/, '');
  return `${neg && (int !== '0' || /[1-9]/.test(f)) ? '-' : ''}${int}.${(f + '00').slice(0, 2)}`;
}

/** md5 of the fields, hex (one-shot: a fraction of createHash's per-call cost, which dominates for short input). */
export function digestHex(fields: readonly (string | number | boolean | null)[]): string {
  let text = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    text += (i ? '\u0001' : '') + (f === null || f === undefined ? '\u0000' : String(f));
  }
  return hash('md5', text);
}

/**
 * 60 bits of the md5 as a signed-safe bigint string: per-row digests that SQL can sum, so that a tender's content
 * digest is independent of row order and needs no sort (sum over 1,000,000 rows is a hash aggregate).
 */
export function digest60(fields: readonly (string | number | boolean | null)[]): string {
  return BigInt('0x' + digestHex(fields).slice(0, 15)).toString();
}
