import type { RouteObject } from 'react-router';

type AcPages = typeof import('./ac-pages');
const page = (name: keyof AcPages) => async () => {
  const pages = await import('./ac-pages');
  return { Component: pages[name] };
};

/** 空調延長: the routes under /ac (mounted by the app router). */
export const acRoute: RouteObject = {
  path: 'ac',
  children: [{ index: true, lazy: page('AcRequestsPage') }],
};
