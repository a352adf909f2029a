/** Puts the campaigns feature's select into the customers feature's forms (features import no other feature). */
import { Form } from 'antd';
import type { ReactNode } from 'react';
import { CampaignSelect } from '@/features/campaigns/components/campaign-select';
import { useCampaignsT } from '@/features/campaigns/i18n';
import { CampaignFieldProvider } from '@/features/customers/components/campaign-field';

function Field({ projectId }: { projectId: string }) {
  const label = useCampaignsT().t('choice.label');
  return (
    <Form.Item name="campaign_id" label={label}>
      <CampaignSelect projectId={projectId} />
    </Form.Item>
  );
}

const render = (projectId: string) => <Field projectId={projectId} />;

export function WithCampaignField({ children }: { children: ReactNode }) {
  return <CampaignFieldProvider value={render}>{children}</CampaignFieldProvider>;
}
