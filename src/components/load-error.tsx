import { Button } from '@/components/ui/button';
import { Empty, EmptyDescription, EmptyTitle } from '@/components/ui/empty';
import { isChunkLoadError } from './error-boundary';

/** What shows instead of a part that failed (to load, or at all): what happened, and Reload. */
export function LoadError({ error }: { error: Error }) {
  const chunk = isChunkLoadError(error);
  return (
    <Empty>
      <EmptyTitle>{chunk ? 'Part of the console could not be loaded' : 'The console hit an error'}</EmptyTitle>
      <EmptyDescription>
        {chunk
          ? 'The network dropped, or the console was updated while this page was open. Reload to get the current version; nothing you saved is lost.'
          : 'Something went wrong that the page cannot recover from. Reload to start again; changes already saved are kept.'}
      </EmptyDescription>
      <Button variant="primary" onClick={() => window.location.reload()}>
        Reload
      </Button>
    </Empty>
  );
}
