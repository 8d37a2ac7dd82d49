import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { Client, CombinedError } from '@urql/core';
import type { DashboardUsageEventsSubscription } from '../../gql/graphql.ts';
import { subscribeLive } from '../../lib/live.ts';
import { liveToken } from '../../lib/session.ts';
import { DashboardUsageEventsSubscription as UsageEventsDocument } from './sections/documents.ts';

export type UsageEventRow = DashboardUsageEventsSubscription['usageEvents'];

/** How many recent chats the live feed keeps. */
export const FEED_LENGTH = 10;

export interface LiveCounts {
  chats: number;
  failed: number;
  fellBack: number;
}

/** The dashboard's live view: settled chats as they happen, counted since the page opened. */
export interface LiveUsage {
  /** Newest first, at most FEED_LENGTH. */
  events: Accessor<readonly UsageEventRow[]>;
  /** Counted over every event since the page opened, not only those still in the feed. */
  counts: Accessor<LiveCounts>;
  connected: Accessor<boolean>;
  error: Accessor<CombinedError | undefined>;
}

export function countEvent(counts: LiveCounts, event: UsageEventRow): LiveCounts {
  return {
    chats: counts.chats + 1,
    failed: counts.failed + (event.outcome === 'ok' ? 0 : 1),
    fellBack: counts.fellBack + (event.fellBack ? 1 : 0),
  };
}

/**
 * Subscribes to Subscription.usageEvents for as long as the calling component
 * lives; `onEvent` runs after each event (the dashboard refetches its totals,
 * throttled). Only this gateway instance's chats arrive; totals come from the database.
 */
export function createLiveUsage(client: Client, onEvent: () => void): LiveUsage {
  const [events, setEvents] = createSignal<readonly UsageEventRow[]>([]);
  const [counts, setCounts] = createSignal<LiveCounts>({ chats: 0, failed: 0, fellBack: 0 });
  const [connected, setConnected] = createSignal(true);
  const [error, setError] = createSignal<CombinedError>();
  // Subscribed for as long as the session's token lasts; a new token (signed in again) subscribes again.
  createEffect(
    on(liveToken, (current) => {
      if (!current) return setConnected(false);
      setError(undefined);
      setConnected(true);
      const unsubscribe = subscribeLive(
        client,
        UsageEventsDocument,
        {},
        {
          onResult: (result) => {
            if (result.error) {
              setError(result.error);
              setConnected(false);
              return;
            }
            const event = result.data?.usageEvents;
            if (!event) return;
            setEvents((list) => [event, ...list].slice(0, FEED_LENGTH));
            setCounts((c) => countEvent(c, event));
            onEvent();
          },
          onEnd: () => setConnected(false),
        },
      );
      onCleanup(unsubscribe);
    }),
  );
  return { events, counts, connected, error };
}
