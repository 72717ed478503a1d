import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_HEADER, Role, SESSION_COOKIE, SessionResponse } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { ANY_SIGNED_IN, FRESH_SESSION, IS_PUBLIC, REQUIRED_ROLES, requestContext } from '@rr/server/http';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AuthService } from './auth.service';

export type AuthedRequest = Request & { session?: SessionResponse; sessionToken?: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The one global guard. Fails closed: a route that declares neither @Public, @SignedIn nor @Roles
 * is refused (and the route-enumeration test fails the build). Unsafe methods need the session's
 * CSRF token in `X-CSRF-Token` on top of the SameSite cookie.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const anySignedIn = this.reflector.getAllAndOverride<boolean>(ANY_SIGNED_IN, targets);
    if (!roles && !anySignedIn) throw new AppError('AUTH_FORBIDDEN', 'forbidden');

    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const fresh = this.reflector.getAllAndOverride<boolean>(FRESH_SESSION, targets);
    const session = await this.auth.resolve(token, { fresh });
    if (!session) throw new AppError('AUTH_REQUIRED', 'unauthenticated');

    if (!SAFE_METHODS.has(req.method)) {
      const header = req.header(CSRF_HEADER);
      if (!header || !sameToken(header, session.csrfToken)) throw new AppError('AUTH_CSRF', 'forbidden');
    }

    req.session = session;
    req.sessionToken = token;
    const { user } = session;
    requestContext.setActor({ id: user.id, displayName: user.displayName, roles: user.roles, sectionId: user.section.id });

    if (roles && !roles.some((r) => user.roles.includes(r))) throw new AppError('AUTH_FORBIDDEN', 'forbidden');
    return true;
  }
}
