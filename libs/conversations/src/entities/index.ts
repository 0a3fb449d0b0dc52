import { MessageEntity } from './message.entity';
import { ThreadReaderEntity } from './thread-reader.entity';

export { MessageEntity, ThreadReaderEntity };

export const CONVERSATIONS_ENTITIES = [MessageEntity, ThreadReaderEntity];
