/** Campaigns (广告 / 活动 / 促销): the list and one campaign, for the selected project. */
import { useParams } from 'react-router-dom';
import { CampaignDetailPage } from '@/features/campaigns/pages/campaign-detail-page';
import { CampaignsPage } from '@/features/campaigns/pages/campaigns-page';
import { CAMPAIGN_WRITERS, hasRole } from '@/lib/roles';
import { WithProject } from './project-page';

export function CampaignsRoute() {
  return (
    <WithProject>
      {({ project, role }) => (
        <CampaignsPage
          key={project.id}
          projectId={project.id}
          projectName={project.name}
          canWrite={hasRole(role, CAMPAIGN_WRITERS)}
        />
      )}
    </WithProject>
  );
}

export function CampaignDetailRoute() {
  const { campaignId = '' } = useParams();
  return <CampaignDetailPage key={campaignId} campaignId={campaignId} />;
}
