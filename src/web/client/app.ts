import { api, session, whenUnauthorized, type Me } from './api.js';
import { go, parseHash, type Page, type PageContext } from './context.js';
import { h, typingInto, win, type DomElement, type DomKeyEvent } from './dom.js';
import { casesPage } from './page-cases.js';
import { casePage } from './page-case.js';
import { importsPage } from './page-imports.js';
import { loginPage } from './page-login.js';
import { partiesPage } from './page-parties.js';
import { reportPage } from './page-report.js';
import { tenderPage } from './page-tender.js';
import { applyLang, langSwitch } from './i18n.js';
import { errorBox, loading } from './ui.js';

/**
 * The console's entry point: sign-in state, the shell (top bar, navigation by role), a hash router
 * (#/cases, #/cases/12, #/tenders/CODE, #/imports, #/imports/7, #/parties, #/reports) and the global keyboard shortcuts.
 */

let me: Me | null = null;
let leaving: (() => void)[] = [];
let pageKeys: ((e: DomKeyEvent) => boolean)[] = [];
let generation = 0;
let pendingG = 0;

interface NavItem {
  href: string;
  label: string;
  key: string;
  allowed: (m: Me) => boolean;
}
const NAV: NavItem[] = [
  { href: '#/cases', label: '案件', key: 'c', allowed: (m) => m.can.readCases },
  { href: '#/imports', label: '数据导入', key: 'i', allowed: (m) => m.can.readImports },
  { href: '#/parties', label: '招标人与代理', key: 'p', allowed: (m) => m.can.readCases },
  { href: '#/reports', label: '下浮率报告', key: 'r', allowed: (m) => m.can.readReports },
];

function defaultPath(m: Me): string {
  if (m.can.readCases) return 'cases';
  if (m.can.readImports) return 'imports';
  return 'reports';
}

const ROUTES: { match: (p: string[]) => boolean; page: Page; allowed: (m: Me) => boolean; nav: string }[] = [
  { match: (p) => p[0] === 'cases' && p.length === 1, page: casesPage, allowed: (m) => m.can.readCases, nav: 'cases' },
  { match: (p) => p[0] === 'cases' && p.length === 2, page: casePage, allowed: (m) => m.can.readCases, nav: 'cases' },
  { match: (p) => p[0] === 'tenders' && p.length === 2, page: tenderPage, allowed: (m) => m.can.readCases, nav: 'cases' },
  { match: (p) => p[0] === 'imports' && p.length <= 2, page: importsPage, allowed: (m) => m.can.readImports, nav: 'imports' },
  { match: (p) => p[0] === 'reports' && p.length === 1, page: reportPage, allowed: (m) => m.can.readReports, nav: 'reports' },
  { match: (p) => p[0] === 'parties' && p.length === 1, page: partiesPage, allowed: (m) => m.can.readCases, nav: 'parties' },
];

function shell(m: Me, active: string): { root: DomElement; main: DomElement } {
  const main = h('main', { id: 'main', tabindex: '-1' });
  const nav = h('nav', { class: 'nav', 'aria-label': '主导航' },
    NAV.filter((n) => n.allowed(m)).map((n) =>
      h('a', { href: n.href, class: n.href.slice(2) === active ? 'active' : null, 'aria-current': n.href.slice(2) === active ? 'page' : null, 'data-nav': n.href.slice(2) }, n.label)));
  const user = h('div', { class: 'user', 'data-testid': 'user' },
    h('span', { class: 'user-name' }, m.name),
    h('span', { class: 'user-role' }, m.roleLabel),
    m.district ? h('span', { class: 'user-district' }, m.district) : null,
    langSwitch(),
    h('button', { class: 'btn btn-ghost btn-sm', type: 'button', title: '键盘快捷键 (?)', onclick: () => showHelp() }, '快捷键'),
    h('button', { class: 'btn btn-ghost btn-sm', type: 'button', onclick: () => signOut() }, '退出'));
  const top = h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: `#/${defaultPath(m)}` }, h('span', { class: 'brand-mark' }, 'bw'), h('span', null, 'bidwatch', h('small', null, '招投标监管 · 检查员控制台'))),
    nav, user);
  const root = h('div', { class: 'app' }, h('a', { class: 'skip', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } }, '跳到正文'), top, main);
  return { root, main };
}

function signOut(message?: string): void {
  session.clear();
  me = null;
  go('login', message ? { msg: message } : {});
}

