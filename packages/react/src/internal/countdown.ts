/**
 * Calls `onTick` with the whole seconds left until `deadline` (epoch ms on the `now` clock), right
 * away and then on each second boundary, and `onExpire` once it is reached. Returns `stop`.
 * @example
 * const stop = countdown(Date.now() + 5000, Date.now, (s) => console.log(s), () => console.log("expired"))
 */
export const countdown = (
  deadline: number,
  now: () => number,
  onTick: (secondsLeft: number) => void,
  onExpire: () => void
): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const tick = () => {
    const left = deadline - now()
    onTick(Math.max(0, Math.ceil(left / 1000)))
    if (left <= 0) return onExpire()
    timer = setTimeout(tick, left % 1000 || 1000)
  }
  tick()
  return () => clearTimeout(timer)
}
