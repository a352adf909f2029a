import { Card, Empty, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { QueryError } from '@/components/query-error';
import { useChannelReport, type Campaign } from '../api/campaigns';
import { useCampaignsT } from '../i18n';
import { effectPeriod } from '../lib/campaigns';
import { FigureTiles } from './figures';

const DAY = 'YYYY-MM-DD';

/** The campaign's effect card: its row of the channel report from its start to today. */
export function EffectCard({ campaign }: { campaign: Campaign }) {
  const { t } = useCampaignsT();
  const [from, to] = effectPeriod(campaign, dayjs().format(DAY));
  const report = useChannelReport(campaign.project_id, from, to);
  const mine = report.data?.campaigns.find((c) => c.campaign_id === campaign.id);
  return (
    <Card size="small" title={t('effect.title')} extra={t('effect.since', { from, to })} data-testid="effect-card">
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {report.isPending && <Skeleton active />}
      {report.data && (mine ? <FigureTiles figures={mine} /> : <Empty />)}
    </Card>
  );
}
