import type { Change } from '@/lib/journal-diff';

/** A journal entry's changes, readably: what was added and removed, before and after. */
export function ChangeList({ changes }: { changes: readonly Change[] }) {
  if (changes.length === 0) return <p className="text-sm text-fg-muted">No change to its fields.</p>;
  return (
    <ul className="space-y-1 text-sm text-fg-soft">
      {changes.map((change) => (
        <li key={`${change.kind}-${'field' in change ? change.field : ''}`} className="[overflow-wrap:anywhere]">
          <ChangeLine change={change} />
        </li>
      ))}
    </ul>
  );
}

function Items({ items, tone }: { items: readonly string[]; tone: 'added' | 'removed' }) {
  return (
    <>
      {items.map((item) => (
        <code
          key={item}
          className={`mr-1 rounded px-1 font-mono text-xs ${tone === 'added' ? 'bg-success-soft text-success-fg' : 'bg-danger-soft text-danger-fg line-through'}`}
        >
          {item}
        </code>
      ))}
    </>
  );
}

function ChangeLine({ change }: { change: Change }) {
  switch (change.kind) {
    case 'active':
      return (
        <>
          {change.after ? 'Turned on' : 'Turned off'} (was {change.before ? 'on' : 'off'})
        </>
      );
    case 'url':
      return (
        <>
          URL <span className="font-mono text-xs line-through">{change.before}</span> →{' '}
          <span className="font-mono text-xs">{change.after}</span>
        </>
      );
    case 'events':
      return (
        <>
          {change.added.length > 0 && (
            <>
              Events added <Items items={change.added} tone="added" />
            </>
          )}
          {change.added.length > 0 && change.removed.length > 0 && ' · '}
          {change.removed.length > 0 && (
            <>
              Events removed <Items items={change.removed} tone="removed" />
            </>
          )}
        </>
      );
    case 'phones':
      if (change.filter === 'cleared') return <>Phone filter removed: every number again</>;
      return (
        <>
          {change.added.length > 0 && (
            <>
              Numbers added <Items items={change.added} tone="added" />
            </>
          )}
          {change.removed.length > 0 && (
            <>
              Numbers removed <Items items={change.removed} tone="removed" />
            </>
          )}
        </>
      );
    case 'label':
      return (
        <>
          {change.field === 'name' ? 'Name' : 'Note'} {change.before ? <>“{change.before}” → </> : ''}
          {change.after ? `“${change.after}”` : 'removed'}
        </>
      );
  }
}
