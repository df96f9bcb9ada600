import { describe, expect, it, vi } from 'vitest';
import { prepareConfig } from '../rules/prepare-config';
import { formatConfigError } from '../rules/config-messages';

import type { ChunkLoader } from '../chunks/contract';
import { describeConfigErrors as describeWith } from './describe-config-errors';

const loadDiagnostics = vi.fn();
const loadChunk = ((name: string) => (name === 'diagnose' ? loadDiagnostics() : Promise.reject(new Error(name)))) as ChunkLoader;
const describeConfigErrors = (errors: Parameters<typeof describeWith>[0]) => describeWith(errors, loadChunk);

const config = {
  version: 1,
  defaultLocale: 'en',
  campaigns: [{ id: 'typo', audiance: {}, content: { en: { title: 'Hi' } } }, { id: 'fine', content: { en: { title: 'Hi' } } }],
};

describe('describeConfigErrors', () => {
  it('loads nothing when there is no error', async () => {
    loadDiagnostics.mockClear();
    expect(await describeConfigErrors([])).toEqual([]);
    expect(loadDiagnostics).not.toHaveBeenCalled();
  });

  it('writes each message from its code with the diagnostics, without checking the config again', async () => {
    loadDiagnostics.mockResolvedValueOnce({ formatConfigError });
    const { errors } = prepareConfig(config);
    expect(errors.map((e) => [e.pointer, e.code, e.message])).toEqual([['/campaigns/0/audiance', 'unknown-field', 'unknown-field']]);
    const described = await describeConfigErrors(errors);
    expect(described).toBe(errors);
    expect(described[0].message).toBe('unknown campaign field "audiance" (did you mean "audience"?)');
  });

  it('when the diagnostics cannot be loaded, each error keeps its pointer and code and says why it has no details', async () => {
    loadDiagnostics.mockRejectedValueOnce(new Error('the diagnose chunk could not be loaded from /x.js'));
    const described = await describeConfigErrors(prepareConfig(config).errors);
    expect(described.map((error) => [error.pointer, error.message])).toEqual([
      ['/campaigns/0/audiance', 'invalid config: unknown-field (the details are not available: the diagnose chunk could not be loaded from /x.js)'],
    ]);
  });
});
