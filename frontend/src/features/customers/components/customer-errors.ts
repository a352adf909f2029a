import type { FormInstance } from 'antd';
import { isApiError } from '@/api/client';
import { formatDateTime } from '@/lib/format';
import { applyFormErrors } from '@/lib/form-errors';

type Translate = (key: 'owned' | 'ownedNoDate' | 'exists' | 'inPool', options?: Record<string, unknown>) => string;

/** The owner named by a 409 customer_owned_by_other (撞单), if the error is one. */
export function ownerOfConflict(error: unknown): { name: string; until: string | null; customerId: string | null } | null {
  if (!isApiError(error) || error.code !== 'customer_owned_by_other') return null;
  const owner = error.extras.owner as { full_name?: unknown } | undefined;
  const until = error.extras.protected_until;
  const customerId = error.extras.customer_id;
  return {
    name: typeof owner?.full_name === 'string' ? owner.full_name : '—',
    until: typeof until === 'string' ? until : null,
    customerId: typeof customerId === 'string' ? customerId : null,
  };
}

/**
 * Puts a registration's refusal on the form: 撞单 (naming the owner), your own or a pool customer's
 * phone on the phone field; 422s on their fields. Returns whether everything found a field.
 */
export function applyCustomerErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  t: Translate,
): boolean {
  const owner = ownerOfConflict(error);
  if (owner !== null) {
    const message = owner.until
      ? t('owned', { owner: owner.name, until: formatDateTime(owner.until) })
      : t('ownedNoDate', { owner: owner.name });
    form.setFields([{ name: 'phone', errors: [message] }]);
    return true;
  }
  if (isApiError(error) && error.code === 'customer_exists') {
    form.setFields([{ name: 'phone', errors: [t('exists')] }]);
    return true;
  }
  if (isApiError(error) && error.code === 'customer_in_pool') {
    form.setFields([{ name: 'phone', errors: [t('inPool')] }]);
    return true;
  }
  return applyFormErrors(form, error, { fields, codes: { phone_taken: 'phone' } });
}
