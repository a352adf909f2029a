import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type Webhook = Schemas['Webhook'];
export type WebhookWithSecret = Schemas['WebhookWithSecret'];
export type WebhookCreate = Schemas['WebhookCreate'];
export type WebhookUpdate = Schemas['WebhookUpdate'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type EventTypeInfo = Schemas['EventTypeInfo'];

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (webhookId: string) => [...webhookKeys.all, 'deliveries', webhookId] as const,
  eventTypes: ['event-types'] as const,
};

export function useWebhooks() {
  return useInfiniteQuery({
    queryKey: webhookKeys.list(),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/webhooks', { params: { query: { limit: 100, cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useEventTypes() {
  return useQuery({
    queryKey: webhookKeys.eventTypes,
    queryFn: () => unwrap(api.GET('/api/v1/event-types')),
    select: (data) => data.items,
    staleTime: Infinity,
  });
}

export function useDeliveries(webhookId: string | null) {
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveries(webhookId ?? ''),
    enabled: webhookId !== null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/webhooks/{webhook_id}/deliveries', {
          params: { path: { webhook_id: webhookId ?? '' }, query: { limit: 200, cursor: pageParam ?? undefined } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
    refetchInterval: 5000, // the worker delivers in the background: the log follows it
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });
}

export function useCreateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: WebhookCreate) => unwrap(api.POST('/api/v1/webhooks', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: WebhookUpdate }) =>
      unwrap(api.PATCH('/api/v1/webhooks/{webhook_id}', { params: { path: { webhook_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/webhooks/{webhook_id}', { params: { path: { webhook_id: id } } })),
    onSuccess: invalidate,
  });
}

export function useRotateSecret() {
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/webhooks/{webhook_id}/rotate-secret', { params: { path: { webhook_id: id } } })),
  });
}

export function useSendTest() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/webhooks/{webhook_id}/test', { params: { path: { webhook_id: id } } })),
    onSuccess: invalidate,
  });
}

export function useRedeliver() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) =>
      unwrap(
        api.POST('/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver', {
          params: { path: { webhook_id: webhookId, delivery_id: deliveryId } },
        }),
      ),
    onSuccess: invalidate,
  });
}
