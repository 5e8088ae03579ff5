import { describe, expect, it, vi } from 'vitest'
import { memoryStorage } from '../../src/runtime/memoryStorage'

describe('memoryStorage', () => {
  it('stores, reads and removes text by key, starting from the given items', () => {
    const storage = memoryStorage({ a: '1' })
    expect(storage.getItem('a')).toBe('1')
    expect(storage.getItem('b')).toBeNull()
    storage.setItem('b', '2')
    expect(storage.getItem('b')).toBe('2')
    storage.removeItem('a')
    expect(storage.getItem('a')).toBeNull()
  })

  it('keeps separate instances apart', () => {
    const one = memoryStorage()
    one.setItem('k', 'v')
    expect(memoryStorage().getItem('k')).toBeNull()
  })

  it('notifies subscribers of a key on real changes only, until they unsubscribe', () => {
    const storage = memoryStorage()
    const onK = vi.fn()
    const onOther = vi.fn()
    const stop = storage.subscribe!('k', onK)
    storage.subscribe!('other', onOther)
    storage.setItem('k', 'v')
    storage.setItem('k', 'v')
    storage.removeItem('k')
    storage.removeItem('k')
    expect(onK).toHaveBeenCalledTimes(2)
    expect(onOther).not.toHaveBeenCalled()
    stop()
    storage.setItem('k', 'w')
    expect(onK).toHaveBeenCalledTimes(2)
  })
})
