import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession, wasSignedOutByUser } from '../api/auth.api';
import { LoadingState } from '../../../shared/components/loading-state';
import { ServiceErrorPage } from '../../../shared/components/service-error-page';

export interface LoginRedirectState {
  from?: string;
}

/** Renders the app only for a signed-in user; anyone else goes to /login and comes back after. */
export function RequireAuth() {
  const location = useLocation();
  const session = useSession();

  if (session.isPending) return <LoadingState fullPage />;
  if (session.isError) return <ServiceErrorPage error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    const state: LoginRedirectState | undefined = wasSignedOutByUser()
      ? undefined
      : { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}
