/** Error codes of the garage counter (車庫窓口, issue #5), merged into ERROR_MESSAGES. */
export const GARAGE_ERROR_MESSAGES = {} satisfies Record<string, { ja: string; en: string }>;
