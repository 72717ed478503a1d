import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

/** Called when any request reports that the session has ended (set by the auth feature). */
let onSessionExpired: () => void = () => undefined;

export function setSessionExpiredHandler(handler: () => void): void {
  onSessionExpired = handler;
}

function checkSessionExpiry(error: unknown): void {
  // Only AUTH_REQUIRED means "signed out"; a 401 from the sign-in form (wrong password) does not.
  if (error instanceof ApiError && error.code === 'AUTH_REQUIRED') onSessionExpired();
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: checkSessionExpiry }),
    mutationCache: new MutationCache({ onError: checkSessionExpiry }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors will not change on retry; network and 5xx may.
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
