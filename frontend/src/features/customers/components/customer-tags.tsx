import { Tag } from 'antd';
import type { Intent, Stage } from '../api/get-customers';
import { useCustomersT } from '../i18n';

const STAGE_COLOR: Record<Stage, string> = {
  new: 'blue',
  visited: 'cyan',
  pledged: 'purple',
  subscribed: 'gold',
  contracted: 'green',
  lost: 'default',
};

const INTENT_COLOR: Record<Intent, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useCustomersT();
  return <Tag color={STAGE_COLOR[stage]}>{t(`stage.${stage}`)}</Tag>;
}

export function IntentTag({ intent }: { intent: Intent | null }) {
  const { t } = useCustomersT();
  if (intent === null) return <>—</>;
  return <Tag color={INTENT_COLOR[intent]}>{t(`intent.${intent}`)}</Tag>;
}
