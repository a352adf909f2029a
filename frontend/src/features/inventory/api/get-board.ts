import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { unitKeys } from '@/lib/query-keys';

/** The board as the caller may see it (management gets floor prices; consultants never do). */
export type Board = Schemas['Board'] | Schemas['BoardPublic'];
export type BoardBuilding = Board['buildings'][number];
export type BoardCell = Schemas['BoardCellPublic'] & { floor_price?: string | null };
export type StatusTotal = Schemas['StatusTotal'];
export type UnitStatus = Schemas['UnitStatus'];

/** The board now, or as it stood at `at` (RFC 3339 with offset). */
export function getBoard(projectId: string, at: string | null = null): Promise<Board> {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/board', {
      params: { path: { project_id: projectId }, query: { at: at ?? undefined } },
    }),
  );
}

export function getBoardQueryOptions(projectId: string, at: string | null = null) {
  return queryOptions({
    queryKey: at === null ? unitKeys.board(projectId) : unitKeys.boardAt(projectId, at),
    queryFn: () => getBoard(projectId, at),
    staleTime: at === null ? 10_000 : Infinity,
  });
}

export function useBoard(projectId: string, at: string | null = null) {
  return useQuery({ ...getBoardQueryOptions(projectId, at), placeholderData: keepPreviousData });
}
