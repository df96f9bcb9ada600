import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchSlots } from './watch-slots';

const names = (calls: Element[][][]) => calls.map(([elements]) => elements.map((element) => element.getAttribute('data-segmint-slot')));
// The observer's callback is a microtask queued by the mutation; let it run (and set its scan
// timer) before starting the wait, or a busy machine can fire the wait's timer first.
const settle = async () => {
  await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('watchSlots', () => {
  // A failed assertion skips a test's own stop(); a watcher left running would scan in the next test.
  const watching: Array<() => void> = [];
  const watch = (onSlots: (elements: Element[]) => void) => {
    const stop = watchSlots(document, onSlots);
    watching.push(stop);
    return stop;
  };
  afterEach(() => {
    for (const stop of watching.splice(0)) stop();
    document.body.innerHTML = '';
  });

  it('reports the slots on the page at once, then each one added later, once', async () => {
    document.body.innerHTML = '<div data-segmint-slot="a"></div><p>text</p>';
    const onSlots = vi.fn();
    const stop = watch(onSlots);
    expect(names(onSlots.mock.calls)).toEqual([['a']]);

    const later = document.createElement('section');
    later.innerHTML = '<div><div data-segmint-slot="b"></div></div>';
    document.body.append(later);
    document.body.append(document.createTextNode('no element'));
    await settle();
    expect(names(onSlots.mock.calls)).toEqual([['a'], ['b']]);

    // Moving a known slot is not a new one.
    document.body.prepend(later);
    await settle();
    expect(onSlots).toHaveBeenCalledTimes(2);
    stop();
  });

  it('reports an element that is given the attribute later', async () => {
    document.body.innerHTML = '<div id="x"></div>';
    const onSlots = vi.fn();
    const stop = watch(onSlots);
    expect(onSlots).not.toHaveBeenCalled();
    document.getElementById('x')!.setAttribute('data-segmint-slot', 'late');
    await settle();
    expect(names(onSlots.mock.calls)).toEqual([['late']]);
    stop();
  });

  it('looks through the page once for many additions in one task', async () => {
    const onSlots = vi.fn();
    const stop = watch(onSlots);
    const scan = vi.spyOn(document, 'querySelectorAll');
    for (let i = 0; i < 50; i++) document.body.append(Object.assign(document.createElement('div'), { className: `item-${i}` }));
    document.body.insertAdjacentHTML('beforeend', '<div data-segmint-slot="c"></div>');
    await settle();
    expect(scan).toHaveBeenCalledTimes(1);
    expect(names(onSlots.mock.calls)).toEqual([['c']]);
    stop();
  });

  it('stops watching when stopped', async () => {
    const onSlots = vi.fn();
    watch(onSlots)();
    document.body.insertAdjacentHTML('beforeend', '<div data-segmint-slot="d"></div>');
    await settle();
    expect(onSlots).not.toHaveBeenCalled();
  });
});
