import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../rules/config-error';
import { prepareConfig } from '../rules/prepare-config';

const loadDiagnostics = vi.fn();
vi.mock('../chunks/load-chunks', () => ({ loadDiagnostics: () => loadDiagnostics() }));
const { describeConfigErrors } = await import('./describe-config-errors');

const config = {
  version: 1,
  defaultLocale: 'en',
  campaigns: [{ id: 'typo', audiance: {}, content: { en: { title: 'Hi' } } }, { id: 'fine', content: { en: { title: 'Hi' } } }],
};
/** What the script-tag core's checks give: the same pointers, no messages. */
const withoutMessages = () => prepareConfig(config).errors.map((error) => new ConfigError(error.pointer, ''));

describe('describeConfigErrors', () => {
  it('returns errors that already have messages as they are, without loading anything', async () => {
    loadDiagnostics.mockClear();
    const { errors } = prepareConfig(config);
    expect(await describeConfigErrors(config, errors, Date.now)).toBe(errors);
    expect(loadDiagnostics).not.toHaveBeenCalled();
  });

  it('describes errors without messages by checking the config again with the diagnostics', async () => {
    loadDiagnostics.mockResolvedValueOnce(prepareConfig);
    const described = await describeConfigErrors(config, withoutMessages(), Date.now);
    expect(described).toHaveLength(1);
    expect(described[0]).toBeInstanceOf(ConfigError);
    expect(described[0].pointer).toBe('/campaigns/0/audiance');
    expect(described[0].message).toMatch(/did you mean "audience"\?/);
  });

  it('when the diagnostics cannot be loaded, each error keeps its pointer and says why it has no details', async () => {
    loadDiagnostics.mockRejectedValueOnce(new Error('the config diagnostics could not be loaded from /x.js'));
    const described = await describeConfigErrors(config, withoutMessages(), Date.now);
    expect(described.map((error) => [error.pointer, error.message])).toEqual([
      ['/campaigns/0/audiance', 'invalid config (the details are not available: the config diagnostics could not be loaded from /x.js)'],
    ]);
  });
});
