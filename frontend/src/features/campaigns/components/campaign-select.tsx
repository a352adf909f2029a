/**
 * The optional "来源活动 / campaign" select of the walk-in, register-customer and visit forms: the
 * project's campaigns running today (names only, which every member may read). Used as a form control
 * (`value`/`onChange` from `Form.Item`); shows nothing to choose when no campaign runs.
 */
import { Select } from 'antd';
import { useCampaignChoices } from '../api/campaigns';
import { useCampaignsT } from '../i18n';

export function CampaignSelect({
  projectId,
  value,
  onChange,
  id,
}: {
  projectId: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}) {
  const { t } = useCampaignsT();
  const choices = useCampaignChoices(projectId);
  return (
    <Select<string>
      id={id}
      allowClear
      loading={choices.isPending}
      placeholder={t('choice.placeholder')}
      value={value ?? undefined}
      onChange={(chosen) => onChange?.(chosen ?? null)}
      options={(choices.data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.name} · ${t(`kinds.${c.kind}`)}`,
      }))}
      data-testid="campaign-select"
    />
  );
}

