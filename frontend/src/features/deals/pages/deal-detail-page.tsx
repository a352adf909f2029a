import { ArrowLeftOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ProjectRole } from '@/lib/roles';
import { DealDetail } from '../components/deal-detail';
import { useDealsT } from '../i18n';

export function DealDetailPage({
  dealId,
  role,
  approvalsHref,
  complaintsSlot,
  creditsSlot,
}: {
  dealId: string;
  role: ProjectRole | null;
  approvalsHref: string | null;
  complaintsSlot?: (deal: { projectId: string; title: string }) => ReactNode;
  creditsSlot?: (deal: { projectId: string }) => ReactNode;
}) {
  const { t } = useDealsT();
  return (
    <DealDetail
      dealId={dealId}
      role={role}
      approvalsHref={approvalsHref}
      complaintsSlot={complaintsSlot}
      creditsSlot={creditsSlot}
      backLink={
        <Link to="/deals" style={{ display: 'inline-block', marginBottom: 8 }}>
          <ArrowLeftOutlined /> {t('detail.back')}
        </Link>
      }
    />
  );
}
