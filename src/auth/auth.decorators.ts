import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthUser, Role } from './roles.js';

export const PUBLIC_KEY = 'bidwatch:public';
export const ROLES_KEY = 'bidwatch:roles';

/** No API key needed (only /api/health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The roles allowed on a route or controller; admin is always allowed. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user as AuthUser;
});
