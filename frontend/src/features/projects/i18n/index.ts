import { defineTranslations } from '@/i18n';

const zhCN = {
  title: '项目',
  subtitle: '机构运营的楼盘项目',
  create: '新建项目',
  edit: '编辑项目',
  detail: '项目详情',
  switcher: '切换项目',
  fields: {
    name: '项目名称',
    code: '项目编号',
    codeHelp: '字母、数字、- 或 _，例如 HX-01',
    developer: '开发商',
    city: '城市',
    address: '地址',
    timezone: '时区',
    active: '状态',
  },
  codePattern: '只能包含字母、数字、- 和 _',
  created: '项目“{{name}}”已创建',
};

const enUS = {
  title: 'Projects',
  subtitle: 'The developments the organization sells',
  create: 'New project',
  edit: 'Edit project',
  detail: 'Project details',
  switcher: 'Switch project',
  fields: {
    name: 'Name',
    code: 'Code',
    codeHelp: 'Letters, digits, - or _, e.g. HX-01',
    developer: 'Developer',
    city: 'City',
    address: 'Address',
    timezone: 'Time zone',
    active: 'Status',
  },
  codePattern: 'Letters, digits, - and _ only',
  created: 'Project “{{name}}” created',
};

export const useProjectsT = defineTranslations('projects', zhCN, enUS);
