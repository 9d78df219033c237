import { Body, ConflictException, Controller, Get, HttpCode, Inject, Logger, Module, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { idParam, lineText, paging } from '../app/http-params.js';
import { CurrentUser, Roles } from './auth.decorators.js';
import { ROLES, type AuthUser } from './roles.js';
import { UsersService } from './users.service.js';
import { ApiAnswer } from '../app/openapi.js';
import { accounts, revoked, withNewKey } from './users.responses.js';

const listQuery = z.object(paging(500));
const createBody = z.strictObject({
  name: lineText(100).pipe(z.string().trim().min(1, '用户名不能为空 (empty name)')),
  role: z.enum(ROLES, { error: `角色应为 ${ROLES.join(' | ')} (unknown role)` }),
  district: lineText(100).optional(),
});

const log = new Logger('Users');
const actor = (u: AuthUser) => ({ id: u.id, name: u.name });

/**
 * Users and keys for an administrator (issue 15 §5), beside the CLI's `users add | list | revoke | rotate-key`.
 * A key is shown once, in the answer that creates it; lists show only its first characters.
 */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @ApiAnswer(accounts, { description: '一页用户 (a page of users)' })
  @Roles('admin')
  @ApiOperation({ summary: '全部用户（含已吊销的），密钥只显示前几位 (all users, revoked ones included; keys by their prefix only)' })
  async list(@Query({ schema: listQuery }) q: z.infer<typeof listQuery>) {
    const page = q.page ?? 1;
    const pageSize = q.page_size ?? 100;
    return { ...(await this.users.accounts(page, pageSize)), page, pageSize };
  }

  @Post()
  @ApiAnswer(withNewKey, { status: 201, description: '新用户与只显示这一次的密钥 (the user and their key, shown once)', errors: [400, 401, 403, 409] })
  @Roles('admin')
  @ApiOperation({ summary: '新建用户，返回只显示这一次的 API 密钥 (create a user; the key is in this answer only)' })
  async create(@CurrentUser() me: AuthUser, @Body({ schema: createBody }) body: z.infer<typeof createBody>) {
    if (await this.users.exists(body.name)) throw new ConflictException(`用户“${body.name}”已存在 (user already exists)`);
    const { user, apiKey } = await this.users.create(body.name, body.role, body.district?.trim() || null);
    log.log({ event: 'user.created', userId: user.id, role: user.role, by: actor(me), msg: `新建用户 ${user.name} (user created)` });
    return { user, apiKey };
  }

  @Post(':id/revoke')
  @ApiAnswer(revoked, { description: '已吊销 (revoked)', errors: [400, 401, 403, 404, 409] })
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '吊销用户的密钥，立即生效 (revoke the key, at once)' })
  async revoke(@CurrentUser() me: AuthUser, @Param('id', { schema: idParam }) id: number) {
    if (Number(me.id) === id) throw new ConflictException('不能吊销自己的密钥：请由另一位管理员操作 (you cannot revoke yourself)');
    const r = await this.users.revoke({ id });
    if (r.outcome === 'unknown') throw new NotFoundException(`用户 ${id} 不存在 (no such user)`);
    if (r.outcome === 'revoked') log.log({ event: 'user.revoked', userId: id, by: actor(me), msg: `吊销用户 ${r.user!.name} 的密钥 (key revoked)` });
    return { user: r.user, alreadyRevoked: r.outcome === 'already' };
  }

  @Post(':id/rotate-key')
  @ApiAnswer(withNewKey, { description: '新密钥，只显示这一次 (the new key, shown once)', errors: [400, 401, 403, 404, 409] })
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '更换密钥，返回只显示这一次的新密钥，旧密钥立即失效 (new key, in this answer only; the old one stops working)' })
  async rotate(@CurrentUser() me: AuthUser, @Param('id', { schema: idParam }) id: number) {
    const r = await this.users.rotateKey({ id });
    if (r.outcome === 'unknown') throw new NotFoundException(`用户 ${id} 不存在 (no such user)`);
    if (r.outcome === 'revoked') throw new ConflictException('该用户已被吊销，不能更换密钥 (the user is revoked)');
    log.log({ event: 'user.key_rotated', userId: id, by: actor(me), msg: `更换用户 ${r.user!.name} 的密钥 (key rotated)` });
    return { user: r.user, apiKey: r.apiKey };
  }
}

@Module({ controllers: [UsersController] })
export class UsersModule {}
