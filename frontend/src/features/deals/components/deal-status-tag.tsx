import { Tag } from 'antd';
import type { Schemas } from '@/api/client';
import { useDealsT } from '../i18n';

const COLORS: Record<Schemas['DealStatus'], string> = {
  pending_approval: 'gold',
  subscribed: 'blue',
  contracted: 'green',
  handed_over: 'purple',
  cancelled: 'default',
};

export function DealStatusTag({ status }: { status: Schemas['DealStatus'] }) {
  const { t } = useDealsT();
  return (
    <Tag color={COLORS[status]} data-testid="deal-status" style={{ marginInlineEnd: 0 }}>
      {t(`statuses.${status}`)}
    </Tag>
  );
}
