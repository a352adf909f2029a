import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { CreateWebhookModal } from './create-webhook-modal';

const TYPES = {
  items: [
    { name: 'deal.subscribed', domain: 'deals', description: 'A deal was subscribed.' },
    { name: 'payment.received', domain: 'deals', description: 'A payment was received.' },
    { name: 'customer.created', domain: 'customers', description: 'A customer was registered.' },
  ],
};

function json(status: number, body: object, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

describe('the new-webhook form', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers the event types by domain and hands the secret to the caller once created', async () => {
    const created = {
      id: 'w1',
      url: 'https://crm.example.com/hook',
      event_types: ['deal.subscribed'],
      secret: 'whsec_c2VjcmV0',
    };
    const fetch = vi.fn(async (input: RequestInfo | URL) => {
      const request = input as Request;
      return new URL(request.url).pathname === '/api/v1/event-types' ? json(200, TYPES) : json(201, created);
    });
    vi.stubGlobal('fetch', fetch);
    const onCreated = vi.fn();
    renderWithProviders(<CreateWebhookModal onClose={() => undefined} onCreated={onCreated} />);

    const user = userEvent.setup();
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('customers')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('接收地址'), 'https://crm.example.com/hook');
    await user.click(within(dialog).getByRole('checkbox', { name: 'deal.subscribed' }));
    await user.click(within(dialog).getByRole('button', { name: /保\s*存|确\s*定/ }));

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    const post = fetch.mock.calls.map((call) => call[0] as Request).find((r) => r.method === 'POST');
    expect(await post?.json()).toEqual({
      url: 'https://crm.example.com/hook',
      description: null,
      event_types: ['deal.subscribed'],
    });
  });

  it('refuses to save without an event type', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, TYPES)));
    renderWithProviders(<CreateWebhookModal onClose={() => undefined} onCreated={() => undefined} />);
    const user = userEvent.setup();
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('deals');
    await user.type(within(dialog).getByLabelText('接收地址'), 'https://crm.example.com/hook');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存|确\s*定/ }));
    expect(await within(dialog).findByText('至少选择一种事件类型')).toBeInTheDocument();
  });
});
