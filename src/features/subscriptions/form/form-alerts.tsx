import type { Subscription } from '@contract/schemas';
import { Alert, AlertActions, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { sentence } from '@/lib/text';
import { formatAbsoluteTime } from '@/lib/time';

/** What the form says at its top after Save: changed elsewhere, or not saved and why. */

export function ConflictAlert({
  server,
  onReload,
  onOverwrite,
}: {
  server: Subscription;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  return (
    <Alert role="alert" variant="warning">
      <AlertTitle>This subscription was changed elsewhere since you opened it.</AlertTitle>
      <AlertDescription>
        <p>
          It was last changed {formatAbsoluteTime(server.updated_at)}. Reload to see that version (your edits here are
          discarded), or overwrite it: the subscription is saved exactly as this form shows it, and the other changes
          are lost.
        </p>
      </AlertDescription>
      <AlertActions>
        <Button size="sm" onClick={onReload}>
          Reload their version
        </Button>
        <Button size="sm" variant="destructive" onClick={onOverwrite}>
          Overwrite with mine
        </Button>
      </AlertActions>
    </Alert>
  );
}

export interface SaveFailure {
  message: string;
  /** False when saving again cannot help (the subscription is gone). */
  canRetry: boolean;
}

export function SaveFailedAlert({ failure }: { failure: SaveFailure }) {
  return (
    <Alert role="alert" variant="danger">
      <AlertTitle>Not saved</AlertTitle>
      <AlertDescription>
        <p>{sentence(failure.message)}</p>
        {failure.canRetry && <p>Everything you typed is still here. Try Save again.</p>}
      </AlertDescription>
    </Alert>
  );
}
