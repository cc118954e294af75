import { describe, expect, it } from '@jest/globals'
import { systemClock } from '../src/clock.js'
import { Cancelled, DeadlineExceeded, raceSignal, startDeadline, stopCause } from '../src/deadline.js'
import { FakeClock } from './support/fakes.js'

describe('startDeadline', () => {
  it('aborts with DeadlineExceeded when the time is up, and a sleep ends at the deadline', async () => {
    const clock = new FakeClock(0)
    const deadline = startDeadline(clock, 30_000, new AbortController().signal, 'ingestion_timeout_minutes = 0.5')
    await clock.sleep(10_000, deadline.signal)
    expect(deadline.left()).toBe(20_000)
    await expect(clock.sleep(60_000, deadline.signal)).rejects.toBeInstanceOf(DeadlineExceeded)
    expect(clock.now()).toBe(30_000)
    expect(stopCause(deadline.signal)?.message).toBe('the time allowed by ingestion_timeout_minutes = 0.5 ran out')
  })

  it('aborts with Cancelled as soon as the run is cancelled', async () => {
    const cancel = new AbortController()
    const deadline = startDeadline(systemClock, 60_000, cancel.signal, 'a minute')
    const sleeping = systemClock.sleep(60_000, deadline.signal)
    cancel.abort(new Cancelled('SIGINT'))
    await expect(sleeping).rejects.toBeInstanceOf(Cancelled)
    expect(stopCause(deadline.signal)).toMatchObject({ name: 'Cancelled', signalName: 'SIGINT' })
  })

  it('aborts on the wall clock too', async () => {
    const deadline = startDeadline(systemClock, 20, new AbortController().signal, '20 ms')
    await expect(systemClock.sleep(5_000, deadline.signal)).rejects.toBeInstanceOf(DeadlineExceeded)
  })
})

describe('raceSignal', () => {
  it('rejects with the reason when the signal aborts first, and passes the value through otherwise', async () => {
    const controller = new AbortController()
    const never = new Promise<string>(() => undefined)
    const racing = raceSignal(never, controller.signal)
    controller.abort(new Cancelled('SIGTERM'))
    await expect(racing).rejects.toBeInstanceOf(Cancelled)
    await expect(raceSignal(Promise.resolve('token'), new AbortController().signal)).resolves.toBe('token')
  })
})
