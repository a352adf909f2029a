import { App, Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useErrorMessage } from '@/lib/error-message';
import { useRoster } from '../api/get-roster';
import { useSetRoster } from '../api/set-roster';
import { useReceptionT } from '../i18n';

export interface ConsultantChoice {
  value: string;
  label: string;
}

/** Plans today's roster (排班): the consultants on duty, in reception order (supervisors). */
export function RosterEditor({ projectId, consultants }: { projectId: string; consultants: readonly ConsultantChoice[] }) {
  const { t } = useReceptionT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const roster = useRoster(projectId);
  const save = useSetRoster();
  // Unsaved picks belong to the roster they were made on; a fresh roster from the server replaces them.
  const [draft, setDraft] = useState<{ base: unknown; ids: string[] } | null>(null);
  const current = roster.data?.entries.map((entry) => entry.user.id) ?? [];
  const userIds = draft !== null && draft.base === roster.data ? draft.ids : null;
  const setUserIds = (ids: string[]) => setDraft({ base: roster.data, ids });
  const value = userIds ?? current;
  const labels = new Map(consultants.map((option) => [option.value, option.label]));
  for (const entry of roster.data?.entries ?? []) if (!labels.has(entry.user.id)) labels.set(entry.user.id, entry.user.full_name);

  const submit = async () => {
    try {
      await save.mutateAsync({ projectId, userIds: value });
      void message.success(t('rosterSaved'));
    } catch (error) {
      void message.error(describe(error));
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('rosterHelp')}</Typography.Text>
      <Select
        mode="multiple"
        aria-label={t('roster')}
        style={{ width: '100%' }}
        loading={roster.isPending}
        value={value}
        onChange={setUserIds}
        options={[...labels].map(([id, label]) => ({ value: id, label }))}
        optionFilterProp="label"
      />
      <Button type="primary" onClick={() => void submit()} loading={save.isPending} disabled={userIds === null}>
        {t('saveRoster')}
      </Button>
    </Space>
  );
}
