/** The candidate closest to `name` by edit distance, if it is close enough to be a likely typo. */
export function findNearest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // A shortened name (`delay` for `delaySeconds`) is far in edits but obvious to a reader.
  const lower = name.toLowerCase();
  return best ?? (lower.length >= 3 ? candidates.find((c) => c.toLowerCase().startsWith(lower)) : undefined);
}

/** Adds ` (did you mean "x"?)` when a near name exists. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const nearest = findNearest(name, candidates);
  return nearest ? ` (did you mean "${nearest}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
