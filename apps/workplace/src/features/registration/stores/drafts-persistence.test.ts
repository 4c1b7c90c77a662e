import { afterEach, describe, expect, it } from 'vitest';
import { conversationActions } from '../../conversation/stores/conversation-store';
import { registrationDraftActions } from './registration-drafts-store';

const stored = (key: string): unknown => JSON.parse(sessionStorage.getItem(key) ?? 'null');

describe('drafts kept across a reload', () => {
  afterEach(() => {
    registrationDraftActions.contactsLeft([]);
    conversationActions.sessionEnded();
  });

  it('keeps registration drafts per contact in sessionStorage until registered', () => {
    registrationDraftActions.draftEdited('c-1', 'telefoon', { onderwerp: 'Afvalpas' });
    registrationDraftActions.draftEdited('c-2', 'email', { onderwerp: 'Paspoort' });
    expect(stored('kcc-registration-drafts')).toMatchObject({
      state: { drafts: { 'c-1': { onderwerp: 'Afvalpas' }, 'c-2': { onderwerp: 'Paspoort' } } },
    });
    registrationDraftActions.contactRegistered('c-1');
    const { drafts } = (stored('kcc-registration-drafts') as { state: { drafts: Record<string, unknown> } })
      .state;
    expect(Object.keys(drafts)).toEqual(['c-2']);
  });

  it('keeps the unsent reply per contact until it is sent, and forgets all at the end of the session', () => {
    conversationActions.composerEdited('c-1', 'Goedemiddag');
    expect(stored('kcc-reply-drafts')).toMatchObject({ state: { composer: { 'c-1': 'Goedemiddag' } } });
    conversationActions.messageSent('c-1');
    expect(stored('kcc-reply-drafts')).toMatchObject({ state: { composer: {} } });
    conversationActions.composerEdited('c-2', 'Nog een');
    conversationActions.sessionEnded();
    expect(stored('kcc-reply-drafts')).toMatchObject({ state: { composer: {} } });
  });
});
