/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, synchronous and without dependencies, so that
 * `applySubmission` stays a pure synchronous function in browsers, workers and Node alike.
 * It hashes the UTF-8 bytes of a string and returns 64 lowercase hex digits, exactly what
 * `crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))` gives (tested against it).
 * The server reuses it to store and look up consent texts by hash.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])

const INITIAL = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n))

/** SHA-256 of a string (hashed as UTF-8) or of raw bytes, as 64 lowercase hex digits. */
export function sha256(input: string | Uint8Array): string {
  // TextEncoder exists in browsers, workers and Node; lone surrogates become U+FFFD.
  const data = typeof input === 'string' ? new TextEncoder().encode(input) : input
  // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian integer.
  const blocks = Math.ceil((data.length + 9) / 64)
  const padded = new Uint8Array(blocks * 64)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  const bits = data.length * 8
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000))
  view.setUint32(padded.length - 4, bits >>> 0)

  const h = Uint32Array.from(INITIAL)
  const w = new Uint32Array(64)
  // Typed-array reads are always in range here; `?? 0` only satisfies the index checks.
  const at = (array: Uint32Array, index: number): number => array[index] ?? 0
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(offset + t * 4)
    for (let t = 16; t < 64; t++) {
      const w15 = at(w, t - 15)
      const w2 = at(w, t - 2)
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3)
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10)
      w[t] = at(w, t - 16) + s0 + at(w, t - 7) + s1
    }
    let a = at(h, 0)
    let b = at(h, 1)
    let c = at(h, 2)
    let d = at(h, 3)
    let e = at(h, 4)
    let f = at(h, 5)
    let g = at(h, 6)
    let hh = at(h, 7)
    for (let t = 0; t < 64; t++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
      const ch = (e & f) ^ (~e & g)
      const t1 = (hh + s1 + ch + at(K, t) + at(w, t)) >>> 0
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
      const maj = (a & b) ^ (a & c) ^ (b & c)
      hh = g
      g = f
      f = e
      e = (d + t1) >>> 0
      d = c
      c = b
      b = a
      a = (t1 + s0 + maj) >>> 0
    }
    // Uint32Array stores modulo 2^32.
    h[0] = at(h, 0) + a
    h[1] = at(h, 1) + b
    h[2] = at(h, 2) + c
    h[3] = at(h, 3) + d
    h[4] = at(h, 4) + e
    h[5] = at(h, 5) + f
    h[6] = at(h, 6) + g
    h[7] = at(h, 7) + hh
  }
  return Array.from(h, (word) => word.toString(16).padStart(8, '0')).join('')
}
