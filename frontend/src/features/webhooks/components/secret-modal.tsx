import { Alert, Button, Modal, Typography } from 'antd';
import { useWebhooksT } from '../i18n';

/** The signing secret, once: after creation or rotation. */
export function SecretModal({ secret, onClose }: { secret: string; onClose: () => void }) {
  const { t } = useWebhooksT();
  return (
    <Modal
      open
      title={t('secretTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('secretHint')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: secret }} code data-testid="webhook-secret">
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
