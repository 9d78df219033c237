import { ROLE_LABELS, ROLES, type Role } from '../auth/roles.js';
import { UsersService } from '../auth/users.service.js';
import { EXIT, out, say, type CliContext } from './cli-context.js';

/** `users add NAME --role R [--district D]`: prints the API key once, alone on the last line of stdout. */
export async function usersAdd(ctx: CliContext, name: string, o: { role: string; district?: string }): Promise<number> {
  if (!(ROLES as readonly string[]).includes(o.role)) {
    say(`--role 应为 ${ROLES.join(' | ')}，收到 “${o.role}” (unknown role)`);
    return EXIT.usage;
  }
  const users = (await ctx.get(UsersService));
  if (await users.exists(name)) {
    say(`用户“${name}”已存在 (user already exists)`);
    return EXIT.usage;
  }
  const { user, apiKey } = await users.create(name, o.role as Role, o.district?.trim() || null);
  say(
    `已创建用户 ${user.name}（${ROLE_LABELS[user.role]}${user.district ? '，' + user.district : ''}）。` +
      `API 密钥只显示这一次，请妥善保存 (the API key is shown once):`,
  );
  out(apiKey);
  return EXIT.ok;
}

export async function usersList(ctx: CliContext, o: { json?: boolean }): Promise<number> {
  const users = await (await ctx.get(UsersService)).list();
  if (o.json) out(JSON.stringify(users));
  // Revoked users are not listed: they cannot sign in (the API's /api/users shows them for an administrator).
  else for (const u of users) out(`${u.id}\t${u.name}\t${u.role}\t${u.district ?? '全部区镇'}`);
  return EXIT.ok;
}

/** `users revoke NAME`: the key stops working at once; the user stays in the case history. */
export async function usersRevoke(ctx: CliContext, name: string): Promise<number> {
  const r = await (await ctx.get(UsersService)).revoke({ name });
  if (r.outcome === 'unknown') {
    say(`没有名为“${name}”的用户 (no such user)`);
    return EXIT.usage;
  }
  say(r.outcome === 'already' ? `用户“${name}”的密钥此前已吊销 (already revoked)` : `已吊销用户“${name}”的 API 密钥，立即生效 (key revoked)`);
  return EXIT.ok;
}

/** `users rotate-key NAME`: a new key, shown once on the last line of stdout; the old one stops working at once. */
export async function usersRotateKey(ctx: CliContext, name: string): Promise<number> {
  const r = await (await ctx.get(UsersService)).rotateKey({ name });
  if (r.outcome === 'unknown') {
    say(`没有名为“${name}”的用户 (no such user)`);
    return EXIT.usage;
  }
  if (r.outcome === 'revoked') {
    say(`用户“${name}”已被吊销，不能更换密钥；如需恢复请新建用户 (the user is revoked; add a new user instead)`);
    return EXIT.usage;
  }
  say(`已为用户“${name}”更换 API 密钥，旧密钥立即失效。新密钥只显示这一次 (new key, shown once; the old key no longer works):`);
  out(r.apiKey!);
  return EXIT.ok;
}
