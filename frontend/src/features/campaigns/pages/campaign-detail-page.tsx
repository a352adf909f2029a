import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { compareMoney, formatMoney } from '@/lib/money';
import { useCampaign } from '../api/campaigns';
import { EditCampaignModal } from '../components/campaign-form-modal';
import { CostEntries } from '../components/cost-entries';
import { EffectCard } from '../components/effect-card';
import { useCampaignsT } from '../i18n';

/** One campaign: its details, its effect so far, and its cost entries with a running total. */
export function CampaignDetailPage({ campaignId }: { campaignId: string }) {
  const { t } = useCampaignsT();
  const campaign = useCampaign(campaignId);
  const [editing, setEditing] = useState(false);
  if (campaign.isError) return <QueryError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (campaign.isPending) return <Skeleton active />;
  const c = campaign.data;
  const over = c.budget !== null && compareMoney(c.cost, c.budget) > 0;
  return (
    <>
      <PageHeader
        title={c.name}
        subtitle={<Link to="/campaigns">{t('detail.back')}</Link>}
        extra={
          c.allowed_actions.includes('edit') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-campaign">
              {t('detail.edit')}
            </Button>
          )
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('fields.kind')}>
              {t(`kinds.${c.kind}`)} · {t(`media.${c.medium}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.period')}>
              {c.starts_on} ~ {c.ends_on} {c.active && <Tag color="green">{t('status.active')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.budget')}>{formatMoney(c.budget)}</Descriptions.Item>
            <Descriptions.Item label={t('fields.cost')}>
              <span data-testid="campaign-cost">{formatMoney(c.cost)}</span>{' '}
              {over && <Tag color="red">{t('detail.overBudget')}</Tag>}
            </Descriptions.Item>
            {c.notes && <Descriptions.Item label={t('fields.notes')}>{c.notes}</Descriptions.Item>}
          </Descriptions>
        </Card>
        <EffectCard campaign={c} />
        <Row>
          <Col span={24}>
            <CostEntries campaign={c} />
          </Col>
        </Row>
      </Space>
      {editing && <EditCampaignModal campaign={c} onClose={() => setEditing(false)} />}
    </>
  );
}
