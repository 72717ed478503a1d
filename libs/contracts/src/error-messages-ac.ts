/** Error codes of after-hours AC extension (空調延長, issue #7), merged into ERROR_MESSAGES. */
export const AC_ERROR_MESSAGES = {} satisfies Record<string, { ja: string; en: string }>;
