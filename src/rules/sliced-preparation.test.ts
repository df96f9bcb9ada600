import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prepareConfig, checkConfig, checkConfigSteps } from './prepare-config';
import { compileConfigSteps, readCleanForm } from './compile-config';
import { chooseCampaign, chooseCampaignSteps, type DecisionInput } from '../campaigns/decide';
import { parseJsonSteps } from '../lib/parse-json-steps';
import { runInSlices } from '../lib/run-in-slices';
import { profileAfter, campaignEvent, signalsFor, HOUR } from '../../tests/unit/campaigns';
import { listJsonFixtures, readJsonFixture } from '../../tests/unit/fixtures';
import type { ProfileEvent } from '../profile/record';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const now = () => T0;

/** Campaigns a marketer could write: audiences, pages, priorities, caps, schedules, variants. */
const campaignArb = fc.record({
  audience: fc.option(fc.oneof(
    fc.record({ productViews: fc.record({ gte: fc.integer({ min: 0, max: 4 }) }) }),
    fc.record({ country: fc.record({ in: fc.subarray(['US', 'DE', 'AT', 'FR']) }) }),
    fc.record({ device: fc.constantFrom('mobile', 'desktop') }),
    fc.record({ any: fc.constant([{ sessions: { gte: 2 } }, { cartValue: { gt: 10 } }]) }),
  ), { nil: undefined }),
  pages: fc.option(fc.record({ include: fc.subarray(['/', '/products/*', '/cart'], { minLength: 1 }) }), { nil: undefined }),
  priority: fc.option(fc.integer({ min: -2, max: 3 }), { nil: undefined }),
  frequency: fc.option(fc.record({ afterDismissHours: fc.constant(24) }), { nil: undefined }),
  schedule: fc.option(fc.constantFrom({ from: '2026-01-01T00:00:00Z' }, { until: '2026-03-01T00:00:00Z' }), { nil: undefined }),
  variants: fc.option(fc.constant([{ id: 'a' }, { id: 'b', weight: 2 }]), { nil: undefined }),
}, { requiredKeys: [] });

const configArb = fc.array(campaignArb, { minLength: 1, maxLength: 40 }).map((campaigns) => ({
  version: 1,
  defaultLocale: 'en',
  campaigns: campaigns.map((fields, i) => JSON.parse(JSON.stringify({ id: `c${i}`, content: { en: { title: `C${i}` } }, ...fields }))),
}));

const visitorArb = fc.record({
  path: fc.constantFrom('/', '/products/p1', '/cart'),
  device: fc.constantFrom('mobile', 'desktop'),
  country: fc.constantFrom('US', 'DE', 'FR'),
  views: fc.integer({ min: 0, max: 5 }),
  dismissed: fc.integer({ min: 0, max: 39 }),
  id: fc.stringMatching(/^[0-9a-f]{24}$/),
});

type Visitor = typeof visitorArb extends fc.Arbitrary<infer T> ? T : never;

function inputFor(visitor: Visitor): DecisionInput {
  const events: [ProfileEvent, number][] = [
    ...Array.from({ length: visitor.views }, (_, i): [ProfileEvent, number] => [{ type: 'track', name: 'view_item', props: { id: `p${i}` } }, T0 - HOUR + i]),
    [campaignEvent('dismiss', `c${visitor.dismissed}`), T0 - HOUR],
  ];
  const profile = profileAfter(T0 - 2 * HOUR, events, visitor.id);
  return { signals: signalsFor(profile, T0, { path: visitor.path, device: visitor.device, country: visitor.country }), profile, now: T0, limits: {} };
}

describe('preparing and deciding in slices', () => {
  it('decides exactly as at once: parsed, checked, compiled and decided in slices of no time at all (a pause after every step)', async () => {
    await fc.assert(fc.asyncProperty(configArb, fc.array(visitorArb, { minLength: 1, maxLength: 4 }), async (raw, visitors) => {
      const { prepared, errors } = prepareConfig(raw, now);
      expect(errors).toEqual([]);
      const parsed = await runInSlices(parseJsonSteps(JSON.stringify(raw)), -1);
      const { clean } = await runInSlices(checkConfigSteps(parsed), -1);
      const sliced = await runInSlices(compileConfigSteps(clean!, now), -1);
      // The kept form of a config that checked clean: the config itself.
      const kept = await runInSlices(compileConfigSteps(readCleanForm(parsed, clean!.needs), now), -1);
      expect([...sliced.needs]).toEqual([...prepared!.needs]);
      for (const visitor of visitors) {
        const input = inputFor(visitor);
        const expected = chooseCampaign(prepared!.campaigns, input);
        const describe = (decision: typeof expected) => decision && [decision.campaign.id, decision.variant === 'holdout' ? 'holdout' : decision.variant.id];
        expect(describe(await runInSlices(chooseCampaignSteps(sliced.campaigns, input), -1))).toEqual(describe(expected));
        expect(describe(await runInSlices(chooseCampaignSteps(kept.campaigns, input), -1))).toEqual(describe(expected));
      }
    }), { numRuns: 40 });
  });

  it('finds the checked form of a config that checked clean to be the config itself (what the kept fingerprint relies on)', async () => {
    const files = listJsonFixtures('configs/valid');
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const raw = readJsonFixture(`configs/valid/${file}`);
      const { clean, errors } = await runInSlices(checkConfigSteps(raw));
      expect(errors, file).toEqual([]);
      const { $schema: _schema, ...expected } = clean as unknown as Record<string, unknown>;
      const { $schema: _hint, ...form } = readCleanForm(raw, clean!.needs) as unknown as Record<string, unknown>;
      expect(JSON.parse(JSON.stringify(form)), file).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    fc.assert(fc.property(configArb, (raw) => {
      const { clean, errors } = checkConfig(raw);
      expect(errors).toEqual([]);
      expect(JSON.parse(JSON.stringify(readCleanForm(raw, clean!.needs)))).toEqual(JSON.parse(JSON.stringify(clean)));
    }), { numRuns: 20 });
  });
});
