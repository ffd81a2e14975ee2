import { LoadError } from '@/components/load-error';

/** What the page shows instead of going blank. */
export function AppError({ error }: { error: Error }) {
  return (
    <main className="mx-auto max-w-2xl px-6 py-24" role="alert">
      <LoadError error={error} />
    </main>
  );
}
