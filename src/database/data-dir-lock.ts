/**
 * One process per embedded data folder. PGlite keeps the database in memory and writes it back to the folder; a
 * second process opening the same folder (`users add` while `serve` runs) works on its own copy, and whichever
 * closes last overwrites the other — a user created, then silently gone. So the folder carries a lock file with
 * the owner's PID: a live owner refuses the second process with a message that says what to do; a dead owner's
 * lock (a crash, kill -9) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'bidwatch.lock';

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个 bidwatch 进程（PID ${pid}，例如 bidwatch serve）使用；同一目录不能由两个进程同时打开，` +
        `否则一方的写入会被另一方覆盖。请先停止该进程，或改用它的 HTTP API，或设置另一个 BIDWATCH_DATA_DIR ` +
        `(the embedded data folder is in use by process ${pid}; stop it, use its API, or choose another BIDWATCH_DATA_DIR)`,
    );
    this.name = 'DataDirBusyError';
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

const held = new Set<string>();

/** Takes the folder's lock for this process (idempotent), or throws DataDirBusyError. */
export function lockDataDir(dataDir: string): void {
  const path = join(dataDir, LOCK_FILE);
  if (held.has(path)) return;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(path);
      if (held.size === 1) process.once('exit', () => held.forEach((p) => rmSync(p, { force: true })));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (pid === process.pid) {
        held.add(path);
        return;
      }
      if (alive(pid)) throw new DataDirBusyError(dataDir, pid);
      rmSync(path, { force: true }); // a dead owner's lock
    }
  }
  throw new DataDirBusyError(dataDir, Number(readFileSync(path, 'utf8').trim()));
}

export function unlockDataDir(dataDir: string): void {
  const path = join(dataDir, LOCK_FILE);
  if (!held.delete(path)) return;
  rmSync(path, { force: true });
}
