import { Typography } from 'antd';
import type { CSSProperties } from 'react';
import { formatMoney } from '@/lib/money';

/** An amount of money: ¥ with thousands separators, in tabular figures so columns line up. */
export function MoneyText({
  value,
  strong,
  type,
  size,
  testId,
}: {
  value: string | null | undefined;
  strong?: boolean;
  type?: 'secondary' | 'success' | 'warning' | 'danger';
  size?: number;
  testId?: string;
}) {
  const style: CSSProperties = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', ...(size ? { fontSize: size } : {}) };
  return (
    <Typography.Text strong={strong} type={type} style={style} data-testid={testId}>
      {formatMoney(value)}
    </Typography.Text>
  );
}
