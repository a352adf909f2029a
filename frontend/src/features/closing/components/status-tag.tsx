import { Tag } from 'antd';
import type { CloseStatus } from '../lib/close';
import { STATUS_COLOR } from '../lib/close';
import { useClosingT } from '../i18n';

/** A close's state: 待关账, 待会签, 已会签. */
export function CloseStatusTag({ status, testId = 'close-status' }: { status: CloseStatus; testId?: string }) {
  const { t } = useClosingT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
