import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { can } from '@/lib/allowed-actions';
import { useStatementAction, type CommissionStatement } from '../api/statements';
import { useCommissionT } from '../i18n';
import { useCommissionError } from '../lib/errors';
import { STATEMENT_ACTIONS, type StatementAction } from '../lib/statement-actions';

const CONFIRM = { submit: 'actions.confirmSubmit', approve: 'actions.confirmApprove', pay: 'actions.confirmPay' } as const;

/**
 * The buttons the server allows on the statement now, exactly its `allowed_actions` (each asks first);
 * none: a sentence saying so.
 */
export function StatementActionButtons({
  statement,
  onAct,
  busy,
}: {
  statement: Pick<CommissionStatement, 'allowed_actions'>;
  onAct: (action: StatementAction) => void;
  busy?: StatementAction | null;
}) {
  const { t } = useCommissionT();
  const allowed = STATEMENT_ACTIONS.filter((action) => can(statement as CommissionStatement, action));
  if (allowed.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="statement-no-actions">
        {t('actions.none')}
      </Typography.Text>
    );
  }
  return (
    <Space wrap size={8} data-testid="statement-actions">
      {allowed.map((action) => (
        <Popconfirm key={action} title={t(CONFIRM[action])} onConfirm={() => onAct(action)} okText={t(`actions.${action}`)}>
          <Button type="primary" loading={busy === action} data-testid={`statement-action-${action}`}>
            {t(`actions.${action}`)}
          </Button>
        </Popconfirm>
      ))}
    </Space>
  );
}

/** The buttons wired to the API; a refusal (403, 409 locked or moved on) is said in words and the statement reloads. */
export function StatementActions({ statement }: { statement: CommissionStatement }) {
  const { t } = useCommissionT();
  const { message } = App.useApp();
  const describe = useCommissionError();
  const act = useStatementAction(statement);
  const onAct = async (action: StatementAction) => {
    try {
      await act.mutateAsync(action);
      void message.success(t('actions.done'));
    } catch (error) {
      void message.error(describe(error));
    }
  };
  return (
    <StatementActionButtons
      statement={statement}
      onAct={(action) => void onAct(action)}
      busy={act.isPending ? (act.variables ?? null) : null}
    />
  );
}
