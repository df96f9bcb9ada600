import { Component, type ComponentChildren } from 'preact';

/** Turns a rendering error into a callback (which removes the popup) instead of a broken page. */
export class ErrorBoundary extends Component<{ onError: (error: unknown) => void; children?: ComponentChildren }, { failed: boolean }> {
  state = { failed: false };

  componentDidCatch(error: unknown): void {
    this.setState({ failed: true });
    this.props.onError(error);
  }

  render() {
    return this.state.failed ? null : this.props.children;
  }
}
