import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { formatMoney, formatPercent } from '@/lib/money';
import type { CommissionPlan } from '../api/plans';
import { useCommissionT } from '../i18n';
import { CONDITIONS, GRADES, UNIT_KINDS } from '../lib/plan-body';
import { PlanStatusTag } from './tags';

/** One plan version: its approval state, from when it applies, rates by grade, extras and payout stages. */
export function PlanCard({ plan }: { plan: CommissionPlan }) {
  const { t } = useCommissionT();
  const fixed = UNIT_KINDS.filter((kind) => plan.fixed_amounts[kind] !== undefined);
  const condition = (value: string) => {
    const known = CONDITIONS.find((c) => c === value);
    return known ? t(`conditions.${known}`) : value;
  };
  return (
    <Card
      size="small"
      data-testid="plan-card"
      data-number={plan.number}
      title={
        <Flex wrap gap={8} align="center">
          <span>{t('plans.version', { number: plan.number })}</span>
          <PlanStatusTag status={plan.status} />
        </Flex>
      }
      extra={<Typography.Text type="secondary">{t('plans.effectiveFrom', { date: plan.effective_from })}</Typography.Text>}
    >
      <Typography.Text type="secondary">{t('plans.rates')}</Typography.Text>
      <Flex wrap gap={4} style={{ margin: '4px 0 8px' }} data-testid="plan-rates">
        {GRADES.map((grade) => (
          <Tag key={grade}>
            {t(`grades.${grade}`)} {formatPercent(plan.rates[grade])}
          </Tag>
        ))}
      </Flex>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        {fixed.length > 0 && (
          <Descriptions.Item label={t('plans.fixed')}>
            <Flex wrap gap={4}>
              {fixed.map((kind) => (
                <Tag key={kind}>
                  {t(`unitKinds.${kind}`)} {formatMoney(plan.fixed_amounts[kind])}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
        )}
        {plan.supervisor_override !== null && (
          <Descriptions.Item label={t('plans.override')}>
            {t('plans.overrideValue', { rate: formatPercent(plan.supervisor_override) })}
          </Descriptions.Item>
        )}
        {plan.note && <Descriptions.Item label={t('plans.note')}>{plan.note}</Descriptions.Item>}
      </Descriptions>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {t('plans.stages')}
      </Typography.Text>
      <Flex wrap gap={4} style={{ marginTop: 4 }} data-testid="plan-stages">
        {plan.stages.map((stage) => (
          <Tag key={stage.name} color="blue">
            {stage.name} {formatPercent(stage.share)} · {condition(stage.condition)}
          </Tag>
        ))}
      </Flex>
      {plan.status === 'proposed' && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('plans.pendingHint')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
