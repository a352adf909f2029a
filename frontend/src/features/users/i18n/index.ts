import { defineTranslations } from '@/i18n';

const zhCN = {
  title: '用户',
  subtitle: '机构内可以登录案场的人员',
  create: '新建用户',
  edit: '编辑用户',
  fields: {
    fullName: '姓名',
    email: '邮箱',
    phone: '电话',
    password: '密码',
    newPassword: '新密码',
    newPasswordHelp: '不修改请留空',
    isAdmin: '机构管理员',
    isActive: '账户状态',
  },
  deactivateHelp: '停用后此人无法登录，现有登录会在访问令牌过期后失效。',
};

const enUS = {
  title: 'Users',
  subtitle: 'People of the organization who can log in to Anchang',
  create: 'New user',
  edit: 'Edit user',
  fields: {
    fullName: 'Full name',
    email: 'E-mail',
    phone: 'Phone',
    password: 'Password',
    newPassword: 'New password',
    newPasswordHelp: 'Leave empty to keep the current one',
    isAdmin: 'Organization admin',
    isActive: 'Account',
  },
  deactivateHelp: 'A deactivated user cannot log in; open sessions end when their access token expires.',
};

export const useUsersT = defineTranslations('users', zhCN, enUS);
