import type { FocusEvent, KeyboardEvent } from 'react';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { SINCE_CHOICES } from '../lib/group';

export interface ActivityFilterValues {
  actor: string;
  subscription: string;
  sinceChoice: string;
}

/** Person, subscription id and time; a typed filter applies when the field is left or Enter is pressed. */
export function ActivityFilters({
  values,
  actors,
  onChange,
}: {
  values: ActivityFilterValues;
  /** People seen in the loaded entries, offered as suggestions. */
  actors: string[];
  onChange: (key: 'actor' | 'subscription' | 'since', value: string) => void;
}) {
  const appliedOnLeaveOrEnter = (key: 'actor' | 'subscription') => ({
    onBlur: (event: FocusEvent<HTMLInputElement>) => onChange(key, event.target.value),
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) =>
      event.key === 'Enter' && onChange(key, event.currentTarget.value),
  });
  return (
    <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Activity">
      <div>
        <label htmlFor="activity-actor" className="mb-1 block text-xs font-medium text-fg-soft">
          Person
        </label>
        <Input
          id="activity-actor"
          list="activity-actors"
          defaultValue={values.actor}
          placeholder="Anyone"
          className="w-64"
          {...appliedOnLeaveOrEnter('actor')}
        />
        <datalist id="activity-actors">
          {actors.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="activity-subscription" className="mb-1 block text-xs font-medium text-fg-soft">
          Subscription id
        </label>
        <Input
          id="activity-subscription"
          defaultValue={values.subscription}
          placeholder="Any subscription"
          className="w-80 font-mono"
          {...appliedOnLeaveOrEnter('subscription')}
        />
      </div>
      <div>
        <label htmlFor="activity-since" className="mb-1 block text-xs font-medium text-fg-soft">
          Time
        </label>
        <NativeSelect
          id="activity-since"
          value={values.sinceChoice}
          onChange={(event) => onChange('since', event.target.value)}
        >
          {SINCE_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </NativeSelect>
      </div>
    </div>
  );
}
