// Reading back what was published is part of the test kit.
export {
  consumeMessages as consume,
  uniqueTopic,
  type ConsumedMessage as Received,
} from '@tenantkit/testing/kafka'
