/**
 * The optional "来源活动 / campaign" field of the register-customer and visit forms. Campaigns are another
 * feature, so this one only leaves a place for it: the app provides what renders there (a `Form.Item`
 * named `campaign_id`), and without a provider the forms simply have no such field.
 */
import { createContext, useContext, type ReactNode } from 'react';

const CampaignFieldContext = createContext<((projectId: string) => ReactNode) | null>(null);

export const CampaignFieldProvider = CampaignFieldContext.Provider;

export function CampaignField({ projectId }: { projectId: string | undefined }) {
  const render = useContext(CampaignFieldContext);
  return render === null || projectId === undefined ? null : <>{render(projectId)}</>;
}
