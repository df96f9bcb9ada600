// Theme values are data, not CSS (SPEC §8): these forms cannot name a URL (no parentheses but
// the colour function's own), cannot end a declaration or rule (no `;`, `{`, `}`) and cannot open a
// comment or an escape (no `/*`, `\`). Anything else is a config error.

/** `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, or `rgb()`/`rgba()`/`hsl()`/`hsla()` with numbers in it. */
export const COLOUR = /^(?:#(?:[\da-fA-F]{3,4}|[\da-fA-F]{6}|[\da-fA-F]{8})|(?:rgba?|hsla?)\((?:[\d.\s,%/+-]|deg|turn|g?rad|none|e)*\))$/;

/** A list of font family names, bare or quoted (`"Trail Sans", system-ui, sans-serif`), or `inherit`. */
export const FONT_FAMILIES = /^\s*(?:[\w -]+|"[\w -]+"|'[\w -]+')(?:\s*,\s*(?:[\w -]+|"[\w -]+"|'[\w -]+'))*\s*$/;

/** True when `value` is a theme value of `kind` as SPEC §8 allows it. */
export function isThemeValue(kind: 'colour' | 'font', value: unknown): value is string {
  return typeof value === 'string' && (kind === 'colour' ? COLOUR : FONT_FAMILIES).test(value);
}
