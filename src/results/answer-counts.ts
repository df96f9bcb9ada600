// Answers per option of question campaigns (SPEC §7 "Questions", §10 `answer`), from beacon
// events read in any order. Per campaign and visitor only the latest answer (by `time`) is kept,
// because a visitor who changes their mind holds the new answer as their trait: the option counts
// say what visitors hold now, `answers` how often each option was chosen at all.

/** An answer value as the beacon carries it. */
export type AnswerValue = string | number | boolean;

/** What counting needs of one configured question campaign. */
export interface AnswerPlan {
  campaign: string;
  trait: string;
  /** The configured option values, in config order. */
  values: AnswerValue[];
}

/** One option's counts. */
export interface OptionCount {
  value: AnswerValue;
  /** Distinct visitors whose latest answer is this option. */
  visitors: number;
  /** `answer` events choosing this option (each event id once). */
  answers: number;
}

/** One campaign's answers, the options in config order (then values seen, without a config). */
export interface AnswerCounts {
  campaign: string;
  trait: string;
  options: OptionCount[];
}

/** Collects answers; `add` says false for an answer the config's question does not have. */
export interface AnswerCounter {
  add(campaign: string, visitor: string, time: number, trait: string, value: AnswerValue): boolean;
  finish(): AnswerCounts[];
}

interface Tally {
  trait: string;
  /** Option key (type and value) to its place in `values`. */
  index: Map<string, number>;
  values: AnswerValue[];
  answers: number[];
  /** Per visitor, the latest answer: its time and option. */
  latest: Map<string, { time: number; option: number }>;
  /** Options may be added as seen (no config). */
  open: boolean;
}

/** A key that keeps `1`, `"1"` and `true` apart. */
const keyOf = (value: AnswerValue): string => `${typeof value}:${String(value)}`;

/** Creates a counter; with `plans` null (no config), every campaign's answers and values seen are counted. */
export function createAnswerCounter(plans: AnswerPlan[] | null): AnswerCounter {
  const tallies = new Map<string, Tally>();
  const tallyOf = (campaign: string, trait: string, values: AnswerValue[], open: boolean): Tally => {
    const tally: Tally = { trait, index: new Map(values.map((value, i) => [keyOf(value), i])), values: [...values], answers: values.map(() => 0), latest: new Map(), open };
    tallies.set(campaign, tally);
    return tally;
  };
  for (const plan of plans ?? []) tallyOf(plan.campaign, plan.trait, plan.values, false);

  return {
    add(campaign, visitor, time, trait, value) {
      let tally = tallies.get(campaign);
      if (!tally) {
        if (plans) return false;
        tally = tallyOf(campaign, trait, [], true);
      }
      if (trait !== tally.trait) return false;
      const key = keyOf(value);
      let option = tally.index.get(key);
      if (option === undefined) {
        if (!tally.open) return false;
        option = tally.values.length;
        tally.values.push(value);
        tally.answers.push(0);
        tally.index.set(key, option);
      }
      tally.answers[option]++;
      const before = tally.latest.get(visitor);
      // Same time: the one read later wins (files are appended in order of receipt).
      if (!before || time >= before.time) tally.latest.set(visitor, { time, option });
      return true;
    },

    finish() {
      return [...tallies].map(([campaign, tally]) => {
        const visitors = tally.values.map(() => 0);
        for (const { option } of tally.latest.values()) visitors[option]++;
        return { campaign, trait: tally.trait, options: tally.values.map((value, i) => ({ value, visitors: visitors[i], answers: tally.answers[i] })) };
      });
    },
  };
}
