import type { StatusTotal, UnitStatus } from '../api/get-board';
import { moneyParts } from '../lib/money';
import { legendEntries } from '../lib/status';
import { useInventoryT } from '../i18n';
import './board.css';

/** The legend doubles as counts and amounts per status; a click filters by that status. */
export function BoardLegend({
  totals,
  active,
  onToggle,
}: {
  totals: readonly StatusTotal[];
  active: readonly UnitStatus[];
  onToggle: (status: UnitStatus) => void;
}) {
  const { t } = useInventoryT();
  return (
    <div className="board-legend" data-testid="board-legend">
      {legendEntries(totals).map((entry) => (
        <button
          type="button"
          key={entry.status}
          className={`board-legend-item${active.includes(entry.status) ? ' is-active' : ''}`}
          aria-pressed={active.includes(entry.status)}
          data-testid={`legend-${entry.status}`}
          onClick={() => onToggle(entry.status)}
        >
          <span className="board-swatch" style={{ background: entry.colour.fill, borderColor: entry.colour.edge }} />
          <span>
            <div style={{ fontSize: 12, color: '#595959' }}>{t(`status.${entry.status}`)}</div>
            <div>
              <span className="board-legend-count">{entry.count}</span>
              <span className="board-legend-amount"> · {t('board.money', moneyParts(entry.amount))}</span>
            </div>
          </span>
        </button>
      ))}
    </div>
  );
}
