import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { Public } from '@rr/server/http';
import type { Request, Response } from 'express';
import { setSessionCookie } from '../session-cookie';
import { OidcService } from './oidc.service';
import { clearedOidcTransientCookieOptions, OIDC_TRANSIENT_COOKIE, oidcTransientCookieOptions } from './oidc-transient-cookie';

/** Browser navigations, not XHR: both routes answer with redirects (404 only when SSO is off). */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly oidc: OidcService,
  ) {}

  @Get('login')
  @Public()
  async login(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    const start = await this.oidc.start(returnTo);
    res.setHeader('Cache-Control', 'no-store');
    if (start.transientCookie) res.cookie(OIDC_TRANSIENT_COOKIE, start.transientCookie, oidcTransientCookieOptions(this.config.auth.cookieSecure));
    res.redirect(302, start.redirectTo);
  }

  @Get('callback')
  @Public()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const queryAt = req.originalUrl.indexOf('?');
    const query = queryAt === -1 ? '' : req.originalUrl.slice(queryAt);
    const cookie = (req.cookies as Record<string, string> | undefined)?.[OIDC_TRANSIENT_COOKIE];
    const outcome = await this.oidc.finish(query, cookie);
    // Single use, whatever the outcome: a replayed callback finds no attempt to finish.
    res.setHeader('Cache-Control', 'no-store');
    res.clearCookie(OIDC_TRANSIENT_COOKIE, clearedOidcTransientCookieOptions(this.config.auth.cookieSecure));
    if (outcome.ok) setSessionCookie(res, outcome.session.token, outcome.session.expiresAt, this.config.auth.cookieSecure);
    res.redirect(302, outcome.redirectTo);
  }
}
