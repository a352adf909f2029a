import { Progress, Space, Typography } from 'antd';
import { useDashboardT } from '../i18n';
import { formatAmount } from '../lib/money';
import { progressOf } from '../lib/progress';
import type { TargetFigures } from '../api/queries';
import { TARGET_METRICS } from '../lib/targets';

/** Month-to-date against the month's target, one bar a figure. */
export function ProgressList({ target, actual }: { target: TargetFigures; actual: (metric: string) => string }) {
  const { t } = useDashboardT();
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }}>
      {TARGET_METRICS.map(({ target: key, metric, money }) => {
        const goal = target[key];
        const done = actual(metric);
        const progress = progressOf(done, goal, money);
        const show = (value: string | number) => (money ? formatAmount(String(value)) : String(value));
        return (
          <div key={key} data-testid="target-progress" data-metric={key}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <Typography.Text>{t(`targets.${key}`)}</Typography.Text>
              <Typography.Text type="secondary">
                {t('targets.of', { actual: show(done), target: show(goal) })}
                {progress.percent !== null && ` · ${progress.percent}%`}
              </Typography.Text>
            </Space>
            <Progress
              percent={progress.fill}
              showInfo={false}
              size="small"
              status={progress.reached ? 'success' : 'active'}
              strokeColor={progress.percent === null ? '#d9d9d9' : undefined}
            />
          </div>
        );
      })}
    </Space>
  );
}
