import type { Me } from './api.js';
import type { DomElement, DomKeyEvent } from './dom.js';
import { win } from './dom.js';

/** What the router hands a page: the signed-in user, the place to draw, the route, and its lifetime. */
export interface PageContext {
  me: Me;
  main: DomElement;
  /** Path segments after '#/', e.g. ['cases', '12']. */
  path: string[];
  query: URLSearchParams;
  /** False once the user has moved to another page: late answers must not draw. */
  alive(): boolean;
  /** Runs when the page is left (timers, charts, listeners). */
  onLeave(fn: () => void): void;
  /** Page keyboard shortcuts; return true when the key was handled. */
  onKey(fn: (e: DomKeyEvent) => boolean): void;
}

/** sessionStorage: the case list URL with its filters, for 'back to the list'. */
export const LAST_LIST = 'bidwatch.lastList';

export type Page = (ctx: PageContext) => Promise<void> | void;

export function parseHash(hash: string = win.location.hash): { path: string[]; query: URLSearchParams } {
  const raw = hash.replace(/^#\/?/, '');
  const [p = '', q = ''] = raw.split('?', 2);
  return { path: p.split('/').filter(Boolean).map((x) => decodeURIComponent(x)), query: new URLSearchParams(q) };
}

/** Navigates to '#/path?query' (query values that are empty are left out). */
export function go(path: string, query: Record<string, string | number | null | undefined> = {}, replace = false): void {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') u.set(k, String(v));
  const q = u.toString();
  const hash = `#/${path}${q ? `?${q}` : ''}`;
  if (replace) win.location.replace(hash);
  else win.location.hash = hash;
}
