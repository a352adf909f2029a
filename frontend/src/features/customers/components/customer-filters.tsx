import { Input, Segmented, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { CustomerFilters, CustomerView } from '@/lib/query-keys';
import { useCustomersT } from '../i18n';
import type { ConsultantOption } from './activity-modals';
import { useOptionLabels } from './options';

/** Search (debounced) and filters above the customer list. */
export function CustomerFiltersBar({
  value,
  onChange,
  views,
  ownerOptions,
}: {
  value: CustomerFilters;
  onChange: (filters: CustomerFilters) => void;
  views: readonly CustomerView[];
  /** Supervisors filter by owner. */
  ownerOptions?: readonly ConsultantOption[];
}) {
  const { t } = useCustomersT();
  const options = useOptionLabels();
  const [text, setText] = useState(value.q ?? '');

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === (value.q ?? '')) return undefined;
    const timer = window.setTimeout(() => onChange({ ...value, q: trimmed || undefined }), 300);
    return () => window.clearTimeout(timer);
  }, [text, value, onChange]);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
      {views.length > 1 && (
        <Segmented<CustomerView>
          value={value.view ?? views[0]}
          onChange={(view) => onChange({ ...value, view })}
          options={views.map((view) => ({ value: view, label: t(`view.${view}`) }))}
        />
      )}
      <Space wrap size={8} style={{ width: '100%' }}>
        <Input.Search
          allowClear
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchPlaceholder')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
          style={{ width: 240, maxWidth: '100%' }}
        />
        <Select
          allowClear
          placeholder={t('filters.stage')}
          aria-label={t('filters.stage')}
          options={options.stages}
          value={value.stage}
          onChange={(stage) => onChange({ ...value, stage })}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder={t('filters.intent')}
          aria-label={t('filters.intent')}
          options={options.intents}
          value={value.intent}
          onChange={(intent) => onChange({ ...value, intent })}
          style={{ width: 110 }}
        />
        <Select
          allowClear
          placeholder={t('filters.channel')}
          aria-label={t('filters.channel')}
          options={options.channels}
          value={value.channel}
          onChange={(channel) => onChange({ ...value, channel })}
          style={{ width: 130 }}
        />
        {ownerOptions && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('filters.owner')}
            aria-label={t('filters.owner')}
            options={[...ownerOptions]}
            value={value.ownerId}
            onChange={(ownerId) => onChange({ ...value, ownerId })}
            style={{ width: 180 }}
          />
        )}
      </Space>
    </Space>
  );
}
