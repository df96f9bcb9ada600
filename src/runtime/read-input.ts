import type { Signals } from '../rules/signals';
import type { OfferContext } from '../campaigns/offers';
import type { DecisionInput } from '../campaigns/decide';
import type { Runtime } from './runtime';
import { collectSignals } from '../signals/collect';
import { readPageProductId } from '../signals/page-product';

/** The signals of this page and visitor, now. */
export function readSignals(rt: Runtime): Signals {
  const { session } = rt;
  return collectSignals(window, session.hints, session.store.read(), rt.now());
}

/** The product this page is about: the last `view_item` tracked on it, else its schema.org data. */
export function readOfferContext(rt: Runtime): OfferContext {
  const { cartItems, viewedProducts } = rt.session.store.read();
  return { currentProduct: rt.state.pageProduct ?? readPageProductId(document), cartItems, viewedProducts };
}

/** Everything a decision looks at, read once for one moment. */
export function readDecisionInput(rt: Runtime, signals: Signals): DecisionInput {
  const { prepared, store } = rt.session;
  return { signals, profile: store.read(), now: rt.now(), limits: prepared.limits, offers: { catalog: prepared.catalog, context: readOfferContext(rt) } };
}

/** The config segments these signals match, for event payloads. */
export function findSegments(rt: Runtime, signals: Signals): string[] {
  const { segments } = rt.session.prepared;
  return Object.keys(segments).filter((id) => segments[id].test(signals));
}
