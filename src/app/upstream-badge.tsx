import { useQuery } from '@tanstack/react-query';
import { Badge } from '@/components/ui/badge';
import { consoleQueries } from '@/lib/console-queries';

/** Where changes go: the embedded sandbox or a Linq API. Answered by the console server itself. */
export function UpstreamBadge() {
  const upstream = useQuery(consoleQueries.upstream());
  if (!upstream.data) return null;
  if (upstream.data.kind === 'sandbox') {
    return (
      <Badge
        variant="warning"
        className="tracking-normal normal-case"
        title="No LINQ_API_V3_API_KEY is set: changes go to the local sandbox, not to Linq."
      >
        Sandbox: local data
      </Badge>
    );
  }
  return (
    <Badge
      variant="success"
      className="tracking-normal normal-case"
      title="Changes go to this Linq API with the key configured on the console server."
    >
      Linq API · {new URL(upstream.data.origin).host}
    </Badge>
  );
}
