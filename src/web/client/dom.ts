/**
 * The part of the browser DOM the console uses, typed by hand.
 *
 * Why not `lib: ["dom"]`: src/ is type-checked as one program with the server code, whose tsconfig has
 * `lib: ["es2023"]` and Node's types. Adding the DOM library there would change the server's types too
 * (setTimeout, Response, fetch, Event…). So the browser code reaches the DOM through these interfaces instead;
 * fetch, URL, URLSearchParams, Blob and setTimeout are already typed by Node's globals, which match the browser's
 * for what the console does with them.
 */

export interface DomEvent {
  readonly type: string;
  readonly target: DomElement | null;
  readonly currentTarget: DomElement | null;
  readonly defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
}
export interface DomKeyEvent extends DomEvent {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly isComposing: boolean;
  readonly repeat: boolean;
}
export interface DomMouseEvent extends DomEvent {
  readonly clientX: number;
  readonly clientY: number;
  readonly button: number;
}
export interface DomDragEvent extends DomMouseEvent {
  readonly dataTransfer: { readonly files: ArrayLike<DomFile>; dropEffect: string } | null;
}

interface EventMap {
  click: DomMouseEvent;
  dblclick: DomMouseEvent;
  mouseenter: DomMouseEvent;
  mouseleave: DomMouseEvent;
  mousemove: DomMouseEvent;
  keydown: DomKeyEvent;
  input: DomEvent;
  change: DomEvent;
  submit: DomEvent;
  focus: DomEvent;
  focusin: DomEvent;
  blur: DomEvent;
  toggle: DomEvent;
  dragover: DomDragEvent;
  dragenter: DomDragEvent;
  dragleave: DomDragEvent;
  drop: DomDragEvent;
  hashchange: DomEvent;
  load: DomEvent;
  error: DomEvent;
  resize: DomEvent;
}
export type EventName = keyof EventMap;
export type AnyEvent = DomKeyEvent & DomDragEvent;

export interface DomNode {
  textContent: string | null;
  readonly parentElement: DomElement | null;
  remove(): void;
}

export interface DomRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  id: string;
  className: string;
  hidden: boolean;
  title: string;
  tabIndex: number;
  readonly isConnected: boolean;
  readonly classList: {
    add(...names: string[]): void;
    remove(...names: string[]): void;
    toggle(name: string, force?: boolean): boolean;
    contains(name: string): boolean;
  };
  readonly dataset: Record<string, string | undefined>;
  readonly style: { setProperty(name: string, value: string): void; removeProperty(name: string): void };
  readonly children: ArrayLike<DomElement>;
  readonly clientWidth: number;
  readonly clientHeight: number;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  append(...nodes: (DomNode | string)[]): void;
  prepend(...nodes: (DomNode | string)[]): void;
  replaceChildren(...nodes: (DomNode | string)[]): void;
  replaceWith(...nodes: (DomNode | string)[]): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
  closest(selector: string): DomElement | null;
  contains(other: DomNode | null): boolean;
  addEventListener<K extends EventName>(type: K, listener: (e: EventMap[K]) => void, options?: { once?: boolean; passive?: boolean }): void;
  removeEventListener<K extends EventName>(type: K, listener: (e: EventMap[K]) => void): void;
  focus(options?: { preventScroll?: boolean }): void;
  blur(): void;
  click(): void;
  scrollIntoView(options?: { block?: 'start' | 'center' | 'end' | 'nearest' }): void;
  getBoundingClientRect(): DomRect;
}

/** input, select, textarea and button: the form controls the console uses, with the properties it reads. */
export interface FormControl extends DomElement {
  value: string;
  disabled: boolean;
  name: string;
  required: boolean;
  checked: boolean;
  type: string;
  placeholder: string;
  readonly files: ArrayLike<DomFile> | null;
  select(): void;
}

export interface DomFile extends Blob {
  readonly name: string;
}

