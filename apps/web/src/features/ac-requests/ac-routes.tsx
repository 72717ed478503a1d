import { Navigate, type RouteObject } from 'react-router';
import { RequireRole } from '../auth/components/require-role';
import { NotFoundPage } from '../../shared/components/not-found-page';
import { AC_ADMIN_ROLES, AC_OPERATOR_ROLES } from './roles';

type AcPages = typeof import('./ac-pages');
const page = (name: keyof AcPages) => async () => {
  const pages = await import('./ac-pages');
  return { Component: pages[name] };
};
const reports = async () => ({ Component: (await import('./components/reports-page')).AcReportsPage });

/** 空調延長: the routes under /ac (mounted by the app router). /ac/new accepts ?zone&date&start&end from a room booking. */
export const acRoute: RouteObject = {
  path: 'ac',
  lazy: page('AcLayout'),
  children: [
    { index: true, element: <Navigate to="new" replace /> },
    { path: 'new', lazy: page('AcNewRequestPage') },
    { path: 'requests', lazy: page('AcMyRequestsPage') },
    { path: 'requests/:id', lazy: page('AcRequestDetailPage') },
    { path: 'inbox', lazy: page('AcInboxPage') },
    { element: <RequireRole roles={AC_OPERATOR_ROLES} />, children: [{ path: 'operator', lazy: page('AcOperatorPage') }] },
    {
      element: <RequireRole roles={AC_ADMIN_ROLES} />,
      children: [
        { path: 'reports', lazy: reports },
        { path: 'zones', lazy: page('AcZonesPage') },
      ],
    },
    { path: '*', element: <NotFoundPage /> },
  ],
};
