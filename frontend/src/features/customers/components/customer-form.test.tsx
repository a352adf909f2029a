import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { RegisterCustomerForm } from './customer-form';

function problem(status: number, body: object): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Problem', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

async function register(phone: string) {
  const user = userEvent.setup();
  const form = await screen.findByRole('form', { name: '登记客户' });
  await user.type(within(form).getByLabelText('手机号'), phone);
  await user.type(within(form).getByLabelText('姓名'), '周先生');
  await user.click(within(form).getByRole('button', { name: /登记客户/ }));
  return form;
}

/** The form item (label, input and messages) of the labelled field. */
function fieldOf(form: HTMLElement, label: string): HTMLElement {
  const item = within(form).getByLabelText(label).closest('.ant-form-item');
  if (!(item instanceof HTMLElement)) throw new Error(`no form item for ${label}`);
  return item;
}

describe('registering a customer', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows 撞单 on the phone field, naming the owner and the end of protection', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL) =>
      problem(409, {
        code: 'customer_owned_by_other',
        detail: "This phone is 置业顾问 陈晓's customer",
        owner: { id: 'u-1', full_name: '置业顾问 陈晓' },
        customer_id: 'c-1',
        protected_until: '2026-12-20T02:00:00Z',
      }),
    );
    vi.stubGlobal('fetch', fetch);
    const onRegistered = vi.fn();
    renderWithProviders(<RegisterCustomerForm projectId="p-1" onRegistered={onRegistered} />);

    const form = await register('139 1234 5678');

    const phone = fieldOf(form, '手机号');
    expect(await within(phone).findByText(/已是 置业顾问 陈晓 的客户/)).toBeInTheDocument();
    expect(within(phone).getByText(/保护期至 2026-12-20/)).toBeInTheDocument();
    expect(within(fieldOf(form, '姓名')).queryByRole('alert')).not.toBeInTheDocument();
    expect(form.querySelector('.ant-alert')).toBeNull(); // on the field, not above the form
    expect(onRegistered).not.toHaveBeenCalled();
    const request = fetch.mock.calls[0]?.[0] as unknown as Request;
    expect(new URL(request.url).pathname).toBe('/api/v1/projects/p-1/customers');
    expect(await request.json()).toMatchObject({ name: '周先生', phone: '139 1234 5678', channel: 'walk_in' });
  });

  it('puts a 422 on the field it names', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        problem(422, { code: 'validation_error', errors: [{ field: 'phone', message: 'is not a Chinese mobile number' }] }),
      ),
    );
    renderWithProviders(<RegisterCustomerForm projectId="p-1" onRegistered={() => undefined} />);

    const form = await register('12345');

    expect(await within(fieldOf(form, '手机号')).findByText('is not a Chinese mobile number')).toBeInTheDocument();
  });

  it('hands the registered customer on', async () => {
    const customer = { id: 'c-9', name: '周先生', channel: 'walk_in' };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(customer), { status: 201, headers: { 'Content-Type': 'application/json' } })),
    );
    const onRegistered = vi.fn();
    renderWithProviders(<RegisterCustomerForm projectId="p-1" ownerId="u-2" onRegistered={onRegistered} />);

    await register('13912345678');

    await vi.waitFor(() => expect(onRegistered).toHaveBeenCalledWith(customer));
  });
});
