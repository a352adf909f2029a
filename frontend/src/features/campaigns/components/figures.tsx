import { Card, Col, Row, Statistic } from 'antd';
import { formatMoney } from '@/lib/money';
import type { SourceFigures } from '../api/campaigns';
import { useCampaignsT } from '../i18n';
import { formatRatio } from '../lib/campaigns';

/** What a campaign (or the whole project) brought and what it cost, as statistic tiles. */
export function FigureTiles({ figures }: { figures: SourceFigures }) {
  const { t } = useCampaignsT();
  const tiles = [
    { key: 'visits', title: t('effect.visits'), value: `${figures.visits} (${figures.first_visits}/${figures.repeat_visits})` },
    { key: 'new', title: t('effect.newCustomers'), value: String(figures.new_customers) },
    { key: 'subscriptions', title: t('effect.subscriptions'), value: String(figures.subscriptions) },
    { key: 'contracts', title: t('effect.contracts'), value: String(figures.contracts) },
    { key: 'cost', title: t('effect.cost'), value: formatMoney(figures.cost) },
    { key: 'perVisit', title: t('effect.costPerVisit'), value: formatMoney(figures.cost_per_visit) },
    { key: 'perCustomer', title: t('effect.costPerCustomer'), value: formatMoney(figures.cost_per_new_customer) },
    { key: 'perDeal', title: t('effect.costPerDeal'), value: formatMoney(figures.cost_per_deal), testId: 'cost-per-deal' },
    { key: 'ros', title: t('effect.returnOnSpend'), value: formatRatio(figures.return_on_spend) },
  ];
  return (
    <Row gutter={[12, 12]}>
      {tiles.map((tile) => (
        <Col key={tile.key} xs={12} sm={8} lg={6} xl={4}>
          <Card size="small">
            <Statistic title={tile.title} value={tile.value} valueStyle={{ fontSize: 18 }} />
            {tile.testId && (
              <span data-testid={tile.testId} hidden>
                {tile.value}
              </span>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
