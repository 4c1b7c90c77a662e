import * as contract from '@kcc/contracts/ipc';
import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, PUSH_CHANNELS } from './channels';

describe('preload channel lists', () => {
  it('match the contract exactly', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual([...contract.INVOKE_CHANNELS].sort());
    expect([...PUSH_CHANNELS].sort()).toEqual([...contract.PUSH_CHANNELS].sort());
  });
});
