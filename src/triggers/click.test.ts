import { afterEach, describe, expect, it, vi } from 'vitest';
import { armClickTrigger } from './click';
import type { TriggerContext } from './trigger';
import { setPageTimer } from './page-timers';

const context: TriggerContext = { onTrack: () => () => {}, sessionStartedAt: () => 0, device: () => 'desktop', after: setPageTimer };
const arm = (selector: string) => {
  const fire = vi.fn();
  return { fire, stop: armClickTrigger({ on: 'click', selector }, context, fire) };
};

/** A click as the browser makes it for a visitor: trusted (a script's own click is not). */
function visitorClick(target: Element, isTrusted = true): MouseEvent {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: isTrusted });
  target.dispatchEvent(event);
  return event;
}

describe('click trigger', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('fires on a trusted click on a matching element or inside one, including elements added later', () => {
    const { fire, stop } = arm('[data-segmint-open="coupon"]');
    document.body.innerHTML = '<a href="#x" data-segmint-open="coupon"><span id="inner">Get it</span></a><button id="other">Other</button>';
    visitorClick(document.getElementById('inner')!);
    expect(fire).toHaveBeenCalledTimes(1);
    visitorClick(document.getElementById('other')!);
    expect(fire).toHaveBeenCalledTimes(1);
    stop();
  });

  it('ignores a click a script dispatched', () => {
    const { fire, stop } = arm('#open');
    document.body.innerHTML = '<button id="open">Open</button>';
    visitorClick(document.getElementById('open')!, false);
    document.getElementById('open')!.click();
    expect(fire).not.toHaveBeenCalled();
    stop();
  });

  it('leaves the default action alone and sees clicks the host stops', () => {
    const { fire, stop } = arm('#open');
    document.body.innerHTML = '<a id="open" href="#somewhere">Open</a>';
    document.getElementById('open')!.addEventListener('click', (event) => event.stopPropagation());
    const event = visitorClick(document.getElementById('open')!);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(false);
    stop();
  });

  it('serves every click campaign from one listener on the document, removed with the last', () => {
    const add = vi.spyOn(document, 'addEventListener');
    const remove = vi.spyOn(document, 'removeEventListener');
    const a = arm('#a');
    const b = arm('#b');
    expect(add.mock.calls.filter(([type]) => type === 'click')).toHaveLength(1);
    expect(add.mock.calls.find(([type]) => type === 'click')?.[2]).toMatchObject({ passive: true, capture: true });
    document.body.innerHTML = '<button id="a"></button><button id="b"></button>';
    visitorClick(document.getElementById('b')!);
    expect([a.fire.mock.calls.length, b.fire.mock.calls.length]).toEqual([0, 1]);
    a.stop();
    expect(remove.mock.calls.filter(([type]) => type === 'click')).toHaveLength(0);
    b.stop();
    expect(remove.mock.calls.filter(([type]) => type === 'click')).toHaveLength(1);
    visitorClick(document.getElementById('b')!);
    expect(b.fire).toHaveBeenCalledTimes(1);
  });

  it('a selector this browser refuses matches nothing and breaks no other campaign', () => {
    const bad = arm('a:nope(');
    const good = arm('#ok');
    document.body.innerHTML = '<button id="ok"></button>';
    visitorClick(document.getElementById('ok')!);
    expect(bad.fire).not.toHaveBeenCalled();
    expect(good.fire).toHaveBeenCalledTimes(1);
    bad.stop();
    good.stop();
  });
});
