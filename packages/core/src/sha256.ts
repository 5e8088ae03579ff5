/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, synchronous and without dependencies, so that
 * `applySubmission` stays a pure synchronous function in browsers, workers and Node alike.
 * It hashes the UTF-8 bytes of a string and returns 64 lowercase hex digits, exactly what
 * `crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))` gives (tested against it).
 * The server reuses it to store and look up consent texts by hash.
 */

/** The first 32 bits of the fractional part of a number. */
const fraction32 = (x: number): number => ((x - Math.floor(x)) * 2 ** 32) >>> 0

/** The first 64 prime numbers. */
const primes: number[] = []
for (let n = 2; primes.length < 64; n++) {
  if (primes.every((prime) => n % prime !== 0)) primes.push(n)
}

/** The round constants: the cube roots of the first 64 primes (FIPS 180-4, 4.2.2). */
const K = Uint32Array.from(primes, (prime) => fraction32(Math.cbrt(prime)))

/** The initial hash value: the square roots of the first 8 primes (FIPS 180-4, 5.3.3). */
const INITIAL = Uint32Array.from(primes.slice(0, 8), (prime) => fraction32(Math.sqrt(prime)))

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n))

/** Typed-array reads are always in range here; `?? 0` only satisfies the index checks. */
const at = (array: Uint32Array, index: number): number => array[index] ?? 0

/** SHA-256 of a string (hashed as UTF-8) or of raw bytes, as 64 lowercase hex digits. */
export function sha256(input: string | Uint8Array): string {
  // TextEncoder exists in browsers, workers and Node; lone surrogates become U+FFFD.
  const data = typeof input === 'string' ? new TextEncoder().encode(input) : input
  // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian integer.
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  const bits = data.length * 8
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32))
  view.setUint32(padded.length - 4, bits >>> 0)

  const hash = INITIAL.slice()
  const w = new Uint32Array(64)
  for (let offset = 0; offset < padded.length; offset += 64) {
    // The defaults only satisfy the index checks: `hash` always has 8 words.
    let [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = hash
    for (let t = 0; t < 64; t++) {
      if (t < 16) {
        w[t] = view.getUint32(offset + t * 4)
      } else {
        const w15 = at(w, t - 15)
        const w2 = at(w, t - 2)
        const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3)
        const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10)
        w[t] = at(w, t - 16) + s0 + at(w, t - 7) + s1
      }
      const t1 =
        h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + at(K, t) + at(w, t)
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))
      h = g
      g = f
      f = e
      e = (d + t1) >>> 0
      d = c
      c = b
      b = a
      a = (t1 + t2) >>> 0
    }
    // Uint32Array stores modulo 2^32.
    hash.set([a, b, c, d, e, f, g, h].map((word, i) => word + at(hash, i)))
  }
  return Array.from(hash, (word) => word.toString(16).padStart(8, '0')).join('')
}
