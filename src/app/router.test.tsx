import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useUrlSearch } from '@/lib/use-url-state';
import { navigate, useRoute } from './router';

function Probe() {
  const route = useRoute();
  const [search] = useUrlSearch();
  return (
    <p>
      {route} [{search}]
    </p>
  );
}

afterEach(() => window.history.replaceState(null, '', '/'));

describe('navigate', () => {
  it('tells every reader of the URL: the route and the query string both follow', () => {
    window.history.replaceState(null, '', '/?q=acme');
    render(<Probe />);
    expect(screen.getByText('subscriptions [?q=acme]')).toBeInTheDocument();

    // Same page, another query string (the "Subscriptions" link while a search is on).
    act(() => navigate('/'));
    expect(screen.getByText('subscriptions []')).toBeInTheDocument();

    act(() => navigate('/activity?actor=alice%40example.com'));
    expect(screen.getByText('activity [?actor=alice%40example.com]')).toBeInTheDocument();
  });

  it('follows Back and Forward', () => {
    render(<Probe />);
    act(() => {
      window.history.pushState(null, '', '/activity');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByText('activity []')).toBeInTheDocument();
  });
});
