/**
 * The bounds of case command input, stated once: the decider checks them, the API schemas
 * and the console's forms read them from here.
 */

/** Art. 42: the head of the body may extend the limit once, by up to ten working days. */
export const EXTENSION_DAYS = { min: 1, max: 10 } as const;

/** 好差评: five levels; one or two open a rectification. */
export const RATING_LEVELS = { min: 1, max: 5 } as const;
