import { Component, type ComponentChildren } from 'preact';
import { COUNTDOWN_MARK, type PopupView } from './view';
import { formatCountdown } from './format-countdown';

interface CountdownProps {
  countdown: NonNullable<PopupView['countdown']>;
  onExpire: () => void;
}

/**
 * The ticking time left. Each second only its own text node changes: nothing else of the popup
 * is rendered again. The ticking text is hidden from screen readers (it would be read out anew
 * at every visit, and it must never be announced per tick: no live region); they read the end
 * time beside it instead, which does not change.
 */
export class Countdown extends Component<CountdownProps> {
  private timer?: ReturnType<typeof setTimeout>;

  componentDidMount(): void {
    this.tick();
  }

  componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  private tick = (): void => {
    const { countdown, onExpire } = this.props;
    const left = countdown.end - Date.now();
    const ticking = this.base?.firstChild?.firstChild;
    if (ticking instanceof Text) ticking.data = formatCountdown(left, countdown.locale);
    if (left <= 0) return onExpire();
    // Just past the next whole second of time left, when the text changes.
    this.timer = setTimeout(this.tick, (left % 1000 || 1000) + 10);
  };

  render({ countdown }: CountdownProps) {
    return (
      <span class="sm-countdown">
        <span aria-hidden="true">{formatCountdown(countdown.end - Date.now(), countdown.locale)}</span>
        <span class="sm-sr">{countdown.endLabel}</span>
      </span>
    );
  }
}

/** A text of the copy with the ticking countdown where `{countdown}` stood. */
export function drawCountdownText(view: PopupView, onExpire: () => void): (text: string) => ComponentChildren {
  return (text) => {
    const { countdown } = view;
    if (!countdown || !text.includes(COUNTDOWN_MARK)) return text;
    return text.split(COUNTDOWN_MARK).flatMap((part, i) => (i ? [<Countdown countdown={countdown} onExpire={onExpire} />, part] : [part]));
  };
}
