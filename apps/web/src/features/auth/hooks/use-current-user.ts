import type { SessionResponse } from '@rr/contracts';
import { useSession } from '../api/auth.api';

/** The signed-in session. Only for components rendered under <RequireAuth>. */
export function useCurrentSession(): SessionResponse {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession used outside <RequireAuth>');
  return data;
}

export function useCurrentUser() {
  return useCurrentSession().user;
}
