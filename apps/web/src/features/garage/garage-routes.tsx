import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/components/require-role';
import { CAR_ADMIN_ROLES } from '../cars/roles';

type GaragePages = typeof import('./garage-pages');
const page = (name: keyof GaragePages) => async () => {
  const pages = await import('./garage-pages');
  return { Component: pages[name] };
};

/**
 * 車庫窓口: the routes under /garage. The counter, records, ledger and detectors are for garage
 * administrators (the API checks the same roles); /garage/my-trips is every driver's own page.
 */
export const garageRoute: RouteObject = {
  path: 'garage',
  children: [
    { path: 'my-trips', lazy: page('MyTripsPage') },
    {
      element: <RequireRole roles={CAR_ADMIN_ROLES} />,
      children: [
        { index: true, lazy: page('GarageCounterPage') },
        { path: 'records', lazy: page('GarageRecordsPage') },
        { path: 'ledger', lazy: page('GarageLedgerPage') },
        { path: 'detectors', lazy: page('GarageDetectorsPage') },
        { path: 'settings', lazy: page('GarageSettingsPage') },
      ],
    },
  ],
};
