import { CopyOutlined, LinkOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useErrorMessage } from '@/lib/error-message';
import { can, type ComplaintAction } from '@/lib/allowed-actions';
import { formatDateTime } from '@/lib/format';
import { useActOnComplaint, useMakeRatingLink, type ComplaintActionRequest, type RatingLink } from '../api/complaint-mutations';
import type { Complaint } from '../api/get-complaints';
import { useComplaintsT } from '../i18n';
import { ActionFormModal, type FormAction } from './action-form-modal';

// The order the buttons stand in: the next step of the state machine first.
const ORDER: readonly ComplaintAction[] = ['acknowledge', 'start', 'resolve', 'close', 'rating_link', 'escalate', 'reopen', 'comment'];
const PRIMARY: ReadonlySet<ComplaintAction> = new Set(['acknowledge', 'start', 'resolve', 'close']);

/** The buttons the server allows on this complaint now, exactly `allowed_actions`, in the order above. */
export function ComplaintActionButtons({
  complaint,
  onChoose,
  busy,
}: {
  complaint: Pick<Complaint, 'allowed_actions'>;
  onChoose: (action: ComplaintAction) => void;
  busy?: ComplaintAction | null;
}) {
  const { t } = useComplaintsT();
  const allowed = ORDER.filter((action) => can(complaint as Complaint, action));
  const primary = allowed.find((action) => PRIMARY.has(action));
  return (
    <Space wrap size={8} data-testid="complaint-actions">
      {allowed.map((action) => (
        <Button
          key={action}
          type={action === primary ? 'primary' : 'default'}
          danger={action === 'escalate'}
          icon={action === 'rating_link' ? <LinkOutlined /> : undefined}
          loading={busy === action}
          onClick={() => onChoose(action)}
          data-testid={`complaint-action-${action}`}
        >
          {t(`actions.${action}`)}
        </Button>
      ))}
    </Space>
  );
}

/** The one-time rating link, shown once (only its hash is kept), with a copy button. */
export function RatingLinkModal({ link, onClose }: { link: RatingLink; onClose: () => void }) {
  const { t } = useComplaintsT();
  const { message } = App.useApp();
  const url = `${window.location.origin}${link.path}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      void message.success(t('ratingLink.copied'));
    } catch {
      // No clipboard (an insecure origin, a denied permission): the field stays selectable.
    }
  };
  return (
    <Modal open title={t('ratingLink.title')} onCancel={onClose} footer={null} maskClosable={false}>
      <Typography.Paragraph type="secondary">{t('ratingLink.hint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={url} data-testid="rating-link-url" onFocus={(event) => event.target.select()} />
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('ratingLink.copy')}
        </Button>
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('ratingLink.expires', { at: formatDateTime(link.expires_at) })}
      </Typography.Paragraph>
    </Modal>
  );
}

/** The action buttons with the form each opens, wired to the API. */
export function ComplaintActions({ complaint }: { complaint: Complaint }) {
  const { t } = useComplaintsT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const act = useActOnComplaint(complaint.project_id, complaint.id);
  const makeLink = useMakeRatingLink(complaint.project_id, complaint.id);
  const [open, setOpen] = useState<FormAction | null>(null);
  const [link, setLink] = useState<RatingLink | null>(null);

  const choose = async (action: ComplaintAction) => {
    if (action !== 'rating_link') {
      setOpen(action);
      return;
    }
    try {
      setLink(await makeLink.mutateAsync());
    } catch (error) {
      void message.error(describe(error));
    }
  };

  const submit = async (body: ComplaintActionRequest) => {
    const changed = await act.mutateAsync(body);
    setOpen(null);
    if (changed.remedy_pending) void message.info(t('actions.pendingApproval'));
    else void message.success(t('actions.done'));
  };

  return (
    <>
      <ComplaintActionButtons
        complaint={complaint}
        onChoose={(action) => void choose(action)}
        busy={makeLink.isPending ? 'rating_link' : null}
      />
      {open !== null && (
        <ActionFormModal type={open} complaint={complaint} onSubmit={submit} onCancel={() => setOpen(null)} />
      )}
      {link !== null && <RatingLinkModal link={link} onClose={() => setLink(null)} />}
    </>
  );
}
