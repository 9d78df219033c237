/**
 * How a long import shows its progress on stderr: on a terminal one line redrawn in place (bar, percent, rows,
 * rate, time left); otherwise — a log file, a pipe, CI — a plain line every few seconds, so nothing is lost to \r.
 */
import { createReadStream } from 'node:fs';

/** Lines in a file (its byte 0x0A count, the last line counted when unterminated): the rows to expect, minus the header. */
export async function countLines(path: string): Promise<number> {
  let n = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) n++;
    if (chunk.length) last = chunk[chunk.length - 1] as number;
  }
  return last === 0x0a ? n : n + 1;
}

const fmt = (n: number) => n.toLocaleString('en-US');

function duration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '—';
  if (s < 60) return `${Math.ceil(s)} 秒`;
  return `${Math.floor(s / 60)} 分 ${Math.ceil(s % 60)} 秒`;
}

export class ProgressLine {
  private lastPlain = 0;
  private drawn = false;

  constructor(
    private readonly total: number | null,
    private readonly tty: boolean = process.stderr.isTTY === true,
    private readonly write: (s: string) => void = (s) => void process.stderr.write(s),
    private readonly plainEveryMs = 5_000,
  ) {}

  /** The line for `rows` read at `rate` rows/s. */
  text(rows: number, rate: number): string {
    if (!this.total) return `已读取 ${fmt(rows)} 行，${fmt(rate)} 行/秒 (rows read, rows/s)`;
    const share = Math.min(1, rows / this.total);
    const width = 24;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    const eta = rate > 0 ? duration((this.total - rows) / rate) : '—';
    return `[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${fmt(rows)} / ${fmt(this.total)} 行，${fmt(rate)} 行/秒，剩余约 ${eta} (ETA)`;
  }

  reading(rows: number, rate: number, now = Date.now()): void {
    if (this.tty) {
      this.write(`\r\x1b[2K  ${this.text(rows, rate)}`);
      this.drawn = true;
    } else if (now - this.lastPlain >= this.plainEveryMs) {
      this.lastPlain = now;
      this.write(`  ${this.text(rows, rate)}\n`);
    }
  }

  /** The phase after the last row: staged rows merged into the tables, in one transaction. */
  merging(rows: number): void {
    this.end();
    this.write(`  已读取全部 ${fmt(rows)} 行，正在合并入库（校验跨行规则并写入）… (merging into the database)\n`);
  }

  end(): void {
    if (this.drawn) this.write('\n');
    this.drawn = false;
  }
}
