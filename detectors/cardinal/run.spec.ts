import { sharedPath } from '../../src/backtest/shared-data.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CardinalInputError,
  formatCardinalJson,
  iterateJsonLines,
  parseJsonLines,
  runCardinalIndicators,
} from './run.js';
import { CardinalSettingsError } from './settings.js';
import type { CardinalSettings } from './types.js';

const OWN_FIXTURES = join(process.cwd(), 'detectors', 'cardinal', 'fixtures');

type Bid = { status?: string; tenderers?: { id?: unknown }[]; value?: { amount: number; currency: string } };

function bid(status: string, id: string, amount?: number, currency = 'USD'): Bid {
  return amount === undefined
    ? { status, tenderers: [{ id }] }
    : { status, tenderers: [{ id }], value: { amount, currency } };
}

/** A price-only process won by W: W bids `win`, L bids `lose`. */
function priced(ocid: string, win: number, lose: number, currency = 'USD', extra: Record<string, unknown> = {}) {
  return {
    ocid,
    bids: { details: [bid('valid', 'W', win, currency), bid('valid', 'L', lose, currency)] },
    awards: [{ status: 'active', suppliers: [{ id: 'W' }] }],
    ...extra,
  };
}

describe('parseJsonLines', () => {
  it('skips blank lines and reads CRLF files', () => {
    expect(parseJsonLines('{"ocid":"a"}\r\n\r\n   \n{"ocid":"b"}\n')).toEqual([{ ocid: 'a' }, { ocid: 'b' }]);
    expect(parseJsonLines('\uFEFF{"ocid":"a"}')).toEqual([{ ocid: 'a' }]);
    expect(parseJsonLines('')).toEqual([]);
  });

  it('names the line that is not JSON', () => {
    const text = '{"ocid":"a"}\n\n{"ocid": oops}\n{"ocid":"c"}\n';
    expect(() => parseJsonLines(text)).toThrow(CardinalInputError);
    expect(() => parseJsonLines(text)).toThrow(/^line 3 is not valid JSON: /);
    try {
      parseJsonLines(text);
    } catch (error) {
      expect((error as CardinalInputError).line).toBe(3);
    }
  });

  it('is lazy', () => {
    const values = iterateJsonLines('{"ocid":"a"}\nnot json\n');
    expect(values.next().value).toEqual({ ocid: 'a' });
    expect(() => values.next()).toThrow(/line 2/);
  });
});

