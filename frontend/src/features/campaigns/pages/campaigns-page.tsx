import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { formatMoney } from '@/lib/money';
import { useCampaigns, type Campaign, type CampaignKind } from '../api/campaigns';
import { CreateCampaignModal } from '../components/campaign-form-modal';
import { useCampaignsT } from '../i18n';
import { campaignPath, campaignStatus, KINDS } from '../lib/campaigns';

const STATUS_COLORS = { active: 'green', upcoming: 'blue', ended: 'default' } as const;

/** The project's campaigns with their dates, budget and cost; site management creates them here. */
export function CampaignsPage({
  projectId,
  projectName,
  canWrite,
}: {
  projectId: string;
  projectName: string;
  canWrite: boolean;
}) {
  const { t } = useCampaignsT();
  const navigate = useNavigate();
  const campaigns = useCampaigns(projectId);
  const [kind, setKind] = useState<CampaignKind | null>(null);
  const [activeOnly, setActiveOnly] = useState(false);
  const [creating, setCreating] = useState(false);
  const today = dayjs().format('YYYY-MM-DD');
  const rows = useMemo(
    () => (campaigns.data ?? []).filter((c) => (kind === null || c.kind === kind) && (!activeOnly || c.active)),
    [campaigns.data, kind, activeOnly],
  );

  return (
    <>
      <PageHeader
        title={t('list.title')}
        subtitle={`${projectName} · ${t('list.subtitle')}`}
        extra={
          <Space wrap>
            <Link to="/reports/channels">
              <Button icon={<BarChartOutlined />}>{t('list.report')}</Button>
            </Link>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-campaign">
                {t('list.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ minWidth: 128 }}
          placeholder={t('list.allKinds')}
          value={kind ?? undefined}
          onChange={(value) => setKind(value ?? null)}
          options={KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
        />
        <Flex align="center" gap={8}>
          <Switch size="small" id="campaigns-active" checked={activeOnly} onChange={setActiveOnly} />
          <Typography.Text>
            <label htmlFor="campaigns-active">{t('list.activeToday')}</label>
          </Typography.Text>
        </Flex>
      </Flex>
      {campaigns.isError && <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />}
      <Table<Campaign>
        rowKey="id"
        size="middle"
        loading={campaigns.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('list.empty') }}
        onRow={(campaign) => ({ onClick: () => navigate(campaignPath(campaign.id)), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            render: (name: string, c) => <Link to={campaignPath(c.id)}>{name}</Link>,
          },
          {
            title: t('fields.kind'),
            dataIndex: 'kind',
            render: (_: unknown, c) => `${t(`kinds.${c.kind}`)} · ${t(`media.${c.medium}`)}`,
          },
          { title: t('fields.period'), key: 'period', render: (_: unknown, c) => `${c.starts_on} ~ ${c.ends_on}` },
          {
            title: t('fields.status'),
            key: 'status',
            render: (_: unknown, c) => {
              const status = c.active ? 'active' : campaignStatus(c, today) === 'upcoming' ? 'upcoming' : 'ended';
              return <Tag color={STATUS_COLORS[status]}>{t(`status.${status}`)}</Tag>;
            },
          },
          { title: t('fields.budget'), dataIndex: 'budget', align: 'right', render: (v: string | null) => formatMoney(v) },
          { title: t('fields.cost'), dataIndex: 'cost', align: 'right', render: (v: string) => formatMoney(v) },
        ]}
      />
      {creating && (
        <CreateCampaignModal
          projectId={projectId}
          onClose={() => setCreating(false)}
          onCreated={(campaign) => navigate(campaignPath(campaign.id))}
        />
      )}
    </>
  );
}
