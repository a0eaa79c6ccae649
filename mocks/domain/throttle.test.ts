// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Throttle } from './throttle';

describe('Throttle', () => {
  const make = () => {
    const clock = { now: 0 };
    return { clock, th: new Throttle({ maxFailures: 5, lockMs: 60_000, maxLockMs: 180_000, now: () => clock.now }) };
  };

  it('locks a key after the fifth failure in a row, for a minute, and lets it try again after', () => {
    const { clock, th } = make();
    expect([1, 2, 3, 4].map(() => th.fail('a'))).toEqual([0, 0, 0, 0]);
    expect(th.left('a')).toBe(1);
    expect(th.retryAfter('a')).toBe(0);
    expect(th.fail('a')).toBe(60);
    expect(th.retryAfter('a')).toBe(60);
    clock.now += 59_500;
    expect(th.retryAfter('a')).toBe(1);
    clock.now += 500;
    expect(th.retryAfter('a')).toBe(0);
  });

  it('doubles each lock-out up to the ceiling; a success forgets the key; keys are apart', () => {
    const { clock, th } = make();
    const lockOut = () => {
      for (let i = 0; i < 4; i++) th.fail('a');
      const s = th.fail('a');
      clock.now += s * 1000;
      return s;
    };
    expect([lockOut(), lockOut(), lockOut(), lockOut()]).toEqual([60, 120, 180, 180]);
    expect(th.retryAfter('b')).toBe(0);
    expect(th.left('b')).toBe(5);
    th.fail('a');
    th.succeed('a');
    expect(th.left('a')).toBe(5);
    expect(lockOut()).toBe(60);
  });
});
