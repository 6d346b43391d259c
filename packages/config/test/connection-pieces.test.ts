import { describe, expect, it } from 'vitest'
import { ConfigUsageError, databaseUrl, kafkaBrokers, url } from '../src/index'
import { issueOf, loadOne } from './helpers'

describe('databaseUrl', () => {
  it('reads postgres:// and postgresql:// URLs as given', () => {
    const urls = [
      'postgres://app:s3cret@db.internal:5432/app',
      'postgresql://app@127.0.0.1/app?sslmode=require',
      'postgres://[::1]:6432/app',
      'postgres:///app?host=/var/run/postgresql',
    ]
    for (const text of urls) {
      expect(loadOne(databaseUrl(), text).reveal()).toBe(text)
    }
  })

  it('rejects other schemes, non-URLs and URLs without a host', () => {
    const cases: [string, string][] = [
      ['mysql://app@db/app', 'another scheme'],
      ['https://db.internal/app', 'another scheme'],
      ['db.internal:5432/app', 'another scheme'],
      ['not a url', 'not a URL'],
      ['postgres://db.internal:99999/app', 'not a URL'],
      ['postgres:///app', 'names no host'],
    ]
    for (const [text, reason] of cases) {
      const issue = issueOf(databaseUrl(), text)
      expect(issue.expected, text).toContain(reason)
      expect(issue.expected).toContain('postgres://user:password@host')
    }
  })

  it('is secret, since URLs carry passwords', () => {
    expect(databaseUrl().isSecret).toBe(true)
  })
})

describe('kafkaBrokers', () => {
  it('reads a comma-separated list in order', () => {
    expect(loadOne(kafkaBrokers(), 'kafka-1:9092, kafka-2:9093')).toEqual([
      'kafka-1:9092',
      'kafka-2:9093',
    ])
    expect(loadOne(kafkaBrokers(), '10.0.0.7:9092,[::1]:19092')).toEqual([
      '10.0.0.7:9092',
      '[::1]:19092',
    ])
  })

  it('says which broker is wrong and why', () => {
    const cases: [string, string][] = [
      ['kafka-1', 'broker 1 of 1 is not host:port'],
      ['kafka-1:9092,,kafka-2:9092', 'broker 2 of 3 is empty'],
      ['kafka-1:9092,kafka-2:0', 'broker 2 of 2 has a port outside'],
      ['kafka-1:70000', 'has a port outside 1-65535'],
      ['kafka 1:9092', 'is not host:port'],
      ['http://kafka:9092', 'is not host:port'],
    ]
    for (const [text, reason] of cases) {
      expect(issueOf(kafkaBrokers(), text).expected, text).toContain(reason)
    }
  })

  it('is not secret', () => {
    expect(kafkaBrokers().isSecret).toBe(false)
  })
})

describe('url', () => {
  it('reads absolute URLs with an allowed scheme', () => {
    expect(loadOne(url(), 'https://crm.example/api')).toBe(
      'https://crm.example/api',
    )
    const httpsOnly = url({ protocols: ['https:'] })
    expect(issueOf(httpsOnly, 'http://crm.example').expected).toBe(
      'an absolute https:// URL',
    )
    expect(issueOf(url(), '/relative/path').code).toBe('invalid')
  })

  it('refuses malformed scheme lists', () => {
    expect(() => url({ protocols: [] })).toThrow(ConfigUsageError)
    expect(() => url({ protocols: ['https'] })).toThrow(ConfigUsageError)
  })
})
