/**
 * Synthetic identifiers: 统一社会信用代码, 身份证号, bank accounts and e-bidding file fingerprints.
 * Every value passes its real check-digit rule so the importer's validation is exercised, and a
 * registry keeps them unique: an accidental collision would read as a 第四十条 link.
 */
import { USCC_ALPHABET, usccCheckChar } from '../detectors/lib/uscc.js';
import type { Rng } from './prng.js';

/** Hands out values that have never been handed out before. */
export class UniqueRegistry {
  private readonly seen = new Set<string>();

  claim(make: () => string): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const v = make();
      if (!this.seen.has(v)) {
        this.seen.add(v);
        return v;
      }
    }
    throw new Error('UniqueRegistry: value space exhausted');
  }

  has(v: string): boolean {
    return this.seen.has(v);
  }
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const DIGITS = '0123456789';
const DIGIT_LIST = [...DIGITS];
const USCC_CHARS = [...USCC_ALPHABET];

/** GB 11714 组织机构代码 check character for 8 body characters (digits, or letters A=10 … Z=35). */
export function orgCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i]!;
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 11 ? '0' : c === 10 ? 'X' : String(c);
}

/**
 * A USCC: 登记管理部门 (9 = 工商, 1 = 机构编制) + 类别 (1 = 企业 / 事业单位) + 6-digit region +
 * 9-char org code (old numeric, or the post-2015 `MA…` form) + GB 32100 check char.
 */
export function makeUscc(rng: Rng, region: string, authority: '91' | '12' = '91'): string {
  let body8: string;
  if (authority === '91' && rng.chance(0.45)) {
    let tail = '';
    for (let i = 0; i < 6; i++) tail += rng.pick(USCC_CHARS);
    body8 = 'MA' + tail;
  } else {
    body8 = '';
    for (let i = 0; i < 8; i++) body8 += rng.pick(DIGIT_LIST);
  }
  const first17 = authority + region + body8 + orgCodeCheck(body8);
  const check = usccCheckChar(first17);
  if (check === null) throw new Error(`bad USCC body ${first17}`);
  return first17 + check;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** ISO 7064 MOD 11-2 check character of a 身份证号 (GB 11643-1999). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An 18-digit 身份证号 with a valid birth date and check digit. */
export function makeIdCard(rng: Rng, region: string, birthFrom: number, birthTo: number): string {
  const y = rng.int(birthFrom, birthTo);
  const m = rng.int(1, 12);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const d = rng.int(1, m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
  const seq = String(rng.int(1, 999)).padStart(3, '0');
  const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
  return first17 + idCheckChar(first17);
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += DIGITS[rng.int(0, 9)];
  return s;
}

/** Corporate account numbers shaped like the big banks' formats in Kunshan. */
const ACCOUNT_FORMATS: readonly { prefix: string; length: number }[] = [
  { prefix: '1102028609000', length: 19 }, // 工商银行
  { prefix: '32250198', length: 20 }, // 建设银行
  { prefix: '1053060104000', length: 17 }, // 农业银行
  { prefix: '4783', length: 12 }, // 中国银行
  { prefix: '3070018800000', length: 18 }, // 江苏银行
  { prefix: '0706670', length: 19 }, // 昆山农商行
];

export function makeBankAccount(rng: Rng): string {
  const f = rng.pick(ACCOUNT_FORMATS);
  return f.prefix + digits(rng, f.length - f.prefix.length);
}

const HEX = '0123456789ABCDEF';
/** NIC vendor prefixes common on office PCs (Realtek, Intel, Dell, Lenovo, HP …). */
const OUIS = ['00-E0-4C', 'F4-8E-38', '54-E1-AD', 'B0-83-FE', '3C-7C-3F', '70-85-C2', 'D8-BB-C1', '18-C0-4D', '98-FA-9B', 'E4-54-E8'];

export function makeMac(rng: Rng): string {
  let s = rng.pick(OUIS);
  for (let i = 0; i < 3; i++) s += '-' + HEX[rng.int(0, 15)] + HEX[rng.int(0, 15)];
  return s;
}

/** 文件制作机器码: the e-bidding client's hash of CPU, disk and board serials (32 hex). */
export function makeMachineCode(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += HEX[rng.int(0, 15)];
  return s;
}

/** Public IPv4 blocks of Jiangsu/Shanghai/Zhejiang/Anhui carriers (first two octets). */
const IP_BLOCKS: Record<'local' | 'elsewhere', readonly string[]> = {
  local: ['58.208', '58.209', '58.210', '58.211', '49.72', '49.74', '180.108', '180.110', '221.224', '222.92', '122.195', '114.216'],
  elsewhere: ['116.224', '180.168', '101.80', '115.192', '60.186', '60.166', '112.26', '218.94', '61.155', '123.161'],
};

export function makeIp(rng: Rng, local: boolean): string {
  return `${rng.pick(IP_BLOCKS[local ? 'local' : 'elsewhere'])}.${rng.int(1, 254)}.${rng.int(2, 254)}`;
}
