import { Tag } from 'antd';
import type { Schemas } from '@/api/client';
import { useComplaintsT } from '../i18n';

const SEVERITY_COLORS: Record<Schemas['ComplaintSeverity'], string> = { minor: 'default', major: 'orange', critical: 'red' };
const STATUS_COLORS: Record<Schemas['ComplaintStatus'], string> = {
  open: 'gold',
  acknowledged: 'blue',
  in_progress: 'processing',
  resolved: 'green',
  closed: 'default',
};

export function SeverityTag({ severity }: { severity: Schemas['ComplaintSeverity'] }) {
  const { t } = useComplaintsT();
  return (
    <Tag color={SEVERITY_COLORS[severity]} data-testid="complaint-severity">
      {t(`severities.${severity}`)}
    </Tag>
  );
}

export function ComplaintStatusTag({ status }: { status: Schemas['ComplaintStatus'] }) {
  const { t } = useComplaintsT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="complaint-status">
      {t(`statuses.${status}`)}
    </Tag>
  );
}
