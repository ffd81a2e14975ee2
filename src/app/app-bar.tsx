import { useQuery } from '@tanstack/react-query';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { sessionQuery, writeAccess } from '@/lib/session';
import { onLinkClick, type Route } from './router';
import { UpstreamBadge } from './upstream-badge';

/** The line above every page: the console, where changes go, its two pages, and who is signed in. */
export function AppBar({ route }: { route: Route }) {
  const session = useQuery(sessionQuery()).data;
  const access = writeAccess(session);
  const link = (to: Route, href: string, label: string) => (
    <a
      href={href}
      onClick={onLinkClick}
      aria-current={route === to ? 'page' : undefined}
      className={cn(
        'rounded px-2 py-0.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-ring',
        route === to ? 'bg-surface-hover text-fg' : 'text-fg-muted hover:text-fg',
      )}
    >
      {label}
    </a>
  );
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 pt-3">
      <p className="text-xs font-semibold tracking-wide text-accent-fg uppercase">Linq Webhook Console</p>
      <nav aria-label="Pages" className="flex gap-1">
        {link('subscriptions', '/', 'Subscriptions')}
        {link('activity', '/activity', 'Activity')}
      </nav>
      {/* Right-aligned, so what loads late (who is signed in, where changes go) moves nothing else. */}
      <div className="ml-auto flex items-center gap-3 text-sm text-fg-soft">
        {session?.user && (
          <div className="flex items-center gap-2">
            <span>
              Signed in as <span className="font-medium text-fg">{session.user.name ?? session.user.email}</span>
              {session.user.name && <span className="sr-only"> ({session.user.email})</span>}
            </span>
            <Badge variant={session.role === 'editor' ? 'success' : 'neutral'}>{session.role}</Badge>
            {session.sign_out_url && (
              <form method="post" action={session.sign_out_url}>
                <Button type="submit" size="xs" variant="ghost">
                  Sign out
                </Button>
              </form>
            )}
          </div>
        )}
        <UpstreamBadge />
      </div>
      {access.reason && <p className="basis-full text-right text-sm text-fg-muted">{access.reason}</p>}
    </div>
  );
}
