import { Empty, EmptyDescription } from '@/components/ui/empty';
import { sentence } from '@/lib/text';

/**
 * In place of every page for someone signed in who is neither an editor nor a viewer: the
 * server's own words (who they are signed in as, whom to ask), and nothing they cannot use.
 */
export function NoAccess({ message }: { message: string }) {
  return (
    <main className="flex flex-1 flex-col">
      <Empty>
        <h1 className="text-xl font-semibold text-fg">No access to this console</h1>
        <EmptyDescription>{sentence(message)}</EmptyDescription>
      </Empty>
    </main>
  );
}
