import {
  CardinalSettingsError,
  parseCardinalSettings,
  parseIni,
  readCardinalIni,
  validateCardinalSettings,
} from './settings.js';

function errorOf(fn: () => unknown): CardinalSettingsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CardinalSettingsError) return error;
    throw error;
  }
  throw new Error('expected a CardinalSettingsError');
}

describe('cardinal INI settings', () => {
  it('reads the global keys, [exclusions] and every shared indicator section', () => {
    const text = [
      '; bidwatch settings in cardinal format',
      'currency = CNY',
      'no_price_comparison_procurement_methods = "NPC"',
      'price_comparison_procurement_methods = Reverse Auction|Open',
      '',
      '[exclusions]',
      'procurement_method_details = Random Selection|Sorteo de Obras',
      '',
      '[R018]',
      'procurement_methods = open|selective|limited',
      '[R024]',
      'threshold = 0.05',
      '[R028]',
      '[R035]',
      'threshold = 3 # three disqualified tenderers',
      '[R036]',
      '[R038]',
      'threshold = 0.5',
      'minimum_submitted_bids = 4',
      'minimum_contracting_processes: 5',
      '[R058] ; heavily discounted',
      "threshold = '1.5'",
    ].join('\r\n');
    expect(parseCardinalSettings(text)).toEqual({
      currency: 'CNY',
      no_price_comparison_procurement_methods: 'NPC',
      price_comparison_procurement_methods: 'Reverse Auction|Open',
      exclusions: { procurement_method_details: 'Random Selection|Sorteo de Obras' },
      R018: { procurement_methods: 'open|selective|limited' },
      R024: { threshold: 0.05 },
      R028: {},
      R035: { threshold: 3 },
      R036: {},
      R038: { threshold: 0.5, minimum_submitted_bids: 4, minimum_contracting_processes: 5 },
      R058: { threshold: 1.5 },
    });
  });

  it('enables an indicator by its section alone, and a commented-out section disables it', () => {
    expect(parseCardinalSettings('[R024]\n; [R058]\n; threshold = 0.5\n# [R036]\n')).toEqual({ R024: {} });
    expect(parseCardinalSettings('')).toEqual({});
  });

  it('accepts a file written by `ocdscardinal init`, reporting the sections bidwatch does not run', () => {
    const text = [
      '; currency = USD',
      '[defaults]',
      '; currency = USD',
      '[redactions]',
      '[corrections]',
      '[modifications]',
      '; move_auctions = true',
      '[codelists.bid_status]',
      '; qualified = valid',
      '[codelists.award_status]',
      '[exclusions]',
      '[R003]',
      '; threshold = 15',
      '[R003.procurement_method_details]',
      '; emergency = 10',
      '[R018]',
      '[R024]',
      '[R025]',
      '; percentile = 75',
      '[R028]',
      '[R030]',
      '[R035]',
      '[R036]',
      '[R038]',
      '[R048]',
      '; digits = 2',
      '[R058]',
    ].join('\n');
    const { settings, unsupportedSections } = readCardinalIni(text);
    expect(settings).toEqual({
      exclusions: {},
      R018: {},
      R024: {},
      R028: {},
      R035: {},
      R036: {},
      R038: {},
      R058: {},
    });
    expect(unsupportedSections).toEqual([
      'defaults',
      'redactions',
      'corrections',
      'modifications',
      'codelists.bid_status',
      'codelists.award_status',
      'R003',
      'R003.procurement_method_details',
      'R025',
      'R030',
      'R048',
    ]);
  });

  it('keeps values verbatim apart from quotes, escapes and comments', () => {
    const doc = parseIni(
      [
        'a = x | y ',
        'b = "quoted ; not a comment"',
        'c = Lot\\#2',
        'd = Lot#2',
        'e = value ; comment',
        'f =',
      ].join('\n'),
    );
    expect(Object.fromEntries([...doc.root].map(([k, v]) => [k, v.value]))).toEqual({
      a: 'x | y',
      b: 'quoted ; not a comment',
      c: 'Lot#2',
      d: 'Lot#2',
      e: 'value',
      f: '',
    });
  });

  it.each([
    ['[R024]\ntreshold = 0.05\n', 2, 'unknown key "treshold" in [R024]; allowed: threshold'],
    ['[R028]\nthreshold = 1\n', 2, 'unknown key "threshold" in [R028]; this section takes no keys'],
    ['[R999]\n', 1, 'unknown section [R999]'],
    ['[R024]\nthreshold = five percent\n', 2, '[R024] threshold must be a decimal number, got "five percent"'],
    ['[R035]\nthreshold = 1.5\n', 2, '[R035] threshold must be a whole number ≥ 0, got "1.5"'],
    ['[R038]\nminimum_submitted_bids = -1\n', 2, 'must be a whole number ≥ 0'],
    ['[R038]\nthreshold =\n', 2, 'must be a decimal number, got ""'],
    ['currency = USD\nfoo = bar\n', 2, 'unknown key "foo" in the top of the file'],
    ['[R024\n', 1, 'malformed section header'],
    ['[ ]\n', 1, 'empty section name'],
    ['[R024]\njust words\n', 2, 'expected "key = value"'],
    ['[R024]\n= 0.5\n', 2, 'missing key'],
    ['[R024]\n[R024]\n', 2, 'section [R024] appears twice (first at line 1)'],
    ['[R038]\nthreshold = 1\nthreshold = 2\n', 3, 'key "threshold" is set twice in [R038] (first at line 2)'],
    ['currency = "USD\n', 1, 'unterminated quoted value'],
    ['currency = "USD" CAD\n', 1, 'unexpected text after the closing quote'],
  ])('rejects %j at line %i', (text, line, message) => {
    const error = errorOf(() => parseCardinalSettings(text));
    expect(error.line).toBe(line);
    expect(error.message).toContain(`settings line ${line}: `);
    expect(error.message).toContain(message);
  });

  it('validates settings objects with the same rules', () => {
    expect(validateCardinalSettings({ R024: {}, currency: 'CNY' })).toEqual({ R024: {}, currency: 'CNY' });
    expect(errorOf(() => validateCardinalSettings({ R024: { treshold: 1 } })).message).toContain('R024');
    expect(errorOf(() => validateCardinalSettings({ R035: { threshold: -1 } })).message).toContain('R035.threshold');
    expect(errorOf(() => validateCardinalSettings({ R003: {} })).message).toContain('R003');
    expect(errorOf(() => validateCardinalSettings('R024')).message).toContain('(settings)');
  });
});
