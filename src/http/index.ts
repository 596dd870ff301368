export { createApp, type AppOptions } from './app.js';
export { startServer, type RunningServer, type ServerSettings } from './server.js';
export type { LedgerEdge } from './context.js';
export type { LogWriter, RequestLogLine } from './request-log.js';
