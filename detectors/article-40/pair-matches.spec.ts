import { bid } from '../rings/fixtures.js';
import { linkRule, normaliseFingerprint, tenderPairEvidence, type MatchOptions } from './pair-matches.js';

const opts: MatchOptions = { ignore: new Set(['administrator']), disabled: new Set() };

describe('the 第四十条 ladder', () => {
  it('one soft match never links', () => {
    expect(linkRule({ hard: 0, soft: 1 }, 2)).toBeNull();
    expect(linkRule({ hard: 0, soft: 1 }, 1 as number)).toBeNull(); // even a mis-set minimum cannot go below 2
  });

  it('two soft matches link; one hard match links', () => {
    expect(linkRule({ hard: 0, soft: 2 }, 2)).toBe('soft2');
    expect(linkRule({ hard: 1, soft: 0 }, 2)).toBe('hard');
    expect(linkRule({ hard: 1, soft: 2 }, 2)).toBe('hard');
    expect(linkRule({ hard: 0, soft: 2 }, 3)).toBeNull();
  });
});

describe('tenderPairEvidence', () => {
  it('finds shared fields per pair, counted by field, sorted', () => {
    const ev = tenderPairEvidence(
      [
        bid('T', 'B', 100, { uploadIp: '1.2.3.4', fileCreator: 'Zhang' }),
        bid('T', 'A', 101, { uploadIp: '1.2.3.4', fileCreator: 'zhang', fileMachineCode: 'm1' }),
        bid('T', 'C', 102, { fileMachineCode: 'M1' }),
      ],
      opts,
    );
    expect(ev.map((e) => [e.pair, e.hard, e.soft, e.matches.map((m) => `${m.field}:${m.article}`)])).toEqual([
      [['A', 'B'], 0, 2, ['uploadIp:40(1)/(2)', 'fileCreator:40(1)']],
      [['A', 'C'], 1, 0, ['fileMachineCode:40(1)']],
    ]);
  });

  it('a firm never matches itself (its own machine on two bids)', () => {
    const ev = tenderPairEvidence(
      [bid('T', 'A', 100, { fileMachineCode: 'M' }), bid('T', 'A', 101, { fileMachineCode: 'M' }), bid('T', 'B', 102, { fileMachineCode: 'X' })],
      opts,
    );
    expect(ev).toEqual([]);
  });

  it('compares project managers with technical leads (40(3) 项目管理成员)', () => {
    const ev = tenderPairEvidence([bid('T', 'A', 1, { projectManagerHash: 'p1' }), bid('T', 'B', 2, { technicalLeadHash: 'p1' })], opts);
    expect(ev[0]?.matches).toEqual([{ field: 'projectManagerHash/technicalLeadHash', kind: 'hard', article: '40(3)', value: 'p1' }]);
    const same = tenderPairEvidence([bid('T', 'A', 1, { projectManagerHash: 'p1' }), bid('T', 'B', 2, { projectManagerHash: 'p1' })], opts);
    expect(same[0]?.matches[0]?.field).toBe('projectManagerHash');
  });

  it('normalises MACs and machine codes, ignores default values, skips suppressed soft values', () => {
    expect(normaliseFingerprint('fileMac', 'aa:bb:cc:dd:ee:ff')).toBe('AABBCCDDEEFF');
    const mac = tenderPairEvidence([bid('T', 'A', 1, { fileMac: 'aa:bb:cc:dd:ee:ff' }), bid('T', 'B', 2, { fileMac: 'AA-BB-CC-DD-EE-FF' })], opts);
    expect(mac[0]?.hard).toBe(1);
    const admin = tenderPairEvidence([bid('T', 'A', 1, { fileCreator: 'Administrator' }), bid('T', 'B', 2, { fileCreator: 'administrator' })], opts);
    expect(admin).toEqual([]);
    const nat = tenderPairEvidence([bid('T', 'A', 1, { uploadIp: '9.9.9.9' }), bid('T', 'B', 2, { uploadIp: '9.9.9.9' })], {
      ...opts,
      suppressed: new Set(['uploadIp|9.9.9.9']),
    });
    expect(nat).toEqual([]);
  });
});
