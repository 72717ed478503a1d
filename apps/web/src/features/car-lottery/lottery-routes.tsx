import type { RouteObject } from 'react-router';

type LotteryPages = typeof import('./lottery-pages');
const page = (name: keyof LotteryPages) => async () => {
  const pages = await import('./lottery-pages');
  return { Component: pages[name] };
};

/** Staff lottery routes, mounted under /cars (the cars layout shows its tabs above them). */
export const lotteryRoutes: RouteObject[] = [{ path: 'lottery', lazy: page('LotteryPage') }];

/** Garage administrators' lottery routes, mounted under /cars/admin (role-guarded there). */
export const lotteryAdminRoutes: RouteObject[] = [];