async function render(): Promise<void> {
  const gen = ++generation;
  for (const fn of leaving) {
    try {
      fn();
    } catch {}
  }
  leaving = [];
  pageKeys = [];
  const app = win.document.getElementById('app')!;
  const { path, query } = parseHash();
  if (path[0] !== 'login' && path.length && !session.key()) {
    // a bookmarked or shared link without a session: sign in, then land where the link pointed
    return go('login', { next: win.location.hash.replace(/^#\/?/, '') }, true);
  }
  if (path[0] === 'login' || !session.key()) {
    me = null;
    app.replaceChildren();
    await loginPage(app, query, async (m) => {
      me = m;
      const back = query.get('next');
      go(back && !back.startsWith('login') ? back : defaultPath(m));
    });
    return;
  }
  if (!me) {
    app.replaceChildren(loading('正在验证身份…'));
    try {
      me = await api<Me>('/api/me');
    } catch (e) {
      if (gen === generation) app.replaceChildren(h('div', { class: 'boot' }, errorBox(e, '无法登录')));
      return;
    }
  }
  if (gen !== generation) return;
  if (path.length === 0) return go(defaultPath(me), {}, true);
  const route = ROUTES.find((r) => r.match(path));
  const { root, main } = shell(me, route?.nav ?? '');
  app.replaceChildren(root);
  const ctx: PageContext = {
    me,
    main,
    path,
    query,
    alive: () => gen === generation,
    onLeave: (fn) => leaving.push(fn),
    onKey: (fn) => pageKeys.push(fn),
  };
  if (!route) {
    main.replaceChildren(h('div', { class: 'alert' }, '没有这个页面。', h('a', { href: `#/${defaultPath(me)}` }, '返回首页')));
    return;
  }
  if (!route.allowed(me)) {
    main.replaceChildren(h('div', { class: 'alert' }, `您的角色（${me.roleLabel}）无权查看此页面。`, h('a', { href: `#/${defaultPath(me)}` }, '返回首页')));
    return;
  }
  try {
    await route.page(ctx);
  } catch (e) {
    if (ctx.alive()) main.replaceChildren(errorBox(e));
  }
}

function showHelp(): void {
  if (win.document.getElementById('help')) return;
  const rows: [string, string][] = [
    ['g 然后 c / i / p / r', '转到 案件 / 数据导入 / 招标人与代理 / 下浮率报告'],
    ['/', '聚焦搜索或第一个筛选项'],
    ['j / k 或 ↓ / ↑', '在案件列表中上下移动'],
    ['Enter 或 o', '打开选中的案件'],
    ['x', '认领选中的案件'],
    ['[ / ]', '上一页 / 下一页'],
    ['n', '案件详情：写备注'],
    ['Ctrl + Enter', '提交备注或状态变更'],
    ['Esc', '关闭本窗口；在案件详情中返回列表'],
    ['?', '显示本帮助'],
  ];
  const close = () => overlay.remove();
  const overlay = h('div', { class: 'overlay', id: 'help', role: 'dialog', 'aria-modal': 'true', 'aria-label': '键盘快捷键', onclick: (e) => { if (e.target === overlay) close(); } },
    h('div', { class: 'dialog' },
      h('header', { class: 'card-head' }, h('h2', null, '键盘快捷键'), h('button', { class: 'btn btn-ghost btn-sm', type: 'button', onclick: close, 'data-close': '' }, '关闭')),
      h('table', { class: 'grid keys' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('td', null, h('kbd', null, k)), h('td', null, v)))))));
  win.document.body.append(overlay);
  (overlay.querySelector('[data-close]') as DomElement).focus();
}

function onKeyDown(e: DomKeyEvent): void {
  if (e.key === 'Escape') {
    const help = win.document.getElementById('help');
    if (help) {
      help.remove();
      e.preventDefault();
      return;
    }
  }
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) {
    for (const fn of pageKeys) if (fn(e)) return e.preventDefault();
    return;
  }
  if (typingInto(e)) {
    if (e.key === 'Escape') e.target?.blur();
    return;
  }
  if (!me) return;
  if (pendingG && Date.now() - pendingG < 1200) {
    pendingG = 0;
    const item = NAV.find((n) => n.key === e.key && n.allowed(me!));
    if (item) {
      e.preventDefault();
      win.location.hash = item.href;
      return;
    }
  }
  pendingG = 0;
  if (e.key === 'g') {
    pendingG = Date.now();
    return;
  }
  if (e.key === '?') {
    e.preventDefault();
    showHelp();
    return;
  }
  for (const fn of pageKeys) if (fn(e)) return e.preventDefault();
}

applyLang();
whenUnauthorized((message) => signOut(message));
win.addEventListener('hashchange', () => void render());
win.document.addEventListener('keydown', onKeyDown);
void render();
