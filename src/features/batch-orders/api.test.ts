import { describe, expect, it } from 'vitest';
import type { BatchOrderDetail } from '../../api/types';
import { secondsLeft, toView } from './api';
import { progressText } from './OrderPage';

const order = (patch: Partial<BatchOrderDetail>): BatchOrderDetail => ({
  id: 'bo-0013',
  type: 'produce-cards',
  status: 'Running',
  itemCount: 5000,
  processedCount: 0,
  failedCount: 0,
  doneCount: 0,
  skippedCount: 0,
  createdAt: '2026-11-01T08:00:00.000Z',
  createdBy: { id: 'p-1', displayName: 'Sofia Åberg' },
  version: 1,
  startedAt: '2026-11-01T08:00:00.000Z',
  finishedAt: null,
  allowedActions: ['cancel'],
  items: [],
  ...patch,
});

describe('order progress', () => {
  it('has no time left until a rate was observed in this run', () => {
    const first = toView(order({ processedCount: 1000 }), undefined, 10_000);
    expect(first.runObserved).toEqual({ at: 10_000, processed: 1000 });
    expect(secondsLeft(first)).toBeNull();
    expect(progressText(first)).toBe('1,000 of 5,000 · 0 failed');
  });

  it('estimates the time left from the rate seen since the run was first observed', () => {
    const first = toView(order({ processedCount: 1000 }), undefined, 10_000);
    const second = toView(order({ processedCount: 1250, failedCount: 12 }), first, 12_500);
    const third = toView(order({ processedCount: 1500, failedCount: 12 }), second, 15_000);
    // 500 items in 5 s: 100 per second, 3,500 left.
    expect(third.runObserved).toEqual({ at: 10_000, processed: 1000 });
    expect(secondsLeft(third)).toBeCloseTo(35);
    expect(progressText(third)).toBe('1,500 of 5,000 · 12 failed · about 35 s left');
    const slow = toView(order({ processedCount: 1010 }), first, 20_000);
    expect(progressText(slow)).toBe('1,010 of 5,000 · 0 failed · about 67 min left');
  });

  it('starts a new observation when a run starts again, and none once it ended', () => {
    const finished = toView(order({ status: 'Finished', processedCount: 5000 }), undefined, 1000);
    expect(finished.runObserved).toBeNull();
    const repeat = toView(order({ status: 'Running', processedCount: 4900 }), finished, 2000);
    expect(repeat.runObserved).toEqual({ at: 2000, processed: 4900 });
    expect(secondsLeft(toView(order({ status: 'Finished', processedCount: 5000 }), repeat, 3000))).toBeNull();
  });
});
