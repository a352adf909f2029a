import { DeleteOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Form, Input, Radio, Result, Row, Select, Space, Steps, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { isApiError, type Schemas } from '@/api/client';
import { useCommonT } from '@/i18n';
import { useErrorMessage } from '@/lib/error-message';
import { useMediaQuery } from '@/lib/use-media-query';
import type { ProjectRole } from '@/lib/roles';
import { useCreateDeal } from '../api/create-deal';
import { useBuyerChoices, type BuyerChoice } from '../api/get-customers';
import type { DealUnit } from '../api/get-unit';
import { useQuote } from '../api/quote-deal';
import { useDealsT } from '../i18n';
import { compareMoney, formatMoney, isMoney } from '@/lib/money';
import {
  canLeave,
  depositValid,
  discountProblems,
  idempotencyKeyFor,
  initialWizardState,
  newIdempotencyKey,
  nextStep,
  PAYMENT_METHODS,
  previousStep,
  quoteBody,
  subscriptionBody,
  MAX_BUYERS,
  WIZARD_STEPS,
  type DiscountRow,
  type WizardState,
  type WizardStep,
} from '../lib/wizard';
import { MoneyText } from './money-text';
import { QuoteSummary } from './quote-summary';
import { RegisterBuyerModal } from './register-buyer-modal';
import { SchedulePreview } from './schedule-preview';
import './deals.css';

type Deal = Schemas['Deal'];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function BuyersStep({
  projectId,
  mine,
  state,
  known,
  onChange,
  onKnown,
}: {
  projectId: string;
  mine: boolean;
  state: WizardState;
  known: Record<string, BuyerChoice>;
  onChange: (ids: string[]) => void;
  onKnown: (buyers: BuyerChoice[]) => void;
}) {
  const { t } = useDealsT();
  const [q, setQ] = useState('');
  const search = useDebounced(q, 250);
  const choices = useBuyerChoices(projectId, search, mine);
  const [registering, setRegistering] = useState(false);
  useEffect(() => {
    if (choices.data) onKnown(choices.data);
  }, [choices.data, onKnown]);
  const options = useMemo(() => {
    const ids = new Set([...(choices.data ?? []).map((c) => c.id), ...state.customerIds]);
    return [...ids]
      .map((id) => known[id] ?? (choices.data ?? []).find((c) => c.id === id))
      .filter((c): c is BuyerChoice => c !== undefined)
      .map((c) => ({ value: c.id, label: `${c.name} · ${c.phone}` }));
  }, [choices.data, known, state.customerIds]);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('wizard.buyersHelp')}</Typography.Text>
      <Form layout="vertical" component="div">
        <Form.Item label={t('wizard.buyerLabel')} htmlFor="deal-buyers" required style={{ marginBottom: 8 }}>
          <Select
            id="deal-buyers"
            aria-label={t('wizard.buyerLabel')}
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setQ}
            loading={choices.isFetching}
            placeholder={t('wizard.searchBuyer')}
            value={state.customerIds}
            onChange={(ids: string[]) => onChange(ids.slice(0, MAX_BUYERS))}
            options={options}
            maxCount={MAX_BUYERS}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
      <div>
        <Button icon={<UserAddOutlined />} onClick={() => setRegistering(true)}>
          {t('wizard.registerBuyer')}
        </Button>
      </div>
      {registering && (
        <RegisterBuyerModal
          projectId={projectId}
          onClose={() => setRegistering(false)}
          onRegistered={(buyer) => {
            onKnown([buyer]);
            onChange([...state.customerIds, buyer.id].slice(0, MAX_BUYERS));
            setRegistering(false);
          }}
        />
      )}
    </Space>
  );
}

