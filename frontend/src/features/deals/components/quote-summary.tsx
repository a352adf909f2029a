import { Alert, Card, Divider, Skeleton, Space, Tag, Typography } from 'antd';
import { useCommonT } from '@/i18n';
import type { Quote } from '../api/quote-deal';
import { useDealsT } from '../i18n';
import { formatMoney, formatPercent } from '@/lib/money';
import { MoneyText } from './money-text';

/** The live price beside the wizard: list price, each discount, final price and the approval it needs. */
export function QuoteSummary({ quote, loading, stale, problem }: { quote: Quote | undefined; loading: boolean; stale: boolean; problem: string | null }) {
  const { t } = useDealsT();
  const common = useCommonT().t;
  return (
    <Card
      className="deal-summary-card"
      title={
        <Space>
          {t('wizard.livePrice')}
          {(loading || stale) && <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('wizard.quoting')}</Typography.Text>}
        </Space>
      }
      data-testid="quote-summary"
    >
      {problem !== null && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} role="alert" />}
      {quote === undefined ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : (
        <div style={{ opacity: stale ? 0.6 : 1, transition: 'opacity .2s' }}>
          <div className="deal-figure-row">
            <Typography.Text type="secondary">{t('fields.listPrice')}</Typography.Text>
            <MoneyText value={quote.list_price} />
          </div>
          <div className="deal-figure-row">
            <Typography.Text type="secondary">
              {t('fields.methodDiscount')} {formatPercent(quote.method_discount_rate)}
            </Typography.Text>
            <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>−{formatMoney(quote.method_discount)}</Typography.Text>
          </div>
          {quote.discounts.map((discount, index) => (
            <div className="deal-figure-row" key={index}>
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: '60%' }}>
                {discount.kind === 'percent' ? formatPercent(discount.value) : t('wizard.amount')} · {discount.reason}
              </Typography.Text>
              <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>−{formatMoney(discount.amount)}</Typography.Text>
            </div>
          ))}
          <Divider style={{ margin: '10px 0' }} />
          <Typography.Text type="secondary">{t('fields.finalPrice')}</Typography.Text>
          <div className="deal-final-price" data-testid="quote-final-price">
            {formatMoney(quote.final_price)}
          </div>
          {quote.discounts.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('wizard.extraDiscount')} {formatPercent(quote.extra_discount_percent)}
            </Typography.Text>
          )}
          <div style={{ marginTop: 12 }} data-testid="quote-approval">
            {quote.below_floor ? (
              <Alert type="warning" showIcon message={t('wizard.belowFloor')} />
            ) : quote.needs_approval_by ? (
              <Alert
                type="warning"
                showIcon
                message={t('wizard.needsApproval', {
                  percent: formatPercent(quote.extra_discount_percent),
                  role: common(`roles.${quote.needs_approval_by}`),
                })}
              />
            ) : (
              <Tag color="green" style={{ whiteSpace: 'normal' }}>{t('wizard.noApproval')}</Tag>
            )}
          </div>
        </div>
      )}
    </Card>
  );
}
