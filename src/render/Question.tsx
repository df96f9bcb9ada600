import { Component } from 'preact';
import type { TraitValue } from '../types';
import type { PopupView } from './view';

interface QuestionProps {
  view: PopupView;
  onAnswer: (value: TraitValue) => void;
}

/**
 * A single-choice question as a group of buttons, named by the popup's title: each is reached by
 * Tab and chosen with Enter or Space. Once answered, the options give way to the `thanks` text,
 * announced through a status region that was there from the start (a region added with its text
 * is not reliably read), and focus moves to the close button, since the chosen button is gone.
 */
export class Question extends Component<QuestionProps, { answered: boolean }> {
  state = { answered: false };

  componentDidUpdate(): void {
    if (this.state.answered) this.base?.parentElement?.querySelector<HTMLElement>('.sm-close')?.focus({ preventScroll: true });
  }

  render({ view, onAnswer }: QuestionProps, { answered }: { answered: boolean }) {
    const hasTitle = !!view.fields.title;
    // A script's synthetic click is not the visitor's answer.
    const choose = (value: TraitValue) => (event: MouseEvent) => {
      if (!event.isTrusted || this.state.answered) return;
      this.setState({ answered: true });
      onAnswer(value);
    };
    return (
      <div class="sm-question">
        {!answered && (
          <div class="sm-options" role="group" aria-labelledby={hasTitle ? 'sm-title' : undefined} aria-label={hasTitle ? undefined : view.dialogLabel}>
            {view.options?.map((option) => <button type="button" class="sm-option" key={String(option.value)} onClick={choose(option.value)}>{option.label}</button>)}
          </div>
        )}
        <p class="sm-thanks" role="status">{answered ? view.fields.thanks : ''}</p>
      </div>
    );
  }
}
