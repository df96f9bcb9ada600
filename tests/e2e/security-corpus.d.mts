/** Markup where text is expected. */
export const MARKUP: string[];
/** URLs that would run code or leave the page's origin. */
export const URLS: string[];
/** CSS injection where a theme value is expected. */
export const CSS: string[];
/** Objects shaped like a Preact VNode. */
export const VNODES: object[];
/** JSON texts with prototype keys at depths 0 to 4. */
export const PROTO_KEYS: string[];
export const TEXT_FIELDS: string[];
export const URL_FIELDS: string[];
export const THEME_FIELDS: string[];
/** Every case the corpus spec pushes, as `channel › field › value` strings. */
export function listCases(): string[];
