import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Empty, EmptyDescription, EmptyTitle } from '@/components/ui/empty';
import { Skeleton } from '@/components/ui/skeleton';
import { sentence } from '@/lib/text';

/**
 * What a list's place shows when it has no rows to show, the same on every page: loading,
 * failed with Retry, empty (with what to do next), and a banner for a part that failed while the
 * rest stays. A page words them; the shapes, roles and Retry behaviour are these.
 */

/** Skeleton lines while the first page loads; `label` is what a screen reader hears. */
export function ListLoading({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-label={label}>
      {children}
    </div>
  );
}

/** Skeleton lines of the given widths, one per line. */
export function SkeletonLines({ widths, className }: { widths: string[]; className?: string }) {
  return (
    <div className={className}>
      {widths.map((width, index) => (
        <Skeleton key={index} className={`h-4 ${width}`} />
      ))}
    </div>
  );
}

/** The list could not be loaded: what happened, and a Retry that says while it is retrying. */
export function ListFailed({
  title,
  message,
  retrying,
  onRetry,
}: {
  title: string;
  message: string;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <Empty role="alert">
      <EmptyTitle>{title}</EmptyTitle>
      <EmptyDescription>{sentence(message)}</EmptyDescription>
      <Button variant="primary" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </Button>
    </Empty>
  );
}

/** Nothing to list (none at all, or none matching): a title, a sentence, and the next step if any. */
export function ListEmpty({ title, description, action }: { title: string; description: string; action?: ReactNode }) {
  return (
    <Empty>
      <EmptyTitle>{title}</EmptyTitle>
      <EmptyDescription>{description}</EmptyDescription>
      {action}
    </Empty>
  );
}

/** A part of the page that could not be loaded or refreshed: what happened, and a Retry of that part. */
export function RetryBanner({
  children,
  retrying,
  retryLabel = 'Retry',
  onRetry,
}: {
  children: ReactNode;
  retrying: boolean;
  retryLabel?: string;
  onRetry: () => void;
}) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-md border border-warning-line bg-warning-soft px-4 py-2 text-sm text-warning-fg"
    >
      <span>{children}</span>
      <Button size="sm" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : retryLabel}
      </Button>
    </div>
  );
}
