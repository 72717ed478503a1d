import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthOptions, LoginRequest, loginRequestSchema, SESSION_COOKIE, SessionResponse } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { FreshSession, Public, SignedIn, ZodPipe } from '@rr/server/http';
import type { Response } from 'express';
import type { AuthedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  @Get('options')
  @Public()
  options(): AuthOptions {
    return { oidcEnabled: this.config.auth.oidc !== undefined };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Body(new ZodPipe(loginRequestSchema)) body: LoginRequest, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    const issued = await this.auth.login(body.username, body.password);
    setSessionCookie(res, issued.token, issued.expiresAt, this.config.auth.cookieSecure);
    return issued.response;
  }

  @Get('me')
  @SignedIn()
  // The web reads the profile here after changing it (language, name): never from the short cache.
  @FreshSession()
  me(@Req() req: AuthedRequest): SessionResponse {
    if (!req.session) throw new AppError('AUTH_REQUIRED', 'unauthenticated');
    return req.session;
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(204)
  async logout(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout((req.cookies as Record<string, string>)[SESSION_COOKIE]);
    clearSessionCookie(res, this.config.auth.cookieSecure);
  }
}