describe('runCardinalIndicators', () => {
  it('runs only the indicators whose section is present', () => {
    const single = { ocid: 'S', tender: { numberOfTenderers: 1, procurementMethod: 'open' } };
    expect(runCardinalIndicators([single], {})).toEqual({});
    expect(runCardinalIndicators([single], { R024: {} })).toEqual({});
    expect(runCardinalIndicators([single], { R018: {} })).toEqual({ OCID: { S: { R018: 1 } } });
  });

  it('skips what is not a release with a string ocid, cancelled tenders and [exclusions]', () => {
    const single = (ocid: unknown, tender: Record<string, unknown> = {}) => ({
      ocid,
      tender: { numberOfTenderers: 1, procurementMethod: 'open', ...tender },
    });
    const releases = [
      null,
      42,
      ['not', 'an', 'object'],
      single(7),
      single(undefined),
      single('cancelled', { status: 'cancelled' }),
      single('excluded', { procurementMethodDetails: 'Sorteo' }),
      single('other details', { procurementMethodDetails: 'Licitación' }),
      single('kept'),
    ];
    const settings: CardinalSettings = { R018: {}, exclusions: { procurement_method_details: 'Sorteo|Lottery' } };
    expect(runCardinalIndicators(releases, settings)).toEqual({
      OCID: { 'other details': { R018: 1 }, kept: { R018: 1 } },
    });
  });

  it('rejects invalid settings', () => {
    expect(() => runCardinalIndicators([], { R024: { threshold: Number.NaN } })).toThrow(CardinalSettingsError);
    expect(() => runCardinalIndicators([], { R099: {} } as unknown as CardinalSettings)).toThrow(/R099/);
  });

  it('accepts any iterable, including a lazy one', () => {
    const lines = iterateJsonLines('{"ocid":"S","tender":{"numberOfTenderers":1,"procurementMethod":"selective"}}');
    expect(runCardinalIndicators(lines, { R018: {} })).toEqual({ OCID: { S: { R018: 1 } } });
  });

  it('keeps ids that look like object internals', () => {
    const release = { ocid: '__proto__', tender: { numberOfTenderers: 1, procurementMethod: 'open' } };
    const out = runCardinalIndicators([release], { R018: {} });
    expect(Object.keys(out.OCID!)).toEqual(['__proto__']);
    expect(JSON.stringify(out)).toBe('{"OCID":{"__proto__":{"R018":1}}}');
  });

  it('combines indicators: groups are shared, codes side by side', () => {
    const releases = [
      priced('close', 100, 101),
      priced('a', 100, 130),
      priced('b', 100, 130),
      priced('c', 100, 130),
      {
        ocid: 'same price',
        bids: { details: [bid('valid', 'W', 5), bid('disqualified', 'L', 5)] },
        awards: [{ status: 'active', suppliers: [{ id: 'W' }] }],
      },
    ];
    // Gaps: close 0.01, a/b/c 0.3 ("same price" has no gap: L's bid is disqualified). n = 4, sorted
    // [0.01, 0.3, 0.3, 0.3]: Q1 = 0.01 + (5/12)(0.29) = 0.1308; Q3 = 0.3 + (7/12)·0 = 0.3;
    // lower fence = 0.1308 − 1.5·0.1692 < 0 → R024 skipped. R028: W and L both bid 5 in "same price".
    expect(runCardinalIndicators(releases, { R024: {}, R028: {} })).toEqual({
      OCID: { 'same price': { R028: 1 } },
      Tenderer: { W: { R028: 1 }, L: { R028: 1 } },
    });
  });
});

