/**
 * `items.some(test)`, in slices of about `sliceMs` with a macrotask between them, so a long list
 * (thousands of campaigns) never makes one long task that holds up the page (RELIABILITY §8).
 */
export async function someInSlices<T>(items: readonly T[], test: (item: T) => boolean, sliceMs = 8): Promise<boolean> {
  let sliceStart = performance.now();
  for (const item of items) {
    if (test(item)) return true;
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
  return false;
}
