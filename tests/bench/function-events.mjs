// Reading V8's function-event log (`--log-function-events`) for lazy-compiles.mjs; checked by
// tests/unit/bench-function-events.test.ts against a hand-written log.

/**
 * Per segmint script in a function-event log: the functions V8 saw, compiled with the script, and
 * compiled lazily (a `parse-function` event: one function parsed in full when first called), each
 * lazy one with its parse + bytecode milliseconds. Lines are `function,<event>,<script>,<start>,<end>,<ms>,<µs>,<name>`.
 */
export function lazyCompiles(lines) {
  const scripts = new Map();
  for (const line of lines) {
    const [kind, id, url] = line.split(',');
    if (kind === 'script-details' && /\/segmint[\w-]*\.js/.test(url ?? '')) scripts.set(id, url.replace(/^.*\//, '').replace(/\?.*$/, ''));
  }
  const functions = new Map();
  for (const line of lines) {
    const [kind, event, id, start, end, ms, , name] = line.split(',');
    if (kind !== 'function' || !scripts.has(id)) continue;
    const key = `${id}:${start}:${end}`;
    const f = functions.get(key) ?? { script: scripts.get(id), start: Number(start), end: Number(end), name: name || '(anonymous)', events: {} };
    f.events[event] = (f.events[event] ?? 0) + Number(ms);
    functions.set(key, f);
  }
  const out = new Map();
  for (const f of functions.values()) {
    const s = out.get(f.script) ?? { functions: 0, eager: 0, lazy: [] };
    s.functions++;
    if ('parse-function' in f.events) s.lazy.push({ start: f.start, end: f.end, name: f.name, ms: f.events['parse-function'] + (f.events.interpreter ?? 0) });
    else if ('interpreter' in f.events) s.eager++;
    out.set(f.script, s);
  }
  return out;
}
