import { prepareConfig } from '../rules/prepare-config';
import { writeConfigMessages } from '../rules/config-messages';
import { simulateVisit, type Simulation, type SimulatedCampaign } from '../campaigns/simulate';
import { isPlainObject } from '../lib/is-plain-object';
import { didYouMean } from '../lib/nearest';
import type { Command } from './command';
import { checkVisitor } from './check-visitor';
import { readJsonFile } from './read-json';
import { formatValidation, syntaxError, type FileError } from './validate';

/** `segmint simulate <config.json> --visitor <visitor.json>`: which campaign would show, and why the others would not. */
export const simulateCommand: Command = {
  synopsis: '<config.json> --visitor <visitor.json> [--at <ISO time>] [--expect <campaign|none>] [--json]',
  help: [
    'which campaign would show for a visitor (a JSON object of signals, as explain() reports them),',
    'in which variant and locale, and why each other campaign would not; the visitor file may list',
    'the page\'s "slots" (inline campaigns fill only those) and, in its campaign history,',
    'firstImpressionAt (a countdown\'s start) and a question\'s "answer"',
    '--at      the moment to simulate (default: now); schedules and caps are judged at that time',
    '--expect  exit 1 unless this campaign (or "none") is the popup that shows, or an inline campaign',
    '          that fills one of the page\'s slots: rules as tests in CI',
    '--json    machine-readable output, for CI pipelines',
  ],
  flags: { visitor: 'value', at: 'value', expect: 'value', json: 'switch' },
  required: ['visitor'],
  files: { min: 1, max: 1, name: 'config file' },
  run({ files: [configFile], flags }, { out, err }) {
    const at = typeof flags.at === 'string' ? Date.parse(flags.at) : Date.now();
    if (Number.isNaN(at)) {
      err(`segmint: --at needs an ISO time such as 2026-12-03T10:00:00Z, got "${flags.at}"`);
      return 2;
    }
    const { simulation, problems, campaignIds } = simulateFiles(configFile, String(flags.visitor), at);
    if (flags.json) out(JSON.stringify({ problems, ...simulation }, null, 2));
    else {
      if (problems.length) err(problems.join('\n'));
      if (simulation) out(formatSimulation(simulation));
    }
    if (!simulation || problems.length) return 1;
    if (typeof flags.expect === 'string') {
      const shown = simulation.winner?.shows ? simulation.winner.id : 'none';
      // An inline campaign is expected in its slot, beside whatever popup shows.
      const filled = Object.values(simulation.slots).some((filler) => filler?.shows && filler.id === flags.expect);
      if (shown !== flags.expect && !filled) {
        const unknown = flags.expect !== 'none' && !campaignIds.includes(flags.expect);
        const hint = unknown ? `; the config has no campaign "${flags.expect}"${didYouMean(flags.expect, campaignIds)}` : '';
        const slot = simulation.campaigns.find((c) => c.id === flags.expect)?.slot;
        if (slot !== undefined) {
          const filler = simulation.slots[slot];
          err(`expected "${flags.expect}" to fill slot ${slot}, but ${filler?.shows ? `"${filler.id}" fills it` : slot in simulation.slots ? 'it keeps its fallback' : 'the page has no such slot'}`);
          return 1;
        }
        err(`expected "${flags.expect}" to show, but ${shown === 'none' ? 'nothing shows' : `"${shown}" shows`}${hint}`);
        return 1;
      }
    }
    return 0;
  },
};

