import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { formatMoney } from '@/lib/money';
import type { AgencyFeeRule } from '../api/rules';
import { useAgencyFeeT } from '../i18n';
import { formatRate } from '../lib/format';
import { RuleStatusTag } from './tags';

type Loose = (key: string) => string;

/** One rule version: its approval state, when it applies, the rate or tier table, extras and stages. */
export function RuleCard({ rule }: { rule: AgencyFeeRule }) {
  const { t } = useAgencyFeeT();
  const loose = t as unknown as Loose;
  const word = (prefix: string, key: string) => {
    const text = loose(`${prefix}.${key}`);
    return text === `${prefix}.${key}` ? key : text;
  };
  const fixed = Object.entries(rule.fixed_amounts);
  return (
    <Card
      size="small"
      data-testid="rule-card"
      data-number={rule.number}
      title={
        <Flex wrap gap={8} align="center">
          <span>{t('rules.version', { number: rule.number })}</span>
          <RuleStatusTag status={rule.status} />
        </Flex>
      }
      extra={<Typography.Text type="secondary">{t('rules.effectiveFrom', { date: rule.effective_from })}</Typography.Text>}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('form.base')}>{t(`bases.${rule.base}`)}</Descriptions.Item>
        <Descriptions.Item label={t('form.mode')}>
          {rule.rate !== null ? (
            <span data-testid="rule-rate">
              {t('rules.flat')} {formatRate(rule.rate)}
            </span>
          ) : (
            t('rules.tiered')
          )}
        </Descriptions.Item>
        {rule.premium_share !== null && (
          <Descriptions.Item label={t('form.premiumShare')}>{formatRate(rule.premium_share)}</Descriptions.Item>
        )}
        {fixed.length > 0 && (
          <Descriptions.Item label={t('rules.fixed')}>
            <Flex wrap gap={4}>
              {fixed.map(([kind, amount]) => (
                <Tag key={kind}>
                  {word('unitKinds', kind)} {formatMoney(amount)}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
        )}
        {rule.note && <Descriptions.Item label={t('rules.note')}>{rule.note}</Descriptions.Item>}
      </Descriptions>
      {rule.tiers.length > 0 && (
        <Table
          size="small"
          data-testid="rule-tiers"
          style={{ marginTop: 8, maxWidth: 420 }}
          pagination={false}
          rowKey="from_percent"
          dataSource={rule.tiers}
          columns={[
            {
              title: t('rules.from'),
              key: 'range',
              render: (_: unknown, tier) =>
                tier.to_percent === null
                  ? `≥ ${formatRate(tier.from_percent)}`
                  : `${formatRate(tier.from_percent)} – ${formatRate(tier.to_percent)}`,
            },
            { title: t('rules.rate'), dataIndex: 'rate', align: 'right', render: (rate: string) => formatRate(rate) },
          ]}
        />
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {t('rules.stages')}
      </Typography.Text>
      <Flex wrap gap={4} style={{ marginTop: 4 }} data-testid="rule-stages">
        {rule.stages.map((stage) => (
          <Tag key={stage.name} color="blue">
            {formatRate(stage.share)} · {word('conditions', stage.condition)}
          </Tag>
        ))}
      </Flex>
      {rule.status === 'proposed' && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('rules.pendingHint')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
