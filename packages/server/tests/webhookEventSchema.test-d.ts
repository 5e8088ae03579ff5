import { expectTypeOf, test } from 'vitest'
import type { DeliveryEvent } from '../src/delivery/destinationAdapter'
import type { WebhookEvent } from '../src/delivery/webhookEventSchema'

/** zod types an optional key as `key?: T | undefined`; the interfaces write `key?: T`. */
type Optional<T> = T extends readonly (infer U)[]
  ? Optional<U>[]
  : T extends object
    ? { [K in keyof T]: Optional<Exclude<T[K], undefined>> }
    : T

test('the documented webhook body is exactly what the worker sends: the event without its id', () => {
  expectTypeOf<Omit<DeliveryEvent, 'id'>>().toExtend<WebhookEvent>()
  expectTypeOf<Optional<WebhookEvent>>().toEqualTypeOf<Optional<Omit<DeliveryEvent, 'id'>>>()
})
