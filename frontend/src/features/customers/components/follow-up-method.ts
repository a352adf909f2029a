export const FOLLOW_UP_METHODS = ['call', 'wechat', 'visit', 'other'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export function isKnownMethod(method: string | null | undefined): method is FollowUpMethod {
  return FOLLOW_UP_METHODS.includes(method as FollowUpMethod);
}
