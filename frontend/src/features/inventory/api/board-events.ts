/**
 * Live board: `GET /projects/{id}/board/events` read with fetch() streaming, because EventSource
 * cannot send the bearer header the API wants. Each unit change patches the cached board at once
 * (status and version of that cell) and then refetches it in the background for totals and prices.
 * An open drawer keeps the actions of the unit as it fetched it and shows the change above them.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { tokenStore } from '@/lib/auth-tokens';
import { priceListKeys, unitKeys } from '@/lib/query-keys';
import type { Board, UnitStatus } from './get-board';

export interface UnitChangedEvent {
  type: string;
  project_id: string;
  unit_id: string;
  building_id?: string;
  code?: string;
  from?: UnitStatus;
  to: UnitStatus;
  version?: number;
}

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Splits a text/event-stream buffer into complete messages and the unfinished rest. */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (data.length > 0) messages.push({ event, data: data.join('\n'), id });
  }
  return { messages, rest };
}

/** The board with one unit's new status; the same object when the event is unknown or older. */
export function applyUnitEvent(board: Board, event: UnitChangedEvent): Board {
  let changed = false;
  const buildings = board.buildings.map((building) => {
    if (event.building_id !== undefined && building.id !== event.building_id) return building;
    let touched = false;
    const floors = building.floors.map((floor) => {
      const index = floor.cells.findIndex((cell) => cell?.id === event.unit_id);
      if (index === -1) return floor;
      const cell = floor.cells[index]!;
      if (event.version !== undefined && cell.version > event.version) return floor;
      if (cell.status === event.to && (event.version === undefined || cell.version === event.version)) return floor;
      touched = true;
      const cells = [...floor.cells];
      cells[index] = { ...cell, status: event.to, version: event.version ?? cell.version };
      return { ...floor, cells };
    });
    if (!touched) return building;
    changed = true;
    return { ...building, floors };
  });
  return changed ? ({ ...board, buildings } as Board) : board;
}

/** What one event does to the cache: patch the cell now, refetch the board (totals) soon after. */
export function handleBoardEvent(queryClient: QueryClient, projectId: string, message: SseMessage): void {
  if (message.event === 'ready') return;
  const key = unitKeys.board(projectId);
  if (message.event === 'unit.status_changed') {
    let event: UnitChangedEvent;
    try {
      event = JSON.parse(message.data) as UnitChangedEvent;
    } catch {
      return;
    }
    queryClient.setQueryData<Board>(key, (board) => (board ? applyUnitEvent(board, event) : board));
    // The history of an open drawer grows; its actions stay as fetched (the drawer says what changed).
    void queryClient.invalidateQueries({ queryKey: unitKeys.history(event.unit_id) });
    // A unit taken or freed elsewhere changes what a deal may be subscribed on.
    void queryClient.invalidateQueries({ queryKey: unitKeys.available(projectId) });
  }
  if (message.event === 'prices.changed') {
    void queryClient.invalidateQueries({ queryKey: priceListKeys.ofProject(projectId) });
  }
  void queryClient.invalidateQueries({ queryKey: key, exact: true }); // not the past moments' boards
}

export type LiveState = 'connecting' | 'live' | 'offline';

/** Follows the project's board events while mounted; reconnects with backoff and refetches after a gap. */
export function useBoardEvents(projectId: string): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    const abort = new AbortController();
    let attempt = 0;

    async function connect(): Promise<void> {
      const token = tokenStore.read()?.access_token;
      const response = await fetch(`/api/v1/projects/${projectId}/board/events`, {
        headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        signal: abort.signal,
        cache: 'no-store',
      });
      if (!response.ok || response.body === null) throw new Error(`board events: HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        const { messages, rest } = parseSse(buffer);
        buffer = rest;
        for (const message of messages) {
          if (message.event === 'ready') {
            if (attempt > 0) void queryClient.invalidateQueries({ queryKey: unitKeys.board(projectId) });
            attempt = 0;
            setState('live');
          }
          handleBoardEvent(queryClient, projectId, message);
        }
      }
    }

    async function run(): Promise<void> {
      while (!abort.signal.aborted) {
        try {
          await connect();
        } catch {
          // dropped, refused or aborted: try again below unless we are leaving
        }
        if (abort.signal.aborted) return;
        setState('offline');
        attempt += 1;
        // A refused token gets renewed by the next API call; refetching the board makes one.
        void queryClient.invalidateQueries({ queryKey: unitKeys.board(projectId) });
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5))));
      }
    }

    void run();
    return () => abort.abort();
  }, [projectId, queryClient]);

  return state;
}
