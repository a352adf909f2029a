import { CheckCircleFilled, UserOutlined } from '@ant-design/icons';
import { Button, Card, Col, Divider, Input, Result, Row, Space, Steps, Tag, Typography } from 'antd';
import { useReducer, useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { useMediaQuery } from '@/lib/use-media-query';
import { customerPath } from '@/features/customers/components/options';
import { CustomerLookup } from '@/features/customers/components/customer-lookup';
import { RegisterCustomerForm } from '@/features/customers/components/customer-form';
import { LogVisitForm } from '@/features/customers/components/visit-form';
import { NextConsultantButton } from '@/features/reception/components/next-consultant';
import { RotationQueue } from '@/features/reception/components/rotation-queue';
import { useReceptionT } from '@/features/reception/i18n';
import { useCurrentProject } from '../use-current-project';
import { WithCampaignField } from './campaign-field';
import { WithProject } from './project-page';
import { supervises } from './sales-roles';
import { initialWalkIn, stepIndex, walkInReducer, WALK_IN_STEPS, type ChosenCustomer } from './walk-in-steps';

function WalkInFlow({ projectId, runsRotation }: { projectId: string; runsRotation: boolean }) {
  const { t } = useReceptionT();
  const { me } = useCurrentProject();
  const [state, dispatch] = useReducer(walkInReducer, initialWalkIn);
  const phone = useMediaQuery('(max-width: 575px)');
  const [typed, setTyped] = useState('');
  const [lookup, setLookup] = useState('');
  const receiver = state.receiver;
  // Supervisors act for the consultant the rotation chose; a consultant receives the visitor themselves.
  const actingFor = receiver !== null && receiver.id !== me.user.id ? receiver.id : undefined;
  const choose = (customer: ChosenCustomer) => dispatch({ type: 'customer-chosen', customer });

  const restart = () => {
    dispatch({ type: 'restart' });
    setTyped('');
    setLookup('');
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Steps
          size="small"
          responsive={false}
          type={phone ? 'inline' : 'default'}
          labelPlacement="vertical"
          current={stepIndex(state.step)}
          items={WALK_IN_STEPS.map((step) => ({ title: t(`walkIn.steps.${step}`) }))}
        />
      </Card>

      {receiver !== null && state.step !== 'done' && (
        <Card size="small" data-testid="walk-in-receiver">
          <Space wrap size={8}>
            <Typography.Text type="secondary">{t('walkIn.receiver')}</Typography.Text>
            <Tag icon={<UserOutlined />} color="blue" style={{ fontSize: 14, padding: '2px 8px' }}>
              {receiver.fullName}
            </Tag>
            {receiver.turn !== null && <Typography.Text type="secondary">{t('turnNo', { count: receiver.turn })}</Typography.Text>}
            {state.customer && (
              <>
                <Divider type="vertical" />
                <Typography.Text type="secondary">{t('walkIn.customer')}</Typography.Text>
                <Typography.Text strong>{state.customer.name}</Typography.Text>
              </>
            )}
          </Space>
        </Card>
      )}

      {state.step === 'receiver' && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={runsRotation ? 10 : 24}>
            <Card title={t('walkIn.steps.receiver')} style={{ height: '100%' }}>
              {runsRotation ? (
                <NextConsultantButton
                  projectId={projectId}
                  onAssigned={(result, phone) => {
                    const given = {
                      id: result.turn.consultant.id,
                      fullName: result.turn.consultant.full_name,
                      turn: result.turn.kind === 'turn' ? result.turn.sequence : null,
                    };
                    if (result.customer && result.visit) {
                      const { id, name, channel } = result.customer;
                      dispatch({ type: 'returning', receiver: given, customer: { id, name, channel }, visitId: result.visit.id });
                    } else {
                      dispatch({ type: 'assigned', receiver: given });
                      setTyped(phone ?? '');
                      setLookup(phone ?? '');
                    }
                  }}
                />
              ) : (
                <Space direction="vertical" size={12} style={{ width: '100%' }}>
                  <Typography.Text type="secondary">{t('walkIn.receiveMyselfHelp')}</Typography.Text>
                  <Button
                    type="primary"
                    size="large"
                    block
                    icon={<UserOutlined />}
                    onClick={() =>
                      dispatch({ type: 'assigned', receiver: { id: me.user.id, fullName: me.user.full_name, turn: null } })
                    }
                  >
                    {t('walkIn.receiveMyself')}
                  </Button>
                </Space>
              )}
            </Card>
          </Col>
          {runsRotation && (
            <Col xs={24} lg={14}>
              <Card title={t('queue')} size="small">
                <RotationQueue projectId={projectId} canManage myUserId={me.user.id} />
              </Card>
            </Col>
          )}
        </Row>
      )}

      {state.step === 'customer' && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card title={t('walkIn.findTitle')} size="small">
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Input.Search
                  inputMode="tel"
                  aria-label={t('walkIn.findTitle')}
                  placeholder={t('walkIn.findPlaceholder')}
                  enterButton={t('walkIn.find')}
                  value={typed}
                  onChange={(event) => setTyped(event.target.value)}
                  onSearch={(value) => setLookup(value.trim())}
                  maxLength={32}
                />
                {lookup !== '' && (
                  <CustomerLookup
                    projectId={projectId}
                    phone={lookup}
                    pickText={t('walkIn.choose')}
                    onPick={(customer) => choose({ id: customer.id, name: customer.name, channel: customer.channel })}
                  />
                )}
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title={t('walkIn.orRegister')} size="small">
              <RegisterCustomerForm
                key={lookup}
                projectId={projectId}
                ownerId={actingFor}
                initialPhone={lookup || undefined}
                submitText={t('walkIn.registerAndContinue')}
                onRegistered={(customer) => choose({ id: customer.id, name: customer.name, channel: customer.channel })}
              />
            </Card>
          </Col>
        </Row>
      )}

      {state.step === 'visit' && state.customer !== null && (
        <Card
          title={t('walkIn.steps.visit')}
          extra={
            <Button type="link" onClick={() => dispatch({ type: 'change-customer' })}>
              {t('walkIn.change')}
            </Button>
          }
        >
          <LogVisitForm
            projectId={projectId}
            customer={state.customer}
            consultantId={actingFor}
            onLogged={(visit) => dispatch({ type: 'visit-logged', visitId: visit.id })}
          />
        </Card>
      )}

      {state.step === 'done' && state.customer !== null && (
        <Card>
          <Result
            icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
            title={t('walkIn.doneTitle')}
            subTitle={t('walkIn.doneText', { customer: state.customer.name, consultant: receiver?.fullName ?? '' })}
            extra={[
              <Link key="open" to={customerPath(state.customer.id)}>
                <Button type="primary">{t('walkIn.openCustomer')}</Button>
              </Link>,
              <Button key="again" onClick={restart}>
                {t('walkIn.again')}
              </Button>,
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

/** 来访接待: next consultant → register or find the customer → log the visit, on one screen. */
export function WalkInRoute() {
  const { t } = useReceptionT();
  return (
    <>
      <PageHeader title={t('walkIn.title')} subtitle={t('walkIn.subtitle')} />
      <WithProject>
        {({ project, role }) => (
          <WithCampaignField>
            <WalkInFlow key={project.id} projectId={project.id} runsRotation={supervises(role)} />
          </WithCampaignField>
        )}
      </WithProject>
    </>
  );
}