function DiscountEditor({ rows, onChange }: { rows: DiscountRow[]; onChange: (rows: DiscountRow[]) => void }) {
  const { t } = useDealsT();
  const set = (index: number, change: Partial<DiscountRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div>
      {rows.map((row, index) => {
        const problems = row.value === '' && row.reason === '' ? [] : discountProblems(row);
        return (
          <div key={index} className="deal-discount-row" data-testid="discount-row">
            <Select
              aria-label={t('wizard.discountKind')}
              value={row.kind}
              onChange={(kind) => set(index, { kind })}
              options={[
                { value: 'percent', label: t('wizard.percent') },
                { value: 'amount', label: t('wizard.amount') },
              ]}
            />
            <Form.Item
              style={{ margin: 0 }}
              validateStatus={problems.includes('value') && row.value !== '' ? 'error' : undefined}
              help={problems.includes('value') && row.value !== '' ? t('wizard.discountValueInvalid') : undefined}
            >
              <Input
                aria-label={t('wizard.discountValue')}
                placeholder={row.kind === 'percent' ? '1.5' : '20000.00'}
                inputMode="decimal"
                value={row.value}
                suffix={row.kind === 'percent' ? '%' : '¥'}
                onChange={(e) => set(index, { value: e.target.value })}
              />
            </Form.Item>
            <Form.Item
              className="deal-discount-reason"
              style={{ margin: 0 }}
              validateStatus={problems.includes('reason') && row.value !== '' ? 'error' : undefined}
              help={problems.includes('reason') && row.value !== '' ? t('wizard.discountReasonRequired') : undefined}
            >
              <Input
                aria-label={t('wizard.discountReason')}
                placeholder={t('wizard.discountReason')}
                maxLength={500}
                value={row.reason}
                onChange={(e) => set(index, { reason: e.target.value })}
              />
            </Form.Item>
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('wizard.removeDiscount')}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            />
          </div>
        );
      })}
      {rows.length < 10 && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...rows, { kind: 'percent', value: '', reason: '' }])}>
          {t('wizard.addDiscount')}
        </Button>
      )}
    </div>
  );
}

function PriceStep({ state, onChange, finalPrice }: { state: WizardState; onChange: (s: Partial<WizardState>) => void; finalPrice: string | null }) {
  const { t } = useDealsT();
  const depositProblem = !depositValid(state.deposit)
    ? t('wizard.depositInvalid')
    : finalPrice !== null && isMoney(state.deposit) && compareMoney(state.deposit, finalPrice) > 0
      ? t('wizard.depositTooHigh')
      : null;
  return (
    <Form layout="vertical" component="div">
      <Form.Item label={t('wizard.method')}>
        <Radio.Group
          aria-label={t('wizard.method')}
          value={state.paymentMethod}
          onChange={(e) => onChange({ paymentMethod: e.target.value as WizardState['paymentMethod'] })}
          optionType="button"
          buttonStyle="solid"
          options={PAYMENT_METHODS.map((method) => ({ value: method, label: t(`methods.${method}`) }))}
          style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
        />
      </Form.Item>
      <Form.Item label={t('wizard.discounts')}>
        <DiscountEditor rows={state.discounts} onChange={(discounts) => onChange({ discounts })} />
      </Form.Item>
      <Form.Item
        label={t('wizard.deposit')}
        htmlFor="deal-deposit"
        validateStatus={depositProblem ? 'error' : undefined}
        help={depositProblem ?? undefined}
      >
        <Input
          id="deal-deposit"
          prefix="¥"
          inputMode="decimal"
          value={state.deposit}
          onChange={(e) => onChange({ deposit: e.target.value })}
          style={{ maxWidth: 240 }}
        />
      </Form.Item>
      <Form.Item label={t('wizard.note')} htmlFor="deal-note" style={{ marginBottom: 0 }}>
        <Input.TextArea id="deal-note" rows={2} maxLength={500} value={state.note} onChange={(e) => onChange({ note: e.target.value })} />
      </Form.Item>
    </Form>
  );
}

