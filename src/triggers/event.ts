import type { ArmTrigger } from './trigger';

/** Fires each time the named event is tracked, after the profile has recorded it. */
export const armEventTrigger: ArmTrigger<{ on: 'event'; event: string }> = (trigger, context, fire) =>
  context.onTrack((name) => {
    if (name === trigger.event) fire();
  });
