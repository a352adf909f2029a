import { Checkbox, Table } from 'antd';
import { useApiKeysT } from '../i18n';

export type Access = 'read' | 'write';

/** The scopes as a table of domains × read/write; ticking write ticks read (write implies read). */
export function ScopePicker({
  domains,
  value = [],
  onChange,
}: {
  domains: readonly string[];
  value?: string[];
  onChange?: (value: string[]) => void;
}) {
  const { t } = useApiKeysT();
  const held = new Set(value);
  const toggle = (domain: string, access: Access, on: boolean) => {
    const next = new Set(held);
    if (on) {
      next.add(`${domain}:${access}`);
      if (access === 'write') next.add(`${domain}:read`);
    } else {
      next.delete(`${domain}:${access}`);
      if (access === 'read') next.delete(`${domain}:write`);
    }
    onChange?.([...next].sort());
  };
  const cell = (access: Access) => (domain: string) => (
    <Checkbox
      aria-label={`${domain}:${access}`}
      data-testid={`scope-${domain}-${access}`}
      checked={held.has(`${domain}:${access}`)}
      onChange={(event) => toggle(domain, access, event.target.checked)}
    />
  );
  return (
    <Table<string>
      size="small"
      rowKey={(domain) => domain}
      pagination={false}
      dataSource={[...domains]}
      columns={[
        { title: t('fields.scopes'), key: 'domain', render: (domain: string) => t(`domains.${domain}` as never) },
        { title: t('access.read'), key: 'read', align: 'center', width: 72, render: cell('read') },
        { title: t('access.write'), key: 'write', align: 'center', width: 72, render: cell('write') },
      ]}
    />
  );
}
