export interface RateLimitOptions {
  /** Length of one window in milliseconds (default 60 000). */
  windowMs?: number
  /** Requests per visitor per window (default 60). */
  perVisitor?: number
  /** Requests per IP address per window (default 600: many visitors can share an office IP). */
  perIp?: number
}

export interface RateLimitDecision {
  allowed: boolean
  /** Seconds until the window that refused the request ends. */
  retryAfter: number
}

export interface RateLimiter {
  /** Counts one request for every key; refused when any key is over its limit. */
  hit(keys: { visitor?: string | undefined; ip: string }, now: number): RateLimitDecision
  /** Number of tracked keys (for tests and metrics). */
  size(): number
}

interface Window {
  start: number
  count: number
}

/** Tracked keys above which expired windows are swept on the next request. */
const sweepAbove = 10_000

/**
 * Fixed-window counters in this process's memory. With several instances behind a load
 * balancer each keeps its own counters, so the effective limit is the limit times the number
 * of instances; put a shared limiter in the proxy or gateway when that matters.
 */
export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const windowMs = options.windowMs ?? 60_000
  const limits = { visitor: options.perVisitor ?? 60, ip: options.perIp ?? 600 }
  const windows = new Map<string, Window>()

  const count = (key: string, now: number): Window => {
    let window = windows.get(key)
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 }
      windows.set(key, window)
    }
    window.count++
    return window
  }

  const sweep = (now: number) => {
    if (windows.size <= sweepAbove) return
    for (const [key, window] of windows) {
      if (now - window.start >= windowMs) windows.delete(key)
    }
  }

  return {
    hit(keys, now) {
      sweep(now)
      const checks: [Window, number][] = [[count(`ip:${keys.ip}`, now), limits.ip]]
      if (keys.visitor) checks.push([count(`visitor:${keys.visitor}`, now), limits.visitor])
      let retryAfter = 0
      for (const [window, limit] of checks) {
        if (window.count > limit) {
          retryAfter = Math.max(retryAfter, Math.ceil((window.start + windowMs - now) / 1000))
        }
      }
      return { allowed: retryAfter === 0, retryAfter }
    },
    size: () => windows.size,
  }
}
