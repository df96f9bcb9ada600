// What a developer writes after `npm install segmint`, checked by tsc under each moduleResolution.
import { createSegmint, type CampaignEventPayload, type Config, type Segmint } from 'segmint';
import { compileCondition, validateConfig, ConfigError, SIGNALS, type Condition, type ValidationError } from 'segmint/rules';

/** True when T is `any`: what a type silently becomes when the package's types do not resolve. */
type IsAny<T> = 0 extends 1 & T ? true : false;
export const notAny: [IsAny<typeof createSegmint>, IsAny<typeof compileCondition>, IsAny<Config>, IsAny<CampaignEventPayload>, IsAny<ConfigError>] = [false, false, false, false, false];

const config: Config = { version: 1, defaultLocale: 'en', segments: { dach: { country: { in: ['DE', 'AT', 'CH'] } } } };
export const sm: Segmint = createSegmint({ config, consent: 'granted' });
sm.on('impression', (payload: CampaignEventPayload) => console.log(payload.campaign.toUpperCase(), payload.variant, payload.locale));

const dach: Condition = { segment: 'dach' };
export const isDach: boolean = compileCondition(dach, { segments: config.segments })({ country: 'AT' });
export const errors: ValidationError[] = validateConfig(config).errors;
export const pointerOf = (error: ConfigError): string => error.pointer;
export const kind: string = SIGNALS.device.kind;

// @ts-expect-error a config has a version
export const noVersion: Config = { defaultLocale: 'en' };
// @ts-expect-error compileCondition returns a test of signals, not a string
export const notAString: string = compileCondition(dach);
