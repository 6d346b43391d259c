// Kafka helpers live behind their own entry point so that importing the kit
// never loads kafkajs, an optional peer dependency.
export {
  consumeMessages,
  uniqueTopic,
  type ConsumedMessage,
  type ConsumeOptions,
} from './kafka/consume-messages'
