import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/components/require-role';
import { CAR_ADMIN_ROLES } from '../cars/roles';

type GaragePages = typeof import('./garage-pages');
const page = (name: keyof GaragePages) => async () => {
  const pages = await import('./garage-pages');
  return { Component: pages[name] };
};

/** 車庫窓口: the routes under /garage, for garage administrators (the API checks the same roles). */
export const garageRoute: RouteObject = {
  path: 'garage',
  element: <RequireRole roles={CAR_ADMIN_ROLES} />,
  children: [{ index: true, lazy: page('GarageCounterPage') }],
};