export interface DomDocument {
  readonly body: DomElement;
  readonly documentElement: DomElement;
  title: string;
  readonly activeElement: DomElement | null;
  createElement(tag: string): DomElement;
  createElementNS(ns: string, tag: string): DomElement;
  createTextNode(text: string): DomNode;
  getElementById(id: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
  addEventListener<K extends EventName>(type: K, listener: (e: EventMap[K]) => void, options?: { capture?: boolean }): void;
  removeEventListener<K extends EventName>(type: K, listener: (e: EventMap[K]) => void, options?: { capture?: boolean }): void;
}

export interface BrowserStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the console uses of the ECharts global that /console/vendor/echarts.min.js defines. */
export interface EChartsInstance {
  setOption(option: Record<string, unknown>, opts?: { notMerge?: boolean }): void;
  resize(): void;
  dispose(): void;
  on(event: string, handler: (p: { name?: string; seriesName?: string; value?: unknown; dataIndex?: number }) => void): void;
  getDom(): DomElement;
}
export interface EChartsStatic {
  init(el: DomElement, theme?: string | null, opts?: { renderer?: 'canvas' | 'svg'; locale?: string }): EChartsInstance;
  getInstanceByDom(el: DomElement): EChartsInstance | undefined;
  graphic: { LinearGradient: new (x: number, y: number, x2: number, y2: number, stops: { offset: number; color: string }[]) => unknown };
}

export interface BrowserWindow {
  readonly document: DomDocument;
  readonly location: { hash: string; href: string; readonly origin: string; readonly pathname: string; reload(): void; replace(url: string): void };
  readonly history: { back(): void; replaceState(data: unknown, unused: string, url: string): void };
  readonly sessionStorage: BrowserStorage;
  readonly localStorage: BrowserStorage;
  readonly innerWidth: number;
  readonly innerHeight: number;
  echarts?: EChartsStatic;
  addEventListener<K extends EventName>(type: K, listener: (e: EventMap[K]) => void): void;
  removeEventListener<K extends EventName>(type: K, listener: (e: EventMap[K]) => void): void;
  scrollTo(x: number, y: number): void;
  requestAnimationFrame(cb: () => void): number;
}

export const win = globalThis as unknown as BrowserWindow;
export const doc = (): DomDocument => win.document;

export type Child = DomNode | string | number | null | undefined | false | readonly Child[];
export type AttrValue = string | number | boolean | null | undefined | ((e: AnyEvent) => void);
export type Attrs = Record<string, AttrValue>;

/** Properties (not attributes) on form controls, so that h() can set the live value. */
const PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'required']);

function appendChildren(el: DomElement, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) appendChildren(el, c as readonly Child[]);
    else if (typeof c === 'string' || typeof c === 'number') el.append(String(c));
    else el.append(c as DomNode);
  }
}

function applyAttrs(el: DomElement, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') {
      el.addEventListener(k.slice(2) as EventName, v as (e: DomEvent) => void);
    } else if (PROPS.has(k)) {
      (el as unknown as Record<string, unknown>)[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

/** An HTML element: h('button', { class: 'btn', onclick: () => … }, '认领'). `on…` keys add listeners. */
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): DomElement {
  const el = doc().createElement(tag);
  applyAttrs(el, attrs);
  appendChildren(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element, attributes as given. */
export function s(tag: string, attrs?: Attrs | null, ...children: Child[]): DomElement {
  const el = doc().createElementNS(SVG_NS, tag);
  applyAttrs(el, attrs);
  appendChildren(el, children);
  return el;
}

export function $(selector: string, root?: DomElement): DomElement | null {
  return (root ?? doc().body).querySelector(selector);
}

export function control(selector: string, root?: DomElement): FormControl {
  const el = $(selector, root);
  if (!el) throw new Error(`no element ${selector}`);
  return el as FormControl;
}

/** True when a key event comes from a place where typing is expected (shortcuts must not fire there). */
export function typingInto(e: DomKeyEvent): boolean {
  const t = e.target;
  if (!t) return false;
  const tag = t.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || t.getAttribute('contenteditable') === 'true';
}
