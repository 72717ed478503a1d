import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuthOptions, LoginRequest, SessionResponse } from '@rr/contracts';
import { api, ApiError, setCsrfToken } from '../../../shared/api/client';

export const sessionQueryKey = ['auth', 'session'] as const;

// True after the user signs out on purpose (until the next sign-in): the next person at a shared
// tablet should land on the home page, not on the page the previous user was looking at.
let signedOutByUser = false;

export function wasSignedOutByUser(): boolean {
  return signedOutByUser;
}

/** The current session, or null when nobody is signed in. Other failures (API down) throw. */
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await api.get<SessionResponse>('/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useAuthOptions() {
  return useQuery({
    queryKey: ['auth', 'options'],
    // SSO is optional: if the options cannot be read, the form still offers local sign-in.
    queryFn: () => api.get<AuthOptions>('/auth/options').catch((): AuthOptions => ({ oidcEnabled: false })),
    staleTime: Infinity,
    retry: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<SessionResponse>('/auth/login', body),
    onSuccess: (session) => {
      signedOutByUser = false;
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/auth/logout');
      } catch (error) {
        // Already signed out on the server: the result for the user is the same.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      signedOutByUser = true;
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}
