import { Alert, Button, Col, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import { useState } from 'react';
import { useCommonT } from '@/i18n';
import { useErrorMessage } from '@/lib/error-message';
import { useCreateCustomer } from '../api/create-customer';
import type { Customer } from '../api/get-customers';
import { useCustomersT } from '../i18n';
import { CampaignField } from './campaign-field';
import { applyCustomerErrors } from './customer-errors';
import { CUSTOMER_FIELDS, toCustomerCreate, type CustomerValues } from './customer-values';
import { useOptionLabels } from './options';

/** The fields of a new customer; the phone field carries the 撞单 message when the server refuses. With
 * the project, the optional campaign that brought them (来源活动), from those running today. */
export function CustomerFields({ projectId }: { projectId?: string } = {}) {
  const { t } = useCustomersT();
  const common = useCommonT().t;
  const options = useOptionLabels();
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item
          name="phone"
          label={t('fields.phone')}
          extra={t('phoneHelp')}
          rules={[{ required: true, whitespace: true, message: common('form.required', { field: t('fields.phone') }) }]}
        >
          <Input inputMode="tel" maxLength={32} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, whitespace: true, message: common('form.required', { field: t('fields.name') }) }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={12}>
        <Form.Item name="channel" label={t('fields.channel')}>
          <Select options={options.channels} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={12}>
        <Form.Item name="intent" label={t('fields.intent')}>
          <Select options={options.intents} allowClear />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="budget" label={t('fields.budget')}>
          <InputNumber<string> stringMode min="0" max="999999999999" step={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="wanted_layouts" label={t('fields.layouts')}>
          <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('layoutsPlaceholder')} open={false} />
        </Form.Item>
      </Col>
      {projectId !== undefined && (
        <Col xs={24}>
          <CampaignField projectId={projectId} />
        </Col>
      )}
      <Col span={24}>
        <Form.Item name="notes" label={t('fields.notes')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Registration as a form on the page (the walk-in flow): register, or show why not on the fields. */
export function RegisterCustomerForm({
  projectId,
  ownerId,
  initialPhone,
  onRegistered,
  submitText,
}: {
  projectId: string;
  /** Supervisors register for the consultant who receives the visitor. */
  ownerId?: string;
  initialPhone?: string;
  onRegistered: (customer: Customer) => void;
  submitText?: string;
}) {
  const { t } = useCustomersT();
  const describe = useErrorMessage();
  const [form] = Form.useForm<CustomerValues>();
  const create = useCreateCustomer();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: CustomerValues) => {
    setProblem(null);
    try {
      const customer = await create.mutateAsync({ projectId, body: toCustomerCreate(values, ownerId) });
      onRegistered(customer);
    } catch (error) {
      if (!applyCustomerErrors(form as FormInstance, error, CUSTOMER_FIELDS, t)) setProblem(describe(error));
    }
  };

  return (
    <Form<CustomerValues>
      form={form}
      layout="vertical"
      initialValues={{ channel: 'walk_in', phone: initialPhone }}
      onFinish={(values) => void submit(values)}
      aria-label={t('register')}
    >
      {problem !== null && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} role="alert" />}
      <CustomerFields projectId={projectId} />
      <Button type="primary" htmlType="submit" loading={create.isPending} block>
        {submitText ?? t('register')}
      </Button>
    </Form>
  );
}
