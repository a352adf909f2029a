import { memo, useMemo } from 'react';
import type { BoardBuilding, BoardCell } from '../api/get-board';
import { buildGrid, matchesFilters, type BoardFilters } from '../lib/board-layout';
import { moneyParts } from '../lib/money';
import { STATUS_COLOURS } from '../lib/status';
import { useInventoryT } from '../i18n';
import './board.css';

/** The short room number of a code such as 3-1-1502 (the building and entrance are on the axes). */
function roomOf(code: string): string {
  const parts = code.split('-');
  return parts[parts.length - 1] || code;
}

const EMPTY: ReadonlySet<string> = new Set();

const Cell = memo(function Cell({
  cell,
  dimmed,
  statusLabel,
  priceLabel,
  mine,
  mineLabel,
  onOpen,
}: {
  cell: BoardCell;
  dimmed: boolean;
  statusLabel: string;
  priceLabel: string;
  mine: boolean;
  mineLabel: string;
  onOpen: (cell: BoardCell) => void;
}) {
  const colour = STATUS_COLOURS[cell.status];
  return (
    <button
      type="button"
      className={`board-cell${dimmed ? ' is-dimmed' : ''}`}
      style={{ background: colour.fill, borderColor: colour.edge, color: colour.ink }}
      data-testid={`unit-${cell.code}`}
      data-status={cell.status}
      aria-label={`${cell.code} ${statusLabel}`}
      title={`${cell.code} · ${statusLabel}${cell.layout ? ` · ${cell.layout}` : ''}`}
      onClick={() => onOpen(cell)}
    >
      <div className="board-cell-code">
        {roomOf(cell.code)}
        {mine && (
          <span className="board-cell-mine" data-testid="unit-mine" title={mineLabel}>
            {mineLabel}
          </span>
        )}
      </div>
      <div className="board-cell-meta">{Number(cell.gross_area).toFixed(2)}㎡</div>
      <div className="board-cell-price">{priceLabel}</div>
    </button>
  );
});

export function BoardGrid({
  building,
  filters,
  mine = EMPTY,
  onOpen,
}: {
  building: BoardBuilding;
  filters: BoardFilters;
  /** Units the caller holds a live reservation on, marked on their cells. */
  mine?: ReadonlySet<string>;
  onOpen: (cell: BoardCell) => void;
}) {
  const { t } = useInventoryT();
  const grid = useMemo(() => buildGrid(building), [building]);
  return (
    <div className="board-scroll" data-testid="board-scroll">
      <table className="board-table" aria-label={building.name}>
        <thead>
          <tr className="board-entrances">
            <th className="board-floor" rowSpan={2} />
            {grid.entrances.map((group, index) => (
              <th key={`${group.entrance}-${index}`} colSpan={group.span}>
                {t('board.entrance', { entrance: group.entrance })}
              </th>
            ))}
          </tr>
          <tr className="board-positions">
            {grid.columns.map((column) => (
              <th key={`${column.entrance}-${column.position}`}>{String(column.position).padStart(2, '0')}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.floor}>
              <th className="board-floor" scope="row">
                {t('board.floor', { floor: row.floor })}
              </th>
              {row.cells.map((cell, index) => (
                <td key={cell?.id ?? `empty-${index}`}>
                  {cell ? (
                    <Cell
                      cell={cell}
                      dimmed={!matchesFilters(cell, filters)}
                      statusLabel={t(`status.${cell.status}`)}
                      priceLabel={t('board.money', moneyParts(cell.price))}
                      mine={cell.status === 'reserved' && mine.has(cell.id)}
                      mineLabel={t('board.mine')}
                      onOpen={onOpen}
                    />
                  ) : (
                    <div className="board-empty" aria-hidden />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
