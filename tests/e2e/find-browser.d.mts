/** The Chromium to test in: Playwright's own when installed, else the system's; throws when there is none. */
export function findChromium(): string;
/** Flags for running Chromium as root in a container without network access. */
export const CHROMIUM_ARGS: string[];
