import { createHmac } from 'node:crypto';
import { PiiHasher } from './pii-hasher.js';

describe('PiiHasher', () => {
  const key = Buffer.from('test-key-0123456789');

  it('is an HMAC-SHA256 of domain and value under the key', () => {
    const h = new PiiHasher(key);
    const expected = createHmac('sha256', key).update('person').update('\0').update('32058319800101123X').digest('hex');
    expect(h.hash('person', '32058319800101123X')).toBe(expected);
  });

  it('matches the same person across calls and instances, and never returns the clear value', () => {
    const a = new PiiHasher(key).hash('person', '320583198001011234');
    const b = new PiiHasher(key).hash('person', '320583198001011234');
    expect(a).toBe(b);
    expect(a).not.toContain('320583198001011234');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs by key and by domain', () => {
    const v = '6222021234567890';
    expect(new PiiHasher(key).hash('account', v)).not.toBe(new PiiHasher(Buffer.from('other-key-987654321')).hash('account', v));
    expect(new PiiHasher(key).hash('account', v)).not.toBe(new PiiHasher(key).hash('person', v));
    // a phone number equal to an ID or account number hashes apart, in one instance's memo too
    const h = new PiiHasher(key);
    const phone = h.hash('phone', v);
    expect(phone).toBe(createHmac('sha256', key).update(`phone\0${v}`).digest('hex'));
    expect(new Set([phone, h.hash('person', v), h.hash('account', v)]).size).toBe(3);
  });

  it('keeps working past the memo limit', () => {
    const h = new PiiHasher(key, 2);
    const first = h.hash('person', 'A1');
    h.hash('person', 'A2');
    h.hash('person', 'A3');
    expect(h.hash('person', 'A1')).toBe(first);
    expect(h.hash('person', null)).toBeNull();
  });
});
