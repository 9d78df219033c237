import { copyField } from './stage-writer.js';

describe('COPY text escaping', () => {
  it('writes null, booleans and numbers', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(12)).toBe('12');
  });
  it('escapes the four special characters and leaves Chinese alone', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('昆山市玉山镇')).toBe('昆山市玉山镇');
    expect(copyField('\\N')).toBe('\\\\N');
  });
});
