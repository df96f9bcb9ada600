/** A tiny typed event emitter; a throwing handler is isolated and reported, never breaking the others. */
export function createEmitter<Events extends object>(onHandlerError: (error: unknown) => void) {
  const handlers = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on<K extends keyof Events>(event: K, handler: (payload: Events[K]) => void): () => void {
      if (typeof handler !== 'function') return () => {};
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler);
      return () => void handlers.get(event)?.delete(handler);
    },
    emit<K extends keyof Events>(event: K, payload: Events[K]): void {
      for (const handler of [...(handlers.get(event) ?? [])]) {
        try {
          const result = (handler as (payload: Events[K]) => unknown)(payload);
          // An async handler's rejection is caught here too, never left unhandled in the host;
          // one that never settles holds up nothing, since nothing waits for it (RELIABILITY §44).
          if (event !== 'error' && typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
            (result as PromiseLike<unknown>).then(undefined, onHandlerError);
          }
        } catch (error) {
          if (event !== 'error') onHandlerError(error);
        }
      }
    },
    clear(): void {
      handlers.clear();
    },
  };
}