describe('R024 and R058 through the runner', () => {
  it('reproduces cardinal Meta for the R024 fixture (docs/cli/indicators/index.md example)', () => {
    const shared = sharedPath();
    const releases = parseJsonLines(readFileSync(join(shared, 'data', 'cardinal-fixtures', 'R024.jsonl'), 'utf8'));
    const settings: CardinalSettings = {
      R024: {},
      no_price_comparison_procurement_methods: 'NPC',
      exclusions: { procurement_method_details: 'EXC' },
    };
    const out = runCardinalIndicators(releases, settings, { meta: true });
    expect(out.Meta).toEqual({ R024: { q1: 66.6667, q3: 100, lower_fence: 16.6667 } });
  });

  it('cardinal docs demonstrations: R024 flags the 1 % gap, R058 the 99× gap (with the tenderers)', () => {
    // R024: gaps [1, 99, 99, 99, 99] → lower fence 17.33 (see quartiles.spec.ts).
    const r024 = [priced('F', 1, 2), ...[1, 2, 3, 4].map((i) => priced(String(i), 1, 100))];
    expect(runCardinalIndicators(r024, { R024: {} })).toEqual({
      OCID: { F: { R024: 1 } },
      Tenderer: { W: { R024: 0 }, L: { R024: 0 } },
    });
    // R058: gaps [99, 1, 1, 1, 1] → Q1 = 1, Q3 = 1 + (1/3)·98 = 33.67, upper fence 33.67 + 1.5·32.67 = 82.67.
    const r058 = [priced('F', 1, 100), ...[1, 2, 3, 4].map((i) => priced(String(i), 1, 2))];
    expect(runCardinalIndicators(r058, { R058: {} }, { meta: true })).toEqual({
      OCID: { F: { R058: 99 } },
      Tenderer: { W: { R058: 0 } },
      Meta: { R058: { q1: 1, q3: 33.6667, upper_fence: 82.6667 } },
    });
  });

  it('uses a configured threshold instead of the fences, and skips when it is not positive', () => {
    const releases = [priced('p2', 100, 102), priced('p5', 100, 105), priced('p50', 100, 150)];
    const settings: CardinalSettings = { R024: { threshold: 0.05 }, R058: { threshold: 0.5 } };
    expect(runCardinalIndicators(releases, settings, { meta: true })).toEqual({
      OCID: { p2: { R024: 0.02 }, p5: { R024: 0.05 }, p50: { R058: 0.5 } },
      Tenderer: { W: { R024: 0, R058: 0 }, L: { R024: 0 } },
      Meta: { R024: { lower_fence: 0.05 }, R058: { upper_fence: 0.5 } },
    });
    expect(runCardinalIndicators(releases, { R024: { threshold: 0 }, R058: { threshold: 0 } })).toEqual({});
  });

  it('skips R024 when Q1 is 0 and R058 when the upper fence is 0 (no flagging 75 % of processes)', () => {
    const zeros = [priced('a', 1, 1), priced('b', 1, 1), priced('c', 1, 1), priced('d', 1, 1), priced('e', 1, 2)];
    // Gaps [0, 0, 0, 0, 1]: Q1 = 0 → R024 skipped; Q3 = 1/3, upper fence 5/6 → R058 flags e.
    expect(runCardinalIndicators(zeros, { R024: {}, R058: {} })).toEqual({
      OCID: { e: { R058: 1 } },
      Tenderer: { W: { R058: 0 } },
    });
    const allZero = [priced('a', 1, 1), priced('b', 1, 1), priced('c', 1, 1)];
    expect(runCardinalIndicators(allZero, { R024: {}, R058: {} }, { meta: true })).toEqual({
      Meta: { R024: { q1: 0, q3: 0, lower_fence: 0 }, R058: { q1: 0, q3: 0, upper_fence: 0 } },
    });
    expect(runCardinalIndicators([], { R024: {} }, { meta: true })).toEqual({
      Meta: { R024: { q1: null, q3: null, lower_fence: null } },
    });
  });

  it('takes the main currency from the settings, else from the first priced bid seen', () => {
    const releases = [priced('cad', 100, 101, 'CAD'), priced('usd', 100, 101, 'USD')];
    const threshold = { R024: { threshold: 0.05 } };
    expect(runCardinalIndicators(releases, threshold).OCID).toEqual({ cad: { R024: 0.01 } });
    expect(runCardinalIndicators(releases, { ...threshold, currency: 'USD' }).OCID).toEqual({ usd: { R024: 0.01 } });
    // Bids in another currency are skipped bid by bid: here only the winner's USD bid remains → no gap.
    const mixed = {
      ocid: 'mixed',
      bids: { details: [bid('valid', 'W', 100, 'USD'), bid('valid', 'L', 101, 'CAD')] },
      awards: [{ status: 'active', suppliers: [{ id: 'W' }] }],
    };
    expect(runCardinalIndicators([mixed], { ...threshold, currency: 'USD' })).toEqual({});
  });

  it('shares one main currency between the gap and R036, in file order', () => {
    const r036 = {
      ocid: 'lowest disqualified',
      bids: { details: [bid('disqualified', 'D', 1, 'USD'), bid('valid', 'V', 2, 'USD')] },
      awards: [{ status: 'active' }],
    };
    // The gap pass sees CAD first, so USD bids no longer count for R036.
    const settings: CardinalSettings = { R036: {}, R058: { threshold: 10 } };
    expect(runCardinalIndicators([priced('cad', 100, 200, 'CAD'), r036], settings)).toEqual({});
    expect(runCardinalIndicators([r036, priced('cad', 100, 200, 'CAD')], settings)).toEqual({
      OCID: { 'lowest disqualified': { R036: 1 } },
    });
  });

  it('applies price_comparison_procurement_methods as an allow list that overrides the deny list', () => {
    const details = (d?: string) => (d === undefined ? {} : { tender: { procurementMethodDetails: d } });
    const releases = [
      priced('auction', 100, 101, 'USD', details('Reverse Auction')),
      priced('lottery', 100, 101, 'USD', details('Lottery')),
      priced('unset', 100, 101, 'USD', details()),
    ];
    const base: CardinalSettings = { R024: { threshold: 0.05 } };
    expect(Object.keys(runCardinalIndicators(releases, base).OCID!).sort()).toEqual(['auction', 'lottery', 'unset']);
    const denied = runCardinalIndicators(releases, { ...base, no_price_comparison_procurement_methods: 'Lottery' });
    expect(Object.keys(denied.OCID!).sort()).toEqual(['auction', 'unset']);
    expect(
      Object.keys(
        runCardinalIndicators(releases, {
          ...base,
          price_comparison_procurement_methods: 'Reverse Auction',
          no_price_comparison_procurement_methods: 'Reverse Auction',
        }).OCID!,
      ),
    ).toEqual(['auction']);
  });

  it('takes the winner’s lowest bid and the lowest other bid; drops 0/0 gaps', () => {
    const release = {
      ocid: 'p',
      bids: {
        details: [
          bid('valid', 'W', 120),
          bid('valid', 'W', 100),
          bid('valid', 'A', 140),
          bid('valid', 'B', 110),
          bid('disqualified', 'C', 101),
          { status: 'valid', tenderers: [{ id: 'X' }, { id: 'Y' }], value: { amount: 100.5, currency: 'USD' } },
        ],
      },
      awards: [{ status: 'active', suppliers: [{ id: 'W' }] }],
    };
    // Winner 100 (W's lowest); second-lowest 110 (B; C is disqualified, X+Y is a consortium) → gap 0.1.
    expect(runCardinalIndicators([release], { R058: { threshold: 0.1 } })).toEqual({
      OCID: { p: { R058: 0.1 } },
      Tenderer: { W: { R058: 0 } },
    });
    expect(runCardinalIndicators([priced('zero', 0, 0)], { R058: {} }, { meta: true }).Meta).toEqual({
      R058: { q1: null, q3: null, upper_fence: null },
    });
  });
});

