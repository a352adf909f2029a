import { defineTranslations } from '@/i18n';

const zhCN = {
  home: {
    greeting: '你好，{{name}}',
    welcome: '欢迎使用案场销售管理系统。左侧菜单列出了你在当前项目中可以使用的功能。',
    project: '当前项目',
    role: '你的角色',
    organization: '所属机构',
    noProject: '你还不是任何项目的成员，请联系管理员为你分配项目。',
    adminHint: '作为机构管理员，你可以在“管理”中维护用户、项目和开发商。',
  },
  detail: { members: '项目成员', notFound: '项目不存在或你无权查看' },
};

const enUS = {
  home: {
    greeting: 'Hello, {{name}}',
    welcome: 'Welcome to Anchang. The menu lists what you can do in the current project.',
    project: 'Current project',
    role: 'Your role',
    organization: 'Organization',
    noProject: 'You are not a member of any project yet; ask an admin to add you to one.',
    adminHint: 'As an organization admin you keep users, projects and developers under Admin.',
  },
  detail: { members: 'Members', notFound: 'The project does not exist or you may not see it' },
};

export const useAppT = defineTranslations('app', zhCN, enUS);
