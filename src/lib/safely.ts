import type { ErrorPayload } from '../types';
import type { ConfigError } from '../rules/config-error';

/**
 * The one error boundary between segmint and the host page. `report` emits the `error` event and
 * warns once per distinct problem with a `[segmint]` prefix; `safely` wraps anything entered from
 * outside (public methods, listeners, timers) so that nothing ever throws into the host.
 */
export function createErrorBoundary(emitError: (payload: ErrorPayload) => void) {
  const warned = new Set<string>();

  function report(error: unknown, context?: string): void {
    try {
      const payload: ErrorPayload = isConfigError(error)
        ? { message: `${error.message} (at ${error.pointer || '/'})`, pointer: error.pointer, cause: error }
        : { message: [context, describeError(error)].filter(Boolean).join(': '), cause: error };
      if (warned.size < 50 && !warned.has(payload.message)) {
        warned.add(payload.message);
        console.warn('[segmint]', payload.message);
      }
      emitError(payload);
    } catch {
      // Reporting must never become the thing that breaks the page.
    }
  }

  function safely<A extends unknown[], R>(fn: (...args: A) => R, context?: string): (...args: A) => R | undefined {
    return (...args) => {
      try {
        const result = fn(...args);
        if (result instanceof Promise) result.catch((error) => report(error, context));
        return result;
      } catch (error) {
        report(error, context);
        return undefined;
      }
    };
  }

  return { report, safely };
}

/**
 * A config error, from whichever copy of the class made it: the script tag's checks are a chunk
 * with its own copy (src/rules/check-chunk.ts), and the core carries none.
 */
function isConfigError(error: unknown): error is ConfigError {
  return error instanceof Error && error.name === 'ConfigError' && typeof (error as ConfigError).pointer === 'string';
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : '';
}
