import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Table } from 'antd';
import { useState } from 'react';
import type { Schemas } from '@/api/client';
import { LoadMore } from '@/components/load-more';
import { QueryError } from '@/components/query-error';
import { useCommonT } from '@/i18n';
import { useErrorMessage } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { PROJECT_ROLES, type ProjectRole } from '@/lib/roles';
import { useMembers, type Member } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';
import { useUpdateMember } from '../api/update-member';
import { useMembersT } from '../i18n';
import { AddMemberModal, type UserOption } from './add-member-modal';

type MemberGrade = Schemas['MemberGrade'];
const GRADES: readonly MemberGrade[] = ['trainee', 'junior', 'mid', 'senior'];

/**
 * The members of one project. Managers (admins, the project's managers) add members, change
 * roles and consultants' grades (定级, which set their commission rate), and remove; `userOptions` are the organization's users to choose from.
 */
export function MembersPanel({
  projectId,
  canManage,
  userOptions,
  usersLoading,
}: {
  projectId: string;
  canManage: boolean;
  userOptions: readonly UserOption[];
  usersLoading?: boolean;
}) {
  const { t } = useMembersT();
  const common = useCommonT().t;
  const describe = useErrorMessage();
  const { message } = App.useApp();
  const members = useMembers(projectId);
  const update = useUpdateMember();
  const remove = useRemoveMember();
  const [adding, setAdding] = useState(false);
  const rows = members.data ?? [];
  const memberIds = new Set(rows.map((member) => member.user_id));

  const changeRole = (member: Member, role: ProjectRole) =>
    update.mutate(
      { member, changes: { role } },
      {
        onSuccess: () =>
          void message.success(t('roleChanged', { name: member.user.full_name, role: common(`roles.${role}`) })),
        onError: (error) => void message.error(describe(error)),
      },
    );

  // A grade (定级) sets a consultant's commission rate; it means nothing for other roles.
  const changeGrade = (member: Member, grade: MemberGrade | null) =>
    update.mutate(
      { member, changes: { grade } },
      {
        onSuccess: () =>
          void message.success(t('gradeChanged', { name: member.user.full_name, grade: t(`grades.${grade ?? 'none'}`) })),
        onError: (error) => void message.error(describe(error)),
      },
    );

  // A consultant's team is their supervisor (销售主管) in this project: targets are set per team.
  const supervisors = rows.filter((member) => member.role === 'supervisor');
  const teamName = (supervisorId: string | null) =>
    supervisors.find((member) => member.user_id === supervisorId)?.user.full_name ?? t('noTeam');
  const changeTeam = (member: Member, supervisorId: string | null) =>
    update.mutate(
      { member, changes: { supervisor_id: supervisorId } },
      {
        onSuccess: () =>
          void message.success(t('teamChanged', { name: member.user.full_name, team: teamName(supervisorId) })),
        onError: (error) => void message.error(describe(error)),
      },
    );

  const removeOne = (member: Member) =>
    remove.mutateAsync(member).then(
      () => void message.success(t('removed', { name: member.user.full_name })),
      (error: unknown) => void message.error(describe(error)),
    );

  return (
    <>
      {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
      <Card
        title={t('title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('add')}
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<Member>
          rowKey="id"
          size="middle"
          loading={members.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('fields.user'), dataIndex: ['user', 'full_name'] },
            { title: t('fields.email'), dataIndex: ['user', 'email'] },
            {
              title: t('fields.role'),
              dataIndex: 'role',
              render: (role: ProjectRole, member) =>
                canManage ? (
                  <Select<ProjectRole>
                    size="small"
                    value={role}
                    aria-label={`${t('fields.role')} ${member.user.full_name}`}
                    style={{ minWidth: 140 }}
                    popupMatchSelectWidth={false}
                    onChange={(next) => changeRole(member, next)}
                    options={PROJECT_ROLES.map((value) => ({ value, label: common(`roles.${value}`) }))}
                  />
                ) : (
                  common(`roles.${role}`)
                ),
            },
            {
              title: t('fields.grade'),
              dataIndex: 'grade',
              render: (grade: MemberGrade | null, member) =>
                member.role !== 'consultant' ? (
                  '—'
                ) : canManage ? (
                  <Select<MemberGrade>
                    size="small"
                    allowClear
                    value={grade ?? undefined}
                    placeholder={t('grades.none')}
                    aria-label={`${t('fields.grade')} ${member.user.full_name}`}
                    style={{ minWidth: 110 }}
                    popupMatchSelectWidth={false}
                    onChange={(next) => changeGrade(member, next ?? null)}
                    options={GRADES.map((value) => ({ value, label: t(`grades.${value}`) }))}
                  />
                ) : (
                  t(`grades.${grade ?? 'none'}`)
                ),
            },
            {
              title: t('fields.team'),
              dataIndex: 'supervisor_id',
              render: (supervisorId: string | null, member) =>
                member.role !== 'consultant' ? (
                  '—'
                ) : canManage ? (
                  <Select<string>
                    size="small"
                    allowClear
                    value={supervisorId ?? undefined}
                    placeholder={t('noTeam')}
                    aria-label={`${t('fields.team')} ${member.user.full_name}`}
                    style={{ minWidth: 140 }}
                    popupMatchSelectWidth={false}
                    onChange={(next) => changeTeam(member, next ?? null)}
                    options={supervisors.map((s) => ({ value: s.user_id, label: s.user.full_name }))}
                  />
                ) : (
                  teamName(supervisorId)
                ),
            },
            { title: t('fields.since'), dataIndex: 'created_at', render: formatDateTime },
            ...(canManage
              ? [
                  {
                    title: common('table.actions'),
                    key: 'actions',
                    fixed: 'right' as const,
                    render: (_: unknown, member: Member) => (
                      <Popconfirm
                        title={t('removeConfirm', { name: member.user.full_name })}
                        okText={common('actions.remove')}
                        cancelText={common('actions.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => removeOne(member)}
                      >
                        <Button type="link" size="small" danger>
                          {common('actions.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={members.hasNextPage}
        loading={members.isFetchingNextPage}
        onLoadMore={() => void members.fetchNextPage()}
      />
      {adding && (
        <AddMemberModal
          projectId={projectId}
          usersLoading={usersLoading}
          userOptions={userOptions.map((option) => ({ ...option, disabled: memberIds.has(option.value) }))}
          onClose={() => setAdding(false)}
        />
      )}
    </>
  );
}
