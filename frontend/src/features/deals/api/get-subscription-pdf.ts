import { api, ApiError } from '@/api/client';

/** 认购书: fetched with the bearer header (a plain link would carry none), opened as a blob. */
export async function getSubscriptionPdf(dealId: string): Promise<Blob> {
  const { data, error, response } = await api.GET('/api/v1/deals/{deal_id}/subscription.pdf', {
    params: { path: { deal_id: dealId } },
    parseAs: 'blob',
  });
  if (!response.ok || data === undefined) throw ApiError.fromResponse(response, error);
  return data as Blob;
}

/** Opens the PDF in a new tab (the window is opened first, so popup blockers let it through). */
export async function openSubscriptionPdf(dealId: string): Promise<void> {
  const target = window.open('', '_blank');
  try {
    const blob = await getSubscriptionPdf(dealId);
    const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
    if (target) target.location.href = url;
    else window.location.assign(url);
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    target?.close();
    throw error;
  }
}
