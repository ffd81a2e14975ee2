/**
 * Event types as the three sources know them (contract/CONTRACT.md, "Event types").
 * The sandbox accepts the SDK's 27 on writes but its catalog answers the documented 18, so the
 * console meets the real API's quirk: subscriptions can carry types the catalog does not list.
 */

/** The documented example answer of `GET /v3/webhook-events`, in its order. */
export const CATALOG_EVENT_TYPES: readonly string[] = [
  'message.sent',
  'message.received',
  'message.read',
  'message.delivered',
  'message.failed',
  'reaction.added',
  'reaction.removed',
  'participant.added',
  'participant.removed',
  'chat.created',
  'chat.group_name_updated',
  'chat.group_icon_updated',
  'chat.group_name_update_failed',
  'chat.group_icon_update_failed',
  'chat.typing_indicator.started',
  'chat.typing_indicator.stopped',
  'message.edited',
  'phone_number.status_updated',
];

/** `WebhookEventType` of @linqapp/sdk: every type a subscription may carry (the catalog's 18, then 9 more). */
export const SDK_EVENT_TYPES: readonly string[] = [
  ...CATALOG_EVENT_TYPES,
  'call.initiated',
  'call.ringing',
  'call.answered',
  'call.ended',
  'call.failed',
  'call.declined',
  'call.no_answer',
  'location.sharing.started',
  'location.sharing.stopped',
];

export const CATALOG_DOC_URL = 'https://apidocs.linqapp.com/documentation/webhook-events';
