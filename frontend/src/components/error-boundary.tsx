import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Shows a page instead of a blank screen when rendering throws; reload to recover. */
export class ErrorBoundary extends Component<{ children: ReactNode; title: string; reload: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <Result
        status="error"
        title={this.props.title}
        subTitle={this.state.error.message}
        extra={<Button onClick={() => window.location.reload()}>{this.props.reload}</Button>}
      />
    );
  }
}
