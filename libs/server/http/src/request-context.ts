import { AsyncLocalStorage } from 'node:async_hooks';
import type { Locale, Role } from '@rr/contracts';

export interface RequestActor {
  id: string;
  displayName: string;
  roles: Role[];
  sectionId: string;
}

/** Per-request facts every layer may need (audit actor, request id, language) without threading them through calls. */
export interface RequestContext {
  requestId: string;
  locale: Locale;
  actor?: RequestActor;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  setActor(actor: RequestActor): void {
    const ctx = storage.getStore();
    if (ctx) ctx.actor = actor;
  },
};
