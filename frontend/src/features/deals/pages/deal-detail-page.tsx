import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ProjectRole } from '@/lib/roles';
import { DealDetail } from '../components/deal-detail';
import { useDealsT } from '../i18n';

export function DealDetailPage({
  dealId,
  role,
  userId,
  approvalsHref,
}: {
  dealId: string;
  role: ProjectRole | null;
  userId: string;
  approvalsHref: string | null;
}) {
  const { t } = useDealsT();
  return (
    <DealDetail
      dealId={dealId}
      role={role}
      userId={userId}
      approvalsHref={approvalsHref}
      backLink={
        <Link to="/deals" style={{ display: 'inline-block', marginBottom: 8 }}>
          <ArrowLeftOutlined /> {t('detail.back')}
        </Link>
      }
    />
  );
}
