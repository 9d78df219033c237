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
  else for (const u of users) out(`${u.id}\t${u.name}\t${u.role}\t${u.district ?? '全部区镇'}`);
  return EXIT.ok;
}
