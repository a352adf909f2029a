import { Alert, Button, Card, Form, Input, Rate, Result, Skeleton, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { usePublicRating, useSubmitRating, type RatingRequest } from '../api/public-rating';
import { useComplaintsT } from '../i18n';
import { ratingProblem, type RatingProblem as Problem } from '../lib/rating-problem';

function Frame({ children }: { children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: 16, boxSizing: 'border-box' }}>
      <div style={{ maxWidth: 480, margin: '0 auto' }}>{children}</div>
    </div>
  );
}

/**
 * The customer's page behind the one-time link: no login, nothing of the project but the complaint's
 * title and resolution, a 1–5 rating and a comment, taken once. Used, expired and unknown links say so.
 */
export function RatePage({ token }: { token: string }) {
  const { t } = useComplaintsT();
  const view = usePublicRating(token);
  const submit = useSubmitRating(token);
  const [form] = Form.useForm<RatingRequest>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);

  const onFinish = async (values: RatingRequest) => {
    setProblem(null);
    try {
      await submit.mutateAsync({ score: values.score, comment: values.comment?.trim() ? values.comment.trim() : null });
      setDone(true);
    } catch (error) {
      setProblem(ratingProblem(error));
    }
  };

  if (view.isPending) {
    return (
      <Frame>
        <Card>
          <Skeleton active />
        </Card>
      </Frame>
    );
  }
  const state = view.isError ? ratingProblem(view.error) : view.data.state === 'open' ? null : view.data.state;
  if (done) {
    return (
      <Frame>
        <div data-testid="rate-thanks">
          <Result status="success" title={t('rate.thanks')} />
        </div>
      </Frame>
    );
  }
  if (state !== null) {
    const status = state === 'used' ? 'info' : state === 'throttled' || state === 'failed' ? 'warning' : 'error';
    return (
      <Frame>
        <div data-testid={`rate-${state}`}>
          <Result status={status} title={t(`rate.${state}`)} />
        </div>
      </Frame>
    );
  }
  const { title, resolution } = view.data!;
  return (
    <Frame>
      <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 8 }}>
        {t('rate.title')}
      </Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('rate.intro')}</Typography.Paragraph>
        <Typography.Text type="secondary">{t('rate.complaint')}</Typography.Text>
        <Typography.Paragraph strong data-testid="rate-title">
          {title}
        </Typography.Paragraph>
        {resolution && (
          <>
            <Typography.Text type="secondary">{t('rate.resolution')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="rate-resolution">
              {resolution}
            </Typography.Paragraph>
          </>
        )}
        {problem !== null && (
          <Alert type={problem === 'used' ? 'info' : 'error'} showIcon message={t(`rate.${problem}`)} style={{ marginBottom: 16 }} role="alert" />
        )}
        <Form<RatingRequest> form={form} layout="vertical" onFinish={(values) => void onFinish(values)} disabled={problem === 'used' || problem === 'expired'}>
          <Form.Item name="score" label={t('rate.score')} rules={[{ required: true, message: t('rate.scoreRequired') }]}>
            <Rate style={{ fontSize: 32 }} data-testid="rate-score" />
          </Form.Item>
          <Form.Item name="comment" label={t('rate.comment')}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending}>
            {t('rate.submit')}
          </Button>
        </Form>
      </Card>
    </Frame>
  );
}
