import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { CopyButton } from '@/components/ui/copy-button';
import { INPUT_HEIGHT } from '@/components/ui/input';
import { cn } from '@/lib/cn';
import type { CreatedSubscription } from '@contract/schemas';

/**
 * The signing secret, shown once: Linq never returns it again. The drawer cannot be closed
 * until the operator says it is stored; after that the secret exists nowhere in the page.
 */
export function SecretPanel({ created, onDone }: { created: CreatedSubscription; onDone: () => void }) {
  const [stored, setStored] = useState(false);
  const ackId = useId();
  const secretId = useId();
  // The form and its Create button are gone: focus goes to the secret, selected, ready to copy.
  const secretRef = useRef<HTMLInputElement>(null);
  useEffect(() => secretRef.current?.focus(), []);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex-1 space-y-5 overflow-y-auto px-6 py-5">
        <p className="text-sm text-fg-soft">
          <span className="font-medium">{created.target_url}</span> now receives {created.subscribed_events.length}{' '}
          event type
          {created.subscribed_events.length === 1 ? '' : 's'}.
        </p>
        <div role="alert" className="rounded-md border border-warning-line bg-warning-soft p-4 text-sm text-warning-fg">
          <p className="font-semibold">Copy the signing secret now. It cannot be shown again.</p>
          <p className="mt-1">
            Your endpoint uses it to verify the webhook-signature header of every delivery. If it is lost, delete this
            subscription and create a new one.
          </p>
        </div>
        <div className="space-y-1.5">
          <label htmlFor={secretId} className="text-sm font-medium text-fg">
            Signing secret
          </label>
          <div className="flex items-center gap-2">
            <input
              ref={secretRef}
              id={secretId}
              readOnly
              value={created.signing_secret}
              onFocus={(event) => event.currentTarget.select()}
              className={cn(
                INPUT_HEIGHT,
                'min-w-0 flex-1 rounded-md border border-line-strong bg-surface-muted px-3 font-mono text-sm text-fg',
              )}
            />
            <CopyButton value={created.signing_secret} label="Copy signing secret" variant="secondary" size="md" />
          </div>
        </div>
        <div className="flex items-center gap-2">
          <Checkbox id={ackId} checked={stored} onCheckedChange={(checked) => setStored(checked === true)} />
          <label htmlFor={ackId} className="text-sm text-fg">
            I have stored the signing secret somewhere safe
          </label>
        </div>
      </div>
      <footer className="flex justify-end border-t border-line px-6 py-4">
        <Button variant="primary" disabled={!stored} onClick={onDone}>
          Done
        </Button>
      </footer>
    </div>
  );
}
