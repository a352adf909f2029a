import { defineTranslations } from '@/i18n';

const zhCN = {
  title: '开发商',
  subtitle: '机构服务的甲方',
  create: '新建开发商',
  edit: '编辑开发商',
  fields: { name: '名称', contactName: '联系人', contactPhone: '联系电话' },
};

const enUS = {
  title: 'Developers',
  subtitle: 'The clients (甲方) the organization sells for',
  create: 'New developer',
  edit: 'Edit developer',
  fields: { name: 'Name', contactName: 'Contact', contactPhone: 'Contact phone' },
};

export const useDevelopersT = defineTranslations('developers', zhCN, enUS);
