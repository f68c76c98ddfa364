import { describe, expect, it } from 'vitest';
import { expectClose } from '../stats/testing/close.ts';
import { followUp, poissonInterval } from './estimate.ts';

describe('followUp: years from first sighting, censored at the data date', () => {
  it('an event at its date; no event, or an event after the data date, censored there; later sightings left out; negative times clamp to 0', () => {
    const { time, event } = followUp(
      [
        { start: '2020-01-01', event: true, eventDate: '2021-01-01' },
        { start: '2020-01-01', event: false, eventDate: null },
        { start: '2020-01-01', event: true, eventDate: '2023-01-01' },
        { start: '2022-06-01', event: false, eventDate: null },
        { start: '2021-06-01', event: true, eventDate: '2021-01-01' },
      ],
      '2022-01-01',
    );
    expect(event).toEqual([1, 0, 0, 1]);
    expectClose(time[0]!, 366 / 365.25, 1e-15);
    expectClose(time[1]!, 731 / 365.25, 1e-15);
    expectClose(time[2]!, 731 / 365.25, 1e-15);
    expect(time[3]).toBe(0);
  });
});

describe('poissonInterval: exact (Garwood), as R poisson.test(x)$conf.int', () => {
  it('x = 0, 1, 2, 5', () => {
    expect(poissonInterval(0).lower).toBe(0);
    expectClose(poissonInterval(0).upper, 3.6888794541139354, 1e-12);
    expectClose(poissonInterval(1).lower, 0.025317807984289897, 1e-12);
    expectClose(poissonInterval(1).upper, 5.5716433909388989, 1e-12);
    expectClose(poissonInterval(5).lower, 1.6234863901184209, 1e-12);
    expectClose(poissonInterval(5).upper, 11.668332079322667, 1e-12);
  });
});