describe('R018 settings', () => {
  const release = (ocid: string, method?: string, n: unknown = 1) => ({
    ocid,
    tender: { numberOfTenderers: n, ...(method === undefined ? {} : { procurementMethod: method }) },
  });
  const releases = [
    release('open', 'open'),
    release('limited', 'limited'),
    release('none'),
    release('two', 'open', 2),
    release('string', 'open', '1'),
  ];

  it('defaults to open|selective', () => {
    expect(runCardinalIndicators(releases, { R018: {} })).toEqual({ OCID: { open: { R018: 1 } } });
  });

  it('takes procurement_methods, and an empty list matches every method', () => {
    expect(runCardinalIndicators(releases, { R018: { procurement_methods: 'limited' } })).toEqual({
      OCID: { limited: { R018: 1 } },
    });
    expect(runCardinalIndicators(releases, { R018: { procurement_methods: '' } })).toEqual({
      OCID: { open: { R018: 1 }, limited: { R018: 1 }, none: { R018: 1 } },
    });
  });
});

describe('R035, R036, R038 settings', () => {
  const r035 = (ocid: string, disqualified: string[]) => ({
    ocid,
    bids: { details: [...disqualified.map((id) => bid('disqualified', id)), bid('valid', 'V')] },
    awards: [{ status: 'active', suppliers: [{ id: 'V' }] }],
  });

  it('R035 threshold 0 counts as 1', () => {
    const releases = [r035('none', []), r035('one', ['D'])];
    expect(runCardinalIndicators(releases, { R035: { threshold: 0 } })).toEqual({
      OCID: { one: { R035: 1 } },
      Tenderer: { V: { R035: 0 } },
    });
  });

  it('R036 compares only amounts in the configured currency', () => {
    const release = {
      ocid: 'p',
      bids: { details: [bid('disqualified', 'D', 1, 'USD'), bid('valid', 'V', 5, 'CNY'), bid('valid', 'U', 2, 'USD')] },
      awards: [{ status: 'active' }],
    };
    // USD: disqualified 1 < valid 2 → flagged. CNY: only the valid 5 → not flagged.
    expect(runCardinalIndicators([release], { R036: {} })).toEqual({ OCID: { p: { R036: 1 } } });
    expect(runCardinalIndicators([release], { R036: {}, currency: 'CNY' })).toEqual({});
  });

  it('R038 minimums are counted in submitted bids for every group', () => {
    const release = (ocid: string, buyer: string, statuses: string[], tenderer: string) => ({
      ocid,
      buyer: { id: buyer },
      bids: { details: statuses.map((s) => bid(s, tenderer)) },
    });
    const releases = [
      release('one bid', 'B1', ['disqualified'], 'T1'),
      release('two bids', 'B2', ['disqualified', 'valid'], 'T2'),
      release('three bids, part 1', 'B3', ['disqualified', 'disqualified'], 'T3'),
      release('three bids, part 2', 'B3', ['valid'], 'T3'),
    ];
    const threshold = 0.5; // B1 1/1, B2 1/2, B3 2/3; the same per tenderer
    expect(runCardinalIndicators(releases, { R038: { threshold } })).toEqual({
      Buyer: { B2: { R038: 0.5 }, B3: { R038: 2 / 3 } },
      Tenderer: { T2: { R038: 0.5 }, T3: { R038: 2 / 3 } },
    });
    expect(
      runCardinalIndicators(releases, {
        R038: { threshold, minimum_contracting_processes: 3, minimum_submitted_bids: 1 },
      }),
    ).toEqual({
      Buyer: { B3: { R038: 2 / 3 } },
      Tenderer: { T1: { R038: 1 }, T2: { R038: 0.5 }, T3: { R038: 2 / 3 } },
    });
  });

  it('R038 Meta has one set of quartiles per group', () => {
    const releases = parseJsonLines(readFileSync(join(OWN_FIXTURES, 'R038.jsonl'), 'utf8'));
    const settings: CardinalSettings = { R038: {}, exclusions: { procurement_method_details: 'EXC' } };
    const out = runCardinalIndicators(releases, settings, { meta: true });
    expect(out.Meta).toEqual({
      R038: {
        Buyer_q1: 0,
        Buyer_q3: 0.3333,
        Buyer_upper_fence: 0.8333,
        ProcuringEntity_q1: 0,
        ProcuringEntity_q3: 0,
        ProcuringEntity_upper_fence: 0,
        Tenderer_q1: 0,
        Tenderer_q3: 0.3333,
        Tenderer_upper_fence: 0.8333,
      },
    });
  });
});

describe('formatCardinalJson', () => {
  it('writes numbers as serde_json does', () => {
    expect(
      formatCardinalJson({
        OCID: { F: { R024: 1, R058: 0.5 } },
        Tenderer: { W: { R024: 0, R058: -0 } },
        Meta: { R024: { q1: null, q3: 1e21, lower_fence: 1.5e-7 } },
      }),
    ).toBe(
      '{"OCID":{"F":{"R024":1.0,"R058":0.5}},"Tenderer":{"W":{"R024":0.0,"R058":-0.0}},' +
        '"Meta":{"R024":{"q1":null,"q3":1e21,"lower_fence":1.5e-7}}}',
    );
    expect(formatCardinalJson({})).toBe('{}');
  });
});
