import { MergedMetrics, type Metrics } from './merged-metrics.js';

describe('MergedMetrics', () => {
  const m = new MergedMetrics();
  m.add(new Map<string, Metrics>([['T1', { cv: 0.1, spd: 0.2 }], ['T2', { cv: 0.3 }]]));
  m.add(undefined);
  m.add(new Map());
  m.add(new Map<string, Metrics>([['T2', { cv: 0.4, collusion_score: null }], ['T3', {}]]));

  it('merges the producers in order, the later value winning', () => {
    expect(m.get('T1')).toEqual({ cv: 0.1, spd: 0.2 });
    expect(m.get('T2')).toEqual({ cv: 0.4, collusion_score: null });
    expect(m.get('T3')).toEqual({});
    expect(m.get('T9')).toBeUndefined();
    expect(m.size).toBe(3);
    expect(m.has('T3')).toBe(true);
    expect([...m.keys()]).toEqual(['T1', 'T2', 'T3']);
    expect(Object.fromEntries(m)).toEqual({ T1: { cv: 0.1, spd: 0.2 }, T2: { cv: 0.4, collusion_score: null }, T3: {} });
  });

  it('writes JSON whose parsed value is the merged object, as jsonb reads duplicate keys (the last wins)', () => {
    expect(m.json('T2')).toBe('{"cv":0.3,"cv":0.4,"collusion_score":null}');
    expect(JSON.parse(m.json('T2'))).toEqual(m.get('T2'));
    expect(m.json('T3')).toBe('{}');
    expect(m.json('T9')).toBe('{}');
  });

  it('does not change the producers’ objects', () => {
    const part = { a: 1 };
    const n = new MergedMetrics();
    n.add(new Map([['X', part]]));
    n.add(new Map([['X', { a: 2 }]]));
    n.get('X');
    expect(part).toEqual({ a: 1 });
  });
});
