import { createHash } from 'node:crypto';
import { ringKey } from './ring-key.js';

describe('ringKey', () => {
  it('is the first 16 hex of sha256 over the sorted members joined by commas', () => {
    expect(ringKey(['91C', '91A', '91B'])).toBe(createHash('sha256').update('91A,91B,91C').digest('hex').slice(0, 16));
    expect(ringKey(['91C', '91A', '91B'])).toMatch(/^[0-9a-f]{16}$/);
  });

  it('does not depend on order or duplicates', () => {
    expect(ringKey(['B', 'A'])).toBe(ringKey(['A', 'B', 'A']));
    expect(ringKey(['A', 'B'])).not.toBe(ringKey(['A', 'C']));
  });
});
