import { defineTranslations } from '@/i18n';

const zhCN = {
  login: {
    title: '登录',
    subtitle: '案场销售管理系统',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    invalidCredentials: '邮箱或密码不正确',
    throttled: '登录失败次数过多，请在 {{seconds}} 秒后再试',
  },
  session: { loading: '正在加载…', failed: '无法加载你的账户信息' },
};

const enUS = {
  login: {
    title: 'Log in',
    subtitle: 'Sales office management',
    email: 'E-mail',
    password: 'Password',
    submit: 'Log in',
    invalidCredentials: 'Incorrect e-mail or password',
    throttled: 'Too many failed logins; try again in {{seconds}} s',
  },
  session: { loading: 'Loading…', failed: 'Could not load your account' },
};

export const useAuthT = defineTranslations('auth', zhCN, enUS);
