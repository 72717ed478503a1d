import { hostname } from 'node:os';

/** Identifies this worker process in logs, heartbeats and liveness keys. */
export const WORKER_ID = `${hostname()}:${process.pid}`;
