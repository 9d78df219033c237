import { canonicalJson, chainLink, ChainWalker, type ChainedEvent } from './event-chain.js';

const key = Buffer.from('test-audit-key-0123456789');
const ev = (id: number, over: Partial<ChainedEvent> = {}): ChainedEvent => ({
  id, case_id: 7, at: new Date('2026-12-01T08:00:00.123Z'), actor_id: 3, actor_name: '李检查', action: 'note',
  from_status: null, to_status: null, note: `备注 ${id}`, details: { b: 1, a: [2, { d: 1, c: 2 }] }, ...over,
});

function chain(events: ChainedEvent[]): (ChainedEvent & { chain_hash: string | null })[] {
  let prev: string | null = null;
  return events.map((e) => {
    const chain_hash = chainLink(key, prev, e);
    prev = chain_hash;
    return { ...e, chain_hash };
  });
}

function walk(rows: (ChainedEvent & { chain_hash: string | null })[]) {
  const w = new ChainWalker(key);
  for (const r of rows) if (!w.step(r)) break;
  return w;
}

describe('case-event chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
  });

  it('an untouched chain verifies', () => {
    const w = walk(chain([ev(1), ev(2), ev(3)]));
    expect({ verified: w.verified, broken: w.broken }).toEqual({ verified: 3, broken: null });
  });

  it('a changed note, a removed row, a swapped order and a wrong key all break it at the right row', () => {
    const rows = chain([ev(1), ev(2), ev(3), ev(4)]);
    expect(walk(rows.map((r) => (r.id === 2 ? { ...r, note: '改过' } : r))).broken).toMatchObject({ id: 2, reason: 'mismatch' });
    expect(walk(rows.filter((r) => r.id !== 2)).broken).toMatchObject({ id: 3, reason: 'mismatch' });
    expect(walk([rows[0]!, rows[2]!, rows[1]!, rows[3]!]).broken).toMatchObject({ id: 3 });
    expect(walk(rows.map((r) => (r.id === 3 ? { ...r, details: { b: 2, a: [2, { d: 1, c: 2 }] } } : r))).broken).toMatchObject({ id: 3 });
    const other = new ChainWalker(Buffer.from('another-key-0123456789'));
    expect(other.step(rows[0]!)).toBe(false);
  });

  it('rows written before the chain existed may only come first', () => {
    const rows = [{ ...ev(1), chain_hash: null }, ...chain([ev(2), ev(3)])];
    const w = walk(rows);
    expect({ unchained: w.unchained, verified: w.verified, broken: w.broken }).toEqual({ unchained: 1, verified: 2, broken: null });
    const hole = walk([...chain([ev(1), ev(2)]).map((r, i) => (i === 1 ? { ...r, chain_hash: null } : r))]);
    expect(hole.broken).toMatchObject({ id: 2, reason: 'unchained' });
  });
});
