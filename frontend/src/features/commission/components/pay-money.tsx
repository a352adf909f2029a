import { Typography } from 'antd';
import type { CSSProperties } from 'react';
import { formatMoney } from '@/lib/money';
import { isNegative } from '../lib/lines';

/** An amount as an office writes it: ¥, thousands separators, two decimals, tabular figures; below zero in red. */
export function PayMoney({
  value,
  strong,
  size,
  testId,
}: {
  value: string | null | undefined;
  strong?: boolean;
  size?: number;
  testId?: string;
}) {
  const negative = isNegative(value);
  const style: CSSProperties = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', ...(size ? { fontSize: size } : {}) };
  return (
    <Typography.Text strong={strong} type={negative ? 'danger' : undefined} style={style} data-testid={testId} data-negative={negative}>
      {formatMoney(value)}
    </Typography.Text>
  );
}
