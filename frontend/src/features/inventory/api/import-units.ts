import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { unitKeys } from '@/lib/query-keys';

export type ImportResult = Schemas['ImportResult'];

export function importUnits({ projectId, file, dryRun }: { projectId: string; file: File; dryRun: boolean }) {
  return unwrap(
    api.POST('/api/v1/projects/{project_id}/units/import', {
      params: { path: { project_id: projectId }, query: { dry_run: dryRun } },
      body: { file: file as unknown as string },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        return form;
      },
    }),
  );
}

export function useImportUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importUnits,
    onSuccess: (result, { projectId }) =>
      result.dry_run
        ? undefined
        : queryClient.invalidateQueries({ queryKey: unitKeys.ofProject(projectId) }), // the board, buildings, choices
  });
}