/** 认购: buyers → payment method and discounts (live quote) → schedule → confirm. */
export function DealWizard({
  projectId,
  unit,
  role,
  onOpenDeal,
  onOpenBoard,
}: {
  projectId: string;
  unit: DealUnit;
  role: ProjectRole | null;
  onOpenDeal: (dealId: string) => void;
  onOpenBoard: () => void;
}) {
  const { t } = useDealsT();
  const common = useCommonT().t;
  const describe = useErrorMessage();
  const narrow = useMediaQuery('(max-width: 575px)');
  const [step, setStep] = useState<WizardStep>('buyers');
  const [state, setState] = useState<WizardState>(initialWizardState);
  const [known, setKnown] = useState<Record<string, BuyerChoice>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [created, setCreated] = useState<Deal | null>(null);
  const keyRef = useRef<{ body: string; key: string } | null>(null);
  const create = useCreateDeal();

  const body = quoteBody(unit.id, state);
  const debouncedBody = useDebounced(body, 300);
  const quote = useQuote(debouncedBody === null ? null : { projectId, body: debouncedBody });
  const fresh = body !== null && JSON.stringify(body) === JSON.stringify(debouncedBody) && !quote.isPlaceholderData && !quote.isFetching;
  const quoteProblem = quote.isError ? describe(quote.error) : null;
  const update = (change: Partial<WizardState>) => setState((s) => ({ ...s, ...change }));
  const onKnown = useMemo(
    () => (buyers: BuyerChoice[]) =>
      setKnown((current) => {
        if (buyers.every((b) => current[b.id])) return current;
        return { ...current, ...Object.fromEntries(buyers.map((b) => [b.id, b])) };
      }),
    [],
  );

  const may = canLeave(step, state, unit.id, { data: quote.data, fresh });
  const index = WIZARD_STEPS.indexOf(step);

  const subscribe = () => {
    const payload = subscriptionBody(unit.id, state);
    if (payload === null || create.isPending) return;
    keyRef.current = idempotencyKeyFor(payload, keyRef.current, newIdempotencyKey);
    setSubmitError(null);
    create.mutate(
      { projectId, body: payload, idempotencyKey: keyRef.current.key },
      {
        onSuccess: (deal) => setCreated(deal),
        onError: (error) => {
          if (isApiError(error) && error.code === 'unit_not_available') setSubmitError(t('wizard.unitNotAvailable'));
          else if (isApiError(error) && error.code === 'buyer_not_yours') setSubmitError(t('wizard.buyerNotYours'));
          else setSubmitError(describe(error));
        },
      },
    );
  };

  if (created) {
    const pending = created.status === 'pending_approval';
    return (
      <Card>
        <Result
          status={pending ? 'info' : 'success'}
          title={pending ? t('wizard.submittedPending', { role: common(`roles.${quote.data?.needs_approval_by ?? 'supervisor'}`) }) : t('wizard.submitted')}
          subTitle={`${created.unit_code} · ${created.buyers.map((b) => b.name).join('、')} · ${formatMoney(created.final_price)}`}
          extra={[
            <Button type="primary" key="deal" onClick={() => onOpenDeal(created.id)} data-testid="open-new-deal">
              {t('wizard.openDeal')}
            </Button>,
            <Button key="board" onClick={onOpenBoard}>
              {t('wizard.openBoard')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  const buyerNames = state.customerIds.map((id) => known[id]?.name ?? id).join('、');
  const summary = (
    <div className="deal-sticky">
      <QuoteSummary quote={quote.data} loading={quote.isPending && debouncedBody !== null} stale={!fresh && body !== null} problem={quoteProblem} />
    </div>
  );

  return (
    <>
      <Steps
        className="deal-wizard-steps"
        current={index}
        size="small"
        responsive={false}
        labelPlacement={narrow ? 'vertical' : 'horizontal'}
        items={WIZARD_STEPS.map((key) => ({ title: t(`wizard.steps.${key}`) }))}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t(`wizard.steps.${step}`)} data-testid={`wizard-step-${step}`}>
            {step === 'buyers' && (
              <BuyersStep
                projectId={projectId}
                mine={role === 'consultant'}
                state={state}
                known={known}
                onChange={(customerIds) => update({ customerIds })}
                onKnown={onKnown}
              />
            )}
            {step === 'price' && <PriceStep state={state} onChange={update} finalPrice={quote.data?.final_price ?? null} />}
            {step === 'schedule' && (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('wizard.scheduleHelp')}</Typography.Text>
                <SchedulePreview lines={quote.data?.schedule ?? []} />
              </Space>
            )}
            {step === 'confirm' && (
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <Descriptions size="small" column={1} bordered labelStyle={{ width: narrow ? 96 : 140 }}>
                  <Descriptions.Item label={t('fields.unit')}>{unit.code}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.buyers')}>{buyerNames}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.method')}>{t(`methods.${state.paymentMethod}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.finalPrice')}>
                    <MoneyText value={quote.data?.final_price} strong />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fields.deposit')}>
                    <MoneyText value={state.deposit && isMoney(state.deposit) ? state.deposit : null} />
                  </Descriptions.Item>
                  {state.note.trim() ? <Descriptions.Item label={t('fields.note')}>{state.note}</Descriptions.Item> : null}
                </Descriptions>
                <Typography.Text type="secondary">{t('wizard.confirmHelp')}</Typography.Text>
                {submitError && <Alert type="error" showIcon message={submitError} role="alert" data-testid="subscribe-error" />}
              </Space>
            )}
            <Flex justify="space-between" gap={8} style={{ marginTop: 24 }}>
              <Button disabled={index === 0} onClick={() => setStep(previousStep(step))}>
                {t('wizard.previous')}
              </Button>
              {step === 'confirm' ? (
                <Button type="primary" size="large" loading={create.isPending} disabled={!may && subscriptionBody(unit.id, state) === null} onClick={subscribe}>
                  {t('wizard.subscribe')}
                </Button>
              ) : (
                <Button type="primary" disabled={!may} onClick={() => setStep(nextStep(step))}>
                  {t('wizard.next')}
                </Button>
              )}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          {summary}
        </Col>
      </Row>
    </>
  );
}
