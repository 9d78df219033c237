import { h, win } from './dom.js';

/** An error answer of the API: `{"error": {"code", "message", "details"}}`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export interface Me {
  id: number;
  name: string;
  role: 'importer' | 'inspector' | 'supervisor' | 'auditor' | 'admin';
  roleLabel: string;
  district: string | null;
  can: { readCases: boolean; workCases: boolean; assignOthers: boolean; importFiles: boolean; readImports: boolean; readReports: boolean };
}

const KEY = 'bidwatch.apiKey';

/** The API key lives in sessionStorage only: closing the tab signs out. */
export const session = {
  key: (): string | null => win.sessionStorage.getItem(KEY),
  set: (key: string): void => win.sessionStorage.setItem(KEY, key),
  clear: (): void => win.sessionStorage.removeItem(KEY),
};

let onUnauthorized: (message: string) => void = () => {};
export function whenUnauthorized(fn: (message: string) => void): void {
  onUnauthorized = fn;
}

async function request(path: string, init: { method?: string; body?: unknown; raw?: Blob; contentType?: string; key?: string } = {}): Promise<Response> {
  const key = init.key ?? session.key();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  let body: string | Blob | undefined;
  if (init.raw) {
    body = init.raw;
    headers['Content-Type'] = init.contentType || 'application/octet-stream';
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method: init.method ?? 'GET', headers, body });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试 (network error)');
  }
  if (res.ok) return res;
  let code = 'error';
  let message = `请求失败（HTTP ${res.status}）`;
  let details: unknown = null;
  try {
    const j = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (j.error) {
      code = j.error.code ?? code;
      message = j.error.message ?? message;
      details = j.error.details ?? null;
    }
  } catch {}
  const err = new ApiError(res.status, code, message, details);
  if (res.status === 401 && !init.key) onUnauthorized(message);
  throw err;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; raw?: Blob; contentType?: string; key?: string } = {}): Promise<T> {
  const res = await request(path, init);
  return (await res.json()) as T;
}

export const post = <T>(path: string, body?: unknown): Promise<T> => api<T>(path, { method: 'POST', body: body ?? {} });

/** Fetches a file with the API key and hands it to the browser as a download (links cannot send a Bearer header). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await request(path);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = m ? decodeURIComponent(m[1] ?? m[2] ?? fallbackName) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  win.document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
