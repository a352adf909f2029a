import { ClearOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Select, Space } from 'antd';
import type { UnitStatus } from '../api/get-board';
import { hasFilters, NO_FILTERS, type BoardFilters } from '../lib/board-layout';
import { STATUS_COLOURS, STATUS_ORDER } from '../lib/status';
import { useInventoryT } from '../i18n';

export function BoardFilterBar({
  value,
  onChange,
  layouts,
  statuses = STATUS_ORDER,
}: {
  value: BoardFilters;
  onChange: (next: BoardFilters) => void;
  layouts: readonly string[];
  statuses?: readonly UnitStatus[];
}) {
  const { t } = useInventoryT();
  const set = (patch: Partial<BoardFilters>) => onChange({ ...value, ...patch });
  return (
    <Flex wrap gap={8} align="center" data-testid="board-filters">
      <Select<UnitStatus[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        aria-label={t('filters.status')}
        placeholder={t('filters.status')}
        style={{ minWidth: 150, flex: '1 1 150px', maxWidth: 260 }}
        value={value.statuses}
        onChange={(statuses) => set({ statuses })}
        options={statuses.map((status) => ({
          value: status,
          label: (
            <Space size={6}>
              <span
                className="board-swatch"
                style={{ display: 'inline-block', background: STATUS_COLOURS[status].fill, borderColor: STATUS_COLOURS[status].edge }}
              />
              {t(`status.${status}`)}
            </Space>
          ),
        }))}
      />
      <Select<string[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        aria-label={t('filters.layout')}
        placeholder={t('filters.layout')}
        style={{ minWidth: 150, flex: '1 1 150px', maxWidth: 260 }}
        value={value.layouts}
        onChange={(layoutsChosen) => set({ layouts: layoutsChosen })}
        options={layouts.map((layout) => ({ value: layout, label: layout }))}
      />
      <Space.Compact>
        <InputNumber<number>
          aria-label={`${t('filters.price')} ${t('filters.priceMin')}`}
          placeholder={`${t('filters.price')} ${t('filters.priceMin')}`}
          min={0}
          style={{ width: 124 }}
          value={value.priceMin}
          onChange={(priceMin) => set({ priceMin })}
        />
        <InputNumber<number>
          aria-label={`${t('filters.price')} ${t('filters.priceMax')}`}
          placeholder={t('filters.priceMax')}
          min={0}
          style={{ width: 84 }}
          value={value.priceMax}
          onChange={(priceMax) => set({ priceMax })}
        />
      </Space.Compact>
      <Space.Compact>
        <InputNumber<number>
          aria-label={`${t('filters.floor')} ${t('filters.floorMin')}`}
          placeholder={`${t('filters.floor')} ${t('filters.floorMin')}`}
          style={{ width: 104 }}
          value={value.floorMin}
          onChange={(floorMin) => set({ floorMin })}
        />
        <InputNumber<number>
          aria-label={`${t('filters.floor')} ${t('filters.floorMax')}`}
          placeholder={t('filters.floorMax')}
          style={{ width: 72 }}
          value={value.floorMax}
          onChange={(floorMax) => set({ floorMax })}
        />
      </Space.Compact>
      {hasFilters(value) && (
        <Button icon={<ClearOutlined />} onClick={() => onChange(NO_FILTERS)}>
          {t('filters.clear')}
        </Button>
      )}
    </Flex>
  );
}
