import { renderHook, act } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { registrationDraftActions as actions, useRegistrationDraft } from './registration-drafts-store';

beforeEach(() => actions.contactsLeft([]));

describe('registration drafts', () => {
  it('keeps one draft per contact', () => {
    actions.draftEdited('a', 'telefoon', { onderwerp: 'Paspoort' });
    actions.draftEdited('b', 'chat', { onderwerp: 'Afval' });
    const a = renderHook(() => useRegistrationDraft('a', 'telefoon')).result.current;
    const b = renderHook(() => useRegistrationDraft('b', 'chat')).result.current;
    expect([a.onderwerp, a.kanaal, b.onderwerp, b.kanaal]).toEqual(['Paspoort', 'telefoon', 'Afval', 'chat']);
  });

  it('reuses the pending idempotency key until the outcome is known', () => {
    const first = actions.submitStarted('a', 'telefoon');
    expect(actions.submitStarted('a', 'telefoon')).toBe(first);
    actions.submitRefused('a');
    const second = actions.submitStarted('a', 'telefoon');
    expect(second).not.toBe(first);
    actions.questionRegistered('a');
    expect(actions.submitStarted('a', 'telefoon')).not.toBe(second);
  });

  it('starts the next question with the same kanaal and forgets a registered contact', () => {
    actions.draftEdited('a', 'telefoon', { onderwerp: 'x', kanaal: 'email', gespreksresultaat: 'r' });
    actions.questionRegistered('a');
    const { result } = renderHook(() => useRegistrationDraft('a', 'telefoon'));
    expect(result.current).toMatchObject({ onderwerp: '', kanaal: 'email', gespreksresultaat: '' });
    act(() => actions.contactRegistered('a'));
    expect(result.current.kanaal).toBe('telefoon');
  });

  it('drops drafts of contacts that are no longer mine', () => {
    actions.draftEdited('a', 'telefoon', { onderwerp: 'x' });
    actions.draftEdited('b', 'telefoon', { onderwerp: 'y' });
    actions.contactsLeft(['b']);
    expect(renderHook(() => useRegistrationDraft('a', 'telefoon')).result.current.onderwerp).toBe('');
    expect(renderHook(() => useRegistrationDraft('b', 'telefoon')).result.current.onderwerp).toBe('y');
  });
});
