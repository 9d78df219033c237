import { isValidUscc } from '../detectors/lib/uscc.js';
import { idCheckChar, makeIdCard, makeUscc, orgCodeCheck } from './ids.js';
import { Rng } from './prng.js';

describe('synthetic identifiers', () => {
  it('身份证 check digit (ISO 7064 MOD 11-2) matches the GB 11643 sample 11010519491231002X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('组织机构代码 check (GB 11714), by hand: 12345678 → Σ = 201, 201 mod 11 = 3, 11 − 3 = 8', () => {
    expect(orgCodeCheck('12345678')).toBe('8');
  });

  it('generated USCCs and ID numbers are valid and keep their region', () => {
    const rng = Rng.from(1, 'ids');
    for (let i = 0; i < 500; i++) {
      const u = makeUscc(rng, '320583');
      expect(isValidUscc(u)).toBe(true);
      expect(u.slice(2, 8)).toBe('320583');
      const id = makeIdCard(rng, '320583', 1970, 1990);
      expect(id.slice(0, 6)).toBe('320583');
      expect(idCheckChar(id.slice(0, 17))).toBe(id[17]);
    }
  });

  it('the PRNG is deterministic per label and differs across labels', () => {
    const a = Rng.from(5, 'x', 1);
    const b = Rng.from(5, 'x', 1);
    const c = Rng.from(5, 'x', 2);
    const seqA = Array.from({ length: 5 }, () => a.next32());
    expect(Array.from({ length: 5 }, () => b.next32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next32())).not.toEqual(seqA);
  });
});
