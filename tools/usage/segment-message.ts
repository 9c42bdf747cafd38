import { createHash } from 'node:crypto';
import { z } from 'zod';

const Id = z.union([z.string().min(1).max(200), z.number().transform(String)]);
const Timestamp = z.iso.datetime({ offset: true });

const Common = {
  messageId: z.string().min(1).max(200).optional(),
  userId: Id.nullish(),
  anonymousId: Id.nullish(),
  timestamp: Timestamp.optional(),
  sentAt: Timestamp.optional(),
  originalTimestamp: Timestamp.optional(),
  context: z.looseObject({ groupId: Id.nullish() }).optional(),
  integrations: z.record(z.string(), z.unknown()).optional(),
};

const needsUser = (m: { userId?: string | null; anonymousId?: string | null }) =>
  !!(m.userId || m.anonymousId);
const USER = { message: 'send userId or anonymousId', path: ['userId'] };

/** A track call (Segment spec): who did what; B2B senders put the account in context.groupId. */
export const TrackMessage = z
  .looseObject({
    ...Common,
    type: z.literal('track').optional(),
    event: z.string().trim().min(1).max(200),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(needsUser, USER);
/** An identify call: who a user is. */
export const IdentifyMessage = z
  .looseObject({
    ...Common,
    type: z.literal('identify').optional(),
    traits: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(needsUser, USER);
/** A group call: the user belongs to the account `groupId`. */
export const GroupMessage = z
  .looseObject({
    ...Common,
    type: z.literal('group').optional(),
    groupId: Id,
    traits: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(needsUser, USER);

export type SegmentKind = 'track' | 'identify' | 'group';
export const SEGMENT_SCHEMAS = {
  track: TrackMessage,
  identify: IdentifyMessage,
  group: GroupMessage,
} as const;

/** A call that says its type, as in a batch. */
export const SegmentCall = z.discriminatedUnion('type', [
  TrackMessage.safeExtend({ type: z.literal('track') }),
  IdentifyMessage.safeExtend({ type: z.literal('identify') }),
  GroupMessage.safeExtend({ type: z.literal('group') }),
]);

/** A batch (Segment's /v1/batch): up to 500 calls, each saying its type. */
export const SegmentBatch = z.looseObject({ batch: z.array(SegmentCall).min(1).max(500) });

export interface ProductEventRow {
  message_id: string;
  kind: SegmentKind;
  account_id: string | null;
  user_id: string | null;
  event: string | null;
  at: string;
  body: Record<string, unknown>;
}

/**
 * A call as the row stored raw: its messageId (else a hash of the call, so a retry without one is
 * still a no-op), its kind, the account it names (group: groupId; else context.groupId), the user
 * (userId, else anonymousId), the event, and its time (timestamp, else when it was received). Pure.
 */
export function productEventRow(
  kind: SegmentKind,
  message: z.output<typeof TrackMessage> | z.output<typeof IdentifyMessage> | z.output<typeof GroupMessage>,
  receivedAt: string,
): ProductEventRow {
  const m = message as Record<string, unknown> & {
    messageId?: string;
    userId?: string | null;
    anonymousId?: string | null;
    timestamp?: string;
    context?: { groupId?: string | null };
    groupId?: string;
    event?: string;
  };
  const body = { ...m, type: kind };
  return {
    message_id: m.messageId ?? `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`,
    kind,
    account_id: (kind === 'group' ? m.groupId : m.context?.groupId) ?? null,
    user_id: m.userId ?? m.anonymousId ?? null,
    event: kind === 'track' ? (m.event ?? null) : null,
    at: new Date(m.timestamp ?? receivedAt).toISOString(),
    body,
  };
}
