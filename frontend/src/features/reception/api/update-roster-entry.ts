import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { receptionKeys } from '@/lib/query-keys';

export type DutyStatus = Schemas['DutyStatus'];

export function updateRosterEntry({ entryId, status }: { entryId: string; status: DutyStatus }) {
  return unwrap(
    api.PATCH('/api/v1/roster-entries/{roster_entry_id}', {
      params: { path: { roster_entry_id: entryId } },
      body: { status },
    }),
  );
}

export function useUpdateRosterEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateRosterEntry,
    onSuccess: (entry) => queryClient.invalidateQueries({ queryKey: receptionKeys.ofProject(entry.project_id) }),
  });
}
