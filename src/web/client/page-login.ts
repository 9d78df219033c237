import { api, ApiError, session, type Me } from './api.js';
import { control, h, win, type DomElement } from './dom.js';
import { glossed, langSwitch } from './i18n.js';
import { errorText } from './ui.js';

/**
 * Sign-in with an API key. The key is checked against GET /api/me and then kept in sessionStorage (this tab only)
 * and sent as `Authorization: Bearer` with every request; closing the tab or 退出 forgets it.
 */
export async function loginPage(app: DomElement, query: URLSearchParams, done: (me: Me) => Promise<void>): Promise<void> {
  win.document.title = '登录 · bidwatch 检查员控制台';
  const msg = query.get('msg');
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: !msg, id: 'login-error' }, msg ?? '');
  const submit = async () => {
    const input = control('#api-key', app);
    const button = control('#login-submit', app);
    const key = input.value.trim();
    if (!key) {
      error.textContent = '请输入 API 密钥';
      error.hidden = false;
      input.focus();
      return;
    }
    button.disabled = true;
    button.textContent = '正在登录…';
    try {
      const me = await api<Me>('/api/me', { key });
      session.set(key);
      await done(me);
    } catch (e) {
      error.replaceChildren(glossed(e instanceof ApiError && e.status === 401 ? '密钥无效或已停用，请核对后重试。' : errorText(e)));
      error.hidden = false;
      button.disabled = false;
      button.textContent = '登录';
      input.select();
      input.focus();
    }
  };
  app.replaceChildren(
    h('div', { class: 'login' },
      h('form', { class: 'login-card', novalidate: true, onsubmit: (e) => { e.preventDefault(); void submit(); } },
        h('div', { class: 'login-brand' }, h('span', { class: 'brand-mark' }, 'bw'), h('div', null, h('strong', null, 'bidwatch'), h('div', null, '招投标监管 · 检查员控制台'))),
        h('p', { class: 'muted' }, '昆山市住房和城乡建设局 · 异常低价、围标串标、标后履约与现场联动核查'),
        h('label', { for: 'api-key' }, 'API 密钥'),
        h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: 'bw_…', required: true, autofocus: true }),
        error,
        h('button', { id: 'login-submit', class: 'btn btn-primary btn-block', type: 'submit' }, '登录'),
        h('div', { class: 'login-lang' }, langSwitch()),
        h('p', { class: 'hint' },
          '密钥由管理员用 ', h('code', null, 'bidwatch users add 姓名 --role inspector'), ' 创建，只显示一次。',
          '密钥只保存在本标签页中，关闭标签页或点击“退出”即失效。'))));
  control('#api-key', app).focus();
}
