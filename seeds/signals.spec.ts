import { reasonableBenchmark } from './evaluation.js';
import { albTriggers, disqualificationPatterns, identicalGroups, regularPatterns } from './signals.js';

const bid = (cents: number, valid = true) => ({ cents, valid });

describe('rule checks used to plant and to keep ordinary tenders clean', () => {
  it('low-price triggers, by hand: control 100; bids 40, 90, 95, 95 → mean 80', () => {
    const bids = [bid(40), bid(90), bid(95), bid(95)];
    // 40 < 0.5·80 = 40? no (strict); 40 < 0.5·90 = 45 yes; 40 < 0.45·100 = 45 yes
    expect(albTriggers(bids, 100).get(bids[0]!)).toEqual(['second_lowest', 'control']);
    expect(albTriggers(bids, 100).size).toBe(1);
  });

  it('regular patterns, by hand', () => {
    // gap 17 each; steps 1.7 %, 3.4 %, 5.1 % are not whole half-percents; ratios drift (CV of ratio − 1 ≈ 0.014)
    expect(regularPatterns([1000, 1017, 1034, 1051])).toEqual(new Set(['arithmetic']));
    // +10 %, +20 %, +30 %: an arithmetic series that is also whole-percent steps
    expect(regularPatterns([100, 110, 120, 130])).toEqual(new Set(['arithmetic', 'round_percent']));
    // ratios 1.1 each: gaps 10, 11, 12.1 (CV 0.077) — geometric only
    expect(regularPatterns([100, 110, 121, 133.1])).toEqual(new Set(['geometric']));
    // +2 %, +3 %, +7 % of the lowest: whole-percent steps, uneven gaps
    expect(regularPatterns([1000, 1020, 1030, 1070])).toEqual(new Set(['round_percent']));
    expect(regularPatterns([1000, 1017, 1043, 1071])).toEqual(new Set());
  });

  it('identical prices and disqualification patterns', () => {
    expect(identicalGroups([bid(5), bid(7), bid(5)]).map((g) => g.length)).toEqual([2]);
    expect(disqualificationPatterns([bid(5), bid(6, false), bid(7, false)])).toEqual(new Set(['all_but_winner_invalid', 'multi_disqualified']));
    expect(disqualificationPatterns([bid(5, false), bid(6), bid(7)])).toEqual(new Set(['lowest_invalid']));
  });

  it('合理低价法 benchmark, by hand: n > 5 drops the highest and lowest, then bids > 20 % off the trimmed mean', () => {
    expect(reasonableBenchmark([90, 100, 110])).toBe(100);
    // drop 10 and 200 → [100, 100, 100, 130, 150], mean 116; 150 is 29 % off → dropped → mean(100,100,100,130) = 107.5
    expect(reasonableBenchmark([10, 100, 100, 100, 130, 150, 200])).toBe(107.5);
  });
});
