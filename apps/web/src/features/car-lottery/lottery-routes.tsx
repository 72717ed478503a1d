import type { RouteObject } from 'react-router';

type LotteryPages = typeof import('./lottery-pages');
const page = (name: keyof LotteryPages) => async () => {
  const pages = await import('./lottery-pages');
  return { Component: pages[name] };
};

/** Staff lottery routes, mounted under /cars (the cars layout shows its tabs above them). */
export const lotteryRoutes: RouteObject[] = [
  { path: 'lottery', lazy: page('LotteryPage') },
  { path: 'lottery/requests/:requestId/edit', lazy: page('RequestEditPage') },
  { path: 'lottery/:roundId', lazy: page('RoundPage') },
  { path: 'lottery/:roundId/new', lazy: page('RequestNewPage') },
  { path: 'lottery/:roundId/draw', lazy: page('DrawPage') },
];

/** Garage administrators' lottery routes, mounted under /cars/admin (role-guarded there). */
export const lotteryAdminRoutes: RouteObject[] = [
  { path: 'lottery', lazy: page('AdminRoundsPage') },
  { path: 'lottery/pools/:poolId/settings', lazy: page('AdminPoolSettingsPage') },
  { path: 'lottery/:roundId', lazy: page('AdminRoundPage') },
];
