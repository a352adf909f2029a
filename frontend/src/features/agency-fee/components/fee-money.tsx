import { Typography } from 'antd';
import type { CSSProperties } from 'react';
import { formatMoney } from '@/lib/money';
import { isNegative } from '../lib/format';

/**
 * An amount as a sales office writes it: ¥ with thousands separators and two decimals, in tabular
 * figures so columns line up; below zero (money taken back) in red, as on the developer's sheets.
 */
export function FeeMoney({
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