/** Runs a simulation from files; returns what to print, and the config's campaign ids for hints. */
export function simulateFiles(configFile: string, visitorFile: string, at: number): { simulation?: Simulation; problems: string[]; campaignIds: string[] } {
  const config = readJsonFile(configFile);
  if ('error' in config) return { problems: [formatValidation({ file: configFile, ok: false, errors: [syntaxError(config)] })], campaignIds: [] };
  const visitor = readJsonFile(visitorFile);
  if ('error' in visitor) return { problems: [formatValidation({ file: visitorFile, ok: false, errors: [syntaxError(visitor)] })], campaignIds: [] };
  const { prepared, errors } = prepareConfig(config.value, () => at);
  const problems = errors.length ? [formatValidation({ file: configFile, ok: false, errors: writeConfigMessages(errors) })] : [];
  if (!prepared) return { problems, campaignIds: [] };
  const campaignIds = prepared.campaigns.map((c) => c.id);
  if (!isPlainObject(visitor.value)) {
    return { problems: [...problems, `${visitorFile}: a visitor is a JSON object of signals, e.g. { "locale": "de-AT", "productViews": 3 }`], campaignIds };
  }
  const slots = [...new Set(prepared.campaigns.flatMap((c) => (c.slot === undefined ? [] : [c.slot])))];
  const questions = Object.fromEntries(prepared.campaigns.flatMap((c) => (c.question ? [[c.id, { trait: c.question.trait, values: c.question.options.map((o) => o.value) }]] : [])));
  const visitorErrors: FileError[] = checkVisitor(visitor.value, { campaigns: campaignIds, products: Object.keys(prepared.catalog), slots, questions });
  if (visitorErrors.length) return { problems: [...problems, formatValidation({ file: visitorFile, ok: false, errors: visitorErrors })], campaignIds };
  return { simulation: simulateVisit(prepared, visitor.value, at), problems, campaignIds };
}

/** The simulation as lines a marketer reads: the popup that wins first, each slot's fill, then why each other campaign would not show. */
export function formatSimulation(simulation: Simulation): string {
  const { signals } = simulation;
  const who = [signals.locale, signals.device, signals.path].filter(Boolean).join(', ');
  const lines = [`visitor "${simulation.visitor}" (${who}) at ${simulation.at}`];
  const winner = simulation.winner;
  if (!winner) lines.push('shows nothing: no campaign is eligible');
  else if (!winner.shows) lines.push(`shows nothing: the visitor is in the holdout of "${winner.id}"`);
  for (const [slot, filler] of Object.entries(simulation.slots ?? {})) {
    if (!filler) lines.push(`slot ${slot}: the host's fallback, no inline campaign is eligible`);
    else if (!filler.shows) lines.push(`slot ${slot}: the host's fallback, the visitor is in the holdout of "${filler.id}"`);
    else lines.push(`slot ${slot}: ${filler.id}`);
  }
  const width = Math.max(0, ...simulation.campaigns.map((c) => c.id.length));
  for (const campaign of simulation.campaigns) lines.push(formatCampaign(campaign, width, simulation));
  return lines.join('\n');
}

function formatCampaign(campaign: SimulatedCampaign, width: number, simulation: Simulation): string {
  const id = campaign.id.padEnd(width);
  const offered = campaign.products?.length ? `, offers ${campaign.products.join(' ')}` : '';
  const formats = describeFormats(campaign);
  if (campaign.shows) {
    const where = campaign.slot === undefined ? `trigger ${campaign.trigger}` : `in slot ${campaign.slot}`;
    return `  shows  ${id}  variant ${campaign.variant}, locale ${campaign.locale}, ${where}${offered}${formats}`;
  }
  if (campaign.eligible) {
    const rival = campaign.slot === undefined ? simulation.winner : simulation.slots?.[campaign.slot];
    const why = rival?.id === campaign.id ? 'holdout' : `eligible, but "${rival?.id}" has priority${campaign.slot === undefined ? '' : ` in slot ${campaign.slot}`}`;
    return `  no     ${id}  ${why}${formats}`;
  }
  const where = campaign.pointer ? ` ${campaign.pointer}` : '';
  const found = campaign.reason === 'audience' ? ` (found ${JSON.stringify(campaign.actual ?? null)})` : '';
  const slot = campaign.reason === 'slot' ? ` (the page has no slot ${campaign.slot})` : '';
  return `  no     ${id}  ${campaign.reason}${where}${found}${slot}${formats}`;
}

/** A countdown's end and a question's answer, where the campaign has them. */
function describeFormats(campaign: SimulatedCampaign): string {
  const parts: string[] = [];
  if (campaign.countdownEndsAt) parts.push(`countdown ends ${campaign.countdownEndsAt}`);
  if (campaign.question) {
    const { trait, answer } = campaign.question;
    parts.push(answer === null ? `asks traits.${trait}, not answered` : `asks traits.${trait}, answered ${JSON.stringify(answer)}`);
  }
  return parts.length ? `; ${parts.join('; ')}` : '';
}
