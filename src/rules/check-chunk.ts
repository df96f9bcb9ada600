/**
 * The `check` chunk (`segmint-check.js`): the config checks, loaded only for a config text not
 * checked before on this browser (src/config/load-checked-config.ts).
 */
export { checkLoadedConfig } from '../config/check-loaded-config';
