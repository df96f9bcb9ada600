/**
 * Compiles a URL-style glob (`*` any run of characters, `?` exactly one, all else literal,
 * whole-string match) into a test. No regex and no backtracking across stars: the literal runs
 * between stars are found leftmost-first, which is correct for `*` and keeps the cost at
 * O(length × pattern) even for patterns like `*a*a*a*b` on long strings.
 */
export function compileGlob(pattern: string): (text: string) => boolean {
  const runs = pattern.split('*');
  const first = runs[0];
  if (runs.length === 1) return (text) => text.length === first.length && runMatchesAt(first, text, 0);
  const last = runs[runs.length - 1];
  const middle = runs.slice(1, -1).filter((run) => run !== '');
  return (text) => {
    const end = text.length - last.length;
    if (end < first.length || !runMatchesAt(first, text, 0) || !runMatchesAt(last, text, end)) return false;
    let from = first.length;
    for (const run of middle) {
      const at = findRun(run, text, from, end);
      if (at < 0) return false;
      from = at + run.length;
    }
    return true;
  };
}

function runMatchesAt(run: string, text: string, at: number): boolean {
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

function findRun(run: string, text: string, from: number, end: number): number {
  for (let at = from; at + run.length <= end; at++) if (runMatchesAt(run, text, at)) return at;
  return -1;
}
