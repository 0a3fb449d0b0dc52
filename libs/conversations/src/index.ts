export { CONVERSATIONS_ENTITIES } from './entities';
export type { MessageEntity as Message } from './entities/message.entity';
export { ConversationsErrors } from './conversations.errors';
export { ConversationsModule } from './conversations.module';
export type { ConversationsOptions } from './conversations.options';
export {
  MESSAGE_ATTACHMENTS_MAX,
  MESSAGE_BODY_MAX_LENGTH,
  MessagesService,
  type SendMessageCommand,
} from './messages.service';
export type { Thread, ThreadRef } from './threads.service';
