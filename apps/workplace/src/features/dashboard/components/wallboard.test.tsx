import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { belastingen, queue, snapshot } from '../testing/dashboard-fixtures';
import { Wallboard } from './wallboard';

const shown = () => screen.getByTestId('wallboard-queue').dataset.queue;

function mockReducedMotion(reduce: boolean) {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((query: string) => ({
      matches: reduce && query.includes('reduce'),
      media: query,
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
    })),
  );
}

const three = () =>
  snapshot({
    queues: [queue(), belastingen(), queue({ id: 'wmo', name: 'Wmo', waiting: 5, waitingContacts: [] })],
  });

describe('wallboard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    mockReducedMotion(false);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows one queue at a time in large type and moves on every N seconds, round and round', () => {
    render(<Wallboard snapshot={three()} onExit={() => {}} cycleSeconds={8} />);
    expect(shown()).toBe('algemeen');
    expect(screen.getByTestId('wallboard-waiting')).toHaveTextContent('2');
    expect(screen.getByTestId('wallboard-position')).toHaveTextContent('Wachtrij 1 van 3');
    act(() => vi.advanceTimersByTime(7_999));
    expect(shown()).toBe('algemeen');
    act(() => vi.advanceTimersByTime(1));
    expect(shown()).toBe('belastingen');
    act(() => vi.advanceTimersByTime(8_000));
    expect(shown()).toBe('wmo');
    act(() => vi.advanceTimersByTime(8_000));
    expect(shown()).toBe('algemeen');
  });

  it('keeps rotating with the pointer over it and focus inside: the board fills the screen', () => {
    render(<Wallboard snapshot={three()} onExit={() => {}} cycleSeconds={5} />);
    const board = screen.getByTestId('wallboard');
    fireEvent.mouseEnter(board);
    screen.getByRole('button', { name: 'Wallboard sluiten' }).focus();
    act(() => vi.advanceTimersByTime(5_000));
    expect(shown()).toBe('belastingen');
    expect(board).toHaveAttribute('data-paused', 'false');
  });

  it('pauses with the Pauzeren button; Volgende moves on and starts the count anew', () => {
    render(<Wallboard snapshot={three()} onExit={() => {}} cycleSeconds={5} />);
    act(() => vi.advanceTimersByTime(5_000));
    expect(shown()).toBe('belastingen');

    fireEvent.click(screen.getByRole('button', { name: 'Pauzeren' }));
    act(() => vi.advanceTimersByTime(20_000));
    expect(shown()).toBe('belastingen');
    expect(screen.getByRole('button', { name: 'Doorgaan' })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Volgende' }));
    expect(shown()).toBe('wmo');
    fireEvent.click(screen.getByRole('button', { name: 'Doorgaan' }));
    act(() => vi.advanceTimersByTime(4_000));
    fireEvent.click(screen.getByRole('button', { name: 'Vorige' }));
    expect(shown()).toBe('belastingen');
    act(() => vi.advanceTimersByTime(4_999));
    expect(shown()).toBe('belastingen');
    act(() => vi.advanceTimersByTime(1));
    expect(shown()).toBe('wmo');
  });

  it('does not cycle by itself when the user prefers reduced motion', () => {
    mockReducedMotion(true);
    render(<Wallboard snapshot={three()} onExit={() => {}} cycleSeconds={5} />);
    act(() => vi.advanceTimersByTime(60_000));
    expect(shown()).toBe('algemeen');
    fireEvent.click(screen.getByRole('button', { name: 'Doorgaan' }));
    act(() => vi.advanceTimersByTime(5_000));
    expect(shown()).toBe('belastingen');
  });

  it('shows the service level with its judgement in words, and the staffing advice', () => {
    render(<Wallboard snapshot={three()} onExit={() => {}} />);
    const board = screen.getByTestId('wallboard-queue');
    expect(board).toHaveTextContent('78 %');
    expect(board).toHaveTextContent('Net onder norm');
    expect(board).toHaveTextContent('Voor 80 % binnen 30 s nu nodig: 7, beschikbaar: 5');
  });

  it('closes with "Wallboard sluiten"', () => {
    const onExit = vi.fn();
    render(<Wallboard snapshot={three()} onExit={onExit} />);
    fireEvent.click(screen.getByRole('button', { name: 'Wallboard sluiten' }));
    expect(onExit).toHaveBeenCalledOnce();
  });
});
