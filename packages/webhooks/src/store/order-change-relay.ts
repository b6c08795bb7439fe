import type { OrderChange, OrderEventBus } from "../events/order-event-bus.js"
import type { Order } from "../order.js"
import type { AnnouncedChange } from "./sql-order-listener.js"

/** How many orders' last published versions are remembered to drop echoes and repeats. */
const REMEMBERED = 10_000

/**
 * Publishes each order version once on the local bus, whether it comes from this process's own
 * write or from the database's announcement (another server's write, or this one's echo).
 * Announcements are loaded only for orders somebody here listens to.
 */
export const createOrderChangeRelay = (
  events: OrderEventBus,
  load: (orderId: string) => Promise<Order | undefined>
) => {
  const published = new Map<string, number>()

  const publish = (change: OrderChange): void => {
    const last = published.get(change.orderId) ?? 0
    if (change.order.version <= last) return
    published.delete(change.orderId)
    published.set(change.orderId, change.order.version)
    if (published.size > REMEMBERED) published.delete(published.keys().next().value as string)
    events.publish(change)
  }

  const listened = (orderId: string): boolean =>
    events.listenerCount(orderId) > 0 || events.listenerCount() > totalPerOrder()

  const totalPerOrder = (): number =>
    (events.subscribedOrderIds?.() ?? []).reduce((sum, orderId) => sum + events.listenerCount(orderId), 0)

  const republish = async (orderId: string): Promise<void> => {
    const order = await load(orderId)
    const transition = order?.history[order.history.length - 1]
    if (order !== undefined && transition !== undefined) publish({ orderId, order, transition })
  }

  return {
    publish,
    /** A change announced by the database. */
    async announced(change: AnnouncedChange): Promise<void> {
      if ((published.get(change.orderId) ?? 0) >= change.version || !listened(change.orderId)) return
      await republish(change.orderId)
    },
    /** After (re)connecting: what was missed meanwhile reaches the open streams as their current state. */
    async resync(): Promise<void> {
      for (const orderId of events.subscribedOrderIds?.() ?? []) await republish(orderId)
    }
  }
}
