import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { AppShell, Box } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './app-header';
import { MainNav } from './main-nav';
import { SkipLink } from './skip-link';
import { useLogout } from '../../features/auth/api/auth.api';
import { ErrorAlert } from '../../shared/components/error-alert';

/** Header, navigation and main landmarks around every signed-in page. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(location.pathname);
  // On success the session is cleared and <RequireAuth> moves to /login. If the API cannot be
  // reached the user is still signed in on the server: say so rather than pretend.
  const logout = useLogout();

  // After client-side navigation move focus to the new page, as a full page load would, so
  // screen-reader and keyboard users start at the top of the new content. (Comparing paths, not
  // counting renders, keeps this right under StrictMode's double effects.)
  useEffect(() => {
    if (lastPath.current === location.pathname) return;
    lastPath.current = location.pathname;
    closeNav();
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname, closeNav]);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="lg"
      >
        <AppShell.Header>
          <AppHeader navOpened={navOpened} onToggleNav={toggleNav} onSignOut={() => logout.mutate()} signingOut={logout.isPending} />
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          <MainNav />
        </AppShell.Navbar>
        <AppShell.Main id="main" ref={mainRef} tabIndex={-1} className="app-main">
          <div className="page">
            {logout.error && (
              <Box mb="md">
                <ErrorAlert error={logout.error} title={t('header.logoutFailed')} />
              </Box>
            )}
            <Outlet />
          </div>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
