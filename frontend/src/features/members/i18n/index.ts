import { defineTranslations } from '@/i18n';

const zhCN = {
  title: '项目成员',
  subtitle: '成员及其在本项目中的角色',
  add: '添加成员',
  fields: { user: '用户', email: '邮箱', role: '角色', grade: '职级', team: '所属主管', since: '加入时间' },
  noTeam: '未分组',
  teamChanged: '{{name}} 已归入 {{team}}',
  grades: { trainee: '见习', junior: '初级', mid: '中级', senior: '高级', none: '未定级' },
  gradeChanged: '{{name}} 的职级已改为{{grade}}',
  removeConfirm: '将 {{name}} 移出本项目？',
  removed: '已移除 {{name}}',
  roleChanged: '{{name}} 的角色已改为{{role}}',
  added: '已添加 {{name}}',
  alreadyMember: '已是成员',
};

const enUS = {
  title: 'Members',
  subtitle: 'Who works on this project, and in which role',
  add: 'Add member',
  fields: { user: 'User', email: 'E-mail', role: 'Role', grade: 'Grade', team: 'Team (supervisor)', since: 'Member since' },
  noTeam: 'No team',
  teamChanged: '{{name}} is now in {{team}}',
  grades: { trainee: 'Trainee', junior: 'Junior', mid: 'Mid', senior: 'Senior', none: 'No grade' },
  gradeChanged: '{{name}} is now graded {{grade}}',
  removeConfirm: 'Remove {{name}} from this project?',
  removed: '{{name}} removed',
  roleChanged: '{{name}} is now {{role}}',
  added: '{{name}} added',
  alreadyMember: 'Already a member',
};

export const useMembersT = defineTranslations('members', zhCN, enUS);
