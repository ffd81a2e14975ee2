import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * React's error boundary (a class: React has no hook for it), kept to the documented pattern
 * rather than a library, for the first bundle's sake. `fallback` gets the error and a reset.
 */
export class ErrorBoundary extends Component<
  { fallback: (error: Error, reset: () => void) => ReactNode; children: ReactNode },
  { error: Error | undefined }
> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('The console hit an error it could not recover from:', error, info.componentStack);
  }

  reset = () => this.setState({ error: undefined });

  override render() {
    return this.state.error ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}

/** True when a lazily loaded part of the page could not be fetched (network drop, or a deploy replaced it). */
export function isChunkLoadError(error: Error): boolean {
  return /dynamically imported module|module script failed|Loading (CSS )?chunk|error loading dynamically/i.test(
    error.message,
  );
}
