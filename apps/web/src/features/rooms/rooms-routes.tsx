import type { RouteObject } from 'react-router';

type RoomsPages = typeof import('./rooms-pages');
const page = (name: keyof RoomsPages) => async () => {
  const pages = await import('./rooms-pages');
  return { Component: pages[name] };
};

/** 会議室: the routes under /rooms (mounted by the app router). */
export const roomsRoute: RouteObject = {
  path: 'rooms',
  children: [{ index: true, lazy: page('RoomsPage') }],
};
