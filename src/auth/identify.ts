import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AuthUser } from './roles.js';
import type { UsersService } from './users.service.js';

/**
 * The API key in an Authorization header, however the scheme is spelled: `Bearer`, `bearer`, `BEARER`, one or
 * more spaces or tabs. The guard and the rate limiter read the key through this one function, so a respelling of
 * the header can be neither a second identity nor a way around the limit (issue 14).
 */
export function bearerKey(header: unknown): string | null {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(typeof header === 'string' ? header : '');
  return m ? m[1]! : null;
}

/** What identification left on the request for the limiter, the docs gate and the guard. */
export interface IdentifiedRequest extends Request {
  user?: AuthUser;
  /** A key was sent and it is not a valid one (or none was sent where one is needed): counts as a failed sign-in. */
  authFailed?: boolean;
  /** The lookup itself failed (database busy): the guard looks again and reports that error properly. */
  authError?: unknown;
}

/**
 * Express middleware that resolves the API key once per request, before rate limiting, so that the limiter keys
 * on who the caller is (the user id) rather than on the header's bytes. It never answers the request itself:
 * the guard decides 401/403 as before, reading `req.user`.
 */
export function identify(users: UsersService) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const r = req as IdentifiedRequest;
    const header = req.headers['authorization'];
    if (header === undefined) return next();
    const key = bearerKey(header);
    try {
      const user = key ? await users.byApiKey(key) : null;
      if (user) r.user = user;
      else r.authFailed = true;
    } catch (err) {
      r.authError = err;
    }
    next();
  };
}

const authLog = new Logger('Auth');

/**
 * The `auth.failure` event: which route was refused to which address and why (no key, or a key that is unknown,
 * revoked or malformed). The key itself is never written, not even in part.
 */
export function logAuthFailure(req: Request, where: 'api' | 'docs'): void {
  authLog.warn({
    event: 'auth.failure',
    reason: req.headers['authorization'] === undefined ? 'missing_key' : 'invalid_key',
    where,
    method: req.method,
    path: req.originalUrl.split('?')[0],
    address: req.ip,
    msg: '身份验证失败 (authentication failed)',
  });
}
