import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ANY_SIGNED_IN, IS_PUBLIC, REQUIRED_ROLES } from '@rr/server/http';
import { createApiApp } from './app.factory';

/** Public routes, reviewed: anything else public is a mistake. */
const ALLOWED_PUBLIC = new Set([
  'GET /api/health',
  'GET /api/auth/options',
  'POST /api/auth/login',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
  // Calendar feeds: calendar apps cannot sign in; the unguessable, revocable token in the URL is the credential (ADR 0017).
  'GET /api/ical/users/:file',
  'GET /api/ical/rooms/:file',
]);

describe('Every route is guarded', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApiApp({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('should declare @Public, @SignedIn or @Roles on every handler, and be public only where reviewed', () => {
    const modules = app.get(ModulesContainer);
    const scanner = new MetadataScanner();
    const reflector = app.get(Reflector);
    const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];
    const routes: string[] = [];
    const unguarded: string[] = [];
    const unexpectedPublic: string[] = [];

    const controllers = [...modules.values()].flatMap((m) => [...m.controllers.values()]);
    for (const wrapper of controllers) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = (instance as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const route = `${method} /api/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.push(route);
        const targets = [handler as () => void, metatype];
        const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
        const roles = reflector.getAllAndOverride<string[]>(REQUIRED_ROLES, targets);
        const signedIn = reflector.getAllAndOverride<boolean>(ANY_SIGNED_IN, targets);
        if (!isPublic && !signedIn && !(roles && roles.length)) unguarded.push(route);
        if (isPublic && !ALLOWED_PUBLIC.has(route)) unexpectedPublic.push(route);
      }
    }
    expect(routes.length).toBeGreaterThan(5);
    expect(unguarded).toEqual([]);
    expect(unexpectedPublic).toEqual([]);
  });
});
