import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { inventoryKeys } from './query-keys';

/** The board as the caller may see it (management gets floor prices; consultants never do). */
export type Board = Schemas['Board'] | Schemas['BoardPublic'];
export type BoardBuilding = Board['buildings'][number];
export type BoardCell = Schemas['BoardCellPublic'] & { floor_price?: string | null };
export type StatusTotal = Schemas['StatusTotal'];
export type UnitStatus = Schemas['UnitStatus'];

export function getBoard(projectId: string): Promise<Board> {
  return unwrap(api.GET('/api/v1/projects/{project_id}/board', { params: { path: { project_id: projectId } } }));
}

export function getBoardQueryOptions(projectId: string) {
  return queryOptions({ queryKey: inventoryKeys.board(projectId), queryFn: () => getBoard(projectId), staleTime: 10_000 });
}

export function useBoard(projectId: string) {
  return useQuery(getBoardQueryOptions(projectId));
}
