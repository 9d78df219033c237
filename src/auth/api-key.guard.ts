import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { bearerKey, logAuthFailure, type IdentifiedRequest } from './identify.js';
import type { Role } from './roles.js';
import { UsersService } from './users.service.js';

/** Every route needs `Authorization: Bearer <api key>` (401 without a valid one) and a role it allows (403). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<IdentifiedRequest>();
    // Usually identified already (the `identify` middleware, before the rate limiter); looked up here otherwise.
    let user = req.user ?? null;
    if (!user && !req.authFailed) {
      const key = bearerKey(req.headers['authorization']);
      user = key ? await this.users.byApiKey(key) : null;
    }
    if (!user) {
      req.authFailed = true;
      logAuthFailure(req, 'api');
      throw new UnauthorizedException('需要有效的 API 密钥 (a valid API key is required: Authorization: Bearer <key>)');
    }
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && user.role !== 'admin' && !roles.includes(user.role)) {
      throw new ForbiddenException(`角色“${user.role}”无权执行此操作 (role ${user.role} may not do this)`);
    }
    return true;
  }
}
