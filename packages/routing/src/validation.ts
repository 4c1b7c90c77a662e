import { RoutingError } from './errors';
import { ALL_CHANNELS } from './records';
import type { AgentConfig, ContactInput, QueueConfig } from './types';

const CHANNEL_SET: ReadonlySet<string> = new Set(ALL_CHANNELS);

function fail(code: 'invalid_config' | 'invalid_input', message: string): never {
  throw new RoutingError(code, message);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function requireId(value: unknown, what: string, code: 'invalid_config' | 'invalid_input'): void {
  if (typeof value !== 'string' || value.length === 0) fail(code, `${what} must be a non-empty string`);
}

export function validateQueue(queue: QueueConfig): void {
  requireId(queue.id, 'queue.id', 'invalid_config');
  const where = `queue '${queue.id}'`;
  if (!Array.isArray(queue.channels) || queue.channels.some((c) => !CHANNEL_SET.has(c))) {
    fail('invalid_config', `${where}: channels must be known channel names`);
  }
  if (!isFiniteNumber(queue.priority)) fail('invalid_config', `${where}: priority must be a finite number`);
  if (!isFiniteNumber(queue.acceptTimeoutMs) || queue.acceptTimeoutMs <= 0) {
    fail('invalid_config', `${where}: acceptTimeoutMs must be > 0`);
  }
  if (!isFiniteNumber(queue.wrapUpMs) || queue.wrapUpMs < 0)
    fail('invalid_config', `${where}: wrapUpMs must be >= 0`);
  for (const requirement of queue.requiredSkills ?? []) {
    if (typeof requirement.skill !== 'string' || !isFiniteNumber(requirement.minLevel)) {
      fail('invalid_config', `${where}: each required skill needs a name and a finite minLevel`);
    }
  }
  if (queue.overflow) {
    requireId(queue.overflow.toQueueId, `${where}: overflow.toQueueId`, 'invalid_config');
    if (queue.overflow.toQueueId === queue.id) fail('invalid_config', `${where}: cannot overflow to itself`);
    if (!isFiniteNumber(queue.overflow.afterMs) || queue.overflow.afterMs <= 0) {
      fail('invalid_config', `${where}: overflow.afterMs must be > 0`);
    }
  }
}

export function validateAgent(agent: AgentConfig): void {
  requireId(agent.id, 'agent.id', 'invalid_config');
  const where = `agent '${agent.id}'`;
  for (const [channel, capacity] of Object.entries(agent.capacity ?? {})) {
    if (!CHANNEL_SET.has(channel))
      fail('invalid_config', `${where}: unknown channel '${channel}' in capacity`);
    if (!Number.isInteger(capacity) || (capacity as number) < 0) {
      fail('invalid_config', `${where}: capacity for ${channel} must be an integer >= 0`);
    }
  }
  for (const [skill, level] of Object.entries(agent.skills ?? {})) {
    if (!isFiniteNumber(level)) fail('invalid_config', `${where}: skill '${skill}' needs a finite level`);
  }
}

export function validateContact(contact: ContactInput): void {
  requireId(contact.id, 'contact.id', 'invalid_input');
  const where = `contact '${contact.id}'`;
  if (!CHANNEL_SET.has(contact.channel))
    fail('invalid_input', `${where}: unknown channel '${contact.channel}'`);
  if (!isFiniteNumber(contact.arrivedAt))
    fail('invalid_input', `${where}: arrivedAt must be a finite number`);
  for (const key of ['priority', 'dueAt', 'notBefore'] as const) {
    const value = contact[key];
    if (value !== undefined && !isFiniteNumber(value))
      fail('invalid_input', `${where}: ${key} must be finite`);
  }
}
