import { prepareConfig } from '../rules/prepare-config';
import { simulateVisit, type Simulation, type SimulatedCampaign } from '../campaigns/simulate';
import { isPlainObject } from '../lib/is-plain-object';
import { readJsonFile } from './read-json';
import { formatValidation } from './validate';

/** Runs a simulation from files; returns what to print and whether the config was valid. */
export function simulateFiles(configFile: string, visitorFile: string, at: number): { simulation?: Simulation; problems: string[] } {
  const config = readJsonFile(configFile);
  if ('error' in config) return { problems: [formatValidation({ file: configFile, ok: false, errors: [{ pointer: '', message: config.error, line: config.line, column: config.column }] })] };
  const visitor = readJsonFile(visitorFile);
  if ('error' in visitor) return { problems: [`${visitorFile}${visitor.line ? `:${visitor.line}:${visitor.column}` : ''}: ${visitor.error}`] };
  if (!isPlainObject(visitor.value)) return { problems: [`${visitorFile}: a visitor is a JSON object of signals, e.g. { "locale": "de-AT", "productViews": 3 }`] };
  const { prepared, errors } = prepareConfig(config.value, () => at);
  const problems = errors.length ? [formatValidation({ file: configFile, ok: false, errors })] : [];
  if (!prepared) return { problems };
  return { simulation: simulateVisit(prepared, visitor.value, at), problems };
}

/** The simulation as lines a marketer reads: the winner first, then why each other campaign would not show. */
export function formatSimulation(simulation: Simulation): string {
  const { signals } = simulation;
  const who = [signals.locale, signals.device, signals.path].filter(Boolean).join(', ');
  const lines = [`visitor "${simulation.visitor}" (${who}) at ${simulation.at}`];
  const winner = simulation.winner;
  if (!winner) lines.push('shows nothing: no campaign is eligible');
  else if (!winner.shows) lines.push(`shows nothing: the visitor is in the holdout of "${winner.id}"`);
  const width = Math.max(0, ...simulation.campaigns.map((c) => c.id.length));
  for (const campaign of simulation.campaigns) lines.push(formatCampaign(campaign, width, winner));
  return lines.join('\n');
}

function formatCampaign(campaign: SimulatedCampaign, width: number, winner: SimulatedCampaign | null): string {
  const id = campaign.id.padEnd(width);
  if (campaign.shows) return `  shows  ${id}  variant ${campaign.variant}, locale ${campaign.locale}, trigger ${campaign.trigger}`;
  if (campaign.eligible) {
    const why = campaign === winner ? 'holdout' : `eligible, but "${winner?.id}" has priority`;
    return `  no     ${id}  ${why}`;
  }
  const where = campaign.pointer ? ` ${campaign.pointer}` : '';
  const found = campaign.reason === 'audience' ? ` (found ${JSON.stringify(campaign.actual ?? null)})` : '';
  return `  no     ${id}  ${campaign.reason}${where}${found}`;
}
