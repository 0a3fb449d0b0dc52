import { useSubscription } from '@apollo/client/react';
import { useViewer } from '../../auth/auth';
import { MessageAddedDocument } from '../../graphql/generated';
import { addMessageToCache, threadVariables, type ThreadRef } from './thread';

/**
 * Keeps a thread live over `messageAdded` while its host is on screen (a drawer's button, an order's
 * card): a message from the other side lands in the cached thread and raises its unread count, so the
 * badge counts it even while the conversation is closed; an open panel then marks it read.
 */
export function useLiveThread(thread: ThreadRef, options: { skip?: boolean } = {}): void {
  const viewer = useViewer();
  useSubscription(MessageAddedDocument, {
    variables: threadVariables(thread),
    skip: options.skip,
    onData: ({ client, data }) => {
      const message = data.data?.messageAdded;
      if (message) addMessageToCache(client.cache, thread, message, viewer.id);
    },
  });
}
