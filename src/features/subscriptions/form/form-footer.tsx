import { Button } from '@/components/ui/button';

/** The form's actions: Delete and Duplicate (edit, editors), what stops Save, Cancel and Save. */
export function FormFooter({
  targetUrl,
  editing,
  canWrite,
  hint,
  canSave,
  saving,
  onDelete,
  onDuplicate,
  onCancel,
}: {
  targetUrl: string | undefined;
  editing: boolean;
  canWrite: boolean;
  hint: string;
  canSave: boolean;
  saving: boolean;
  onDelete?: (() => void) | undefined;
  onDuplicate?: (() => void) | undefined;
  onCancel: () => void;
}) {
  return (
    <footer className="flex items-center gap-2 border-t border-line px-6 py-4">
      {canWrite && onDelete && (
        <Button variant="ghost-danger" onClick={onDelete} aria-label={`Delete ${targetUrl ?? ''}`}>
          Delete
        </Button>
      )}
      {canWrite && onDuplicate && editing && (
        <Button variant="ghost" onClick={onDuplicate} aria-label={`Duplicate ${targetUrl ?? ''}`}>
          Duplicate
        </Button>
      )}
      <span className="ml-auto text-xs text-fg-muted" aria-live="polite">
        {hint}
      </span>
      <Button onClick={onCancel}>{canWrite ? 'Cancel' : 'Close'}</Button>
      {/* While saving the button stays enabled (aria-disabled): a disabled button would drop the focus to the page. */}
      {canWrite && (
        <Button
          type="submit"
          variant="primary"
          disabled={!canSave}
          aria-disabled={saving || undefined}
          aria-busy={saving || undefined}
        >
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Create subscription'}
        </Button>
      )}
    </footer>
  );
}
