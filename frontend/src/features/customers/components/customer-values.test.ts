import { describe, expect, it } from 'vitest';
import { toCustomerCreate } from './customer-values';

describe('a new customer as the API takes it', () => {
  it('sends the budget as an exact decimal string', () => {
    const body = toCustomerCreate({ name: ' 周先生 ', phone: '13912345678', channel: 'walk_in', budget: '99999999999.99' });
    expect(body.budget).toBe('99999999999.99');
    expect(body.name).toBe('周先生');
  });

  it('sends no budget when none was typed', () => {
    expect(toCustomerCreate({ name: '周', phone: '13912345678', channel: 'walk_in', budget: null }).budget).toBeNull();
    expect(toCustomerCreate({ name: '周', phone: '13912345678', channel: 'walk_in' }).budget).toBeNull();
  });
});
