import { Component } from 'preact';
import type { CampaignTrace, Explanation } from '../types';
import type { PreparedCampaign } from '../campaigns/prepare';
import type { InspectorSource } from './inspector-source';

/** Events after which the trace is read again. */
const CHANGING_EVENTS = ['decision', 'exposure', 'impression', 'dismiss', 'click', 'conversion'] as const;
/** The mark a host puts on its slot elements (slots/watch-slots.ts). */
const SLOT = 'data-segmint-slot';

interface InspectorProps {
  source: InspectorSource;
  onClose: () => void;
}

interface InspectorState {
  trace: Explanation | null;
}

/**
 * The debug panel (SPEC §9): every campaign with its eligibility, its formats and a preview in
 * any variant and locale, the page's slots with what filled each (or why nothing did), every
 * segment with why it matched or not, and the signals. Read again after each
 * decision and campaign event, and on Refresh. Every value is a string child: text, never HTML.
 */
export class Inspector extends Component<InspectorProps, InspectorState> {
  state: InspectorState = { trace: null };
  private unsubscribe: (() => void)[] = [];

  componentDidMount() {
    // A moment after the event: an inline placement mounts after its exposure is reported.
    this.unsubscribe = CHANGING_EVENTS.map((event) => this.props.source.on(event, () => setTimeout(this.refresh, 100)));
    this.refresh();
  }

  componentWillUnmount() {
    this.unsubscribe.forEach((stop) => stop());
  }

  refresh = () => {
    void this.props.source.explain().then((trace) => this.setState({ trace }));
  };

  render() {
    const { source, onClose } = this.props;
    const { trace } = this.state;
    return (
      <section class="si-panel" role="region" aria-label="segmint inspector">
        <header class="si-header">
          <h2 class="si-title">segmint inspector</h2>
          <button type="button" class="si-button" onClick={this.refresh}>Refresh</button>
          <button type="button" class="si-button" aria-label="Close the inspector" onClick={onClose}>×</button>
        </header>
        {!trace ? <p class="si-note">Reading…</p> : (
          <div class="si-body">
            <details open>
              <summary>Campaigns ({trace.campaigns.length})</summary>
              <ul class="si-list">{trace.campaigns.map((campaign) => renderCampaign(campaign, source))}</ul>
            </details>
            {renderSlots(trace)}
            <details open>
              <summary>Segments ({Object.keys(trace.segments).length})</summary>
              <ul class="si-list">
                {Object.entries(trace.segments).map(([id, segment]) => (
                  <li key={id} class={segment.match ? 'si-yes' : 'si-no'}>
                    <strong>{id}</strong> {segment.match ? 'matches' : 'does not match'}
                    {!segment.match && segment.pointer !== undefined && <Why pointer={segment.pointer} actual={segment.actual} />}
                  </li>
                ))}
              </ul>
            </details>
            <details>
              <summary>Signals</summary>
              <table class="si-signals">
                <tbody>
                  {Object.entries(trace.signals).map(([name, value]) => (
                    <tr key={name}><th scope="row">{name}</th><td>{formatValue(value)}</td></tr>
                  ))}
                </tbody>
              </table>
            </details>
          </div>
        )}
      </section>
    );
  }
}

function renderCampaign(trace: CampaignTrace, source: InspectorSource) {
  const campaign = source.campaigns.find((c) => c.id === trace.id);
  const preview = (variant: string, locale: string) => source.show(trace.id, { variant, locale });
  return (
    <li key={trace.id} class={trace.eligible ? 'si-yes' : 'si-no'} data-campaign={trace.id}>
      <strong>{trace.id}</strong> {trace.eligible ? 'eligible' : `not eligible: ${trace.reason ?? 'unknown'}`}
      {trace.pointer !== undefined && <Why pointer={trace.pointer} actual={trace.actual} />}
      {campaign && describeFormats(campaign)}
      {campaign && <PreviewForm campaign={campaign} defaultLocale={source.defaultLocale} onPreview={preview} />}
    </li>
  );
}

/** What a campaign is besides a plain popup: where it goes, what opens it, its teaser, countdown, question. */
function describeFormats({ slot, trigger, teaser, countdown, question }: PreparedCampaign) {
  const parts = [
    slot !== undefined && `slot ${slot}`,
    trigger.on === 'click' && `click ${trigger.selector}`,
    teaser && 'teaser',
    countdown && `countdown ${'until' in countdown ? new Date(countdown.until).toISOString() : `${countdown.minutes} min`}`,
    question && `asks traits.${question.trait}`,
  ].filter(Boolean);
  return parts.length > 0 && <div class="si-why">{parts.join('; ')}</div>;
}

/** The page's slots: each one's fill, read from its shadow root, or its fallback and why each inline campaign for it did not fill it. */
function renderSlots(trace: Explanation) {
  const elements = [...document.querySelectorAll(`[${SLOT}]`)];
  return elements.length > 0 && (
    <details open>
      <summary>Slots ({elements.length})</summary>
      <ul class="si-list">
        {elements.map((element, index) => {
          const name = element.getAttribute(SLOT);
          const filled = element.shadowRoot?.querySelector('[data-campaign]')?.getAttribute('data-campaign');
          // Eligible yet not in the slot: held out (or an earlier slot of that name has it).
          const why = trace.campaigns.filter((c) => c.slot === name).map((c) => `${c.id}: ${c.reason ?? 'held out'}`).join('; ') || 'none';
          return (
            <li key={index} class={filled ? 'si-yes' : 'si-no'} data-slot={name}>
              <strong>{name}</strong> {filled ? `filled: ${filled}` : `fallback: ${why}`}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function Why({ pointer, actual }: { pointer: string; actual?: unknown }) {
  return (
    <div class="si-why">
      at <code>{pointer || '/'}</code>{actual !== undefined && <> (value: <code>{formatValue(actual)}</code>)</>}
    </div>
  );
}

interface PreviewFormProps {
  campaign: PreparedCampaign;
  defaultLocale: string;
  onPreview: (variant: string, locale: string) => void;
}

/** Variant and locale pickers for one campaign; every locale any of its variants has copy in. */
function PreviewForm({ campaign, defaultLocale, onPreview }: PreviewFormProps) {
  const locales = [...new Set([defaultLocale, ...campaign.variants.flatMap((variant) => Object.keys(variant.content))])];
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    onPreview(String(form.get('variant')), String(form.get('locale')));
  };
  return (
    <form class="si-preview" onSubmit={submit}>
      <label>Variant <select name="variant">{campaign.variants.map(({ id }) => <option key={id} value={id}>{id}</option>)}</select></label>
      <label>Locale <select name="locale">{locales.map((locale) => <option key={locale} value={locale}>{locale}</option>)}</select></label>
      <button type="submit" class="si-button">Preview</button>
    </form>
  );
}

/** A signal or condition value as compact JSON text; `null` and missing say so. */
function formatValue(value: unknown): string {
  if (value === undefined) return 'missing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
