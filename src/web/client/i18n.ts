import { h, win, type Child, type DomElement } from './dom.js';

/**
 * Chinese first, English behind a switch. The server writes most texts bilingually ("中文说明 (English gloss)") for
 * integrators reading the API; in the console the English parts sit in `span.en`, hidden unless the body carries
 * `lang-en`. Nothing is removed, so switching needs no redraw and copy-paste of a page in English mode keeps both.
 */

export type Lang = 'zh' | 'en';
const LANG_KEY = 'bidwatch.lang';

export function currentLang(): Lang {
  try {
    return win.localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Applies the stored language to the page (body class and the lang attribute of the document). */
export function applyLang(lang: Lang = currentLang()): void {
  win.document.body.classList.toggle('lang-en', lang === 'en');
  win.document.documentElement.setAttribute('lang', lang === 'en' ? 'zh-CN en' : 'zh-CN');
}

export function setLang(lang: Lang): void {
  try {
    win.localStorage.setItem(LANG_KEY, lang);
  } catch {}
  applyLang(lang);
}

/** An English gloss, hidden in Chinese mode. */
export function en(text: string | null | undefined): DomElement | null {
  return text ? h('span', { class: 'en', lang: 'en' }, ` (${text})`) : null;
}

/** Chinese text with its English gloss beside it (shown in English mode only). */
export function bi(zh: Child, english: string | null | undefined): DomElement {
  return h('span', { class: 'bi' }, zh, en(english));
}

/**
 * A gloss is a bracketed run with no Chinese in it that reads as English words ("a reason to review", "routed by
 * district"), with at most one level of brackets inside ("Art. 40(4)"), so that "(T4)", "（HTTP 500）", "（Q3 14.39% + 1.5 × IQR 1.75%）", "(bids.csv)" or "(4,510,000.00 元)" stay
 * as they are.
 */
const BRACKETED = /\s*[(（]((?:[^()（）\u3000-\u303f\u3400-\u9fff\uff00-\uffef]|\([^()\u3000-\u303f\u3400-\u9fff\uff00-\uffef]*\))*)[)）]/g;
const ENGLISH_WORDS = /[A-Za-z]+ [a-z]{2,}/;

/** Splits a server text into its Chinese parts and English glosses: [['中文', false], ['English', true], …]. */
export function splitGlosses(text: string): [string, boolean][] {
  const out: [string, boolean][] = [];
  let last = 0;
  for (const m of text.matchAll(BRACKETED)) {
    if (!ENGLISH_WORDS.test(m[1]!)) continue;
    if (m.index! > last) out.push([text.slice(last, m.index), false]);
    out.push([m[1]!.trim(), true]);
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push([text.slice(last), false]);
  // A text that is nothing but English (an English-only message) is shown as it is.
  return out.every(([, g]) => g) ? [[text, false]] : out;
}

/** A server text with its English glosses behind the language switch. */
export function glossed(text: string): DomElement | string;
export function glossed(text: string | null | undefined): DomElement | string | null;
export function glossed(text: string | null | undefined): DomElement | string | null {
  if (!text) return text ?? null;
  const parts = splitGlosses(text);
  if (parts.length === 1 && !parts[0]![1]) return text;
  return h('span', { class: 'glossed' }, parts.map(([t, gloss]) => (gloss ? en(t) : t)));
}

/** The 中文 / English switch of the top bar and the sign-in page. */
export function langSwitch(): DomElement {
  const button = (lang: Lang, label: string) =>
    h('button', {
      type: 'button', class: 'lang-opt', 'data-lang': lang, 'aria-pressed': currentLang() === lang ? 'true' : 'false',
      onclick: () => {
        setLang(lang);
        for (const b of Array.from(group.querySelectorAll('button'))) b.setAttribute('aria-pressed', b.getAttribute('data-lang') === lang ? 'true' : 'false');
      },
    }, label);
  const group = h('div', { class: 'lang-switch', role: 'group', 'aria-label': '界面语言 (language)', 'data-testid': 'lang-switch', title: 'English 模式在中文旁显示英文说明和代码 (English mode shows the English glosses and codes beside the Chinese)' },
    button('zh', '中文'), button('en', 'English'));
  return group;
}
